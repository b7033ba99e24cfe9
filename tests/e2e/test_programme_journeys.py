from playwright.sync_api import expect

from areas.models import Stage
from partnerships.models import AreaRole, ProgrammeRole
from tests.browser import assert_accessible, sign_in
from tests.factories import AreaFactory, SteeringMemberFactory, user_with_role


def _programme():
    wandsworth = AreaFactory(name="Wandsworth", stage=Stage.NEXT_LEVEL)
    AreaFactory(name="Somerset", stage=Stage.GETTING_STARTED)
    AreaFactory(name="St Helens", stage=Stage.GETTING_UNSTUCK, is_public=False)
    SteeringMemberFactory(area=wandsworth)
    return wandsworth


def test_lead_finds_stuck_areas_and_who_is_at_the_table(page, transactional_db):
    wandsworth = _programme()
    lead = user_with_role(programme_role=ProgrammeRole.LEAD)
    sign_in(page, lead.email, two_factor=True)
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(3)

    page.get_by_label("Stage").select_option(label="Getting unstuck")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("St Helens")
    assert "stage=getting_unstuck" in page.url, "filters stay in the address"
    assert_accessible(page)

    page.get_by_label("Stage").select_option(label="All stages")
    page.get_by_label("Area name").fill("wand")
    expect(rows).to_have_count(1)
    page.get_by_role("link", name="Wandsworth").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wandsworth")

    page.get_by_role("link", name="People and organisations").click()
    assert_accessible(page)
    organisation = wandsworth.steering_members.get().organisation.name
    page.get_by_role("link", name=organisation).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(organisation)
    assert_accessible(page)


def test_dashboard_filters_work_without_javascript(browser, live_server, transactional_db):
    _programme()
    member = user_with_role(AreaFactory(name="Dudley"), AreaRole.FACILITATOR)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, member.email, two_factor=True, check=lambda page: None)
    page.goto("/areas/")
    expect(page.locator("tbody tr")).to_have_count(1)
    page.get_by_label("Area name").fill("nowhere")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("No areas match your filters")).to_be_visible()
    context.close()


def test_public_programme_page_needs_no_sign_in(page, transactional_db):
    _programme()
    page.goto("/programme/")
    expect(page.get_by_text("Wandsworth")).to_be_visible()
    expect(page.get_by_text("St Helens")).to_have_count(0)
    assert_accessible(page)
