"""The three PDFs: what they say, what they never say, and what they may load."""

import http.server
import io
import re
import threading

import pytest
from pypdf import PdfReader

from areas.models import Consent
from partnerships.pdf import html_to_pdf, static_files_fetcher
from resources.casestudies import services
from resources.casestudies.models import SECTIONS
from resources.reports import documents
from tests.factories import AreaFactory
from tests.resources.casestudies.conftest import pdf_metadata, pdf_text
from tests.resources.casestudies.story import (
    DONE_ACTION,
    INDICATOR_NAMES,
    PRIVATE,
    SHARED_EVIDENCE,
    SHARED_QUOTE,
    tell_story,
)
from workshops.models import Insight


def _pdf(document):
    return html_to_pdf(document.html)


def _assert_private_data_absent(pdf: bytes):
    text = pdf_text(pdf)
    details = pdf_metadata(pdf)
    words = " ".join([text, *details["metadata"].values()])
    for private in PRIVATE:
        assert private not in words, private
    assert not details["attachments"]


def test_the_case_study_pdf_tells_the_story_in_the_programmes_shape(published):
    pdf, pages = _pdf(documents.case_study_document(published))
    text = pdf_text(pdf)

    for _, heading, _ in SECTIONS:
        if heading != "Tips for others":  # written by people, so empty in a fresh draft
            assert heading in text, heading
    assert "Screening with community leaders" in text
    assert DONE_ACTION in text
    assert all(name in text for name in INDICATOR_NAMES)
    assert SHARED_QUOTE in text
    assert SHARED_EVIDENCE in text
    assert "4 sessions in all" in text
    assert re.search(r"All sectors\s+7\s+44", text)
    assert f"Page 1 of {pages}" in text or f"Page 2 of {pages}" in text
    assert 4 <= pages <= 8


def test_the_case_study_pdf_names_no_one_it_should_not(published):
    _assert_private_data_absent(_pdf(documents.case_study_document(published))[0])


def test_the_case_study_pdf_metadata_names_title_authors_and_keywords(published):
    details = pdf_metadata(_pdf(documents.case_study_document(published))[0])["metadata"]

    assert details["/Title"] == "Screening with community leaders"
    assert details["/Author"] == published.authors.get().name
    assert "case study" in details["/Keywords"]
    assert "Wandsworth" in details["/Keywords"]


def test_withdrawn_consent_takes_a_quote_out_of_a_published_case_study(published):
    Insight.objects.filter(text=SHARED_QUOTE).update(consent=Consent.NONE, consent_on=None)

    text = pdf_text(_pdf(documents.case_study_document(published))[0])
    assert SHARED_QUOTE not in text


def test_a_draft_pdf_says_it_is_a_draft_on_every_page(draft):
    pdf, pages = _pdf(documents.case_study_document(draft))
    text = pdf_text(pdf)

    assert text.count("DRAFT – not for circulation") == pages - 1  # the cover has no header
    assert documents.case_study_document(draft).filename.endswith("-v1-draft.pdf")


HOSTILE = """<script>alert("stolen")</script>
<img src="file:///etc/passwd"> <img src="http://169.254.169.254/latest/meta-data/">
<iframe src="http://127.0.0.1:8000/admin/"></iframe>
<p style="background: url(http://127.0.0.1/track.png)">Styled</p>
![map](http://127.0.0.1/map.png) [a link](javascript:alert(1))
<link rel="stylesheet" href="http://127.0.0.1/evil.css">
Real words stay."""


def test_hostile_content_is_sanitised_in_the_pdf_and_the_page(client, draft, world):
    services.case_study_update(
        version=draft,
        by=draft.created_by,
        seen_version=draft.version,
        fields={
            **{name: getattr(draft, name) for name in services.EDITABLE_FIELDS},
            "tips": HOSTILE,
            "title": '<b onmouseover="x()">Title</b>',
        },
        authors=[draft.created_by],
    )
    draft.refresh_from_db()
    html = documents.case_study_document(draft).html

    for forbidden in (
        "<script",
        "<img",
        "<iframe",
        '<link rel="stylesheet" href="http',
        "javascript:",
        'style="background',
        'onmouseover="',
    ):
        assert forbidden not in html.split("</style>", 1)[1], forbidden
    assert "Real words stay." in pdf_text(html_to_pdf(html)[0])

    client.force_login(world.facilitator_a)
    page = client.get(draft.case_study.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert 'src="file:///etc/passwd"' not in page
    assert "Real words stay." in page


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A local server that records every request and answers with a redirect to disk."""

    hits: list[str] = []

    def do_GET(self):
        _Recorder.hits.append(self.path)
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.hits = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.parametrize(
    "address",
    [
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "https://document.invalid/static/../../../etc/passwd",
        "https://document.invalid/media/reports/other.pdf",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(address):
    with pytest.raises(ValueError, match="only use the platform's static files"):
        static_files_fetcher().fetch(address)


def test_a_document_never_reaches_a_server_even_one_that_redirects(recorder):
    html = f"""<!DOCTYPE html><html><head><title>t</title>
    <link rel="stylesheet" href="{recorder}/style.css">
    <style>@import url("{recorder}/import.css"); body {{ background: url("{recorder}/bg.png"); }}
    @font-face {{ font-family: X; src: url("{recorder}/font.woff"); }}</style></head>
    <body><p>Still here</p><img src="{recorder}/redirect" alt="">
    <img src="file:///etc/passwd" alt=""><img src="http://169.254.169.254/latest/" alt="">
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" alt="">
    </body></html>"""

    pdf, _ = html_to_pdf(html)

    assert _Recorder.hits == []
    text = pdf_text(pdf)
    assert "Still here" in text
    assert "root:" not in text


def test_the_area_progress_report_has_its_sections_and_no_personal_data(world, story):
    pdf, _pages = _pdf(documents.area_progress_document(world.area_a))
    text = pdf_text(pdf)

    for heading in (
        "What changed",
        "For whom",
        "What’s next",
        "Steering group",
        "Who took part",
        "Sessions",
        "Actions",
        "Challenge–action–outcome statements",
        "Indicators",
        "Budget use",
    ):
        assert heading in text
    assert "£2,500.00" in text
    assert "£12.50" in text
    assert re.search(r"Open and overdue\s+1", text)
    _assert_private_data_absent(pdf)


def test_the_programme_report_puts_every_area_side_by_side_with_totals(world, story):
    tell_story(world.area_b, sessions=2)
    third = AreaFactory(name="Dudley", cohort=world.area_a.cohort)
    world.area_b.cohort = world.area_a.cohort
    world.area_b.save(update_fields=["cohort"])

    pdf, pages = _pdf(documents.programme_document(world.area_a.cohort))
    text = pdf_text(pdf)

    assert "The areas side by side" in text
    for name in ("Wandsworth", "Somerset", third.name):
        assert name in text
    # 7 + 6 steering members, 4 + 2 sessions, 44 + 22 attendances.
    assert re.search(r"All areas\s+13\s+6\s+66", text)
    assert pages >= 4
    _assert_private_data_absent(pdf)


def test_the_progress_report_quotes_the_area_with_consent_only(world, story):
    text = " ".join(pdf_text(_pdf(documents.area_progress_document(world.area_a))[0]).split())

    assert "In their words" in text
    assert SHARED_QUOTE in text
    assert SHARED_EVIDENCE in text
    _assert_private_data_absent(_pdf(documents.area_progress_document(world.area_a))[0])


def test_the_programme_report_tells_the_cohorts_story_and_counts_money_one_way(world, story):
    tell_story(world.area_b, sessions=2)
    world.area_b.cohort = world.area_a.cohort
    world.area_b.save(update_fields=["cohort"])

    pdf, _ = _pdf(documents.programme_document(world.area_a.cohort))

    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]
    summary = pages[1]
    for heading in ("What changed", "For whom", "What’s next"):
        assert heading in summary
    assert "Wandsworth: Community leaders recruited rose from 0 receptionists" in summary
    side_by_side = next(page for page in pages if "The areas side by side" in page)
    rows = side_by_side.split("Budget allocated", 1)[1].split("Budgets are every budget", 1)[0]
    assert "%" not in rows, "money is in pounds in the rows as in the total"
    # Each area's row and the total, spent then allocated (the £12.50 claims still wait).
    assert re.search(r"Somerset .*£0\.00 £2,500\.00", rows)
    assert re.search(r"All areas .*£0\.00 £5,000\.00", rows)


def test_no_document_has_a_blank_page(world, published):
    for document in (
        documents.case_study_document(published),
        documents.area_progress_document(world.area_a),
        documents.programme_document(world.area_a.cohort),
    ):
        pdf, _ = _pdf(document)
        for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
            # More than the running header and page number alone.
            assert len(page.extract_text().split()) > 12, f"{document.filename} page {number}"
