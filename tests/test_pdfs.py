"""Every kind of PDF, built from the demo programme and from generated data, read page by
page: a cover and a one-page summary before any table, pages that break cleanly, and a
tagged, titled, English document whose charts have text alternatives.

The kinds: a case study, an area's progress report, a cohort's programme report, the
learning brief, the statements as of a date, and a session's notes. Building them all
takes a while, so each source is built once for the module (and rolled back after).
"""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from pypdf import PdfReader

from areas.models import Area
from partnerships.models import AreaRole, Person, ProgrammeRole
from resources.casestudies import services as case_studies
from resources.casestudies.models import CaseStudyVersion
from resources.reports.models import CohortFunding
from scale.generate import generate
from tests.factories import MembershipFactory, user_with_role
from tests.pdfs import (
    every_kind,
    figure_alternatives,
    first_table_page,
    language,
    page_break_problems,
    pdfinfo,
)
from workshops.models import Session, SessionStatus

# Ordered with the other database tests, before any that empty the tables as they finish.
pytestmark = pytest.mark.django_db

KINDS = (
    "case study",
    "progress report",
    "programme report",
    "learning brief",
    "statements as of a date",
    "session notes",
)
TITLES = {
    "case study": "Case study",
    "progress report": "Progress report",
    "programme report": "Programme report",
    "learning brief": "Learning brief",
    "statements as of a date": "Challenge–action–outcome statements",
    "session notes": "Notes of a",
}


def _built_once(django_db_blocker, build):
    with django_db_blocker.unblock(), transaction.atomic():
        pdfs = build()
        transaction.set_rollback(True)
    return pdfs


@pytest.fixture(scope="module")
def demo_pdfs(django_db_setup, django_db_blocker):
    def build():
        # The demo's sign-ins load only where debug is on.
        with override_settings(DEBUG=True):
            call_command("load_demo", stdout=StringIO())
        area = Area.objects.select_related("cohort").get(slug="east-sussex")
        return every_kind(
            area=area,
            version=CaseStudyVersion.objects.published().get(case_study__area=area),
            session=Session.objects.filter(area=area, status=SessionStatus.WRITTEN_UP)
            .order_by("-starts_at")
            .first(),
            lead=Person.objects.get(email="lead@demo.example").user,
            funder=Person.objects.get(email="funder@demo.example").user,
        )

    return _built_once(django_db_blocker, build)


@pytest.fixture(scope="module")
def generated_pdfs(django_db_setup, django_db_blocker):
    """A small national programme from the scale generator: twenty sessions and four
    hundred actions an area, so tables run over pages."""

    def build():
        generate(areas=3, seed=11, bench_accounts=1)
        area = Area.objects.select_related("cohort").order_by("pk").first()
        lead = Person.objects.filter(programme_role=ProgrammeRole.LEAD).first()
        author = user_with_role(area, AreaRole.FACILITATOR).person
        version = case_studies.case_study_start(area=area, by=author, title="What changed")
        case_studies.case_study_submit(version=version, by=author)
        version = case_studies.case_study_approve(version=version, by=lead)
        funder = user_with_role(programme_role=ProgrammeRole.FUNDER)
        CohortFunding.objects.create(funder=funder.person, cohort=area.cohort)
        MembershipFactory(person=lead, area=area, role=AreaRole.FACILITATOR)
        session = (
            Session.objects.filter(area=area, status=SessionStatus.WRITTEN_UP)
            .order_by("-starts_at")
            .first()
        )
        return every_kind(
            area=area, version=version, session=session, lead=lead.user, funder=funder
        )

    return _built_once(django_db_blocker, build)


@pytest.fixture(params=["demo", "generated"])
def pdfs(request):
    return request.getfixturevalue(f"{request.param}_pdfs")


def test_every_kind_is_built(pdfs):
    assert set(pdfs) == set(KINDS)


def test_no_page_ends_with_a_heading_or_leaves_a_stub_of_a_table(pdfs):
    """No heading last on a page, and a table that runs on keeps at least three rows on
    each page it is split between (its header row repeats on each)."""
    problems = {kind: page_break_problems(pdf) for kind, pdf in pdfs.items()}
    assert {kind: found for kind, found in problems.items() if found} == {}


def test_every_pdf_is_tagged_titled_english_and_its_charts_described(pdfs):
    for kind, pdf in pdfs.items():
        info = pdfinfo(pdf)
        assert info["Tagged"] == "yes", kind
        assert info["Title"], kind
        assert language(pdf) == "en-GB", kind
        alternatives = figure_alternatives(pdf)
        assert all(alternatives), f"{kind}: a figure without a text alternative"
        assert b'pdfuaid:part="1"' in _metadata_stream(pdf), f"{kind}: PDF/UA claimed"


def _metadata_stream(pdf: bytes) -> bytes:
    return PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_data()


def _page_texts(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_every_kind_opens_with_a_cover_then_a_one_page_summary_before_any_table(pdfs):
    for kind, pdf in pdfs.items():
        cover, summary, *_ = _page_texts(pdf)
        assert TITLES[kind] in cover, kind
        assert "Figures as they stood on" in cover, kind
        assert "What’s next" in summary or "what’s next" in summary, kind
        assert first_table_page(pdf) >= 3, f"{kind}: a table before the summary is done"
        reader = PdfReader(io.BytesIO(pdf))
        assert not reader.pages[0].images, f"{kind}: the cover carries no logo or picture"


def test_charts_are_drawn_in_the_pdfs_that_show_indicators(demo_pdfs):
    for kind in ("case study", "progress report", "statements as of a date"):
        alternatives = figure_alternatives(demo_pdfs[kind])
        assert any("Latest 55.1%" in text for text in alternatives), kind


def test_the_demo_case_study_cover_says_what_changed_with_figures_a_quote_and_the_credit(
    demo_pdfs,
):
    cover = _page_texts(demo_pdfs["case study"])[0]

    assert "Health Partnerships" in cover
    assert "East Sussex · 2021–2023 cohort" in cover
    assert "87 attendances at 7 sessions" in cover
    assert "4 organisations from 4 sectors" in cover
    assert "0 → 43 Receptionists trained in cultural competency" in cover
    assert "“Where I grew up you see a doctor when you are ill." in cover
    assert "Funded by The National Lottery Community Fund" in cover


def test_the_statements_pdf_of_one_area_is_headed_with_that_area(demo_pdfs):
    cover = _page_texts(demo_pdfs["statements as of a date"])[0]

    assert "East Sussex" in cover
    assert "Every area in the programme" not in cover
    assert pdfinfo(demo_pdfs["statements as of a date"])["Title"].startswith("East Sussex: ")


def test_the_funders_learning_brief_covers_only_the_cohorts_they_fund_and_shows_its_ideas(
    demo_pdfs,
):
    text = " ".join(_page_texts(demo_pdfs["learning brief"]))

    for unfunded in ("Barnet and Enfield", "Birmingham", "Somerset", "Phase 3"):
        assert unfunded not in text
    assert "Wouldn’t it be brilliant if" in text
    assert "a cooking club for parents and children together" in text
