"""A week after a written-up session that was not cascaded, the LCO coordinators are
reminded once, through the follow-up outbox."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from partnerships.models import AreaRole
from tests.factories import user_with_role
from tests.workshops.cascade_factories import ContactFactory, WrittenUpSessionFactory
from workshops import tasks
from workshops.cascades import services
from workshops.followups import delivery, planning
from workshops.models import FollowUp, FollowUpKind, FollowUpOptOut, FollowUpPurpose

pytestmark = pytest.mark.django_db


def held_days_ago(area, days, **fields):
    return WrittenUpSessionFactory(
        area=area, starts_at=timezone.now() - dt.timedelta(days=days), **fields
    )


def test_the_lco_is_reminded_seven_days_after_the_session_once(world):
    session = held_days_ago(world.area_a, 7)
    later = held_days_ago(world.area_a, 6)
    today = timezone.localdate()

    assert planning.plan_cascade_reminders(today=today) == 1
    assert planning.plan_cascade_reminders(today=today) == 0
    # The next day only the later session is new.
    assert planning.plan_cascade_reminders(today=today + dt.timedelta(days=1)) == 1

    assert FollowUp.objects.filter(session=later).count() == 1
    follow_up = FollowUp.objects.get(session=session)
    assert (follow_up.purpose, follow_up.session, follow_up.person) == (
        FollowUpPurpose.CASCADE_DUE,
        session,
        world.lco_a.person,
    )


def test_every_coordinator_of_the_area_and_nobody_else_is_reminded(world):
    second = user_with_role(world.area_a, AreaRole.LCO_COORDINATOR)
    held_days_ago(world.area_a, 8)

    planning.plan_cascade_reminders(today=timezone.localdate())

    assert set(FollowUp.objects.values_list("person", flat=True)) == {
        world.lco_a.person.pk,
        second.person.pk,
    }


def test_cascaded_old_and_not_written_up_sessions_are_not_reminded(world):
    sent = held_days_ago(world.area_a, 9)
    contact = ContactFactory(contact_list__area=world.area_a)
    services.cascade_send(
        session=sent,
        by=world.lco_a.person,
        subject="S",
        body="B",
        lists=[contact.contact_list],
        version=None,
    )
    held_days_ago(world.area_a, 60)
    held_days_ago(world.area_a, 9, status="held")

    assert planning.plan_cascade_reminders(today=timezone.localdate()) == 0


def test_a_coordinator_who_turned_reminders_off_is_not_reminded(world):
    FollowUpOptOut.objects.create(person=world.lco_a.person, kind=FollowUpKind.CASCADE)
    held_days_ago(world.area_a, 7)
    assert planning.plan_cascade_reminders(today=timezone.localdate()) == 0


def test_the_reminder_links_to_the_cascade_and_is_skipped_once_cascaded(world, settings):
    settings.FOLLOW_UP_SEND_FROM_HOUR = 0
    session = held_days_ago(world.area_a, 7, title="Second partnership day")
    planning.plan_cascade_reminders(today=timezone.localdate())
    follow_up = FollowUp.objects.get()

    delivery.deliver(follow_up_id=follow_up.pk)

    [message] = mail.outbox
    assert message.subject == "Waiting to be cascaded: Second partnership day"
    assert f"/sessions/{session.pk}/cascade/" in message.body

    other = held_days_ago(world.area_a, 7)
    planning.plan_cascade_reminders(today=timezone.localdate())
    contact = ContactFactory(contact_list__area=world.area_a)
    services.cascade_send(
        session=other,
        by=world.lco_a.person,
        subject="S",
        body="B",
        lists=[contact.contact_list],
        version=None,
    )
    skipped = FollowUp.objects.get(session=other)
    delivery.deliver(follow_up_id=skipped.pk)
    skipped.refresh_from_db()
    assert (skipped.status, skipped.last_error) == ("skipped", "The session has been cascaded.")


def test_the_hourly_planning_task_plans_cascade_reminders(world):
    held_days_ago(world.area_a, 7)
    tasks.plan_follow_ups.apply()
    assert FollowUp.objects.filter(purpose=FollowUpPurpose.CASCADE_DUE).count() == 1


def test_only_coordinators_are_offered_the_reminder_setting(client, world):
    client.force_login(world.lco_a)
    assert "waiting to be cascaded" in client.get("/actions/emails/").content.decode()
    client.force_login(world.steering_a)
    assert "waiting to be cascaded" not in client.get("/actions/emails/").content.decode()
