"""A programme lead's and a funder's first week: the dashboard's figures, the learning
across many areas within the page's width, and a funder's statements."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from areas.models import SpendStatus
from areas.outcomes import services as outcome_services
from partnerships.models import ProgrammeRole
from resources.reports.models import CohortFunding
from tests.areas.budgets.factories import BudgetFactory, SpendLineFactory
from tests.browser import assert_accessible, fits, phone, resize, shoot, sign_in
from tests.factories import AreaFactory, CohortFactory, user_with_role
from tests.workshops.factories import ActionFactory, InsightFactory, SessionFactory
from workshops.models import BarrierType


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_dashboard_shows_each_areas_sessions_actions_and_budget(page, transactional_db):
    now, today = timezone.now(), timezone.localdate()
    wandsworth = AreaFactory(name="Wandsworth")
    somerset = AreaFactory(name="Somerset")
    SessionFactory(area=wandsworth, starts_at=now - timedelta(days=12))
    SessionFactory(area=wandsworth, starts_at=now + timedelta(days=9))
    SessionFactory(area=somerset, starts_at=now - timedelta(days=140))
    for days in (3, 10):
        ActionFactory(area=somerset, session=None, due_on=today - timedelta(days=days))
    ActionFactory(area=wandsworth, session=None, due_on=today + timedelta(days=5))
    budget = BudgetFactory(area=wandsworth, allocated=Decimal("800.00"))
    SpendLineFactory(budget=budget, amount=Decimal("200.00"), status=SpendStatus.APPROVED)
    lead = user_with_role(programme_role=ProgrammeRole.LEAD)
    sign_in(page, lead.email, two_factor=True)

    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(page.get_by_text("not recorded yet")).to_have_count(0)
    row = rows.filter(has_text="Wandsworth")
    expect(row).to_contain_text("12 days ago")
    expect(row).to_contain_text("in 9 days")
    expect(row).to_contain_text("1 open")
    expect(row).to_contain_text("25%")
    expect(row).to_contain_text("£200.00 of £800.00")
    expect(rows.filter(has_text="Somerset")).to_contain_text("2 overdue")
    assert_accessible(page)

    page.get_by_role("link", name="Actions open / overdue").click()
    expect(rows.first).to_contain_text("Somerset")
    page.get_by_label("Needing attention").select_option(label="No session in the last 90 days")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Somerset")
    assert "attention=quiet" in page.url, "filters stay in the address"
    assert _page_width(page) <= 1280


def test_the_learning_heat_map_keeps_to_the_page_with_many_areas(page, transactional_db):
    trust = BarrierType.objects.get(slug="trust")
    transport = BarrierType.objects.get(slug="transport-and-distance")
    cohorts = [CohortFactory(name=f"Phase {n}", starts_on=date(2020 + n, 4, 1)) for n in (1, 2, 3)]
    for number in range(40):
        area = AreaFactory(name=f"Area {number:02}", cohort=cohorts[number % 3])
        session = SessionFactory(area=area)
        InsightFactory(session=session, barrier_type=trust)
        InsightFactory(session=session, barrier_type=transport)
    lead = user_with_role(programme_role=ProgrammeRole.LEAD)
    sign_in(page, lead.email, two_factor=True)

    page.goto("/learning/")
    heat_map = page.locator(".app-heat")
    expect(heat_map.locator("thead th")).to_have_count(6)  # a column per cohort, and totals
    assert _page_width(page) <= 1280
    assert_accessible(page)

    page.get_by_role("link", name="Compare the areas of Phase 2").click()
    expect(heat_map.locator("thead th")).to_have_count(1 + 6 + 2)
    expect(page.get_by_text("The table shows areas 1 to 6 of 13.")).to_be_visible()
    assert _page_width(page) <= 1280
    page.get_by_role("link", name="Next areas").click()
    expect(page.get_by_text("The table shows areas 7 to 12 of 13.")).to_be_visible()
    assert _page_width(page) <= 1280

    page.get_by_label("Compare across").select_option(label="Area (a page at a time)")
    page.get_by_label("Cohort").select_option(label="All cohorts")
    expect(page.get_by_text("The table shows areas 1 to 6 of 40.")).to_be_visible()
    assert _page_width(page) <= 1280
    assert_accessible(page)


def _two_plans():
    """A programme lead, and a statement in force in Wandsworth and in Somerset."""
    lead = user_with_role(programme_role=ProgrammeRole.LEAD)
    areas = []
    for name, title in (("Wandsworth", "Screening champions"), ("Somerset", "Discharge plan")):
        areas.append(AreaFactory(name=name))
        outcome_services.cao_statement_create(
            area=areas[-1],
            by=lead.person,
            title=title,
            challenge="Few people book after an invitation.",
            actions="Champions talk with neighbours.",
            outcome="More bookings.",
            status="current",
            as_of=date(2026, 1, 5),
        )
    return lead, *areas


def test_a_funder_reads_the_statements_of_the_areas_they_fund(page, transactional_db):
    _, funded, _ = _two_plans()
    funder = user_with_role(programme_role=ProgrammeRole.FUNDER)
    CohortFunding.objects.create(funder=funder.person, cohort=funded.cohort)
    sign_in(page, funder.email)

    page.goto("/reports/")
    expect(page.get_by_role("heading", name="Challenge–action–outcome statements")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Statements as of today (PDF)").click()
    assert download.value.suggested_filename.startswith("cao-statements-programme-")
    page.get_by_role("link", name="See the statements as they stood on any date").click()
    expect(page.get_by_role("heading", name="Screening champions")).to_be_visible()
    expect(page.get_by_text("Discharge plan")).to_have_count(0)
    expect(page.get_by_text("You are not part of any area yet")).to_have_count(0)
    assert_accessible(page)


def test_a_programme_lead_finds_an_areas_statements_by_typing_its_name(page, transactional_db):
    lead, *_ = _two_plans()
    sign_in(page, lead.email, two_factor=True)
    page.goto("/areas/statements/")
    expect(page.get_by_role("heading", name="Screening champions")).to_be_visible()

    page.get_by_label("Area name").press_sequentially("somer", delay=50)

    expect(page.get_by_role("status")).to_contain_text("1 area with “somer” in its name")
    expect(page.get_by_role("heading", name="Discharge plan")).to_be_visible()
    expect(page.get_by_role("heading", name="Screening champions")).to_have_count(0)
    expect(page.get_by_label("Area name")).to_be_focused()
    assert "q=somer" in page.url
    assert "q=somer" in page.get_by_role("link", name="Download as a PDF").get_attribute("href")
    assert_accessible(page)
    for width in (320, 1280):
        resize(page, width)
        fits(page, width)
        shoot(page, f"statements-as-of-search-{width}")


def test_finding_an_areas_statements_works_without_javascript(
    browser, live_server, transactional_db
):
    lead, *_ = _two_plans()
    plain = phone(browser, live_server, width=320)
    sign_in(plain, lead.email, two_factor=True, check=lambda page: fits(page, 320))
    plain.goto("/areas/statements/")

    plain.get_by_label("Area name").fill("WANDS")
    plain.get_by_role("button", name="Show statements").click()

    expect(plain.get_by_text("1 area with “WANDS” in its name")).to_be_visible()
    expect(plain.get_by_role("heading", name="Screening champions")).to_be_visible()
    expect(plain.get_by_role("heading", name="Discharge plan")).to_have_count(0)
    fits(plain, 320)
    # The field takes 100 characters; a longer name comes only from an edited address.
    plain.goto(f"/areas/statements/?q={'x' * 101}")
    expect(plain.get_by_role("alert")).to_contain_text("Area name must be 100 characters or fewer.")
    fits(plain, 320)
    shoot(plain, "statements-as-of-error-320-no-js")
    plain.context.close()
