import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from partnerships.models import Organisation, Person, Sector
from tests.factories import AreaFactory, OrganisationFactory, PersonFactory, SteeringMemberFactory
from tests.workshops.factories import AttendanceFactory, SessionFactory
from workshops import registration
from workshops.models import Attendance, RegistrationImport

pytestmark = pytest.mark.django_db

EVENTBRITE = (
    "Order #,First Name,Last Name,Email,Ticket Type,Company\r\n"
    "1001,Amara,Adeyemi,amara@example.org,In person,Townships PCN\r\n"
    "1002,Ben,Barker,BEN@example.org,In person,Hackenthorpe Community Forum\r\n"
)
ZOOM = (
    "Meeting ID,Topic,Start Time,Participants\n"
    "812 3456 7890,Partnership day,02/14/2022 10:00,62\n"
    "\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Chloe Chowdhury,chloe@example.org,02/14/2022 09:58,02/14/2022 12:01,123,No\n"
    "Dev - Thirsk (Dev Da Silva),dev@example.org,02/14/2022 10:02,02/14/2022 12:00,118,Yes\n"
    "Chloe Chowdhury,chloe@example.org,02/14/2022 10:40,02/14/2022 12:01,81,No\n"
)
HAND_MADE = "Name,Email,Organisation\nEsther Evans,esther@example.org,\nFarid Fletcher,,\n"


def _upload(content, name="registrations.csv"):
    data = content if isinstance(content, bytes) else content.encode()
    return SimpleUploadedFile(name, data, content_type="text/csv")


def _urls(session):
    args = [session.area.slug, session.pk]
    return reverse("workshops:registration-upload", args=args), args


def _preview_url(registration_import):
    session = registration_import.session
    return reverse(
        "workshops:registration-preview",
        args=[session.area.slug, session.pk, registration_import.pk],
    )


def _upload_as(client, user, session, content, name="registrations.csv"):
    client.force_login(user)
    upload_url, _ = _urls(session)
    return client.post(upload_url, {"file": _upload(content, name)})


def _held(session):
    return RegistrationImport.objects.get(session=session)


def _outcomes(registration_import):
    return [
        (row["number"], row["outcome"])
        for row in registration_import.rows
        if row["outcome"] != "blank"
    ]


# The three shapes of file -----------------------------------------------------------


def test_an_eventbrite_export_is_previewed_with_names_joined_and_organisations_matched(
    client, world
):
    session = SessionFactory(area=world.area_a)
    pcn = OrganisationFactory(name="Townships PCN", sector=Sector.PCN)

    response = _upload_as(client, world.facilitator_a, session, EVENTBRITE)

    held = _held(session)
    assert response.status_code == 302
    assert response["Location"] == _preview_url(held)
    first, second = held.rows
    assert (first["name"], first["email"], first["organisation_id"]) == (
        "Amara Adeyemi",
        "amara@example.org",
        pcn.pk,
    )
    assert second["email"] == "ben@example.org"
    assert second["warnings"] == [
        "“Hackenthorpe Community Forum” is not on the platform, so this attendance is "
        "recorded without an organisation."
    ]
    assert _outcomes(held) == [(2, "new"), (3, "new")]
    assert not Person.objects.filter(email__in=["amara@example.org", "ben@example.org"]).exists()


def test_a_zoom_report_skips_the_meeting_summary_and_uses_original_names(client, world):
    session = SessionFactory(area=world.area_a)

    _upload_as(client, world.facilitator_a, session, ZOOM)

    held = _held(session)
    assert [(row["number"], row["name"]) for row in held.rows] == [
        (5, "Chloe Chowdhury"),
        (6, "Dev Da Silva"),
        (7, "Chloe Chowdhury"),
    ]
    assert _outcomes(held) == [(5, "new"), (6, "new"), (7, "duplicate")]
    assert held.rows[2]["message"] == "The same person as row 5."


def test_a_hand_made_list_allows_people_without_email_or_organisation(client, world):
    session = SessionFactory(area=world.area_a)

    _upload_as(client, world.facilitator_a, session, HAND_MADE)

    assert _outcomes(_held(session)) == [(2, "new"), (3, "new")]


def test_semicolon_separated_and_utf16_files_are_read(world):
    semicolons = registration.parse_csv(b"Name;Email\nGrace Gupta;grace@example.org\n")
    utf16 = registration.parse_csv(
        "Full Name\tEmail\nHamza Hughes\th@example.org\n".encode("utf-16")
    )

    assert (semicolons.rows[0].name, semicolons.rows[0].email) == (
        "Grace Gupta",
        "grace@example.org",
    )
    assert utf16.rows[0].name == "Hamza Hughes"


def test_a_utf8_file_with_a_byte_order_mark_keeps_its_first_heading(world):
    table = registration.parse_csv("\ufeffName,Email\nIsla Ibrahim,isla@example.org\n".encode())

    assert table.headings["name"] == "Name"
    assert table.encoding_note == ""


# Whole-file problems, each with its own message next to the file field --------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "Ticket,Email,Dietary needs\n1,a@example.org,None\n",
            "The file has no column of names. Its columns are: “Ticket”, “Email”, "
            "“Dietary needs”. It needs a column headed “Name”, or columns headed “First name” "
            "and “Last name”",
        ),
        (b"", "The file is empty. Choose the file with the list in it."),
        (b"\n,,\n\n", "The file is empty. Choose the file with the list in it."),
        ("Name,Email\n\n,\n", "The file has column headings but no people listed under them."),
        (b"PK\x03\x04\x14\x00\x06\x00", "This is an Excel workbook or another zipped file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is not a CSV file."),
        (b"%PDF-1.7\n%\xe2\xe3", "This is not a CSV file."),
        (b"Name\nJonah \x81\x8d Jones\n", "The file's characters could not be read."),
        ("Name\n" + "Kiran Kowalski\n" * 1001, "The file lists 1,001 people. Upload at most 1,000"),
        ('Name\n"Lena' + "x" * 140_000, "The file could not be read as CSV: one cell runs on"),
    ],
    ids=[
        "no-name-column",
        "empty",
        "only-blank-rows",
        "headings-only",
        "excel-workbook",
        "image",
        "pdf",
        "undecodable",
        "too-many-rows",
        "unclosed-quote",
    ],
)
def test_a_file_that_cannot_be_used_is_explained_next_to_the_field(client, world, content, message):
    session = SessionFactory(area=world.area_a)

    response = _upload_as(client, world.facilitator_a, session, content)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["file"][0].startswith(message)
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'href="#id_file"' in body
    assert not RegistrationImport.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, world, monkeypatch):
    monkeypatch.setattr(registration, "MAX_FILE_BYTES", 100)
    session = SessionFactory(area=world.area_a)

    response = _upload_as(client, world.facilitator_a, session, "Name\n" + "Lena Lewis\n" * 20)

    assert response.context["form"].errors["file"] == [
        "The file is 225\xa0bytes. Upload a file of 100\xa0bytes or less, or split the list "
        "into smaller files."
    ]


def test_no_file_chosen_asks_for_one(client, world):
    session = SessionFactory(area=world.area_a)
    client.force_login(world.facilitator_a)

    response = client.post(_urls(session)[0], {})

    assert response.context["form"].errors["file"] == ["Choose a CSV file to upload."]


def test_a_windows_1252_file_is_read_with_a_note_on_rows_with_accents(client, world):
    content = "Name,Email\nZoë Østergaard,zoe@example.org\nMarcus Mensah,marcus@example.org\n"
    session = SessionFactory(area=world.area_a)

    _upload_as(client, world.facilitator_a, session, content.encode("cp1252"))

    accented, plain = _held(session).rows
    assert accented["name"] == "Zoë Østergaard"
    assert accented["warnings"] == [
        "The file was not saved as UTF-8, so it was read as Windows-1252, the encoding older "
        "versions of Excel use. Check that letters with accents look right."
    ]
    assert plain["warnings"] == []


def test_a_windows_1252_file_warns_on_an_accented_email_address(client, world):
    content = "Name,Email\nMarcus Mensah,marcus@café.example\n"
    session = SessionFactory(area=world.area_a)

    _upload_as(client, world.facilitator_a, session, content.encode("cp1252"))

    (row,) = _held(session).rows
    assert (row["outcome"], row["email"]) == ("new", "marcus@café.example")
    assert row["warnings"] == [
        "The file was not saved as UTF-8, so it was read as Windows-1252, the encoding older "
        "versions of Excel use. Check that letters with accents look right."
    ]


# Row outcomes -----------------------------------------------------------------------------


def test_rows_with_problems_name_the_row_and_column(client, world):
    content = (
        "First Name,Last Name,E-mail\n"
        "Nadia,Nowak,nadia@example\n"
        ",,owen@example.org\n"
        "\n"
        "Priya,Patel,priya@example.org\n"
    )
    session = SessionFactory(area=world.area_a)

    _upload_as(client, world.facilitator_a, session, content)

    held = _held(session)
    assert _outcomes(held) == [(2, "error"), (3, "error"), (5, "new")]
    assert (
        held.rows[0]["message"] == "“nadia@example” in the “E-mail” column is not an email address."
    )
    assert held.rows[1]["message"] == "No name in the “First Name” and “Last Name” columns."
    body = client.get(_preview_url(held)).content.decode()
    assert "Row 2: “nadia@example” in the “E-mail” column is not an email address." in body
    assert "Row 3: No name in the “First Name” and “Last Name” columns." in body
    assert "Add 1 person to the attendance list" in body


def test_the_same_email_twice_is_a_duplicate_whatever_its_case(client, world):
    content = "Name,Email\nRosa Osei,rosa@example.org\nRosa O.,ROSA@example.org\n"
    session = SessionFactory(area=world.area_a)

    _upload_as(client, world.facilitator_a, session, content)

    assert _outcomes(_held(session)) == [(2, "new"), (3, "duplicate")]


def test_someone_the_facilitator_can_see_is_matched_and_named(client, world):
    session = SessionFactory(area=world.area_a)
    seated = SteeringMemberFactory(
        area=world.area_a, person=PersonFactory(full_name="Samir Patel", email="samir@example.org")
    ).person

    _upload_as(client, world.facilitator_a, session, "Name,Email\nSam Patel,Samir@Example.org\n")

    (row,) = _held(session).rows
    assert (row["outcome"], row["person_id"], row["known_as"]) == (
        "existing",
        seated.pk,
        "Samir Patel",
    )


def _from_area_b(world, **fields):
    person = PersonFactory(**fields)
    SteeringMemberFactory(area=world.area_b, person=person)
    return person


def test_someone_from_another_area_is_not_matched_and_not_named(client, world):
    session = SessionFactory(area=world.area_a)
    _from_area_b(world, full_name="Tilly Secret-Surname", email="tilly@example.org")

    _upload_as(client, world.facilitator_a, session, "Name,Email\nTilly S,tilly@example.org\n")

    held = _held(session)
    (row,) = held.rows
    assert (row["outcome"], row["person_id"], row["known_as"]) == ("new", None, "")
    assert row["email_held_elsewhere"] is True
    body = client.get(_preview_url(held)).content.decode()
    assert "Tilly S" in body
    assert "Secret-Surname" not in body
    assert "the email address is not saved with them" in body


def test_confirming_records_someone_from_another_area_apart_from_them(client, world):
    session = SessionFactory(area=world.area_a)
    elsewhere = _from_area_b(world, full_name="Tilly Secret-Surname", email="tilly@example.org")
    _upload_as(client, world.facilitator_a, session, "Name,Email\nTilly S,tilly@example.org\n")

    client.post(_preview_url(_held(session)))

    attendee = Attendance.objects.get(session=session).person
    assert attendee != elsewhere
    assert (attendee.full_name, attendee.email) == ("Tilly S", "")
    assert not elsewhere.attendances.exists()
    assert client.get(reverse("person-consent", args=[elsewhere.pk])).status_code == 404
    assert client.get(reverse("person-export", args=[elsewhere.pk])).status_code == 404


def test_someone_elsewhere_who_took_the_address_after_the_preview_is_not_linked(client, world):
    session = SessionFactory(area=world.area_a)
    _upload_as(client, world.facilitator_a, session, "Name,Email\nZoe Lewis,zoe@example.org\n")
    arrived = _from_area_b(world, full_name="Zoe Private", email="Zoe@example.org")

    client.post(_preview_url(_held(session)))

    attendee = Attendance.objects.get(session=session).person
    assert attendee != arrived
    assert (attendee.full_name, attendee.email) == ("Zoe Lewis", "")
    assert not arrived.attendances.exists()


def test_people_already_attending_are_recognised_by_email_or_by_name(client, world):
    session = SessionFactory(area=world.area_a)
    AttendanceFactory(session=session, person=PersonFactory(email="umar@example.org"))
    AttendanceFactory(session=session, person=PersonFactory(full_name="Vera Jones", email=""))

    _upload_as(
        client, world.facilitator_a, session, "Name,Email\nU,umar@example.org\nvera jones,\n"
    )

    assert _outcomes(_held(session)) == [(2, "attending"), (3, "attending")]


def test_blank_rows_are_skipped_and_counted(client, world):
    session = SessionFactory(area=world.area_a)

    _upload_as(client, world.facilitator_a, session, "Name\n\nWei Chowdhury\n , \n\nYasmin Evans\n")

    held = _held(session)
    preview = registration.Preview.of(held)
    assert (preview.blank_rows, preview.to_add) == (3, 2)
    body = client.get(_preview_url(held)).content.decode()
    assert "3 blank rows skipped" in body
    assert "Add 2 people to the attendance list" in body


# Preview and confirm ----------------------------------------------------------------------


def test_the_preview_writes_nothing_until_confirmed(client, world):
    session = SessionFactory(area=world.area_a)
    people_before = Person.objects.count()

    _upload_as(client, world.facilitator_a, session, EVENTBRITE)
    response = client.get(_preview_url(_held(session)))

    assert response.status_code == 200
    assert "Add 2 people to the attendance list" in response.content.decode()
    assert Person.objects.count() == people_before
    assert not Attendance.objects.filter(session=session).exists()
    assert _held(session).confirmed_at is None


def test_confirming_adds_people_and_attendance_once(client, world):
    session = SessionFactory(area=world.area_a)
    pcn = OrganisationFactory(name="Townships PCN", sector=Sector.PCN)
    known = SteeringMemberFactory(area=world.area_a, person__email="ben@example.org").person
    _upload_as(client, world.facilitator_a, session, EVENTBRITE)
    held = _held(session)

    response = client.post(_preview_url(held))

    assert response.status_code == 302
    assert response["Location"] == session.get_absolute_url()
    amara = Person.objects.get(email="amara@example.org")
    assert (amara.full_name, amara.organisation) == ("Amara Adeyemi", pcn)
    attendances = Attendance.objects.filter(session=session)
    assert {(a.person, a.organisation) for a in attendances} == {
        (amara, pcn),
        (known, None),  # the file named an organisation that is not on the platform
    }
    known.refresh_from_db()
    assert known.full_name != "Ben Barker"  # a list never renames anyone
    assert not Organisation.objects.filter(name="Hackenthorpe Community Forum").exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Added 2 people to the attendance list."]

    later = client.get(_preview_url(held)).content.decode()
    assert "This list was added to the attendance list on" in later
    assert "to the attendance list</button>" not in later

    again = client.post(_preview_url(held), follow=True)

    assert attendances.count() == 2
    assert Person.objects.filter(email="amara@example.org").count() == 1
    assert "This list had already been added" in again.content.decode()


def test_uploading_the_same_file_later_finds_everyone_attending(client, world):
    session = SessionFactory(area=world.area_a)
    _upload_as(client, world.facilitator_a, session, HAND_MADE)
    client.post(_preview_url(_held(session)))

    _upload_as(client, world.facilitator_a, session, HAND_MADE)

    latest = RegistrationImport.objects.filter(session=session).latest("created_at")
    assert _outcomes(latest) == [(2, "attending"), (3, "attending")]
    assert "Nobody in this list can be added" in client.get(_preview_url(latest)).content.decode()


def test_uploading_again_replaces_the_unconfirmed_list(client, world):
    session = SessionFactory(area=world.area_a)

    _upload_as(client, world.facilitator_a, session, HAND_MADE)
    _upload_as(client, world.facilitator_a, session, EVENTBRITE)

    assert [held.file_name for held in RegistrationImport.objects.filter(session=session)] == [
        "registrations.csv"
    ]
    assert _held(session).rows[0]["name"] == "Amara Adeyemi"


def test_someone_added_between_preview_and_confirm_is_not_duplicated(client, world):
    session = SessionFactory(area=world.area_a)
    _upload_as(client, world.facilitator_a, session, "Name,Email\nZoe Lewis,zoe@example.org\n")
    arrived = PersonFactory(email="Zoe@example.org")
    AttendanceFactory(session=session, person=arrived)

    client.post(_preview_url(_held(session)))

    assert Person.objects.filter(email__iexact="zoe@example.org").count() == 1
    assert Attendance.objects.filter(session=session).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_add_people_once(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks")
    session = SessionFactory(area=world.area_a)
    table = registration.parse_csv(EVENTBRITE.encode(), file_name="eventbrite.csv")
    held = registration.registration_import_create(
        session=session, by=world.facilitator_a.person, table=table
    )
    results = []
    start = threading.Barrier(2)

    def confirm():
        try:
            start.wait()
            results.append(registration.registration_import_confirm(registration_import=held))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results, key=str) == [2, None]
    assert Attendance.objects.filter(session=session).count() == 2


# Who may do this --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["steering_a", "lco_a"])
def test_other_roles_in_the_area_are_refused(client, world, persona):
    session = SessionFactory(area=world.area_a)
    held = registration.registration_import_create(
        session=session,
        by=world.facilitator_a.person,
        table=registration.parse_csv(HAND_MADE.encode(), file_name="list.csv"),
    )
    client.force_login(getattr(world, persona))

    assert client.get(_urls(session)[0]).status_code == 403
    assert client.post(_urls(session)[0], {"file": _upload(HAND_MADE)}).status_code == 403
    assert client.post(_preview_url(held)).status_code == 403
    assert not Attendance.objects.exists()


def test_a_programme_lead_may_upload_but_not_see_anothers_list(client, world):
    session = SessionFactory(area=world.area_a)
    others = registration.registration_import_create(
        session=session,
        by=world.facilitator_a.person,
        table=registration.parse_csv(HAND_MADE.encode(), file_name="list.csv"),
    )

    response = _upload_as(client, world.lead, session, EVENTBRITE)

    assert response.status_code == 302
    assert client.get(_preview_url(others)).status_code == 404


def test_a_session_of_another_area_is_not_found(client, world):
    session = SessionFactory(area=AreaFactory())

    assert _upload_as(client, world.facilitator_a, session, HAND_MADE).status_code == 404


def test_an_organisation_merged_away_since_the_preview_is_left_out(client, world):
    session = SessionFactory(area=world.area_a)
    OrganisationFactory(name="Townships PCN", sector=Sector.PCN)
    _upload_as(client, world.facilitator_a, session, EVENTBRITE)
    Organisation.objects.filter(name="Townships PCN").delete()

    client.post(_preview_url(_held(session)))

    amara = Person.objects.get(email="amara@example.org")
    assert amara.organisation is None
    assert Attendance.objects.get(person=amara).organisation is None


def test_an_existing_person_listed_without_an_organisation_comes_with_their_own(client, world):
    session = SessionFactory(area=world.area_a)
    esther = SteeringMemberFactory(area=world.area_a, person__email="esther@example.org").person

    _upload_as(client, world.facilitator_a, session, HAND_MADE)
    client.post(_preview_url(_held(session)))

    assert Attendance.objects.get(person=esther).organisation == esther.organisation


def test_an_address_taken_at_the_last_moment_leaves_the_new_person_without_it(world):
    taken = _from_area_b(world, email="taken@example.org")

    (person,) = registration._create_people(
        [Person(full_name="Late Arrival", email="taken@example.org")]
    )

    assert person.pk is not None
    assert (person.full_name, person.email) == ("Late Arrival", "")
    assert Person.objects.get(email="taken@example.org") == taken


def test_a_held_list_with_no_rows_left_has_no_summary_to_show(client, world):
    session = SessionFactory(area=world.area_a)
    held = RegistrationImport.objects.create(
        session=session, uploaded_by=world.facilitator_a.person, file_name="list.csv", rows=[]
    )
    client.force_login(world.facilitator_a)

    body = client.get(_preview_url(held)).content.decode()

    assert "Nobody in this list can be added" in body
    assert "In this file" not in body
