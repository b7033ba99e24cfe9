from playwright.sync_api import expect

from areas.models import Stage
from partnerships.models import AreaRole
from resources.models import Resource, ResourceType
from tests.browser import assert_accessible, sign_in
from tests.factories import AreaFactory, ResourceFactory, ThemeFactory, user_with_role
from tests.resources import samples
from tests.workshops.factories import SessionFactory

TALKING_POINTS = "Talking points for cross-sector partnerships"


def _library():
    research = ThemeFactory(name="Community research")
    trust = ThemeFactory(name="Trust and power")
    ResourceFactory(
        title="A toolkit for conducting community research",
        summary="Planning research with local people as partners in the partnership's work.",
        resource_type=ResourceType.TOOLKIT,
        themes=[research],
        stages=[Stage.GETTING_STARTED, Stage.NEXT_LEVEL],
        is_public=True,
    )
    ResourceFactory(
        title="Trust, power and collaboration",
        summary="Funding relationships built on learning rather than targets.",
        resource_type=ResourceType.REPORT,
        themes=[trust],
        stages=[Stage.MAKING_IT_STICK, Stage.GETTING_UNSTUCK],
        is_public=True,
    )
    ResourceFactory(
        title=TALKING_POINTS,
        summary="Prompts for clearing the air after a setback.",
        resource_type=ResourceType.TEMPLATE,
        themes=[trust],
        stages=[Stage.GETTING_STARTED, Stage.GETTING_UNSTUCK],
    )
    ResourceFactory(
        title="Measuring impact",
        summary="Showing change before the outcomes arrive.",
        resource_type=ResourceType.INFOGRAPHIC,
        stages=[Stage.NEXT_LEVEL, Stage.MAKING_IT_STICK],
        is_public=True,
    )


def test_a_member_searches_narrows_by_stage_and_opens_a_resource(page, transactional_db):
    _library()
    wandsworth = AreaFactory(name="Wandsworth")
    SessionFactory(area=wandsworth, title="Clearing the air")
    member = user_with_role(wandsworth, AreaRole.STEERING_MEMBER)
    sign_in(page, member.email)
    page.get_by_role("link", name="Resources", exact=True).click()
    results = page.locator("#library-results h2")
    expect(results).to_have_count(4)
    assert_accessible(page)

    # The results change in place as the person types: the page itself never reloads.
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Search titles and summaries").press_sequentially("partnersh")
    count = page.locator("#library-count")
    expect(count).to_have_text("2 resources match your search")
    expect(results).to_have_text([TALKING_POINTS, "A toolkit for conducting community research"])
    page.wait_for_url("**/library/?q=partnersh*")

    page.get_by_label("Helps with").select_option(label="Getting unstuck")
    expect(count).to_have_text("1 resource matches your search")
    expect(results).to_have_text([TALKING_POINTS])
    assert "stage=getting_unstuck" in page.url, "the search stays in the address"
    assert page.evaluate("window.stillTheSamePage")
    assert_accessible(page)

    page.get_by_role("link", name=TALKING_POINTS).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TALKING_POINTS)
    expect(page.get_by_text("Only people signed in to the platform")).to_be_visible()
    assert_accessible(page)

    # "We used this at our session": recorded from the resource's page.
    page.get_by_label("Record a session where it was used").select_option(
        label=page.locator("#id_session option").nth(1).inner_text()
    )
    page.get_by_role("button", name="Record that it was used").click()
    expect(page.get_by_role("link", name="Clearing the air")).to_be_visible()
    assert_accessible(page)


def test_the_library_works_without_javascript(browser, live_server, transactional_db):
    _library()
    member = user_with_role(AreaFactory(name="Dudley"), AreaRole.LCO_COORDINATOR)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, member.email, check=lambda page: None)
    page.goto("/library/")
    page.get_by_label("Search titles and summaries").fill("partnership")
    page.get_by_label("Helps with").select_option(label="Getting started")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#library-count")).to_have_text("2 resources match your search")
    page.get_by_label("Helps with").select_option(label="Getting unstuck")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#library-results h2")).to_have_text([TALKING_POINTS])
    page.get_by_role("link", name=TALKING_POINTS).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TALKING_POINTS)
    context.close()


def test_anyone_browses_the_public_library_signed_out(page, transactional_db):
    _library()
    page.goto("/programme/")
    page.get_by_role("link", name="Resource library").click()
    expect(page.locator("#library-results h2")).to_have_count(3)
    expect(page.get_by_text(TALKING_POINTS)).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Measuring impact").click()
    expect(page.get_by_role("link", name="Go to the infographic")).to_be_visible()
    assert_accessible(page)


def test_a_facilitator_is_told_why_a_file_is_refused_then_adds_a_link(
    page, transactional_db, tmp_path
):
    ThemeFactory(name="Measuring impact")
    facilitator = user_with_role(AreaFactory(name="Somerset"), AreaRole.FACILITATOR)
    sign_in(page, facilitator.email, two_factor=True)
    page.goto("/library/")
    page.get_by_role("link", name="Add a resource").click()
    page.get_by_label("Title").fill("Measuring impact")
    page.get_by_label("Summary").fill("Showing change before the outcomes arrive.")
    page.get_by_label("Infographic").check()
    page.get_by_label("Publisher").fill("A national charity")
    page.get_by_label("Making it stick").check()
    program = tmp_path / "impact.pdf"
    program.write_bytes(samples.ELF_BYTES)
    # NHS.UK's file upload puts a button in front of the input; the input takes the file.
    page.locator("input[type=file]").set_input_files(program)
    page.get_by_role("button", name="Add to the library").click()

    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("The selected file is a program, not a document.")
    expect(page.get_by_label("Title")).to_have_value("Measuring impact")
    assert_accessible(page)
    summary.get_by_role("link").click()
    expect(page.get_by_label("Or upload a file")).to_be_focused()

    page.get_by_label("Link", exact=True).fill("https://www.example.org/impact")
    page.get_by_role("button", name="Add to the library").click()
    expect(page.get_by_text("“Measuring impact” is in the library.")).to_be_visible()
    assert Resource.objects.get().url == "https://www.example.org/impact"
    assert_accessible(page)
