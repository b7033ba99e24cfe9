"""What the pulse keeps about a person: their link, exported without saying whether they
used it, erased with them, and deleted a month after the pulse closes; answers stay."""

from datetime import timedelta

import pytest
from django.utils import timezone

from areas.pulse import services
from areas.pulse.models import Pulse, PulseAnswer, PulseInvitation, PulseMessage
from partnerships.privacy import registry, retention
from tests.areas.pulse.helpers import answer, open_pulse

pytestmark = pytest.mark.django_db


def _pulse_rows(person):
    record = next(item for item in registry.sections() if item.key == "pulse_invitations")
    return record.export(person, None), record


def test_a_persons_export_names_the_pulse_but_not_whether_they_answered(world):
    pulse = open_pulse(world)
    person = world.steering_a.person
    services.pulse_answer(
        invitation=pulse.invitations.get(person=person),
        scores={"trust": 1, "vision": 1, "involved": 1, "worth_time": 1},
        better="",
    )
    rows, _ = _pulse_rows(person)
    assert rows == [
        {
            "area": world.area_a.name,
            "pulse_opened_on": pulse.opened_at.date(),
            "sent": "A link of your own to answer the partnership health pulse",
        }
    ]


def test_erasing_a_person_removes_their_links_and_keeps_the_answers(world):
    pulse = open_pulse(world)
    answer(pulse, 5)
    person = world.steering_a.person
    _, record = _pulse_rows(person)
    assert record.erase(person, "Person 1") == 2  # the link, and the email that carried it
    assert not PulseInvitation.objects.filter(person=person).exists()
    assert not PulseMessage.objects.exists()
    assert PulseAnswer.objects.count() == 5


def test_links_are_deleted_a_month_after_their_pulse_closes(world):
    old = open_pulse(world)
    answer(old, 5)
    services.pulse_close(pulse=old)
    Pulse.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timedelta(days=31))
    recent = open_pulse(world)
    outcomes = {
        outcome.rule.record_type: outcome.count for outcome in retention.apply(dry_run=False)
    }
    assert outcomes["Links to partnership health pulses"] == 6
    assert not PulseInvitation.objects.filter(pulse=old).exists()
    assert PulseInvitation.objects.filter(pulse=recent).count() == 1
    assert PulseAnswer.objects.filter(pulse=old).count() == 5
