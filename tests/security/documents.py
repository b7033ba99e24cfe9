"""Reading what a download says: the text of CSVs, and of PDFs with their metadata."""

import csv
import io

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


def readable_text(page) -> str:
    """What a person could read in a fetched page or download, lower-cased."""
    if page.is_pdf:
        return pdf_text(page.body).lower()
    return page.body.decode("utf-8", errors="replace").lower()
