"""Small files of each kind the library takes or refuses, built in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32) + b"\xff\xd9"
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + bytes(120)
MZ_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120)
OLD_WORD_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(120)


def zipped(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


DOCX_BYTES = zipped("[Content_Types].xml", "_rels/.rels", "word/document.xml")
PPTX_BYTES = zipped("[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml")
DOCM_BYTES = zipped("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")
PLAIN_ZIP_BYTES = zipped("notes.txt")


def upload(content: bytes, name: str = "resource.pdf", content_type: str = "application/pdf"):
    """An upload as a browser sends it: the name and type are the uploader's claim only."""
    return SimpleUploadedFile(name, content, content_type=content_type)
