"""Sending the follow-ups the outbox owes: workshops.FollowUp rows through the platform's
outbox (partnerships/outbox.py), which queues, claims, sends, retries and sweeps them."""

import datetime as dt

from partnerships.outbox import Outbox
from workshops.followups.models import FollowUp

outbox = Outbox(
    FollowUp, task="workshops.tasks.send_follow_up", noun="follow-up", related=("person",)
)


def dispatch(ids, *, countdown: int | None = None) -> int:
    return outbox.dispatch(ids, countdown=countdown)


def dispatch_on_commit(ids) -> None:
    outbox.dispatch_on_commit(ids)


def sweep(*, now: dt.datetime | None = None) -> int:
    return outbox.sweep(now=now)


def deliver(*, follow_up_id: int) -> None:
    from workshops.followups import emails

    outbox.deliver(follow_up_id, compose=emails.compose)


def retry_failed(*, follow_up: FollowUp) -> bool:
    """A facilitator asks for an undelivered email to be tried again from the start."""
    return outbox.retry_failed(follow_up.pk)
