"""Subject access: everything held about one person, from every app, in one zip."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse

from areas.models import Consent, SpendStatus
from partnerships.models import AuditAction, AuditEvent, ConsentDecision
from partnerships.privacy import registry
from tests.areas.budgets.factories import BudgetFactory, SpendLineFactory
from tests.factories import PersonFactory, SteeringMemberFactory
from tests.partnerships.privacy.conftest import QUOTE, decide
from tests.workshops.factories import (
    ActionFactory,
    AttendanceFactory,
    QuoteFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _download(client, user, person):
    client.force_login(user)
    response = client.get(reverse("person-export", args=[person.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_zip_holds_the_persons_data_from_every_app_and_no_one_elses(client, world, speaker):
    session = speaker.attendances.get().session
    SteeringMemberFactory(area=world.area_a, person=speaker, left_reason="")
    ActionFactory(session=session, owner=speaker, description="Book the community hall")
    decide(speaker, ConsentDecision.GIVEN)
    other = PersonFactory(full_name="Someone Else Entirely", email="else@example.org")
    AttendanceFactory(session=session, person=other)
    QuoteFactory(session=session, speaker=other, text="A different person's words.")

    archive = _download(client, world.facilitator_a, speaker)

    names = set(archive.namelist())
    assert {"everything.json", "README.txt"} <= names
    assert {
        f"csv/{section.key}.csv" for section in registry.sections() if section.in_area_exports
    } <= names
    data = json.loads(archive.read("everything.json"))
    sections = data["sections"]
    assert sections["profile"]["records"][0]["email"] == "amina@example.org"
    assert sections["attendance"]["records"][0]["session"] == "Screening letters day"
    assert sections["quotes"]["records"][0]["said"] == QUOTE
    assert sections["actions"]["records"][0]["action"] == "Book the community hall"
    assert sections["steering_seats"]["records"][0]["area"] == "Wandsworth"
    assert sections["consent"]["records"][0]["decision"] == "Agreed"
    everything = b"".join(archive.read(name) for name in names).decode()
    assert "Someone Else Entirely" not in everything
    assert "else@example.org" not in everything
    assert "A different person" not in everything
    rows = list(csv.DictReader(io.StringIO(archive.read("csv/quotes.csv").decode())))
    assert rows[0]["said"] == QUOTE


def test_payments_to_the_person_are_in_their_export(client, world, speaker):
    budget = BudgetFactory(area=world.area_a)
    SpendLineFactory(
        budget=budget,
        payee_person=speaker,
        payee_name="",
        description="Travel to the screening day",
        status=SpendStatus.PENDING,
    )
    data = json.loads(_download(client, world.lead, speaker).read("everything.json"))
    assert data["sections"]["payments"]["records"][0]["description"] == (
        "Travel to the screening day"
    )


def test_the_export_is_audited_without_the_name(client, world, speaker):
    _download(client, world.facilitator_a, speaker)
    event = AuditEvent.objects.get(action=AuditAction.EXPORTED)
    assert event.actor_id == world.facilitator_a.pk
    assert event.target_id == str(speaker.pk)
    assert "Amina" not in event.target_label


def test_a_facilitator_of_another_area_cannot_export(client, world, speaker):
    client.force_login(world.facilitator_b)
    assert client.get(reverse("person-export", args=[speaker.pk])).status_code == 404


@pytest.mark.parametrize("sessions", [1, 8])
def test_the_export_reads_in_a_fixed_number_of_queries(
    client, world, speaker, sessions, django_assert_max_num_queries
):
    """One or two queries per kind of record (texts after a session are the newest kind),
    however much is held."""
    for _ in range(sessions):
        session = speaker.attendances.first().session
        AttendanceFactory(session=SessionFactory(area=session.area), person=speaker)
        QuoteFactory(session=session, speaker=speaker)
    client.force_login(world.facilitator_a)
    with django_assert_max_num_queries(38):
        client.get(reverse("person-export", args=[speaker.pk]))


# Whose export holds what ---------------------------------------------------------------


@pytest.fixture
def also_in_area_b(world, speaker):
    """The speaker, who also takes part in area B, where A's team sees nothing."""
    session = SessionFactory(area=world.area_b, title="Private Somerset session")
    AttendanceFactory(session=session, person=speaker)
    QuoteFactory(
        session=session,
        speaker=speaker,
        text="Words said in Somerset without consent.",
        consent=Consent.NONE,
        consent_on=None,
    )
    ActionFactory(session=session, owner=speaker, description="Somerset action")
    SpendLineFactory(
        budget=BudgetFactory(area=world.area_b),
        payee_person=speaker,
        payee_name="",
        description="Somerset travel",
    )
    SteeringMemberFactory(area=world.area_b, person=speaker)
    return speaker


def _everything(archive) -> str:
    return b"".join(archive.read(name) for name in archive.namelist()).decode()


def test_a_facilitators_export_holds_only_what_their_areas_hold(client, world, also_in_area_b):
    archive = _download(client, world.facilitator_a, also_in_area_b)

    everything = _everything(archive)
    assert QUOTE in everything
    assert "Screening letters day" in everything
    for somerset in ("Somerset", "without consent", "Somerset action", "Somerset travel"):
        assert somerset not in everything
    data = json.loads(archive.read("everything.json"))
    assert data["holds"] == "What Wandsworth holds about this person"
    assert "account_activity" not in data["sections"]


def test_a_facilitators_export_is_audited_with_its_scope(client, world, also_in_area_b):
    _download(client, world.facilitator_a, also_in_area_b)

    event = AuditEvent.objects.get(action=AuditAction.EXPORTED)
    assert event.detail["scope"] == "areas"
    assert event.detail["areas"] == [world.area_a.pk]
    assert event.area_id == world.area_a.pk
    assert event.target_label == f"What Wandsworth holds about person {also_in_area_b.pk}"


def test_a_programme_lead_downloads_everything_held_and_it_is_audited_so(
    client, world, also_in_area_b
):
    everything = _everything(_download(client, world.lead, also_in_area_b))

    assert "Words said in Somerset without consent." in everything
    assert "Somerset travel" in everything
    event = AuditEvent.objects.get(action=AuditAction.EXPORTED)
    assert (event.detail["scope"], event.detail["areas"]) == ("programme", None)


def test_a_person_downloads_everything_held_about_them(client, world):
    person = world.steering_a.person
    QuoteFactory(session=SessionFactory(area=world.area_b), speaker=person, text="Said in B.")
    client.force_login(world.steering_a)

    page = client.get(reverse("my-data"))
    response = client.get(reverse("my-data-export"))

    assert page.status_code == 200
    assert "Download everything we hold about you" in page.content.decode()
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("everything.json"))
    assert data["person_id"] == person.pk
    assert data["sections"]["quotes"]["records"][0]["said"] == "Said in B."
    assert data["sections"]["account_activity"]["records"]
    event = AuditEvent.objects.get(action=AuditAction.EXPORTED)
    assert (event.actor_id, event.target_id) == (world.steering_a.pk, str(person.pk))
    assert event.detail["scope"] == "self"
    assert event.target_label == f"Everything we hold about person {person.pk}, their own copy"


def test_signing_in_is_needed_to_download_ones_own_data(client):
    for name in ("my-data", "my-data-export"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_someone_with_an_account_but_no_record_is_told_so(client, world):
    world.no_role.person.delete()
    client.force_login(world.no_role)

    page = client.get(reverse("my-data")).content.decode()

    assert "We hold no record about you apart from your sign-in account" in page
    assert client.get(reverse("my-data-export")).status_code == 404
