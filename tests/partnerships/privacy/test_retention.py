"""Retention: one table drives the clean-up job and the privacy page."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from partnerships.models import AuditAction, AuditEvent, Invitation, Person
from partnerships.privacy import retention
from tests.factories import InvitationFactory, PersonFactory
from tests.workshops.factories import AttendanceFactory, QuoteFactory, SessionFactory
from workshops.models import Consent, Insight

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(days=4 * 365)


@pytest.fixture
def due(world):
    """One record past its time for three rules, and one of each still within it."""
    old_session = SessionFactory(area=world.area_a, starts_at=LONG_AGO)
    gone = PersonFactory(full_name="Long Gone Participant", created_at=LONG_AGO)
    AttendanceFactory(session=old_session, person=gone)
    recent = PersonFactory(full_name="Recent Participant", created_at=LONG_AGO)
    AttendanceFactory(session=SessionFactory(area=world.area_a), person=recent)
    unconsented = QuoteFactory(session=old_session, consent=Consent.NONE, consent_on=None)
    Insight.objects.filter(pk=unconsented.pk).update(created_at=LONG_AGO)
    QuoteFactory(session=old_session, consent=Consent.NONE, consent_on=None)
    InvitationFactory(
        area=world.area_a,
        invited_by=world.facilitator_a.person,
        expires_at=timezone.now() - timedelta(days=91),
    )
    return {"gone": gone, "recent": recent}


def _counts(outcomes):
    return {outcome.rule.record_type: outcome.count for outcome in outcomes}


def test_a_dry_run_counts_and_changes_nothing(due):
    counts = _counts(retention.apply(dry_run=True))
    assert counts["Participants who no longer take part"] == 1
    assert counts["Quotes nobody agreed to share"] == 1
    assert counts["Invitations nobody used"] == 1
    assert Person.objects.get(pk=due["gone"].pk).erased_at is None
    assert Insight.objects.count() == 2
    event = AuditEvent.objects.get(action=AuditAction.RETENTION_APPLIED)
    assert event.detail["dry_run"] is True


def test_the_real_run_does_what_the_dry_run_said_and_a_second_run_finds_nothing(due):
    promised = _counts(retention.apply(dry_run=True))
    assert _counts(retention.apply(dry_run=False)) == promised
    gone = Person.objects.get(pk=due["gone"].pk)
    assert gone.erased_at is not None
    assert gone.full_name.startswith("Participant ")
    assert gone.attendances.count() == 1
    assert Person.objects.get(pk=due["recent"].pk).erased_at is None
    assert Insight.objects.count() == 1
    assert (
        Invitation.objects.filter(expires_at__lt=timezone.now() - timedelta(days=90)).count() == 0
    )
    assert set(_counts(retention.apply(dry_run=False)).values()) == {0}
    assert AuditEvent.objects.filter(action=AuditAction.ERASED).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.RETENTION_APPLIED).count() == 3


def test_the_command_prints_what_a_dry_run_would_do(due, capsys):
    call_command("apply_retention", "--dry-run")
    out = capsys.readouterr().out
    assert "Would erase      1  Participants who no longer take part (older than 3 years)" in out
    assert "Would delete      1  Quotes nobody agreed to share (older than 1 year)" in out
    assert Person.objects.get(pk=due["gone"].pk).erased_at is None


def test_the_nightly_job_is_scheduled(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["apply-retention"]
    assert schedule["task"] == "partnerships.tasks.apply_retention"


def test_the_privacy_page_shows_the_same_table(client):
    page = client.get(reverse("privacy")).content.decode()
    for rule in retention.RETENTION:
        assert rule.record_type in page
        assert rule.period in page


def test_each_app_declares_its_own_rules_and_the_core_names_none_of_its_models():
    core = Path(retention.__file__).read_text()
    assert not re.search(r"\b(areas|workshops|resources|learning)\.[A-Z]", core)
    declared_by = {rule.model._meta.app_label for rule in retention.every_rule()}
    assert declared_by == {"partnerships", "sessions", "areas", "workshops"}
    kept = [rule.action == retention.KEEP for rule in retention.every_rule()]
    assert kept == sorted(kept), "the rules that remove something come first"
