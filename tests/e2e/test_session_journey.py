"""A facilitator writes up a partnership day: by keyboard, without JavaScript, and offline."""

import datetime as dt
import re
import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partnerships.models import AreaRole, Person, Sector
from tests.browser import assert_accessible, sign_in
from tests.factories import (
    AreaFactory,
    OrganisationFactory,
    PersonFactory,
    SteeringMemberFactory,
    user_with_role,
)
from tests.workshops.factories import ActionFactory, InsightFactory, SessionFactory
from workshops.models import (
    Action,
    Attendance,
    Consent,
    Insight,
    InsightKind,
    Session,
)

BARRIERS = [
    "Invitation letters are only in English",
    "The bus stops running at six",
    "People fear being judged at the surgery",
]
IDEAS = ["Community leaders call people before appointments", "A screening day at the mosque"]
ACTIONS = [
    ("Ask practices to send letters in Arabic and Polish", "Grace Mensah"),
    ("Map evening bus times with the council", "Samir Ibrahim"),
    ("Book cultural-competency training for receptionists", "Grace Mensah"),
]


@pytest.fixture
def partnership(transactional_db):
    area = AreaFactory(name="Eastbourne")
    facilitator = user_with_role(area, AreaRole.FACILITATOR)
    charity = OrganisationFactory(name="Eastbourne Community Links", sector=Sector.VCSE)
    icb = OrganisationFactory(name="Sussex ICB", sector=Sector.NHS_ICB)
    for name, organisation in (("Grace Mensah", charity), ("Samir Ibrahim", icb)):
        email = f"{name.split()[0].lower()}@example.org"
        SteeringMemberFactory(
            area=area,
            person=PersonFactory(full_name=name, email=email, organisation=organisation),
        )
    return area, facilitator


def _type_into(page, label, text, *, within=None):
    field = (within or page).get_by_label(label, exact=True)
    field.focus()
    page.keyboard.type(text)


def _open(page, summary):
    """Open an NHS.UK details component from the keyboard."""
    page.locator("summary", has_text=summary).focus()
    page.keyboard.press("Enter")


def _show_form(page, summary):
    """Without JavaScript: open a closed form's details and follow its link to the page
    with the form open."""
    page.get_by_text(summary, exact=True).click()
    page.get_by_role("link", name=f"Show the form to {summary.lower()}").click()


def test_a_facilitator_writes_up_a_partnership_day_by_keyboard(page, partnership):
    area, facilitator = partnership
    started = time.monotonic()
    sign_in(page, facilitator.email, two_factor=True)
    page.goto(f"/areas/{area.slug}/")
    page.get_by_role("link", name="Plan or record a session").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/sessions/new/")
    assert_accessible(page)

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    page.get_by_label("Partnership day").focus()
    page.keyboard.press("Space")
    _type_into(page, "Title", "Second partnership day: screening")
    page.get_by_label("Date").fill(yesterday.isoformat())
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("13:00")
    _type_into(page, "Venue", "Hampden Park Community Hall")
    page.get_by_label("Held", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Add the session").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Second partnership day: screening")

    # Two people the partnership knows, by keyboard, and forty by sector.
    _open(page, "Add people the partnership knows")
    expect(page.get_by_label("Find by name or organisation")).to_be_visible()  # it has loaded
    page.get_by_label("Find by name or organisation").focus()
    page.keyboard.type("Grace")
    expect(page.get_by_label("Grace Mensah")).to_be_visible()
    expect(page.get_by_label("Samir Ibrahim")).to_be_hidden()
    page.get_by_label("Grace Mensah").focus()
    page.keyboard.press("Space")
    page.get_by_label("Find by name or organisation").fill("")
    page.get_by_label("Samir Ibrahim").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Add the people ticked").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#attendance")).to_contain_text("2 named")
    # htmx wires up swapped-in content as it settles (and drops "htmx-added"), as a person
    # would notice; only then does opening a way of adding fetch its form.
    expect(page.locator("#attendance")).not_to_have_class(re.compile("htmx-added"))
    _open(page, "Count people by sector")
    for label, count in (("VCSE / charity", "20"), ("Faith group", "8"), ("Public health", "10")):
        _type_into(page, label, count)
    _type_into(page, "Of these, how many had lived experience?", "12")
    page.get_by_role("button", name="Save the head-counts").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#attendance")).to_contain_text("40 people")

    # Lists are typed one item after another: Ctrl+Enter saves and the box is ready again.
    # Each list's form loads as it is opened, and stays open after each item.
    _open(page, "Add a barrier")
    barrier_box = page.locator("#barriers").get_by_label("What gets in the way?")
    for barrier in BARRIERS:
        barrier_box.focus()
        page.keyboard.type(barrier)
        page.keyboard.press("Control+Enter")
        expect(page.locator("#barriers")).to_contain_text(barrier)
        expect(barrier_box).to_be_focused()
        expect(barrier_box).to_have_value("")
    # Similar work in other areas is fetched as it comes into view (at once, above the
    # lists below it), replacing its link.
    page.locator("#actions").scroll_into_view_if_needed()
    expect(page.get_by_role("link", name="Show similar work in other areas")).to_have_count(0)
    _open(page, "Add an idea")
    for idea in IDEAS:
        page.locator("#ideas").get_by_label("Wouldn’t it be brilliant if…").focus()
        page.keyboard.type(idea)
        page.keyboard.press("Control+Enter")
        expect(page.locator("#ideas")).to_contain_text(idea)

    quotes = page.locator("#quotes")
    _open(page, "Add a quote")
    _type_into(page, "What did they say?", "I threw the letter away.", within=quotes)
    _type_into(
        page, "How should the speaker be named?", "A mother from Hampden Park", within=quotes
    )
    quotes.get_by_label("Written").focus()
    page.keyboard.press("Space")
    quotes.get_by_label("Date consent was given").fill(yesterday.isoformat())
    quotes.get_by_role("button", name="Add the quote").focus()
    page.keyboard.press("Enter")
    expect(quotes).to_contain_text("Written consent")

    actions = page.locator("#actions")
    _open(page, "Add an action")
    for description, owner in ACTIONS:
        _type_into(page, "What will be done?", description, within=actions)
        actions.get_by_label("Who owns it?").select_option(label=owner)
        actions.get_by_label("Due by").fill((yesterday + dt.timedelta(days=30)).isoformat())
        actions.get_by_role("button", name="Add the action").focus()
        page.keyboard.press("Enter")
        expect(actions).to_contain_text(description)
    assert_accessible(page)
    elapsed = time.monotonic() - started

    session = Session.objects.get()
    kinds = list(session.insights.values_list("kind", flat=True))
    assert kinds.count(InsightKind.BARRIER) == 3
    assert kinds.count(InsightKind.IDEA) == 2
    assert session.insights.get(kind=InsightKind.QUOTE).consent == Consent.WRITTEN
    assert session.actions.count() == 3
    assert Attendance.objects.filter(session=session).count() == 2
    print(f"\nKeyboard write-up of a 40-person partnership day: {elapsed:.1f} s")


def test_the_same_write_up_works_without_javascript(browser, live_server, partnership):
    area, facilitator = partnership
    session = SessionFactory(area=area, title="Village hall day")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, facilitator.email, two_factor=True, check=lambda page: None)
    page.goto(session.get_absolute_url())

    # Without JavaScript, opening a way of adding offers the page with its form open.
    page.get_by_text("Count people by sector", exact=True).click()
    page.get_by_role("link", name="Show the form to count people by sector").click()
    page.get_by_label("VCSE / charity").fill("18")
    page.get_by_role("button", name="Save the head-counts").click()
    expect(page.get_by_text("Head-counts saved.")).to_be_visible()

    _show_form(page, "Add a barrier")
    barriers = page.locator("#barriers")
    barriers.get_by_label("What gets in the way?").fill(BARRIERS[1])
    barriers.get_by_label("Type of barrier").select_option(label="Transport and distance")
    barriers.get_by_role("button", name="Add the barrier").click()
    expect(page.locator("#barriers")).to_contain_text(BARRIERS[1])
    assert page.url.endswith("#barriers")

    _show_form(page, "Add an idea")
    page.locator("#ideas").get_by_label("Wouldn’t it be brilliant if…").fill(IDEAS[0])
    page.locator("#ideas").get_by_role("button", name="Add the idea").click()
    expect(page.locator("#ideas")).to_contain_text(IDEAS[0])

    # A mistake is explained next to the field, and the words typed are still there.
    _show_form(page, "Add a quote")
    quotes = page.locator("#quotes")
    quotes.get_by_label("What did they say?").fill("Nobody asked us before.")
    quotes.get_by_label("Verbal").check()
    quotes.get_by_role("button", name="Add the quote").click()
    expect(page.locator(".nhsuk-error-summary").first).to_contain_text(
        "Enter the date they gave consent."
    )
    quotes = page.locator("#quotes")
    expect(quotes.get_by_label("What did they say?")).to_have_value("Nobody asked us before.")
    quotes.get_by_label("Date consent was given").fill(timezone.localdate().isoformat())
    quotes.get_by_role("button", name="Add the quote").click()
    expect(page.locator("#quotes")).to_contain_text("Verbal consent")

    _show_form(page, "Add an action")
    actions = page.locator("#actions")
    actions.get_by_label("What will be done?").fill(ACTIONS[1][0])
    actions.get_by_label("Who owns it?").select_option(label=ACTIONS[1][1])
    actions.get_by_role("button", name="Add the action").click()
    expect(page.locator("#actions")).to_contain_text(ACTIONS[1][0])

    # Editing has its own page without JavaScript.
    page.locator("#barriers").get_by_role("link", name="Edit").click()
    page.get_by_label("What gets in the way?").fill("The last bus leaves at six")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#barriers")).to_contain_text("The last bus leaves at six")

    assert Insight.objects.filter(session=session).count() == 3
    assert Action.objects.filter(session=session).count() == 1
    context.close()


def test_a_dropped_connection_loses_nothing(page, partnership):
    area, facilitator = partnership
    session = SessionFactory(area=area, title="Online day")
    sign_in(page, facilitator.email, two_factor=True)
    page.goto(session.get_absolute_url())
    _open(page, "Add a barrier")
    barriers = page.locator("#barriers")
    box = barriers.get_by_label("What gets in the way?")
    # The form loads as it opens: the connection drops once it is on the page.
    expect(box).to_be_editable()

    page.context.set_offline(True)
    box.fill("Typed while the village hall Wi-Fi was down")
    expect(barriers.locator("[data-autosave-status]")).to_contain_text("Offline")
    expect(page.get_by_text("You are offline")).to_be_visible()
    barriers.get_by_role("button", name="Add the barrier").click()
    expect(page.locator("[data-connection-message]")).to_contain_text("not saved yet")
    expect(box).to_have_value("Typed while the village hall Wi-Fi was down")
    assert not Insight.objects.exists()

    # Back online, the waiting save goes through by itself.
    page.context.set_offline(False)
    expect(page.locator("#barriers")).to_contain_text("Typed while the village hall Wi-Fi")
    expect(page.get_by_text("You are offline")).to_be_hidden()
    assert Insight.objects.get().text == "Typed while the village hall Wi-Fi was down"
    # htmx logs the failed request to the console; that failure was the point of the test.
    page.console_errors = [error for error in page.console_errors if not error.startswith("htmx:")]
    assert_accessible(page)


def test_words_the_server_never_received_come_back_on_the_next_visit(page, partnership):
    area, facilitator = partnership
    session = SessionFactory(area=area)
    sign_in(page, facilitator.email, two_factor=True)
    page.route("**/drafts/", lambda route: route.abort())
    page.goto(session.get_absolute_url())
    _open(page, "Add an idea")
    ideas = page.locator("#ideas")
    ideas.get_by_label("Wouldn’t it be brilliant if…").fill("Screening at the community cafe")
    expect(ideas.locator("[data-autosave-status]")).to_contain_text("kept on this device")

    page.reload()

    # The closed form opens by itself to give the words back.
    box = page.locator("#ideas").get_by_label("Wouldn’t it be brilliant if…")
    expect(box).to_have_value("Screening at the community cafe")
    expect(page.locator("#ideas [data-autosave-status]")).to_contain_text("Restored")


def test_an_item_added_straight_after_typing_does_not_come_back_as_a_draft(page, partnership):
    """Typing then pressing Ctrl+Enter at once: the autosave must not outlive the save.

    The item's answer is held back for longer than the autosave's pause, as on a slow
    village-hall connection, so an autosave still armed would reach the server after it.
    """
    area, facilitator = partnership
    session = SessionFactory(area=area)
    sign_in(page, facilitator.email, two_factor=True)

    def slow_answer(route):
        response = route.fetch()
        time.sleep(1.5)
        route.fulfill(response=response)

    page.route("**/barrier/add/", slow_answer)
    page.goto(session.get_absolute_url())
    _open(page, "Add a barrier")
    barriers = page.locator("#barriers")
    box = barriers.get_by_label("What gets in the way?")
    box.wait_for()
    # Typed and sent inside the page, so the 100 ms are the page's and not the test's.
    elapsed_ms = box.evaluate(
        """(box) => {
            const started = performance.now();
            box.focus();
            box.value = "The surgery phone line is always engaged";
            box.dispatchEvent(new InputEvent("input", {bubbles: true}));
            box.dispatchEvent(new KeyboardEvent("keydown", {
                key: "Enter", ctrlKey: true, bubbles: true, cancelable: true,
            }));
            return performance.now() - started;
        }"""
    )
    assert elapsed_ms < 100
    expect(barriers).to_contain_text("The surgery phone line is always engaged")
    page.wait_for_timeout(1_000)  # longer than the autosave's pause

    page.reload()
    _open(page, "Add a barrier")
    box = page.locator("#barriers").get_by_label("What gets in the way?")
    expect(box).to_have_value("")
    expect(page.get_by_text("words you had not saved yet")).to_have_count(0)
    assert not session.drafts.exclude(data={}).exists()
    assert Insight.objects.filter(session=session).count() == 1


def test_adding_to_lists_that_have_rows_sends_one_row_and_a_fresh_form(page, partnership):
    """With JavaScript, an addition comes back as its row (where the list's order puts
    it), the list's new count and an empty form with the focus in it, ready for the next."""
    area, facilitator = partnership
    session = SessionFactory(area=area, title="Long day")
    today = timezone.localdate()
    grace = Person.objects.get(full_name="Grace Mensah")
    for days in (10, 20):
        ActionFactory(
            session=session,
            owner=grace,
            due_on=today + dt.timedelta(days=days),
            description=f"Due in {days} days",
        )
    for barrier in BARRIERS[:2]:
        InsightFactory(session=session, kind=InsightKind.BARRIER, text=barrier)
    sign_in(page, facilitator.email, two_factor=True)
    page.goto(session.get_absolute_url())

    actions = page.locator("#actions")
    _open(page, "Add an action")
    _type_into(page, "What will be done?", "Due in fifteen days", within=actions)
    actions.get_by_label("Who owns it?").select_option(label="Samir Ibrahim")
    actions.get_by_label("Due by").fill((today + dt.timedelta(days=15)).isoformat())
    actions.get_by_role("button", name="Add the action").focus()
    page.keyboard.press("Enter")

    rows = actions.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(1)).to_contain_text("Due in fifteen days")
    expect(actions.get_by_role("heading", level=2)).to_have_text("Actions agreed (3)")
    description = actions.get_by_label("What will be done?")
    expect(description).to_be_focused()
    expect(description).to_have_value("")
    expect(actions.get_by_label("Who owns it?")).to_have_value("")
    expect(page.locator("[data-session-live]")).to_contain_text("Action added for Samir Ibrahim")
    # The new row works like the others: its edit form opens in its place.
    rows.nth(1).get_by_role("link", name="Edit").click()
    expect(actions.get_by_label("What will be done?").first).to_have_value("Due in fifteen days")
    actions.get_by_role("link", name="Cancel").click()
    expect(rows).to_have_count(3)

    barriers = page.locator("#barriers")
    _open(page, "Add a barrier")
    box = barriers.get_by_label("What gets in the way?")
    box.focus()
    page.keyboard.type(BARRIERS[2])
    page.keyboard.press("Control+Enter")
    items = barriers.locator("li.app-item")
    expect(items).to_have_count(3)
    expect(items.nth(2)).to_contain_text(BARRIERS[2])
    expect(barriers.get_by_role("heading", level=2)).to_have_text("Barriers (3)")
    expect(box).to_be_focused()
    expect(box).to_have_value("")
    assert_accessible(page)

    # The page as the server lists it, after a reload, is the page as it was built.
    shown = rows.all_inner_texts() + items.all_inner_texts()
    page.reload()
    assert (
        page.locator("#actions tbody tr").all_inner_texts()
        + page.locator("#barriers li.app-item").all_inner_texts()
        == shown
    )
    assert session.actions.count() == 3
    assert session.insights.count() == 3
