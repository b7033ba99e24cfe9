"""What an uploaded file really is, read from its first bytes.

A file's name and the type the browser sends are whatever the uploader says; only the
bytes decide. Anything that is not one of the few document and image formats the library
keeps is refused with a message that says what was wrong.
"""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

from partnerships.uploads import hides_markup


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str
    label: str


PDF = FileKind("application/pdf", "pdf", "PDF")
DOCX = FileKind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
    "Word document",
)
PPTX = FileKind(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pptx",
    "PowerPoint presentation",
)
PNG = FileKind("image/png", "png", "PNG image")
JPEG = FileKind("image/jpeg", "jpg", "JPEG image")
KINDS = {kind.content_type: kind for kind in (PDF, DOCX, PPTX, PNG, JPEG)}

ACCEPTED_TYPES = "PDF, Word document (DOCX), PowerPoint presentation (PPTX), PNG or JPEG"
ACCEPTED = f"a {ACCEPTED_TYPES}"

# Executables for Linux (ELF), Windows (MZ), macOS (Mach-O, both byte orders and the
# universal format) and scripts (#!).
_PROGRAM_SIGNATURES = (
    b"\x7fELF",
    b"MZ",
    b"#!",
    b"\xca\xfe\xba\xbe",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
)
# The container of Office 97–2003 files (.doc, .ppt, .xls).
_OLD_OFFICE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def megabytes(size: int) -> str:
    return f"{size / 1_048_576:g} MB"


def identify(upload) -> FileKind:
    """The kind of file `upload` is, or a ValidationError saying why it cannot be kept."""
    limit = settings.RESOURCE_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"The selected file must be smaller than {megabytes(limit)}", code="too_big"
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    kind = _kind(head, upload)
    if hides_markup(upload):
        raise ValidationError(
            f"The selected file has a web page or script inside it. Upload {ACCEPTED} file",
            code="markup",
        )
    return kind


def _kind(head: bytes, upload) -> FileKind:
    """The kind the first bytes say the file is, or a ValidationError saying why not."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_document(upload)
    if head.startswith(_PROGRAM_SIGNATURES):
        raise ValidationError(
            f"The selected file is a program, not a document. Upload {ACCEPTED} file",
            code="program",
        )
    if head.startswith(_OLD_OFFICE_SIGNATURE):
        raise ValidationError(
            "The selected file is in an old Office format. Save it as a DOCX or PPTX, "
            "or as a PDF, and upload that",
            code="old_office",
        )
    raise ValidationError(f"The selected file must be {ACCEPTED}", code="file_type")


def _office_document(upload) -> FileKind:
    """A Word or PowerPoint file, told apart by the parts listed in its ZIP directory.

    Only the directory is read, never a member, so a compressed bomb costs nothing.
    """
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ValidationError(
            f"The selected file is damaged or not {ACCEPTED} file", code="damaged"
        ) from error
    finally:
        upload.seek(0)
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(
            "The selected file contains macros. Save it without macros (as a DOCX or PPTX) "
            "and upload that",
            code="macros",
        )
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return DOCX
        if "ppt/presentation.xml" in names:
            return PPTX
    raise ValidationError(
        f"The selected file is a ZIP archive. Upload {ACCEPTED} file on its own",
        code="archive",
    )
