"""Which follow-up emails are owed, written to the outbox before anything is sent.

Each scan is one INSERT … SELECT per kind of email, whatever the number of actions, and
reads open actions through a date window on an index. The outbox's unique constraints
make running any of them twice (or in two workers at once) harmless: a row that exists
already is skipped by the database.
"""

import datetime as dt

from django.conf import settings
from django.db import connection
from django.db.models import DateField, DateTimeField, F, IntegerField, Value
from django.db.models.constants import OnConflict
from django.db.models.functions import TruncDate
from django.utils import timezone

from partnerships.models import AreaRole, Membership
from workshops.followups import delivery
from workshops.followups.models import FollowUp, FollowUpKind, FollowUpPurpose, FollowUpStatus
from workshops.models import Action, ActionStatus, Attendance, SessionStatus

OPEN_STATUSES = [status for status in ActionStatus.values if status != ActionStatus.DONE]
# The outbox columns most scans fill from an action: its owner, and the action itself.
OWNER = F("owner_id")
THIS_ACTION = F("pk")


def sending_time(now: dt.datetime) -> dt.datetime:
    """`now`, or if it is before the sending hour, that hour today: no email at 3 a.m."""
    start = timezone.localtime(now).replace(
        hour=settings.FOLLOW_UP_SEND_FROM_HOUR, minute=0, second=0, microsecond=0
    )
    return max(now, start)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def plan_assigned(*, action: Action, now: dt.datetime | None = None) -> FollowUp | None:
    """Tell the action's owner it is theirs, once the transaction commits."""
    if not action.owner.email:
        return None
    now = now or timezone.now()
    follow_up, created = FollowUp.objects.get_or_create(
        purpose=FollowUpPurpose.ASSIGNED,
        action=action,
        person=action.owner,
        key_date=timezone.localdate(now),
        defaults={"send_after": now, "queued_at": now, "created_at": now},
    )
    if created:
        delivery.dispatch_on_commit([follow_up.pk])
    return follow_up


def plan_session_summary(*, session, now: dt.datetime | None = None) -> int:
    """Owe "what we agreed" to everyone at the session who has an account.

    It waits FOLLOW_UP_SUMMARY_DELAY_MINUTES, so a facilitator who spots a mistake just
    after marking the notes written up can correct them: the email carries the notes as
    they are when it is sent.
    """
    now = now or timezone.now()
    later = now + dt.timedelta(minutes=settings.FOLLOW_UP_SUMMARY_DELAY_MINUTES)
    attendees = (
        Attendance.objects.filter(session=session, person__user__isnull=False)
        .exclude(person__email="")
        .exclude(person__follow_up_opt_outs__kind=FollowUpKind.SUMMARY)
    )
    return _insert(
        attendees,
        purpose=FollowUpPurpose.SUMMARY,
        person_id=F("person_id"),
        action_id=None,
        session_id=Value(session.pk, output_field=IntegerField()),
        key_date=Value(timezone.localdate(session.starts_at), output_field=DateField()),
        send_after=sending_time(later),
        now=now,
    )


def plan_reminders(*, today: dt.date, now: dt.datetime | None = None) -> int:
    """Owe every reminder, nudge and escalation due on `today`; returns how many are new.

    - Before the due date: once, FOLLOW_UP_DAYS_BEFORE_DUE days ahead (or at the next
      scan after that), but not on the day the action was agreed — its owner was just told.
    - On the due date.
    - Overdue: once in each of the first FOLLOW_UP_OVERDUE_NUDGES ISO weeks in which the
      action is overdue (the first is the week of the day after the due date).
    - In the week after the last nudge, the area's facilitators are told instead, once.
    """
    now = now or timezone.now()
    monday = monday_of(today)
    nudges = settings.FOLLOW_UP_OVERDUE_NUDGES
    # Due on or after this day, an action has been overdue in at most `nudges` weeks.
    nudged_since = monday - dt.timedelta(days=7 * (nudges - 1) + 1)
    start_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    when = sending_time(now)

    def to_owners(kind, **window):
        return (
            Action.objects.exclude(status=ActionStatus.DONE)
            .filter(**window)
            .exclude(owner__email="")
            .exclude(owner__follow_up_opt_outs__kind=kind)
        )

    planned = _insert(
        to_owners(
            FollowUpKind.REMINDERS,
            due_on__gt=today,
            due_on__lte=today + dt.timedelta(days=settings.FOLLOW_UP_DAYS_BEFORE_DUE),
            created_at__lt=start_of_today,
        ),
        purpose=FollowUpPurpose.DUE_SOON,
        key_date=F("due_on"),
        send_after=when,
        now=now,
    )
    planned += _insert(
        to_owners(FollowUpKind.REMINDERS, due_on=today, created_at__lt=start_of_today),
        purpose=FollowUpPurpose.DUE_TODAY,
        key_date=F("due_on"),
        send_after=when,
        now=now,
    )
    planned += _insert(
        to_owners(FollowUpKind.OVERDUE, due_on__gte=nudged_since, due_on__lt=today),
        purpose=FollowUpPurpose.OVERDUE,
        key_date=Value(monday, output_field=DateField()),
        send_after=when,
        now=now,
    )
    facilitators = (
        Membership.objects.filter(
            role=AreaRole.FACILITATOR,
            area__actions__status__in=OPEN_STATUSES,
            area__actions__due_on__gte=nudged_since - dt.timedelta(days=7),
            area__actions__due_on__lt=nudged_since,
        )
        .exclude(person__email="")
        .exclude(person__follow_up_opt_outs__kind=FollowUpKind.ESCALATION)
    )
    planned += _insert(
        facilitators,
        purpose=FollowUpPurpose.ESCALATION,
        person_id=F("person_id"),
        action_id=F("area__actions__id"),
        key_date=F("area__actions__due_on"),
        send_after=when,
        now=now,
    )
    return planned


def plan_digests(*, week_of: dt.date, now: dt.datetime | None = None) -> int:
    """Owe a digest for the week of `week_of` to everyone who owns an open action."""
    now = now or timezone.now()
    owners = (
        Action.objects.exclude(status=ActionStatus.DONE)
        .exclude(owner__email="")
        .exclude(owner__follow_up_opt_outs__kind=FollowUpKind.DIGEST)
        .distinct()
    )
    return _insert(
        owners,
        purpose=FollowUpPurpose.DIGEST,
        action_id=None,
        key_date=Value(monday_of(week_of), output_field=DateField()),
        send_after=sending_time(now),
        now=now,
    )


def plan_cascade_reminders(*, today: dt.date, now: dt.datetime | None = None) -> int:
    """Remind the area's LCO coordinators of each written-up session not cascaded within
    CASCADE_REMINDER_DAYS of the day it was held; once per session and coordinator.

    Sessions held up to CASCADE_REMINDER_WINDOW_DAYS before that are still reminded of
    (a missed scan catches up), older ones are not, so a new area's history is not.
    """
    now = now or timezone.now()
    due_by = today - dt.timedelta(days=settings.CASCADE_REMINDER_DAYS)
    coordinators = (
        Membership.objects.filter(
            role=AreaRole.LCO_COORDINATOR,
            area__sessions__status=SessionStatus.WRITTEN_UP,
            area__sessions__starts_at__date__lte=due_by,
            area__sessions__starts_at__date__gt=due_by
            - dt.timedelta(days=settings.CASCADE_REMINDER_WINDOW_DAYS),
            area__sessions__cascade__sent_at__isnull=True,
        )
        .exclude(person__email="")
        .exclude(person__follow_up_opt_outs__kind=FollowUpKind.CASCADE)
    )
    return _insert(
        coordinators,
        purpose=FollowUpPurpose.CASCADE_DUE,
        person_id=F("person_id"),
        action_id=None,
        session_id=F("area__sessions__id"),
        key_date=TruncDate("area__sessions__starts_at"),
        send_after=sending_time(now),
        now=now,
    )


def _insert(
    source,
    *,
    purpose,
    key_date,
    send_after,
    now,
    person_id=OWNER,
    action_id=THIS_ACTION,
    session_id=None,
) -> int:
    """INSERT … SELECT one outbox row per row of `source`, skipping rows that exist.

    The candidate rows are a subquery with prefixed names (an annotation may not share
    a name with a field of the model it is on), selected by name in the outbox's column
    order.
    """
    columns = {
        "purpose": Value(str(purpose)),
        "person_id": person_id,
        "key_date": key_date,
        "status": Value(str(FollowUpStatus.PENDING)),
        "send_after": Value(send_after, output_field=DateTimeField()),
        "attempts": Value(0),
        "claimed_by": Value(""),
        "last_error": Value(""),
        "created_at": Value(now, output_field=DateTimeField()),
    }
    if action_id is not None:
        columns["action_id"] = action_id
    if session_id is not None:
        columns["session_id"] = session_id
    candidates = source.order_by().values(
        **{f"new_{name}": value for name, value in columns.items()}
    )
    select, params = candidates.query.sql_with_params()
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in columns)
    picked = ", ".join(quote(f"new_{name}") for name in columns)
    insert = connection.ops.insert_statement(on_conflict=OnConflict.IGNORE)
    on_conflict = connection.ops.on_conflict_suffix_sql(
        fields=[], on_conflict=OnConflict.IGNORE, update_fields=[], unique_fields=[]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"{insert} {quote(FollowUp._meta.db_table)} ({names}) "
            f"SELECT {picked} FROM ({select}) AS candidates {on_conflict}",
            params,
        )
        return cursor.rowcount
