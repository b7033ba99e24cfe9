"""The partnership's own members: everyone who came hears back, and members shape the plan.

A participant without an account opens a session's report-back on a phone, from the link
its QR code carries, and sees an action move when its owner updates it; a community
member proposes a change to a statement that the facilitator accepts; a steering group
member logs their meeting; the steering group answers a health pulse and the facilitator
sees its result and the trend. axe-core checks every new page, each at 320 px without
sideways scrolling, and without JavaScript where a participant would read it.
"""

import re

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from areas.models import CaoRevision
from areas.pulse import services as pulse_services
from areas.pulse.models import PulseAudience
from partnerships.models import AreaRole
from partnerships.qr import qr_svg
from tests.browser import assert_accessible, fits, phone, resize, shoot, sign_in, watch_for_errors
from tests.factories import (
    AreaFactory,
    CaoStatementFactory,
    OrganisationFactory,
    PersonFactory,
    SteeringMemberFactory,
    user_with_role,
)
from tests.workshops.factories import ActionFactory, InsightFactory, QuoteFactory, SessionFactory
from workshops.models import InsightKind, Session
from workshops.reportback import links

ACTION = "Ask the four practices to send screening letters in Polish"


def qr_paths(svg: str) -> list[str]:
    """The drawn modules of a QR code's SVG, which fix the address it holds."""
    return re.findall(r' d="([^"]+)"', svg)


def font_sizes(page) -> dict[str, float]:
    """The computed size, in pixels, of the report-back page's title, lede and text."""
    return {
        part: float(page.locator(selector).first.evaluate("e => getComputedStyle(e).fontSize")[:-2])
        for part, selector in {
            "title": "main h1",
            "lede": "main .nhsuk-lede-text",
            "text": ".app-report-action p",
        }.items()
    }


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
    # The QR code on the page is the very code of that address, module for module.
    assert qr_paths(page.locator(".app-report-qr-box").inner_html()) == qr_paths(qr_svg(link))

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
    # Printed, it stays within the paper's width.
    page.emulate_media(media="print")
    fits(page, 1280)
    page.emulate_media(media="screen")
    # On a wide screen, large print is larger than the standard page, title and text alike.
    standard = font_sizes(page)
    page.get_by_role("link", name="Large print").click()
    expect(page).to_have_url(re.compile(r"/large-print/$"))
    assert all(large > standard[part] for part, large in font_sizes(page).items())


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
    resize(page, 320)
    fits(page, 320)
    resize(page, 1280, 900)
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


AGREE = {
    "I trust the other people and organisations in this partnership.": "Agree",
    "We share a clear idea of what we are trying to change.": "Strongly agree",
    "I have a real say in the decisions the partnership makes.": "Neither agree nor disagree",
    "Taking part is worth my time.": "Agree",
}


def answer_pulse(page, path, better=""):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How is the partnership working for you?"
    )
    for question, choice in AGREE.items():
        page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()
    if better:
        page.get_by_label("What would make this partnership work better for you?").fill(better)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")


def test_the_steering_group_answers_a_pulse_and_the_facilitator_sees_the_trend(
    page, browser, live_server, partnership
):
    area, facilitator, _, _, _, _ = partnership
    for number in range(5):
        SteeringMemberFactory(area=area, person=PersonFactory(email=f"member{number}@example.org"))
    # Last spring's pulse, answered by five on slips, is the trend's first point.
    spring = pulse_services.pulse_open(
        area=area, by=facilitator.person, audience=PulseAudience.STEERING
    )
    for slip in pulse_services.pulse_add_slips(pulse=spring, count=5):
        scores = {"trust": 2, "vision": 3, "involved": 2, "worth_time": 3}
        pulse_services.pulse_answer(invitation=slip, scores=scores, better="")
    pulse_services.pulse_close(pulse=spring)
    mail.outbox.clear()

    # The facilitator opens a pulse for the steering group from the area page.
    sign_in(page, facilitator.email, two_factor=True)
    page.goto(area.get_absolute_url())
    page.get_by_role("link", name="Each pulse and its results").click()
    assert_accessible(page)
    page.get_by_label("The steering group", exact=True).check()
    page.get_by_role("button", name="Open the pulse and send the links").click()
    expect(page.get_by_text("The pulse is open, and its links are on their way.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Results appear once 5 more people answer")
    assert_accessible(page)

    # Each member's link comes by email; five answer on phones without JavaScript.
    urls = [re.search(r"http\S+/pulse/\S+/", message.body).group(0) for message in mail.outbox]
    assert len(urls) == 5
    paths = [url.removeprefix(settings.SITE_URL) for url in urls]
    member = phone(browser, live_server, width=320)
    for path in paths[:4]:
        answer_pulse(member, path, better="Send the papers a week before")
        fits(member, 320)
    # The fifth answers on a phone with JavaScript, where axe-core checks the page.
    checked = phone(browser, live_server, width=320, javascript=True)
    checked.goto(paths[4])
    assert_accessible(checked)
    fits(checked, 320)
    shoot(checked, "pulse-answer-320")
    checked.get_by_role("button", name="Send my answers").click()
    expect(checked.locator(".nhsuk-error-summary")).to_contain_text("Choose how far you agree.")
    assert_accessible(checked)
    answer_pulse(checked, paths[4])
    assert_accessible(checked)
    fits(checked, 320)

    # A used link shows nothing of the pulse.
    member.goto(paths[0])
    expect(member.get_by_role("heading", level=1)).to_have_text("This link has been used")
    expect(member.locator("main")).not_to_contain_text(area.name)

    # Someone in the room answers from a printed slip.
    page.reload()
    page.get_by_role("link", name="Print slips with QR codes for people in the room").click()
    page.get_by_label("How many slips").fill("2")
    page.get_by_role("button", name="Make the slips").click()
    assert_accessible(page)
    shoot(page, "pulse-slips-1280")
    slip = page.locator(".app-pulse-slip p.app-break-words").first.inner_text()
    assert qr_paths(page.locator(".app-pulse-slip svg").first.evaluate("e => e.outerHTML")) == (
        qr_paths(qr_svg(slip))
    )
    answer_pulse(member, slip.removeprefix(settings.SITE_URL))

    # The facilitator closes the pulse, sees the result and the trend by the stage.
    page.get_by_role("link", name="Back to the pulse").click()
    expect(page.locator("main")).to_contain_text("6 people have answered")
    expect(page.locator("main")).to_contain_text("Results appear when the pulse closes")
    page.get_by_role("button", name="Close the pulse").click()
    expect(page.get_by_text("The pulse is closed")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Mean 3.0 out of 5")
    expect(page.locator("main")).to_contain_text("Send the papers a week before")
    assert_accessible(page)
    shoot(page, "pulse-results-1280")
    page.goto(area.get_absolute_url())
    health = page.locator(".nhsuk-summary-list__row", has_text="Partnership health")
    expect(health).to_contain_text("2.5 out of 5")
    expect(health).to_contain_text("4.0 out of 5 from 6 people, up 1.5")
    assert_accessible(page)
    shoot(page, "pulse-area-1280")
    resize(page, 320)
    for path in (area.get_absolute_url(), f"/areas/{area.slug}/pulse/", spring.get_absolute_url()):
        page.goto(path)
        assert_accessible(page)
        fits(page, 320)
    page.goto(area.get_absolute_url())
    shoot(page, "pulse-area-320")
