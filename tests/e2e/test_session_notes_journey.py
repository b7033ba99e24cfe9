from playwright.sync_api import expect

from partnerships.models import AreaRole, Sector
from tests.browser import assert_accessible, sign_in, watch_for_errors
from tests.factories import AreaFactory, OrganisationFactory, user_with_role
from tests.workshops.factories import QuoteFactory, SessionFactory
from workshops.models import Attendance, Consent

REGISTRATIONS = (
    "First Name,Last Name,Email,Company\n"
    "Amara,Okonjo,amara@example.org,Battersea Fields Practice\n"
    "Ben,Carter,ben@example,\n"
    "Chidi,Eze,chidi@example.org,Tooting Women's Group\n"
)


def test_facilitator_adds_a_registration_list_and_a_steering_member_reads_the_notes(
    page, browser, live_server, transactional_db
):
    area = AreaFactory(name="Wandsworth")
    OrganisationFactory(name="Battersea Fields Practice", sector=Sector.GP_PRACTICE)
    session = SessionFactory(area=area, title="Why invitations go unbooked")
    QuoteFactory(session=session, text="The letter is still on my fridge.")
    QuoteFactory(session=session, text="Not for sharing.", consent=Consent.NONE, consent_on=None)
    facilitator = user_with_role(area, AreaRole.FACILITATOR)
    steering = user_with_role(area, AreaRole.STEERING_MEMBER)

    sign_in(page, facilitator.email, two_factor=True)
    page.goto(f"/areas/{area.slug}/sessions/{session.pk}/registrations/")
    assert_accessible(page)
    # NHS.UK frontend puts a drop zone button in front of the file input.
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "eventbrite.csv", "mimeType": "text/csv", "buffer": REGISTRATIONS.encode()}]
    )
    page.get_by_role("button", name="Preview the list").click()
    expect(page.get_by_role("heading", name="Check the registration list")).to_be_visible()
    expect(page.get_by_text("Row 3: “ben@example” in the “Email” column")).to_be_visible()
    assert_accessible(page)
    assert not Attendance.objects.filter(session=session).exists()

    page.get_by_role("button", name="Add 2 people to the attendance list").click()
    expect(page.get_by_text("Added 2 people to the attendance list.")).to_be_visible()
    assert Attendance.objects.filter(session=session).count() == 2

    context = browser.new_context(base_url=live_server.url)
    reader = watch_for_errors(context.new_page())
    sign_in(reader, steering.email)
    reader.goto(f"/areas/{area.slug}/sessions/{session.pk}/notes/")
    expect(reader.get_by_text("The letter is still on my fridge.")).to_be_visible()
    expect(reader.get_by_text("Not for sharing.")).to_have_count(0)
    expect(reader.get_by_text("Amara Okonjo")).to_have_count(0)
    assert_accessible(reader)
    with reader.expect_download() as download:
        reader.get_by_role("link", name="Download the notes as a PDF").click()
    assert download.value.suggested_filename.endswith("-why-invitations-go-unbooked-notes.pdf")
    context.close()
