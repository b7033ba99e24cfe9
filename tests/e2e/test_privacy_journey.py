import json
import re
import zipfile

from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import expect

from partnerships.models import AreaRole, ConsentRecord
from tests.browser import assert_accessible, sign_in, watch_for_errors
from tests.factories import (
    PASSWORD,
    AreaFactory,
    PersonFactory,
    current_totp_code,
    user_with_role,
)
from tests.workshops.factories import AttendanceFactory, QuoteFactory, SessionFactory
from workshops.models import Insight, SessionStatus

QUOTE = "The letter is still on my fridge."


def test_a_facilitator_records_and_withdraws_consent_and_downloads_what_the_area_holds(
    page, browser, live_server, transactional_db
):
    area = AreaFactory(name="Wandsworth")
    session = SessionFactory(
        area=area, title="Why invitations go unbooked", status=SessionStatus.WRITTEN_UP
    )
    speaker = PersonFactory(full_name="Grace Adeyemi", email="grace@example.org")
    AttendanceFactory(session=session, person=speaker)
    QuoteFactory(session=session, speaker=speaker, text=QUOTE)
    facilitator = user_with_role(area, AreaRole.FACILITATOR)
    steering = user_with_role(area, AreaRole.STEERING_MEMBER)
    notes_url = f"/areas/{area.slug}/sessions/{session.pk}/notes/"

    sign_in(page, facilitator.email, two_factor=True)
    page.goto(f"/areas/{area.slug}/sessions/{session.pk}/")
    # The speaker's name links to their consent page from the attendance list and the quote.
    page.get_by_role(
        "link", name=re.compile("^Grace Adeyemi.*consent and personal data")
    ).first.click()
    expect(page.get_by_role("heading", name="Consent and personal data")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Quotes in session notes").check()
    page.get_by_label("Agreed").check()
    page.get_by_label("Said out loud (verbal)").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Recorded: agreed for quotes in session notes.")).to_be_visible()
    assert_accessible(page)

    reader_context = browser.new_context(base_url=live_server.url)
    reader = watch_for_errors(reader_context.new_page())
    sign_in(reader, steering.email)
    reader.goto(notes_url)
    expect(reader.get_by_text(QUOTE)).to_be_visible()

    page.get_by_label("Quotes in session notes").check()
    page.get_by_label("Withdrawn").check()
    page.get_by_label("Said out loud (verbal)").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Recorded: withdrawn for quotes in session notes.")).to_be_visible()
    assert ConsentRecord.objects.filter(person=speaker).count() == 2

    reader.goto(notes_url)
    expect(reader.get_by_text(QUOTE)).to_have_count(0)
    assert_accessible(reader)
    reader_context.close()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download what Wandsworth holds about them (zip)").click()
    archive = zipfile.ZipFile(download.value.path())
    data = json.loads(archive.read("everything.json"))
    assert data["sections"]["quotes"]["records"][0]["said"] == QUOTE
    assert "csv/attendance.csv" in archive.namelist()

    page.get_by_role("link", name="Erase their personal data").click()
    expect(page.get_by_role("heading", name="Erase Grace Adeyemi’s personal data?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Erase their personal data").click()
    expect(
        page.get_by_text("Confirm that you understand this cannot be undone").first
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("I understand this cannot be undone").check()
    page.get_by_role("button", name="Erase their personal data").click()
    expect(page.get_by_text("Their personal data has been erased.")).to_be_visible()
    speaker.refresh_from_db()
    assert speaker.full_name.startswith("Participant ")
    assert_accessible(page)


def test_the_privacy_page_is_linked_from_every_footer(page, live_server):
    page.goto("/accessibility/")
    page.get_by_role("contentinfo").get_by_role("link", name="Privacy").click()
    expect(page.get_by_role("heading", name="How we look after your information")).to_be_visible()
    expect(page.get_by_role("heading", name="How long we keep it")).to_be_visible()
    assert_accessible(page)


def test_a_person_downloads_everything_held_about_them(page, live_server, transactional_db):
    member = user_with_role(AreaFactory(name="Dudley"), AreaRole.STEERING_MEMBER)

    sign_in(page, member.email)
    page.goto("/accounts/email/")
    page.get_by_role("link", name="Your data").click()
    expect(page.get_by_role("heading", name="Your data", exact=True)).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download everything we hold about you (zip)").click()

    data = json.loads(zipfile.ZipFile(download.value.path()).read("everything.json"))
    assert data["person_id"] == member.person.pk
    assert data["sections"]["roles"]["records"][0]["area"] == "Dudley"


def test_a_form_sent_after_the_sign_in_ended_is_shown_then_sent_by_its_author(
    page, live_server, transactional_db
):
    area = AreaFactory(name="Wandsworth")
    session = SessionFactory(area=area, title="Screening letters day")
    facilitator = user_with_role(area, AreaRole.FACILITATOR)
    sign_in(page, facilitator.email, two_factor=True)
    page.goto(f"/areas/{area.slug}/sessions/{session.pk}/")
    page.get_by_text("Add a barrier", exact=True).click()
    barriers = page.locator("#barriers")
    barriers.get_by_label("What gets in the way?").wait_for()

    # The idle limit passes while the barrier is being typed.
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    barriers.get_by_label("What gets in the way?").fill("The bus stops running at six")
    barriers.get_by_role("button", name="Add the barrier").click()

    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Email").fill(facilitator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    # allauth refuses a code used twice; a person would wait for the next one, the test
    # forgets the first sign-in's use of it instead.
    cache.clear()
    page.get_by_label("Code").fill(current_totp_code())
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url("**/resume/")
    expect(
        page.get_by_role("heading", name="Check what you sent before you were signed out")
    ).to_be_visible()
    expect(page.get_by_text("The bus stops running at six")).to_be_visible()
    assert_accessible(page)
    assert not Insight.objects.exists()
    page.get_by_role("button", name="Send it").click()

    expect(page.locator("#barriers")).to_contain_text("The bus stops running at six")
    expect(page.get_by_text("We kept what you wrote and have now sent it.")).to_be_visible()
    assert Insight.objects.get().text == "The bus stops running at six"
