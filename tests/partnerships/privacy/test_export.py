"""Subject access: everything held about one person, from every app, in one zip."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse

from areas.models import SpendStatus
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
    assert {f"csv/{section.key}.csv" for section in registry.sections()} <= names
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
    """One or two queries per kind of record, however much is held."""
    for _ in range(sessions):
        session = speaker.attendances.first().session
        AttendanceFactory(session=SessionFactory(area=session.area), person=speaker)
        QuoteFactory(session=session, speaker=speaker)
    client.force_login(world.facilitator_a)
    with django_assert_max_num_queries(36):
        client.get(reverse("person-export", args=[speaker.pk]))
