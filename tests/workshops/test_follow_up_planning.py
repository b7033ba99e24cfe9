"""Which follow-ups are owed when: each scan is set-based and safe to run again."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from partnerships.models import AreaRole
from tests.factories import MembershipFactory, PersonFactory, user_with_role
from tests.workshops.factories import ActionFactory, AttendanceFactory, SessionFactory
from workshops.followups import planning
from workshops.models import (
    ActionStatus,
    FollowUp,
    FollowUpKind,
    FollowUpOptOut,
    FollowUpPurpose,
    SessionStatus,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 11)  # a Wednesday
LONG_AGO = timezone.make_aware(dt.datetime(2026, 1, 5, 10))


def owner(**kwargs):
    return PersonFactory(email=f"owner{PersonFactory._meta.model.objects.count()}@example.org")


def action_due(day, **kwargs):
    return ActionFactory(due_on=day, owner=kwargs.pop("owner", None) or owner(), **kwargs)


def owed(purpose=None):
    rows = FollowUp.objects.all()
    if purpose:
        rows = rows.filter(purpose=purpose)
    return sorted((row.purpose, row.action_id, row.person_id, row.key_date) for row in rows)


def scan(day):
    return planning.plan_reminders(
        today=day, now=timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    )


def test_a_reminder_is_owed_days_before_the_due_date_once():
    action = action_due(TODAY + dt.timedelta(days=3), created_at=LONG_AGO)
    later = action_due(TODAY + dt.timedelta(days=4), created_at=LONG_AGO)

    assert scan(TODAY) == 1
    assert scan(TODAY) == 0
    assert scan(TODAY + dt.timedelta(days=1)) == 1

    assert owed() == [
        (FollowUpPurpose.DUE_SOON, action.pk, action.owner_id, action.due_on),
        (FollowUpPurpose.DUE_SOON, later.pk, later.owner_id, later.due_on),
    ]


def test_no_reminder_on_the_day_an_action_is_agreed():
    with time_machine.travel(timezone.make_aware(dt.datetime.combine(TODAY, dt.time(8)))):
        action = action_due(TODAY + dt.timedelta(days=2))
    assert scan(TODAY) == 0
    assert scan(TODAY + dt.timedelta(days=1)) == 1
    assert owed() == [(FollowUpPurpose.DUE_SOON, action.pk, action.owner_id, action.due_on)]


def test_a_reminder_is_owed_on_the_due_date():
    action = action_due(TODAY, created_at=LONG_AGO)
    scan(TODAY)
    scan(TODAY)
    assert owed() == [(FollowUpPurpose.DUE_TODAY, action.pk, action.owner_id, TODAY)]


def test_a_new_due_date_is_a_new_reminder():
    action = action_due(TODAY + dt.timedelta(days=1), created_at=LONG_AGO)
    scan(TODAY)
    action.due_on = TODAY + dt.timedelta(days=2)
    action.save()
    scan(TODAY)
    assert [key for *_, key in owed(FollowUpPurpose.DUE_SOON)] == [
        TODAY + dt.timedelta(days=1),
        TODAY + dt.timedelta(days=2),
    ]


def test_overdue_actions_are_nudged_weekly_then_facilitators_are_told_once():
    facilitator = user_with_role(role=None).person
    action = action_due(TODAY - dt.timedelta(days=1), created_at=LONG_AGO)
    facilitator.email = "facilitator@example.org"
    facilitator.save()
    MembershipFactory(person=facilitator, area=action.area, role=AreaRole.FACILITATOR)

    for day in range(45):
        scan(TODAY + dt.timedelta(days=day))
        scan(TODAY + dt.timedelta(days=day))

    nudges = owed(FollowUpPurpose.OVERDUE)
    assert [key for *_, key in nudges] == [
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 16),
        dt.date(2026, 3, 23),
    ]
    assert {person for _, _, person, _ in nudges} == {action.owner_id}
    assert owed(FollowUpPurpose.ESCALATION) == [
        (FollowUpPurpose.ESCALATION, action.pk, facilitator.pk, action.due_on)
    ]


def test_an_action_due_on_a_sunday_is_first_nudged_in_the_next_week():
    sunday = dt.date(2026, 3, 8)
    action_due(sunday, created_at=LONG_AGO)
    scan(dt.date(2026, 3, 9))
    assert [key for *_, key in owed(FollowUpPurpose.OVERDUE)] == [dt.date(2026, 3, 9)]


def test_done_actions_people_without_email_and_opt_outs_are_left_out():
    action_due(TODAY, created_at=LONG_AGO, status=ActionStatus.DONE)
    action_due(TODAY, created_at=LONG_AGO, owner=PersonFactory(email=""))
    turned_off = action_due(TODAY, created_at=LONG_AGO)
    FollowUpOptOut.objects.create(person=turned_off.owner, kind=FollowUpKind.REMINDERS)
    nudged = action_due(TODAY - dt.timedelta(days=2), created_at=LONG_AGO, owner=turned_off.owner)

    scan(TODAY)

    assert owed() == [(FollowUpPurpose.OVERDUE, nudged.pk, nudged.owner_id, dt.date(2026, 3, 9))]


def test_the_scan_is_a_fixed_number_of_queries(django_assert_max_num_queries):
    for days in range(-20, 6):
        action_due(TODAY + dt.timedelta(days=days), created_at=LONG_AGO)
    with django_assert_max_num_queries(4):
        assert scan(TODAY) > 5


def test_nothing_is_sent_before_the_sending_hour(settings):
    settings.FOLLOW_UP_SEND_FROM_HOUR = 8
    early = timezone.make_aware(dt.datetime(2026, 3, 11, 0, 5))
    assert planning.sending_time(early) == timezone.make_aware(dt.datetime(2026, 3, 11, 8))
    late = timezone.make_aware(dt.datetime(2026, 3, 11, 14, 30))
    assert planning.sending_time(late) == late


def test_a_digest_is_owed_once_a_week_to_people_with_open_actions():
    busy = owner()
    action_due(TODAY, owner=busy)
    action_due(TODAY + dt.timedelta(days=9), owner=busy)
    action_due(TODAY, status=ActionStatus.DONE)

    assert planning.plan_digests(week_of=TODAY) == 1
    assert planning.plan_digests(week_of=TODAY + dt.timedelta(days=2)) == 0

    assert owed() == [(FollowUpPurpose.DIGEST, None, busy.pk, dt.date(2026, 3, 9))]


def test_what_we_agreed_is_owed_to_attendees_with_accounts_after_a_pause(settings):
    settings.FOLLOW_UP_SUMMARY_DELAY_MINUTES = 60
    session = SessionFactory(status=SessionStatus.WRITTEN_UP)
    with_account = user_with_role().person
    AttendanceFactory(session=session, person=with_account)
    AttendanceFactory(session=session, person=owner())
    now = timezone.make_aware(dt.datetime(2026, 3, 11, 15))

    assert planning.plan_session_summary(session=session, now=now) == 1
    assert planning.plan_session_summary(session=session, now=now) == 0

    row = FollowUp.objects.get()
    assert (row.purpose, row.session, row.person) == (
        FollowUpPurpose.SUMMARY,
        session,
        with_account,
    )
    assert row.send_after == now + dt.timedelta(hours=1)
