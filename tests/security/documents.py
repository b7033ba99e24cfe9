"""Reading what a download says: the text of CSVs, and of PDFs with their metadata."""

import csv
import io
import zipfile

from pypdf import PdfReader
from pypdf.errors import PdfReadError


def pdf_text(body: bytes) -> str:
    """Every page's text and every metadata value (title, author, subject, keywords…)."""
    try:
        reader = PdfReader(io.BytesIO(body))
    except PdfReadError:
        # Not a PDF pypdf can open (an uploaded receipt is whatever was uploaded): its bytes.
        return body.decode("latin-1")
    pages = "\n".join(page.extract_text() or "" for page in reader.pages)
    metadata = "\n".join(f"{key} {value}" for key, value in (reader.metadata or {}).items())
    return f"{pages}\n{metadata}"


def csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def files_in(body: bytes, name: str) -> list[tuple[str, bytes]]:
    """(name, bytes) of the files a download holds: itself, or each member of a ZIP
    (an export of someone's data, say), so nothing hides behind the compression."""
    if not body.startswith(b"PK\x03\x04"):
        return [(name, body)]
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return [
            (info.filename, archive.read(info)) for info in archive.infolist() if not info.is_dir()
        ]


def readable_text(page) -> str:
    """What a person could read in a fetched page or download, lower-cased."""
    texts = [
        pdf_text(body) if body.startswith(b"%PDF-") else body.decode("utf-8", errors="replace")
        for _, body in files_in(page.body, page.url)
    ]
    return "\n".join(texts).lower()
