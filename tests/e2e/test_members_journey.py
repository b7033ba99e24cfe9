"""The partnership's own members: everyone who came hears back, and members shape the plan.

A participant without an account opens a session's report-back on a phone, from the link
its QR code carries, and sees an action move when its owner updates it; a community
member proposes a change to a statement that the facilitator accepts; a steering group
member logs their meeting. axe-core checks every new page, each at 320 px without
sideways scrolling, and without JavaScript where a participant would read it.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from areas.models import CaoRevision
from partnerships.models import AreaRole
from tests.browser import assert_accessible, sign_in, watch_for_errors
from tests.factories import AreaFactory, CaoStatementFactory, OrganisationFactory, user_with_role
from tests.workshops.factories import ActionFactory, InsightFactory, QuoteFactory, SessionFactory
from workshops.models import InsightKind, Session
from workshops.reportback import links

ACTION = "Ask the four practices to send screening letters in Polish"
# Screenshots to look at, when SCREENSHOTS names a folder.
SHOTS = os.environ.get("SCREENSHOTS")


def shoot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def fits(page, width):
    """No sideways scrolling at this width."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def phone(browser, live_server, *, width=390, javascript=False):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": 800},
        java_script_enabled=javascript,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return watch_for_errors(page)


@pytest.fixture
def partnership(transactional_db):
    area = AreaFactory(name="Eastbourne", focus="Cancer screening with Polish and Bengali women")
    facilitator = user_with_role(area, AreaRole.FACILITATOR)
    owner = user_with_role(area, AreaRole.STEERING_MEMBER)
    owner.person.organisation = OrganisationFactory(name="ALPS Group PCN")
    owner.person.save()
    community = user_with_role(area, AreaRole.COMMUNITY_MEMBER)
    session = SessionFactory(area=area, title="Screening partnership day")
    InsightFactory(session=session, text="The letters only come in English")
    InsightFactory(session=session, kind=InsightKind.DECISION, text="Start with the letters")
    QuoteFactory(session=session, text="This time they listened", attribution="Ana, a mum")
    action = ActionFactory(session=session, owner=owner.person, description=ACTION)
    return area, facilitator, owner, community, session, action


def test_everyone_who_came_sees_what_is_being_done(page, browser, live_server, partnership):
    area, facilitator, owner, _, session, action = partnership

    # The facilitator hands out the link and its QR code from the session page.
    sign_in(page, facilitator.email, two_factor=True)
    page.goto(session.get_absolute_url())
    page.get_by_role("link", name="Report back to everyone who came").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report back to everyone who came")
    assert_accessible(page)
    shoot(page, "report-back-manage-1280")
    link = page.locator("main a", has_text="/r/").first.inner_text()
    assert link == links.url_for(session)

    # A participant opens it on a phone, without an account and without JavaScript
    # (axe-core runs on a phone with it: it is JavaScript itself).
    path = link.removeprefix(settings.SITE_URL)
    plain = phone(browser, live_server)
    plain.goto(path)
    expect(plain.get_by_role("heading", level=1)).to_have_text("You said, we did")
    expect(plain.locator(".app-report-action", has_text=ACTION)).to_contain_text("Not started yet")
    expect(plain.get_by_text("Led by ALPS Group PCN")).to_be_visible()
    assert owner.person.full_name not in plain.content()
    fits(plain, 390)
    participant = phone(browser, live_server, javascript=True)
    participant.goto(path)
    assert_accessible(participant)
    fits(participant, 390)
    shoot(participant, "report-back-390")

    # Its owner marks the action done on the action's page, in a browser of their own.
    owners = watch_for_errors(browser.new_context(base_url=live_server.url).new_page())
    sign_in(owners, owner.email)
    owners.goto(action.get_absolute_url())
    owners.get_by_label("Done").check()
    owners.get_by_role("button", name="Save the update").click()
    expect(owners.get_by_text("is done")).to_be_visible()

    plain.reload()
    expect(plain.locator(".app-report-action", has_text=ACTION)).to_contain_text("Done in")
    participant.reload()
    assert_accessible(participant)

    # Large print, and the narrowest phones.
    narrow = phone(browser, live_server, width=320, javascript=True)
    narrow.goto(link.removeprefix(settings.SITE_URL))
    fits(narrow, 320)
    narrow.get_by_role("link", name="Large print").click()
    assert_accessible(narrow)
    fits(narrow, 320)
    shoot(narrow, "report-back-large-320")

    # The area chooses to publish what it has done together.
    page.goto(area.get_absolute_url())
    page.get_by_role("link", name="Choose whether to publish it").click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the page").click()
    expect(page.get_by_text("The page is published.")).to_be_visible()
    participant.goto(f"/together/{area.slug}/")
    expect(participant.get_by_role("heading", level=1)).to_have_text("What we have done together")
    expect(participant.locator("main")).to_contain_text(ACTION)
    expect(participant.locator("main")).not_to_contain_text("This time they listened")
    assert_accessible(participant)
    fits(participant, 390)
    shoot(participant, "together-390")
    page.goto(f"/together/{area.slug}/")
    shoot(page, "together-1280")
    page.goto(link.removeprefix(settings.SITE_URL))
    shoot(page, "report-back-1280")


def test_a_community_member_proposes_and_the_facilitator_accepts(page, partnership):
    area, facilitator, _, community, _, _ = partnership
    statement = CaoStatementFactory(area=area, title="Screening letters people can read")

    # A community member signs in without a second factor and proposes a change.
    sign_in(page, community.email)
    page.goto(statement.get_absolute_url())
    page.get_by_role("link", name="Propose a change").click()
    page.get_by_label("Expected outcome").fill("Letters in Polish and Bengali from June")
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Say why the statement should change"
    )
    assert_accessible(page)
    page.get_by_label("Why should it change?").fill("We agreed it at the May steering group")
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.get_by_text("Your proposal has gone to the area’s facilitators.")).to_be_visible()
    assert_accessible(page)
    shoot(page, "proposal-1280")

    # The facilitator reads it beside the statement and accepts it.
    page.context.clear_cookies()
    sign_in(page, facilitator.email, two_factor=True)
    page.goto(statement.get_absolute_url())
    page.get_by_role("link", name=f"Proposed by {community.person.full_name}").click()
    assert_accessible(page)
    shoot(page, "proposal-review-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    fits(page, 320)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Accept and save as a new revision").click()
    expect(page.get_by_text("Accepted: the statement is now at revision 2.")).to_be_visible()
    expect(page.locator(".app-timeline")).to_contain_text(
        f"proposed by {community.person.full_name}"
    )
    revision = CaoRevision.objects.get(statement=statement, number=2)
    assert revision.proposed_by == community.person
    assert revision.outcome == "Letters in Polish and Bengali from June"


def test_a_steering_member_logs_their_meeting(page, partnership):
    area, _, owner, _, _, _ = partnership
    sign_in(page, owner.email)
    page.goto(f"/areas/{area.slug}/sessions/")
    page.get_by_role("link", name="Log a steering group or sub-group meeting").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Steering group, May")
    page.get_by_label("Date").fill("2026-05-04")
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Venue", exact=True).fill("Eastbourne library")
    page.get_by_label("What happened and what was agreed").fill("We agreed the letters.")
    page.get_by_role("button", name="Add the session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Steering group, May")
    assert Session.objects.get(title="Steering group, May").created_by == owner.person
