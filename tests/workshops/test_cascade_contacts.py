"""Distribution lists: contacts by hand and from CSV, with a recorded basis, no address
twice, and unsubscribed addresses kept off for good."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import AuditAction, AuditEvent
from tests.workshops.cascade_factories import ContactFactory, ContactListFactory
from workshops.cascades import contacts
from workshops.models import Contact, ContactBasis, ContactImport, ContactList, EmailUnsubscribe

pytestmark = pytest.mark.django_db

CSV = (
    "Name,Email,Organisation\n"
    "Asha Patel,asha@example.org,Crewe Mosque\n"
    "Ben Cole,BEN@example.org,Wellbeing Hub\n"
    "Ben again,ben@example.org,Wellbeing Hub\n"
    "No address,,Somewhere\n"
    "Bad address,not-an-email,Somewhere\n"
    "\n"
    "Gone,gone@example.org,Left us\n"
    "Already,already@example.org,On the list\n"
)


@pytest.fixture
def network(world):
    contact_list = ContactListFactory(area=world.area_a, name="VCSE network")
    ContactFactory(contact_list=contact_list, email="already@example.org")
    EmailUnsubscribe.objects.create(email="gone@example.org")
    return contact_list


def upload(client, contact_list, text, *, name="contacts.csv", basis=ContactBasis.CONSENT):
    return client.post(
        reverse("workshops:contact-import", args=[contact_list.area.slug, contact_list.pk]),
        {
            "file": SimpleUploadedFile(name, text.encode(), content_type="text/csv"),
            "basis": basis,
            "basis_note": "Signed up at the partnership day",
        },
    )


def test_a_list_is_set_up_and_its_name_is_unique_in_the_area(client, world):
    client.force_login(world.lco_a)
    url = reverse("workshops:contact-lists", args=[world.area_a.slug])

    response = client.post(url, {"name": "Faith groups", "kind": "community"})
    assert response.status_code == 302
    again = client.post(url, {"name": "Faith groups", "kind": "community"})

    assert again.context["form"].errors["name"] == [
        f"{world.area_a.name} already has a list called “Faith groups”."
    ]
    assert ContactList.objects.get().created_by == world.lco_a.person


def test_a_contact_is_added_by_hand_with_a_basis(client, world, network):
    client.force_login(world.lco_a)

    client.post(
        network.get_absolute_url(),
        {"email": " New@Example.org ", "name": "Nia", "basis": ContactBasis.CONSENT},
    )

    contact = Contact.objects.get(email="new@example.org")
    assert (contact.basis, contact.added_by) == (ContactBasis.CONSENT, world.lco_a.person)


@pytest.mark.parametrize(
    ("email", "basis", "field", "message"),
    [
        ("nope", "consent", "email", "Enter an email address in the right format"),
        ("", "consent", "email", "Enter an email address."),
        ("ok@example.org", "", "basis", "Choose why they may be emailed."),
        ("already@example.org", "consent", "email", "already@example.org is already on"),
        ("gone@example.org", "consent", "email", "gone@example.org unsubscribed from cascades"),
    ],
)
def test_bad_contacts_are_explained(client, world, network, email, basis, field, message):
    client.force_login(world.lco_a)

    response = client.post(
        network.get_absolute_url(), {"email": email, "basis": basis, "name": "Kept name"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field][0].startswith(message)
    assert "Kept name" in response.content.decode()
    assert network.contacts.count() == 1


def test_the_preview_says_what_happens_to_each_row(client, world, network):
    client.force_login(world.lco_a)

    response = upload(client, network, CSV)

    held = ContactImport.objects.get()
    assert response.url.endswith(f"/import/{held.pk}/")
    outcomes = {row["number"]: (row["outcome"], row.get("messages")) for row in held.rows}
    assert outcomes[2] == ("new", [])
    assert outcomes[3] == ("new", [])
    assert outcomes[4] == ("duplicate", ["The same address as row 3."])
    assert outcomes[5] == ("error", ["Row 5, “Email” column: enter an email address."])
    assert outcomes[6] == (
        "error",
        ["Row 6, “Email” column: “not-an-email” is not an email address."],
    )
    assert outcomes[7][0] == "blank"
    assert outcomes[8][0] == "unsubscribed"
    assert outcomes[9][0] == "on_list"
    assert network.contacts.count() == 1
    page = client.get(response.url).content.decode()
    assert "Add 2 contacts to the list" in page
    assert "Row 6, “Email” column" in page


def test_confirming_twice_adds_nobody_twice(client, world, network):
    client.force_login(world.lco_a)
    preview = upload(client, network, CSV).url

    client.post(preview)
    second = client.post(preview, follow=True)

    assert sorted(network.contacts.values_list("email", flat=True)) == [
        "already@example.org",
        "asha@example.org",
        "ben@example.org",
    ]
    assert "had already been added" in second.content.decode()
    asha = Contact.objects.get(email="asha@example.org")
    assert (asha.basis, asha.basis_note) == (
        ContactBasis.CONSENT,
        "Signed up at the partnership day",
    )


def test_an_address_that_unsubscribes_after_the_preview_is_not_added(client, world, network):
    client.force_login(world.lco_a)
    preview = upload(client, network, CSV).url
    EmailUnsubscribe.objects.create(email="asha@example.org")

    client.post(preview)

    assert not network.contacts.filter(email="asha@example.org").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty"),
        ("Name,Organisation\nAsha,Mosque\n", "The file has no column of email addresses"),
        ("Email\n", "The file has column headings but no contacts"),
    ],
)
def test_files_that_cannot_be_read_are_explained(client, world, network, text, message):
    client.force_login(world.lco_a)

    response = upload(client, network, text)

    assert response.status_code == 200
    assert response.context["form"].errors["file"][0].startswith(message)
    assert not ContactImport.objects.exists()


def test_a_file_with_semicolons_and_windows_encoding_is_read():
    table = contacts.parse_csv(
        "E-mail address;Contact name\r\nzoë@example.org;Zoë\r\n".encode("cp1252")
    )
    assert [(row["email"], row["name"]) for row in table.rows] == [("zoë@example.org", "Zoë")]


def test_another_persons_import_is_not_found(client, world, network):
    client.force_login(world.lco_a)
    preview = upload(client, network, CSV).url
    client.force_login(world.facilitator_a)
    assert client.get(preview).status_code == 404


def test_viewing_contacts_is_audited(client, world, network):
    client.force_login(world.lco_a)
    client.get(network.get_absolute_url())
    event = AuditEvent.objects.get(action=AuditAction.VIEWED_PERSONAL_DATA)
    assert (event.target_id, event.area_id) == (str(network.pk), world.area_a.pk)


def test_a_contact_can_be_removed(client, world, network):
    client.force_login(world.lco_a)
    contact = network.contacts.get()
    client.post(
        reverse("workshops:contact-remove", args=[world.area_a.slug, network.pk, contact.pk])
    )
    assert not network.contacts.exists()


def test_the_lists_page_counts_who_can_be_emailed(client, world, network):
    ContactFactory(contact_list=network, email="gone@example.org")
    client.force_login(world.lco_a)
    response = client.get(reverse("workshops:contact-lists", args=[world.area_a.slug]))
    [row] = response.context["lists"]
    assert (row.contact_count, row.reachable_count) == (2, 1)


def test_a_windows_encoded_file_warns_on_the_rows_with_accents_and_counts_blank_rows(
    client, world, network
):
    client.force_login(world.lco_a)
    content = "Email,Name\nzoe@example.org,Zoë Østergaard\n\nmo@example.org,Mo Khan\n"

    response = client.post(
        reverse("workshops:contact-import", args=[network.area.slug, network.pk]),
        {
            "file": SimpleUploadedFile("c.csv", content.encode("cp1252"), content_type="text/csv"),
            "basis": ContactBasis.CONSENT,
        },
    )

    accented, blank, plain = ContactImport.objects.get().rows
    assert accented["outcome"] == "new"
    assert accented["messages"] == [
        "The file was not saved as UTF-8, so it was read as Windows-1252, the encoding older "
        "versions of Excel use. Check that letters with accents look right."
    ]
    assert (blank["outcome"], plain["messages"]) == ("blank", [])
    page = client.get(response.url).content.decode()
    assert "2 to add" in page
    assert "1 blank row skipped" in page
    assert "Check that letters with accents look right." in page
