"""Celery tasks for follow-up emails. Each takes ids or dates, never objects, and is safe
to run twice: the outbox's constraints and claims make a repeat do nothing."""

from celery import shared_task
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from workshops.cascades import sending
from workshops.followups import delivery, planning
from workshops.reportback import texts


@shared_task(ignore_result=True)
def send_follow_up(follow_up_id: int):
    delivery.deliver(follow_up_id=follow_up_id)


@shared_task(ignore_result=True)
def sweep_follow_ups(now: str | None = None):
    """Queue what is waiting. `now` (ISO) stands in for the clock, for tests across time."""
    delivery.sweep(now=parse_datetime(now) if now else None)


@shared_task(ignore_result=True)
def plan_follow_ups(today: str | None = None):
    """Owe the reminders due on `today` (ISO date; today if not given), then queue them."""
    day = parse_date(today) if today else timezone.localdate()
    planning.plan_reminders(today=day)
    planning.plan_cascade_reminders(today=day)
    delivery.sweep()


@shared_task(ignore_result=True)
def plan_digests(week_of: str | None = None):
    day = parse_date(week_of) if week_of else timezone.localdate()
    planning.plan_digests(week_of=day)
    delivery.sweep()


@shared_task(ignore_result=True)
def send_cascade_batch(cascade_id: int):
    """Send the next batch of a cascade; it queues the batch after it, at the rate allowed."""
    sending.send_batch(cascade_id=cascade_id)


@shared_task(ignore_result=True)
def sweep_cascades():
    """Take back recipients of a worker that died and restart cascades that stalled."""
    sending.sweep()


@shared_task(ignore_result=True)
def send_report_back_text(text_id: int):
    """Text one person a session's report-back link. Safe to run twice: the row is
    claimed first."""
    texts.outbox.deliver(text_id, compose=texts.compose)


@shared_task(ignore_result=True)
def sweep_report_back_texts():
    """Queue report-back texts that never reached the queue or whose worker died."""
    texts.outbox.sweep()
