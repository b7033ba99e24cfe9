import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from partnerships import audit
from partnerships.models import AuditAction, AuditEvent
from tests.factories import PASSWORD
from tests.workshops.factories import AttendanceFactory, SessionFactory


def test_signing_in_and_a_failed_attempt_are_recorded(client, world):
    client.post(reverse("account_login"), {"login": world.steering_a.email, "password": "wrong"})
    client.post(reverse("account_login"), {"login": world.steering_a.email, "password": PASSWORD})

    failed, signed_in = AuditEvent.objects.order_by("pk")
    assert (failed.action, failed.actor_email) == (
        AuditAction.SIGN_IN_FAILED,
        world.steering_a.email,
    )
    assert (signed_in.action, signed_in.actor_id) == (AuditAction.SIGNED_IN, world.steering_a.pk)
    assert "wrong" not in str(failed.detail)


def test_a_refused_request_is_recorded(client, world):
    client.force_login(world.steering_a)

    response = client.get(reverse("areas:stage-change", args=[world.area_a.slug]))

    assert response.status_code == 403
    event = AuditEvent.objects.get(action=AuditAction.DENIED)
    assert event.actor_email == world.steering_a.email
    assert event.path == reverse("areas:stage-change", args=[world.area_a.slug])


def test_seeing_who_came_to_a_session_is_recorded_for_the_area_team_only(client, world):
    session = SessionFactory(area=world.area_a, title="Screening day")
    AttendanceFactory(session=session)

    client.force_login(world.steering_a)
    client.get(session.get_absolute_url())
    client.force_login(world.facilitator_a)
    response = client.get(session.get_absolute_url())

    event = AuditEvent.objects.get(action=AuditAction.VIEWED_PERSONAL_DATA)
    assert event.actor_id == world.facilitator_a.pk
    assert event.target_label == "Who came to Screening day"
    assert event.area_id == world.area_a.pk
    assert "no-store" in response["Cache-Control"]


def test_a_spreadsheet_export_is_recorded(client, world):
    client.force_login(world.lead)
    client.get(reverse("areas:list-csv"))
    assert AuditEvent.objects.filter(action=AuditAction.EXPORTED, actor_id=world.lead.pk).exists()


@pytest.mark.parametrize("change", ["update", "delete"])
def test_the_log_cannot_be_changed_or_emptied(world, change):
    event = audit.record(AuditAction.EXPORTED, user=world.lead, label="Programme areas CSV")

    rows = AuditEvent.objects.filter(pk=event.pk)
    attempt = {
        "update": lambda: rows.update(actor_email="someone@else.org"),
        "delete": rows.delete,
    }[change]

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        attempt()

    assert AuditEvent.objects.get(pk=event.pk).actor_email == world.lead.email


def test_programme_leads_search_the_log(client, world):
    audit.record(AuditAction.EXPORTED, user=world.facilitator_a, label="Wandsworth notes")
    audit.record(AuditAction.EXPORTED, user=world.facilitator_b, label="Somerset notes")
    client.force_login(world.lead)

    page = client.get(reverse("audit-log"), {"record": "wandsworth"}).content.decode()

    assert "Wandsworth notes" in page
    assert "Somerset notes" not in page


@pytest.mark.parametrize("persona", ["facilitator_a", "steering_a", "funder"])
def test_only_programme_leads_read_the_log(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.get(reverse("audit-log")).status_code == 403


def test_the_log_page_reads_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.lead)
    audit.record(AuditAction.EXPORTED, user=world.lead, label="Export")
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("audit-log"))
    for number in range(120):
        audit.record(AuditAction.EXPORTED, user=world.lead, label=f"Export {number}")
    with django_assert_max_num_queries(len(few)):
        assert client.get(reverse("audit-log")).status_code == 200
