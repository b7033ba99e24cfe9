from pathlib import Path

from playwright.sync_api import expect

from partnerships.models import ProgrammeRole
from tests.browser import assert_accessible, sign_in
from tests.factories import AreaFactory, user_with_role
from tests.workshops.factories import InsightFactory, SessionFactory
from workshops.models import BarrierType


def test_lead_follows_a_count_to_the_items_and_downloads_them(page, transactional_db):
    trust = BarrierType.objects.get(slug="trust")
    transport = BarrierType.objects.get(slug="transport-and-distance")
    crewe = SessionFactory(area=AreaFactory(name="Cheshire East"))
    dudley = SessionFactory(area=AreaFactory(name="Dudley"))
    InsightFactory(
        session=crewe, text="People only open up to someone they know", barrier_type=trust
    )
    InsightFactory(
        session=dudley, text="Families doubt the clinic keeps it private", barrier_type=trust
    )
    InsightFactory(session=dudley, text="The bus stops running at six", barrier_type=transport)
    lead = user_with_role(programme_role=ProgrammeRole.LEAD)
    sign_in(page, lead.email, two_factor=True)

    page.get_by_role("link", name="Learning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What partnerships are hearing")
    page.get_by_label("Barrier type").select_option(label="Trust")
    expect(page.locator("#learning-count")).to_contain_text("2 items")
    assert "barrier_type=trust" in page.url, "filters stay in the address"
    expect(page.get_by_text("The bus stops running at six")).to_have_count(0)
    assert_accessible(page)

    page.get_by_label("Compare across").select_option(label="Area (a page at a time)")
    page.get_by_role("link", name="1 Trust in Dudley").click()
    expect(page.locator("#learning-count")).to_contain_text("1 item")
    expect(page.get_by_text("Families doubt the clinic keeps it private")).to_be_visible()
    expect(page.get_by_label("Area")).to_have_value(dudley.area.slug)
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Families doubt the clinic keeps it private" in text
    assert "People only open up" not in text
