"""A steering group member keeps their actions up to date: by keyboard, and without
JavaScript."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from partnerships.models import AreaRole
from tests.browser import assert_accessible, sign_in, watch_for_errors
from tests.factories import AreaFactory, user_with_role
from tests.workshops.factories import ActionFactory, SessionFactory
from workshops.models import Action, ActionEventKind, ActionStatus

LETTERS = "Ask practices to send screening letters in Arabic and Polish"
LEAFLET = "Draft a leaflet on what happens at a screening appointment"


@pytest.fixture
def member(transactional_db):
    area = AreaFactory(name="East Sussex")
    member = user_with_role(area, AreaRole.STEERING_MEMBER)
    session = SessionFactory(area=area, title="Second partnership day")
    today = timezone.localdate()
    letters = ActionFactory(
        session=session,
        owner=member.person,
        description=LETTERS,
        due_on=today - dt.timedelta(days=2),
    )
    leaflet = ActionFactory(
        session=session,
        owner=member.person,
        description=LEAFLET,
        due_on=today + dt.timedelta(days=4),
    )
    return member, letters, leaflet


def press(page, locator, key="Enter"):
    locator.focus()
    page.keyboard.press(key)


def open_update(page, card):
    """Open a card's "Update" from the keyboard and wait for htmx to fetch its form and
    wire it up (htmx does so as the swap settles, dropping "htmx-added")."""
    press(page, card.locator("summary"))
    form = card.locator("form")
    expect(form).to_be_visible()
    expect(form).not_to_have_class(re.compile("htmx-added"))


def type_into(page, locator, text):
    locator.focus()
    page.keyboard.type(text)


def test_a_member_updates_their_actions_by_keyboard(page, member):
    user, letters, leaflet = member
    sign_in(page, user.email)
    press(page, page.get_by_role("link", name="My actions"))
    page.wait_for_url("**/actions/")
    expect(page.get_by_role("heading", name="Overdue")).to_be_visible()
    expect(page.locator(f"#action-{letters.pk}")).to_contain_text("2 days late")
    assert_accessible(page)

    card = page.locator(f"#action-{letters.pk}")
    open_update(page, card)
    press(page, card.get_by_label("In progress"), "Space")
    type_into(page, card.get_by_label("Progress note"), "Two practices have agreed so far.")
    press(page, card.get_by_role("button", name="Save the update"))
    expect(card.locator("[data-saved]")).to_be_focused()
    expect(card).to_contain_text("In progress")
    expect(page.locator("[data-actions-live]")).to_contain_text("is in progress")

    # Blocked needs a reason: the error is shown and focused, and nothing is saved.
    card = page.locator(f"#action-{leaflet.pk}")
    open_update(page, card)
    press(page, card.get_by_label("Blocked"), "Space")
    press(page, card.get_by_role("button", name="Save the update"))
    expect(card.locator(".nhsuk-error-summary")).to_be_focused()
    expect(card.locator(".nhsuk-error-summary")).to_contain_text("Say what is blocking the action.")
    assert_accessible(page)
    assert Action.objects.get(pk=leaflet.pk).status == ActionStatus.NOT_STARTED

    press(page, card.get_by_role("link", name="Say what is blocking the action."))
    expect(card.get_by_label("What is blocking it?")).to_be_focused()
    page.keyboard.type("The print budget is not agreed yet.")
    press(page, card.get_by_role("button", name="Save the update"))
    expect(card.locator("[data-saved]")).to_be_focused()
    expect(card).to_contain_text("Blocked: The print budget is not agreed yet.")
    assert_accessible(page)

    letters.refresh_from_db()
    leaflet.refresh_from_db()
    assert letters.status == ActionStatus.IN_PROGRESS
    assert (leaflet.status, leaflet.blocked_reason) == (
        ActionStatus.BLOCKED,
        "The print budget is not agreed yet.",
    )
    assert letters.events.filter(kind=ActionEventKind.NOTE).get().text == (
        "Two practices have agreed so far."
    )

    # The history is on the action's own page.
    press(page, page.get_by_role("link", name=LETTERS))
    expect(page.get_by_role("heading", level=1)).to_have_text(LETTERS)
    expect(page.locator(".app-timeline")).to_contain_text("Two practices have agreed so far.")
    assert_accessible(page)


def test_the_same_updates_work_without_javascript(browser, live_server, member):
    user, letters, leaflet = member
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = watch_for_errors(context.new_page())
    sign_in(page, user.email, check=lambda page: None)
    page.goto("/actions/")

    # Without JavaScript, opening "Update" offers the page with that card's form open.
    card = page.locator(f"#action-{letters.pk}")
    card.locator("summary").click()
    card.get_by_role("link", name="Open the update form").click()
    card.get_by_label("In progress").check()
    card.get_by_label("Progress note").fill("Two practices have agreed so far.")
    card.get_by_role("button", name="Save the update").click()
    expect(page.get_by_text("is in progress")).to_be_visible()
    assert page.url.endswith(f"/actions/#action-{letters.pk}")

    card = page.locator(f"#action-{leaflet.pk}")
    card.locator("summary").click()
    card.get_by_role("link", name="Open the update form").click()
    card.get_by_label("Blocked").check()
    card.get_by_role("button", name="Save the update").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Say what is blocking the action.")
    card = page.locator(f"#action-{leaflet.pk}")
    expect(card.get_by_label("Blocked")).to_be_checked()
    card.get_by_label("What is blocking it?").fill("The print budget is not agreed yet.")
    card.get_by_role("button", name="Save the update").click()
    expect(page.get_by_text("is blocked")).to_be_visible()

    letters.refresh_from_db()
    leaflet.refresh_from_db()
    assert letters.status == ActionStatus.IN_PROGRESS
    assert leaflet.status == ActionStatus.BLOCKED
    context.close()


def test_the_board_shows_the_latest_done_actions_and_pages_through_the_rest(page, member):
    user, letters, _ = member
    for number in range(62):
        ActionFactory(
            session=letters.session,
            status=ActionStatus.DONE,
            description=f"Finished task {number}",
            updated_at=timezone.now() - dt.timedelta(days=62 - number),
        )
    sign_in(page, user.email)
    page.goto(reverse("workshops:action-board", args=[letters.area.slug]))
    expect(page.get_by_role("heading", name="Done (62)")).to_be_visible()
    expect(page.get_by_role("link", name="Finished task 61", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Finished task 51", exact=True)).to_have_count(0)
    assert_accessible(page)

    press(page, page.get_by_role("link", name="See all 62 done actions"))
    expect(page.get_by_role("heading", name="Done actions", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Finished task 12", exact=True)).to_be_visible()
    assert_accessible(page)
    press(page, page.get_by_role("link", name="Next page"))
    expect(page.get_by_role("link", name="Finished task 11", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Finished task 0", exact=True)).to_be_visible()
    assert_accessible(page)


def _calendar_page(page, user, **sign_in_options):
    sign_in(page, user.email, **sign_in_options)
    page.goto("/actions/calendar/")
    page.get_by_role("button", name="Make my calendar address").click()
    return page.get_by_label("Paste this address into your calendar program").input_value()


def test_the_calendar_address_can_be_added_in_one_step_or_copied(page, member):
    user = member[0]
    page.context.grant_permissions(["clipboard-write"])
    address = _calendar_page(page, user)

    webcal = page.get_by_role("link", name="Open in your calendar app")
    assert webcal.get_attribute("href") == "webcal://" + address.split("://", 1)[1]
    outlook = page.get_by_role("link", name="Add to Outlook", exact=False).first
    assert "addfromweb?url=" in outlook.get_attribute("href")
    google = page.get_by_role("link", name="Add to Google Calendar")
    assert google.get_attribute("href").startswith(
        "https://calendar.google.com/calendar/render?cid=webcal"
    )
    assert_accessible(page)

    page.get_by_role("button", name="Copy the address").click()
    expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
    # Pasted as a person would: the page itself may not read the clipboard.
    page.evaluate(
        "() => { const box = document.createElement('textarea'); box.id = 'pasted';"
        " document.body.append(box); box.focus(); }"
    )
    page.keyboard.press("Control+V")
    assert page.locator("#pasted").input_value() == address
    page.evaluate("document.getElementById('pasted').remove()")
    assert_accessible(page)


def test_without_javascript_the_calendar_address_is_there_to_select_and_no_button_is_dead(
    browser, live_server, member
):
    user = member[0]
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = watch_for_errors(context.new_page())
    # (No page script may run, so the accessibility checks that need one are left out.)
    address = _calendar_page(page, user, check=lambda page: None)

    assert address.startswith("http")
    expect(page.get_by_role("button", name="Copy the address")).to_have_count(0)
    field = page.get_by_label("Paste this address into your calendar program")
    expect(field).not_to_be_editable()
    expect(field).to_be_enabled()  # read-only, so it can still be focused and selected
    assert (
        page.get_by_role("link", name="Open in your calendar app")
        .get_attribute("href")
        .startswith("webcal://")
    )
    context.close()
