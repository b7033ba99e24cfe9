"""A live partnership day: the room joins from its phones and lands in the record.

A facilitator opens the room; two phones join by its code, one without JavaScript and
one 320 px wide that loses its connection for a while; the moderator accepts and merges
what they send; the wall shows it; the room votes on the ideas; the top idea becomes an
action; and the session page, its notes PDF and the cascade draft hold it all, named as
people asked. axe-core checks every page a phone, a moderator or the projector shows.
"""

import io
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from partnerships.models import AreaRole
from tests.browser import assert_accessible, sign_in, watch_for_errors
from tests.factories import AreaFactory, PersonFactory, SteeringMemberFactory, user_with_role
from tests.workshops.factories import SessionFactory
from workshops.live import services
from workshops.live.models import ItemStatus, LiveRoom, RoomItem
from workshops.models import Action, Insight, InsightKind, SessionStatus

BARRIER = "The bus stops running at six, so evening appointments are no good"
IDEA = "the surgery ran a women-only screening evening"
STORY = "I threw the letter away because I could not read it."
OFFLINE = "No bus after six in the evening"
ROLE = "a resident of Eastbourne"


@pytest.fixture
def day(transactional_db):
    area = AreaFactory(name="Eastbourne")
    facilitator = user_with_role(area, AreaRole.FACILITATOR)
    SteeringMemberFactory(area=area, person=PersonFactory(full_name="Grace Mensah"))
    session = SessionFactory(area=area, title="Screening partnership day")
    return area, facilitator, session


def _phone(browser, live_server, *, width, javascript=True):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": 740},
        java_script_enabled=javascript,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch_for_errors(page)
    return page


def _queue_item(page, words):
    return page.locator(".app-queue__item", has_text=words)


def test_a_room_full_of_phones_lands_in_the_record(page, browser, live_server, day):
    area, facilitator, session = day
    check = assert_accessible

    # The facilitator opens the room from the session page.
    sign_in(page, facilitator.email, two_factor=True)
    page.goto(session.get_absolute_url())
    page.locator("#live-room ~ form").get_by_role("button", name="Open the room").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The room")
    check(page)
    code = LiveRoom.objects.get(session=session).code
    expect(page.locator(".app-live-code")).to_have_text(f"{code[:4]} {code[4:]}")
    expect(page.locator("svg.app-live-qr")).to_be_visible()

    # A phone without JavaScript joins by typing the code, as it shows on the screen.
    plain = _phone(browser, live_server, width=390, javascript=False)
    plain.goto("/live/")
    plain.get_by_label("Code").fill(f"{code[:4].lower()} {code[4:]}")
    plain.get_by_role("button", name="Join").click()
    expect(plain.get_by_role("heading", level=1)).to_have_text("Have your say")
    plain.get_by_role("link", name=re.compile("Something that gets in the way")).click()
    plain.get_by_label("Tell us what makes things hard").fill(BARRIER)
    plain.get_by_label("Getting there: buses, distance or parking").check()
    plain.get_by_role("button", name="Send").click()
    expect(plain.get_by_text("We got what you said gets in the way")).to_be_visible()
    plain.get_by_role("link", name=re.compile("Wouldn’t it be brilliant if")).click()
    plain.get_by_label("Finish the sentence").fill(IDEA)
    plain.get_by_role("button", name="Send").click()
    expect(plain.get_by_text("We got your idea")).to_be_visible()

    # A 320 px phone with JavaScript: every page it shows is checked by axe-core.
    phone = _phone(browser, live_server, width=320)
    phone.goto("/live/")
    check(phone)
    phone.goto(f"/live/{code}/")
    check(phone)
    phone.get_by_role("link", name=re.compile("Your story")).click()
    check(phone)
    phone.get_by_label("What do you want to say?").fill(STORY)
    phone.get_by_label("Say who I am, but not my name").check()
    phone.get_by_label("Who are you?").fill(ROLE)
    phone.get_by_label("Yes, in the notes from today and in reports").check()
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_text("Thank you. We got your story.")).to_be_visible()
    expect(phone.get_by_role("button", name="Take my words out")).to_be_visible()
    check(phone)
    phone.goto(f"/live/{code}/idea/")
    check(phone)
    phone.goto(f"/live/{code}/about-you/")
    check(phone)
    phone.get_by_label("A faith group, like a church, mosque or temple").check()
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_text("We have counted your answers")).to_be_visible()

    # A table host's link, made by the facilitator, opens the table's own pages.
    page.get_by_label("Table number").fill("3")
    page.get_by_role("button", name="Make a link for this table").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Link for the host of table 3")
    check(page)
    # The link names the site's public address; the test's server is elsewhere.
    phone.goto(urlsplit(page.locator(".app-live-url a").get_attribute("href")).path)
    expect(phone.get_by_text("You are the host for table 3.")).to_be_visible()
    check(phone)
    page.go_back()

    # The connection drops: what the phone sends waits on it, and goes when it is back.
    phone.goto(f"/live/{code}/barrier/")
    check(phone)
    phone.context.set_offline(True)
    phone.get_by_label("Tell us what makes things hard").fill(OFFLINE)
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_text("Kept on this phone")).to_be_visible()
    expect(phone.get_by_label("Tell us what makes things hard")).to_have_value("")
    assert not RoomItem.objects.filter(text=OFFLINE).exists()
    phone.context.set_offline(False)
    expect(phone.get_by_text("Sent: what was waiting on this phone has arrived.")).to_be_visible()
    assert RoomItem.objects.filter(text=OFFLINE).count() == 1

    # The moderator's queue says when something new arrives, without moving the list.
    page.get_by_role("link", name=re.compile("Moderate what the room sends")).click()
    expect(page.get_by_role("heading", name="Waiting (4)")).to_be_visible()
    check(page)
    status = page.locator("#queue-status")
    page.wait_for_timeout(3_500)  # a poll answered "not modified" leaves the status as it is
    expect(status).to_contain_text("Watching for new things from the room")
    plain.goto(f"/live/{code}/barrier/")
    plain.get_by_label("Tell us what makes things hard").fill("The letters are in tiny print")
    plain.get_by_role("button", name="Send").click()
    expect(status).to_contain_text("The queue has changed: 5 waiting now.", timeout=6_000)
    expect(page.get_by_role("heading", name="Waiting (4)")).to_be_visible()
    status.get_by_role("link", name="Show the latest").click()
    expect(page.get_by_role("heading", name="Waiting (5)")).to_be_visible()
    _queue_item(page, "tiny print").get_by_role("button", name=re.compile("^Set aside")).click()
    expect(page.get_by_role("heading", name="Waiting (4)")).to_be_visible()
    _queue_item(page, BARRIER).get_by_role("button", name=re.compile("^Accept")).click()
    expect(page.get_by_role("heading", name="Waiting (3)")).to_be_visible()
    _queue_item(page, IDEA).get_by_role("button", name=re.compile("^Accept")).click()
    expect(page.get_by_role("heading", name="Waiting (2)")).to_be_visible()
    story = _queue_item(page, STORY)
    expect(story).to_contain_text(f"as “{ROLE}”")
    story.get_by_role("button", name=re.compile("^Accept")).click()
    expect(page.get_by_role("heading", name="Waiting (1)")).to_be_visible()
    offline = _queue_item(page, OFFLINE)
    expect(offline).to_contain_text("Looks like something already accepted")
    offline.get_by_role("button", name=re.compile("^Merge")).click()
    expect(page.get_by_role("heading", name="Waiting (0)")).to_be_visible()
    check(page)
    assert RoomItem.objects.get(text=OFFLINE).status == ItemStatus.MERGED

    # The wall shows it, and updates itself when more is accepted.
    page.get_by_role("link", name="Open the wall").click()
    wall = page.locator("#wall")
    expect(wall).to_contain_text(BARRIER)
    expect(wall).to_contain_text("Transport and distance (2)")
    expect(wall).to_contain_text(STORY)
    expect(wall).to_contain_text(ROLE)
    check(page)
    plain.goto(f"/live/{code}/idea/")
    plain.get_by_label("Finish the sentence").fill("letters came in Arabic and Polish")
    plain.get_by_role("button", name="Send").click()
    services.item_accept(
        item=RoomItem.objects.get(text="letters came in Arabic and Polish"), by=facilitator.person
    )
    # The wall asks every 1.5 s whether it changed.
    expect(wall).to_contain_text("letters came in Arabic and Polish", timeout=3_000)

    # The room votes; the top idea becomes an action with an owner in one step.
    page.goto(f"/areas/{area.slug}/sessions/{session.pk}/live/")
    page.get_by_role("button", name="Open the vote").click()
    expect(page.get_by_text("The vote is open: each phone has 3 votes")).to_be_visible()
    phone.goto(f"/live/{code}/")
    phone.get_by_role("link", name=re.compile("Vote for the best ideas")).click()
    check(phone)
    phone.get_by_label(IDEA).check()
    phone.get_by_role("button", name="Send my votes").click()
    expect(phone.get_by_text("We got your votes")).to_be_visible()
    plain.goto(f"/live/{code}/vote/")
    plain.get_by_label(IDEA).check()
    plain.get_by_label("letters came in Arabic and Polish").check()
    plain.get_by_role("button", name="Send my votes").click()
    expect(plain.get_by_text("We got your votes")).to_be_visible()
    page.reload()
    page.get_by_role("button", name="Close the vote and keep the ranking").click()
    ranking = page.locator("ol.app-ranking")
    expect(ranking.locator("li").first).to_contain_text(f"{IDEA} — 2 votes")
    check(page)
    top = page.locator("fieldset", has_text=IDEA)
    top.get_by_label("Make this an action").check()
    top.get_by_label("What will be done?").fill("Plan a women-only screening evening")
    top.get_by_label("Who owns it?").select_option(label="Grace Mensah")
    page.get_by_role("button", name="Add the actions").click()
    expect(page.locator("#actions")).to_contain_text("Plan a women-only screening evening")
    action = Action.objects.get()
    assert (action.owner.full_name, action.session) == ("Grace Mensah", session)

    # The session page, its notes PDF and the cascade draft hold what the room said.
    expect(page.locator("#barriers")).to_contain_text(BARRIER)
    expect(page.locator("#barriers")).to_contain_text("From the room")
    expect(page.locator("#quotes")).to_contain_text(ROLE)
    pdf = page.request.get(f"/areas/{area.slug}/sessions/{session.pk}/notes.pdf")
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages).split()
    )
    for words in (BARRIER, IDEA, STORY, ROLE):
        assert words in text, words
    session.status = SessionStatus.WRITTEN_UP
    session.save(update_fields=["status"])
    page.goto(f"/areas/{area.slug}/sessions/{session.pk}/cascade/")
    draft = page.get_by_label("What the email says").input_value()
    assert f"> “{STORY}”  \n> — {ROLE}" in draft
    assert BARRIER in draft

    # Closing the room stops the code.
    page.goto(f"/areas/{area.slug}/sessions/{session.pk}/live/")
    page.get_by_role("button", name="Close the room").click()
    expect(page.get_by_text("Its code and table links stopped working")).to_be_visible()
    phone.goto(f"/live/{code}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("This code does not work")
    check(phone)
    assert Insight.objects.filter(session=session, kind=InsightKind.BARRIER).count() == 1
    assert session.headcounts.get().count == 1
    plain.context.close()
    phone.context.close()
