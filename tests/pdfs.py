"""Reading a built PDF the way its reader meets it: page by page, from its tagged structure.

Every PDF the platform makes is tagged (PDF/UA), so its structure tree says which words
are headings, which are table rows and on which page each lies. `page_break_problems`
uses it to find what a reader should never see: a heading (or a table's caption) last on
a page, apart from what it heads, and a table that runs on to another page leaving fewer
than `MINIMUM_ROWS` of its rows on either side of the break.
"""

import io
import subprocess
from dataclasses import dataclass, field

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NumberObject

from partnerships.pdf import html_to_pdf
from resources.reports import documents

MINIMUM_ROWS = 3
HEADINGS = {"/H1", "/H2", "/H3", "/H4", "/H5", "/H6"}


@dataclass
class _Mark:
    """A piece of content, and the structure elements it sits in (outermost first)."""

    page: int
    path: tuple[tuple[str, int], ...]

    def inside(self, tag: str) -> int | None:
        """The id of the innermost element with this tag that holds the mark."""
        return next((ident for name, ident in reversed(self.path) if name == tag), None)

    @property
    def tags(self) -> set[str]:
        return {name for name, _ in self.path}


@dataclass
class _Page:
    number: int
    marks: list[_Mark] = field(default_factory=list)

    def body_rows(self, table_id: int) -> int:
        return len(
            {
                mark.inside("/TR")
                for mark in self.marks
                if mark.inside("/Table") == table_id and "/TBody" in mark.tags
            }
        )


def _download(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF-"), url
    return body


def every_kind(*, area, version, session, lead, funder) -> dict[str, bytes]:
    """Each kind of PDF about `area`, built as its reader gets it (the learning brief as
    `funder` sees it, the others as `lead` does)."""
    client = Client()
    client.force_login(lead)
    on = timezone.localdate().isoformat()
    pdfs = {
        "case study": html_to_pdf(documents.case_study_document(version).html)[0],
        "progress report": html_to_pdf(documents.area_progress_document(area).html)[0],
        "programme report": html_to_pdf(documents.programme_document(area.cohort).html)[0],
        "statements as of a date": _download(
            client, f"{reverse('areas:statements-as-of-pdf')}?on={on}&area={area.slug}"
        ),
        "session notes": _download(
            client, reverse("workshops:session-notes-pdf", args=[area.slug, session.pk])
        ),
    }
    client.force_login(funder)
    pdfs["learning brief"] = _download(client, reverse("learning:brief-pdf"))
    return pdfs


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _marks(reader: PdfReader) -> list[_Mark]:
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    marks: list[_Mark] = []

    def visit(element, path, page):
        element = _resolve(element)
        if not isinstance(element, DictionaryObject):
            return
        if "/Pg" in element:
            page = pages[element.raw_get("/Pg").idnum]
        kids = element.get("/K")
        if kids is None:
            return
        here = (*path, (str(element.get("/S")), id(element)))
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            resolved = _resolve(kid)
            if isinstance(resolved, NumberObject | int):
                marks.append(_Mark(page, here))
            elif isinstance(resolved, DictionaryObject) and resolved.get("/Type") == "/MCR":
                marks.append(_Mark(pages.get(resolved.raw_get("/Pg").idnum, page), here))
            elif isinstance(resolved, DictionaryObject) and resolved.get("/Type") != "/OBJR":
                visit(resolved, here, page)

    visit(reader.trailer["/Root"]["/StructTreeRoot"], (), 0)
    return marks


def _pages(pdf: bytes) -> list[_Page]:
    reader = PdfReader(io.BytesIO(pdf))
    pages = [_Page(number) for number in range(1, len(reader.pages) + 1)]
    for mark in _marks(reader):
        pages[mark.page].marks.append(mark)
    return [page for page in pages if page.marks]


def _ends_with_heading(mark: _Mark) -> bool:
    # A table's caption heads the table as a heading heads its section.
    return bool(mark.tags & HEADINGS) or ("/Caption" in mark.tags and "/Table" in mark.tags)


def page_break_problems(pdf: bytes) -> list[str]:
    """Every heading left last on a page, and every table split leaving a stub."""
    problems = []
    pages = _pages(pdf)
    for page, following in zip(pages, [*pages[1:], None], strict=True):
        last = page.marks[-1]
        if _ends_with_heading(last):
            problems.append(f"page {page.number} ends with a heading")
        table = last.inside("/Table")
        if following is None or table is None:
            continue
        continued = following.marks[0].inside("/Table")
        if continued is None:
            continue
        before, after = page.body_rows(table), following.body_rows(continued)
        if min(before, after) < MINIMUM_ROWS:
            problems.append(
                f"a table breaks from page {page.number} ({before} rows) "
                f"to page {following.number} ({after} rows)"
            )
    return problems


def first_table_page(pdf: bytes) -> int | None:
    """The number of the first page with any part of a table on it."""
    return next(
        (page.number for page in _pages(pdf) if any("/Table" in m.tags for m in page.marks)),
        None,
    )


def pdfinfo(pdf: bytes) -> dict[str, str]:
    """What poppler's pdfinfo says of a PDF: Title, Tagged, Pages…"""
    output = subprocess.run(
        ["pdfinfo", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in output.splitlines())
    }


def language(pdf: bytes) -> str:
    return str(PdfReader(io.BytesIO(pdf)).trailer["/Root"].get("/Lang", ""))


def figure_alternatives(pdf: bytes) -> list[str]:
    """The text alternative of every figure (chart, image) the PDF tags, "" where none."""
    reader = PdfReader(io.BytesIO(pdf))
    found = []

    def visit(element):
        element = _resolve(element)
        if not isinstance(element, DictionaryObject):
            return
        if element.get("/S") == "/Figure":
            found.append(str(element.get("/Alt", "")))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, ArrayObject) else [kids] if kids else []:
            visit(kid)

    visit(reader.trailer["/Root"]["/StructTreeRoot"])
    return found
