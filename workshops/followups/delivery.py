"""Sending what the outbox owes: queue, claim, send, retry, and sweep up what was missed.

A row moves pending → sending → sent (or skipped, or failed after its last attempt).
The move to sending is one conditional UPDATE, so however many tasks exist for a row
(a rerun sweep, a retried task, two workers) only the one that changed it sends. A
worker that dies while sending leaves its claim behind; the sweep takes back claims
older than FOLLOW_UP_CLAIM_TIMEOUT_SECONDS. The remaining window — the SMTP server has
accepted the message but the worker died before recording it — can only be closed by
the receiver, so each email's Message-ID is fixed by its row and a repeat is recognisable.
"""

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from workshops.models import FollowUp, FollowUpStatus

logger = logging.getLogger(__name__)

# Failures worth another try later: the server is down, busy or refused us for now.
RETRYABLE = (smtplib.SMTPException, OSError)
# Rows queued by one sweep; the next sweep, a minute later, takes the rest.
SWEEP_BATCH = 2000
MAX_RETRY_DELAY_SECONDS = 60 * 60


def dispatch(ids, *, countdown: int | None = None) -> int:
    """Put a task on the queue for each row; returns how many made it.

    A broker that is down is logged, not raised: the rows are in the outbox already,
    and the sweep queues whatever was not queued once the broker is back.
    """
    from workshops.tasks import send_follow_up

    ids = list(ids)
    for done, follow_up_id in enumerate(ids):
        try:
            send_follow_up.apply_async((follow_up_id,), countdown=countdown)
        except Exception:
            logger.warning(
                "Could not queue %s follow-ups; the sweep will send them",
                len(ids) - done,
                exc_info=True,
            )
            FollowUp.objects.filter(pk__in=ids[done:]).update(queued_at=None)
            return done
    return len(ids)


def dispatch_on_commit(ids) -> None:
    ids = list(ids)
    transaction.on_commit(lambda: dispatch(ids))


def sweep(*, now: dt.datetime | None = None) -> int:
    """Take back claims of workers that died, then queue every row that is due and not
    already on the queue. Beat runs this every minute; returns how many were queued."""
    now = now or timezone.now()
    timeout = now - dt.timedelta(seconds=settings.FOLLOW_UP_CLAIM_TIMEOUT_SECONDS)
    stale = FollowUp.objects.filter(status=FollowUpStatus.SENDING, claimed_at__lt=timeout)
    stale.filter(attempts__gte=settings.FOLLOW_UP_MAX_ATTEMPTS).update(
        status=FollowUpStatus.FAILED, last_error="The worker stopped while sending it."
    )
    stale.update(status=FollowUpStatus.PENDING, queued_at=None)
    with transaction.atomic():
        # Two sweeps at once each take different rows (the other's are locked).
        due = list(
            FollowUp.objects.select_for_update(skip_locked=True)
            .filter(status=FollowUpStatus.PENDING, send_after__lte=now)
            .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=timeout))
            .order_by("send_after")
            .values_list("pk", flat=True)[:SWEEP_BATCH]
        )
        FollowUp.objects.filter(pk__in=due).update(queued_at=now)
    return dispatch(due)


def deliver(*, follow_up_id: int) -> None:
    """Send one row if it is due and nobody else holds it. Safe to run any number of times."""
    from workshops.followups import emails

    now = timezone.now()
    claimed = FollowUp.objects.filter(
        pk=follow_up_id, status=FollowUpStatus.PENDING, send_after__lte=now
    ).update(status=FollowUpStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return
    follow_up = FollowUp.objects.select_related("person").get(pk=follow_up_id)
    try:
        message = emails.compose(follow_up)
    except emails.NotNeeded as reason:
        _finish(follow_up, FollowUpStatus.SKIPPED, error=str(reason))
        return
    except Exception as error:
        # A fault in composing will not mend itself by retrying: show it and stop.
        logger.exception("Could not compose follow-up %s", follow_up_id)
        _finish(follow_up, FollowUpStatus.FAILED, error=f"Could not be written: {error!r}")
        return
    try:
        message.send()
    except RETRYABLE as error:
        if refused_for_good(error):
            _finish(follow_up, FollowUpStatus.FAILED, error=describe(error))
        else:
            _retry_later(follow_up, error)
        return
    _finish(follow_up, FollowUpStatus.SENT)
    logger.info("Sent follow-up %s (%s)", follow_up.pk, follow_up.purpose)


def retry_delay(attempts: int) -> int:
    """Seconds before the next try: doubling from FOLLOW_UP_RETRY_SECONDS, at most an hour."""
    return min(settings.FOLLOW_UP_RETRY_SECONDS * 2 ** (attempts - 1), MAX_RETRY_DELAY_SECONDS)


def retry_failed(*, follow_up: FollowUp) -> bool:
    """A facilitator asks for an undelivered email to be tried again from the start."""
    now = timezone.now()
    retried = FollowUp.objects.filter(pk=follow_up.pk, status=FollowUpStatus.FAILED).update(
        status=FollowUpStatus.PENDING, attempts=0, send_after=now, queued_at=now, last_error=""
    )
    if retried:
        dispatch_on_commit([follow_up.pk])
    return bool(retried)


def refused_for_good(error: Exception) -> bool:
    """A 5xx answer (no such mailbox, message rejected) will be the same next time."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:300]


def _retry_later(follow_up: FollowUp, error: Exception) -> None:
    text = describe(error)
    if follow_up.attempts >= settings.FOLLOW_UP_MAX_ATTEMPTS:
        logger.error("Gave up on follow-up %s: %s", follow_up.pk, text)
        _finish(follow_up, FollowUpStatus.FAILED, error=text)
        return
    delay = retry_delay(follow_up.attempts)
    now = timezone.now()
    FollowUp.objects.filter(pk=follow_up.pk, status=FollowUpStatus.SENDING).update(
        status=FollowUpStatus.PENDING,
        send_after=now + dt.timedelta(seconds=delay),
        queued_at=now,
        last_error=text,
    )
    logger.warning("Follow-up %s not sent (%s); trying again in %ss", follow_up.pk, text, delay)
    dispatch([follow_up.pk], countdown=delay)


def _finish(follow_up: FollowUp, status: str, *, error: str = "") -> None:
    FollowUp.objects.filter(pk=follow_up.pk, status=FollowUpStatus.SENDING).update(
        status=status,
        sent_at=timezone.now() if status == FollowUpStatus.SENT else None,
        last_error=error[:300],
    )
