"""Emails the platform owes are rows first: queue, claim, send, retry, and sweep up.

A row moves pending → sending → sent (or skipped, or failed after its last attempt).
The move to sending is one conditional UPDATE, so however many tasks exist for a row
(a rerun sweep, a retried task, two workers) only the one that changed it sends.

The row is the truth, the queue only a hint: a broker that is down when a row is written
is logged, not raised, and the sweep that beat runs every minute queues whatever is due
and not on the queue. A worker that dies while sending leaves its claim behind; the sweep
takes it back as soon as the worker has missed its heartbeats (partnerships/heartbeats.py),
or in any case once it is older than FOLLOW_UP_CLAIM_TIMEOUT_SECONDS. The remaining
window — the SMTP server has accepted the message but the worker died before recording
it — can only be closed by the receiver, so each email's Message-ID is fixed by its row
and a repeat is recognisable.

Follow-ups (workshops.FollowUp) and invitations (partnerships.InvitationEmail) are
outboxes; each is an `Outbox` of its model and the task that sends one row. They share
their timings (tries, delays between them, the claim timeout): the FOLLOW_UP_* settings,
named after the first outbox.
"""

import datetime as dt
import logging
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from partnerships import heartbeats
from partnerships.models import OutboxRow, OutboxStatus

logger = logging.getLogger(__name__)

# Failures worth another try later: the server is down, busy or refused us for now.
RETRYABLE = (smtplib.SMTPException, OSError)
# Rows queued by one sweep; the next sweep, a minute later, takes the rest.
SWEEP_BATCH = 2000
MAX_RETRY_DELAY_SECONDS = 60 * 60


class NotNeeded(Exception):
    """The email should not be sent any more; the message says why."""


def enqueue(task, *args, countdown: float | None = None) -> bool:
    """Put `task` on the queue; False, logged, if the broker cannot take it.

    For tasks whose work is recorded in a row first: the row's sweep queues it again, so a
    request that wrote the row succeeds whether or not the broker is up.
    """
    try:
        task.apply_async(args, countdown=countdown)
    except Exception:
        logger.warning(
            "Could not queue %s%s; the sweep will once the broker is back",
            task.name,
            tuple(args),
            exc_info=True,
        )
        return False
    return True


class Outbox:
    """The queueing, claiming, sending and sweeping of one model's rows."""

    def __init__(self, model: type[OutboxRow], *, task: str, noun: str, related=()):
        self.model = model
        # A dotted path: the tasks module imports the module that defines the outbox.
        self.task_path = task
        # What the logs call a row ("follow-up"), and what composing it reads.
        self.noun = noun
        self.related = related

    @property
    def task(self):
        return import_string(self.task_path)

    def dispatch(self, ids, *, countdown: int | None = None) -> int:
        """Put a task on the queue for each row; returns how many made it.

        A broker that is down is logged, not raised: the rows are in the outbox already,
        and the sweep queues whatever was not queued once the broker is back.
        """
        ids = list(ids)
        task = self.task
        for done, row_id in enumerate(ids):
            try:
                task.apply_async((row_id,), countdown=countdown)
            except Exception:
                logger.warning(
                    "Could not queue %s %s email(s); the sweep will send them",
                    len(ids) - done,
                    self.noun,
                    exc_info=True,
                )
                self.model.objects.filter(pk__in=ids[done:]).update(queued_at=None)
                return done
        return len(ids)

    def dispatch_on_commit(self, ids) -> None:
        ids = list(ids)
        transaction.on_commit(lambda: self.dispatch(ids))

    def sweep(self, *, now: dt.datetime | None = None) -> int:
        """Take back claims of workers that died, then queue every row that is due and
        not already on the queue. Beat runs this every minute; returns how many were
        queued."""
        now = now or timezone.now()
        timeout = now - dt.timedelta(seconds=settings.FOLLOW_UP_CLAIM_TIMEOUT_SECONDS)
        rows = self.model.objects
        stale = rows.filter(status=OutboxStatus.SENDING).filter(
            Q(claimed_at__lt=timeout) | heartbeats.lost_claims(now)
        )
        stale.filter(attempts__gte=settings.FOLLOW_UP_MAX_ATTEMPTS).update(
            status=OutboxStatus.FAILED, last_error="The worker stopped while sending it."
        )
        stale.update(status=OutboxStatus.PENDING, queued_at=None)
        with transaction.atomic():
            # Two sweeps at once each take different rows (the other's are locked).
            due = list(
                rows.select_for_update(skip_locked=True)
                .filter(status=OutboxStatus.PENDING, send_after__lte=now)
                .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=timeout))
                .order_by("send_after")
                .values_list("pk", flat=True)[:SWEEP_BATCH]
            )
            rows.filter(pk__in=due).update(queued_at=now)
        return self.dispatch(due)

    def deliver(self, row_id: int, *, compose: Callable[[OutboxRow], EmailMessage]) -> None:
        """Send one row if it is due and nobody else holds it. Safe to run any number of
        times. `compose` writes the email from what is true now, or raises NotNeeded."""
        now = timezone.now()
        claimed = self.model.objects.filter(
            pk=row_id, status=OutboxStatus.PENDING, send_after__lte=now
        ).update(
            status=OutboxStatus.SENDING,
            claimed_at=now,
            claimed_by=heartbeats.worker_name(),
            attempts=F("attempts") + 1,
        )
        if not claimed:
            return
        row = self.model.objects.select_related(*self.related).get(pk=row_id)
        try:
            message = compose(row)
        except NotNeeded as reason:
            self._finish(row, OutboxStatus.SKIPPED, error=str(reason))
            return
        except Exception as error:
            # A fault in composing will not mend itself by retrying: show it and stop.
            logger.exception("Could not compose %s %s", self.noun, row_id)
            self._finish(row, OutboxStatus.FAILED, error=f"Could not be written: {error!r}")
            return
        if not heartbeats.alive():
            # The sweep may count this worker as dead already and hand the row to another:
            # give it back rather than risk it being sent twice.
            logger.warning("Not sending %s %s: this worker's heartbeat is late", self.noun, row_id)
            self.model.objects.filter(
                pk=row.pk, status=OutboxStatus.SENDING, claimed_at=row.claimed_at
            ).update(status=OutboxStatus.PENDING, queued_at=None, attempts=F("attempts") - 1)
            return
        try:
            message.send()
        except RETRYABLE as error:
            if refused_for_good(error):
                self._finish(row, OutboxStatus.FAILED, error=describe(error))
            else:
                self._retry_later(row, error)
            return
        self._finish(row, OutboxStatus.SENT)
        logger.info("Sent %s %s", self.noun, row.pk)

    def retry_failed(self, row_id: int) -> bool:
        """Someone asks for an undelivered email to be tried again from the start."""
        now = timezone.now()
        retried = self.model.objects.filter(pk=row_id, status=OutboxStatus.FAILED).update(
            status=OutboxStatus.PENDING, attempts=0, send_after=now, queued_at=now, last_error=""
        )
        if retried:
            self.dispatch_on_commit([row_id])
        return bool(retried)

    def _retry_later(self, row: OutboxRow, error: Exception) -> None:
        text = describe(error)
        if row.attempts >= settings.FOLLOW_UP_MAX_ATTEMPTS:
            logger.error("Gave up on %s %s: %s", self.noun, row.pk, text)
            self._finish(row, OutboxStatus.FAILED, error=text)
            return
        delay = retry_delay(row.attempts)
        now = timezone.now()
        self.model.objects.filter(pk=row.pk, status=OutboxStatus.SENDING).update(
            status=OutboxStatus.PENDING,
            send_after=now + dt.timedelta(seconds=delay),
            queued_at=now,
            last_error=text,
        )
        logger.warning("%s %s not sent (%s); trying again in %ss", self.noun, row.pk, text, delay)
        self.dispatch([row.pk], countdown=delay)

    def _finish(self, row: OutboxRow, status: str, *, error: str = "") -> None:
        self.model.objects.filter(pk=row.pk, status=OutboxStatus.SENDING).update(
            status=status,
            sent_at=timezone.now() if status == OutboxStatus.SENT else None,
            last_error=error[:300],
        )


def retry_delay(attempts: int) -> int:
    """Seconds before the next try: doubling from FOLLOW_UP_RETRY_SECONDS, at most an hour."""
    return min(settings.FOLLOW_UP_RETRY_SECONDS * 2 ** (attempts - 1), MAX_RETRY_DELAY_SECONDS)


def refused_for_good(error: Exception) -> bool:
    """A 5xx answer (no such mailbox, message rejected) will be the same next time."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:300]
