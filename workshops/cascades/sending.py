"""Sending a cascade: batches of its recipients, claimed, sent on one SMTP connection, at
no more than CASCADE_EMAILS_PER_SECOND.

Each recipient row moves queued → sending → sent (or failed, or skipped if the address
unsubscribed meanwhile). A batch claims its rows with SELECT … FOR UPDATE SKIP LOCKED and
one UPDATE, so two batch tasks of one cascade (a retried task, a sweep) take different
rows, and a row is only ever sent by the task that claimed it. A worker that dies leaves
its claims behind; the sweep puts them back in the queue as soon as the worker has missed
its heartbeats (partnerships/heartbeats.py), or once they are older than
FOLLOW_UP_CLAIM_TIMEOUT_SECONDS, and restarts their cascade and any whose chain of
batches stopped.
"""

import datetime as dt
import logging
import time
from email.utils import formataddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partnerships import heartbeats
from partnerships.markdown import markdown_to_text, render_markdown
from partnerships.outbox import RETRYABLE, describe, enqueue, refused_for_good, retry_delay
from workshops.cascades.models import (
    Cascade,
    CascadeRecipient,
    CascadeStatus,
    EmailUnsubscribe,
    RecipientStatus,
)

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "workshops.cascade-unsubscribe"
DONE = (RecipientStatus.SENT, RecipientStatus.FAILED, RecipientStatus.SKIPPED)


# The unsubscribe link ----------------------------------------------------------------------


def unsubscribe_token(email: str) -> str:
    """A signed, never-expiring token naming one address: mail clients offer the link long
    after the email arrived, and all it can do is stop cascades to that address."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"e": email})


def read_unsubscribe_token(token: str) -> str | None:
    try:
        payload = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    email = payload.get("e") if isinstance(payload, dict) else None
    return email if isinstance(email, str) and email else None


# Queueing ------------------------------------------------------------------------------------


def dispatch(cascade_id: int, *, countdown: float | None = None) -> bool:
    """Queue the next batch; a broker that is down is logged, and the sweep retries."""
    from workshops.tasks import send_cascade_batch

    return enqueue(send_cascade_batch, cascade_id, countdown=countdown)


def dispatch_on_commit(cascade_id: int) -> None:
    transaction.on_commit(lambda: dispatch(cascade_id))


def sweep(*, now: dt.datetime | None = None) -> int:
    """Requeue recipients of workers that died and restart stalled cascades; returns how
    many cascades were restarted."""
    now = now or timezone.now()
    timeout = now - dt.timedelta(seconds=settings.FOLLOW_UP_CLAIM_TIMEOUT_SECONDS)
    held = list(
        CascadeRecipient.objects.filter(status=RecipientStatus.SENDING)
        .filter(Q(claimed_at__lt=timeout) | heartbeats.lost_claims(now))
        .values_list("pk", "cascade_id")
    )
    CascadeRecipient.objects.filter(
        pk__in=[pk for pk, _ in held], status=RecipientStatus.SENDING
    ).update(status=RecipientStatus.QUEUED)
    # The worker that died would have queued the next batch: start their cascades again.
    restart = list(
        Cascade.objects.filter(status=CascadeStatus.SENDING)
        .filter(Q(pk__in={cascade_id for _, cascade_id in held}) | Q(batch_at__lt=timeout))
        .values_list("pk", flat=True)
    )
    Cascade.objects.filter(pk__in=restart).update(batch_at=now)
    for cascade_id in restart:
        dispatch(cascade_id)
    return len(restart)


# Sending -------------------------------------------------------------------------------------


def _claim(cascade_id: int, now: dt.datetime) -> list[CascadeRecipient]:
    with transaction.atomic():
        ids = list(
            CascadeRecipient.objects.select_for_update(skip_locked=True)
            .filter(cascade_id=cascade_id, status=RecipientStatus.QUEUED)
            .order_by("pk")
            .values_list("pk", flat=True)[: settings.CASCADE_BATCH_SIZE]
        )
        CascadeRecipient.objects.filter(pk__in=ids, status=RecipientStatus.QUEUED).update(
            status=RecipientStatus.SENDING,
            claimed_at=now,
            claimed_by=heartbeats.worker_name(),
            attempts=F("attempts") + 1,
        )
    return list(CascadeRecipient.objects.filter(pk__in=ids).order_by("pk"))


def send_batch(*, cascade_id: int) -> int:
    """Send one batch and queue the next; safe to run any number of times. Returns how
    many rows this batch claimed."""
    started = time.monotonic()
    now = timezone.now()
    updated = Cascade.objects.filter(pk=cascade_id, status=CascadeStatus.SENDING).update(
        batch_at=now
    )
    if not updated:
        return 0
    cascade = Cascade.objects.select_related("session__area", "sent_by").get(pk=cascade_id)
    batch = _claim(cascade_id, now)
    if not batch:
        finish_if_done(cascade_id)
        return 0
    gone = set(
        EmailUnsubscribe.objects.filter(email__in=[r.email for r in batch]).values_list(
            "email", flat=True
        )
    )
    parts = _parts(cascade)
    retry = late = False
    connection = get_connection()
    try:
        connection.open()
        for recipient in batch:
            if recipient.email in gone:
                _finish(recipient, RecipientStatus.SKIPPED)
                continue
            if not heartbeats.alive():
                # The sweep may count this worker as dead already and hand these rows to
                # another: give back the rest rather than risk sending any twice.
                logger.warning("Cascade %s: this worker's heartbeat is late", cascade_id)
                _give_back(batch, now)
                late = True
                break
            retry |= _send_one(connection, cascade, recipient, parts)
    except RETRYABLE as error:
        # The server could not be reached at all: the whole batch waits for a later try.
        logger.warning("Cascade %s: could not send (%s)", cascade_id, describe(error))
        for recipient in batch:
            _try_again_later(recipient, error)
        retry = True
    finally:
        connection.close()
    elapsed = time.monotonic() - started
    # Paces the batches: a batch of N may start N / rate seconds after the one before;
    # after a failure worth retrying, not before the follow-ups' doubling delay.
    wait = max(0.0, len(batch) / settings.CASCADE_EMAILS_PER_SECOND - elapsed)
    if retry:
        wait = max(wait, retry_delay(max(recipient.attempts for recipient in batch)))
    # A late worker queues nothing: it would take the rows straight back, again and again.
    # The sweep restarts the cascade on a worker that is alive.
    if not late and not finish_if_done(cascade_id):
        dispatch(cascade_id, countdown=wait or None)
    return len(batch)


def _give_back(batch, claimed_at) -> None:
    CascadeRecipient.objects.filter(
        pk__in=[recipient.pk for recipient in batch],
        status=RecipientStatus.SENDING,
        claimed_at=claimed_at,
    ).update(status=RecipientStatus.QUEUED, attempts=F("attempts") - 1)


def _send_one(connection, cascade, recipient, parts) -> bool:
    """Send to one recipient; whether it is to be tried again later."""
    try:
        connection.send_messages([compose(cascade, recipient, parts)])
    except RETRYABLE as error:
        if refused_for_good(error):
            _finish(recipient, RecipientStatus.FAILED, error=describe(error))
            return False
        return _try_again_later(recipient, error)
    _finish(recipient, RecipientStatus.SENT)
    return False


def _try_again_later(recipient, error) -> bool:
    """Back to the queue, or failed after CASCADE_MAX_ATTEMPTS tries."""
    if recipient.attempts >= settings.CASCADE_MAX_ATTEMPTS:
        _finish(recipient, RecipientStatus.FAILED, error=describe(error))
        return False
    CascadeRecipient.objects.filter(pk=recipient.pk, status=RecipientStatus.SENDING).update(
        status=RecipientStatus.QUEUED, last_error=describe(error)
    )
    return True


def _finish(recipient, status, *, error: str = "") -> None:
    CascadeRecipient.objects.filter(pk=recipient.pk, status=RecipientStatus.SENDING).update(
        status=status,
        sent_at=timezone.now() if status == RecipientStatus.SENT else None,
        last_error=error[:300],
    )


def finish_if_done(cascade_id: int) -> bool:
    """Mark the cascade sent once no recipient is waiting or being sent."""
    waiting = CascadeRecipient.objects.filter(
        cascade_id=cascade_id,
        status__in=[RecipientStatus.QUEUED, RecipientStatus.SENDING],
    ).exists()
    if waiting:
        return False
    Cascade.objects.filter(pk=cascade_id, status=CascadeStatus.SENDING).update(
        status=CascadeStatus.SENT, finished_at=timezone.now()
    )
    return True


# The email -----------------------------------------------------------------------------------


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _parts(cascade: Cascade) -> dict:
    """What every recipient's email shares, rendered once per batch."""
    share_url = (
        absolute(reverse("workshops:cascade-share", args=[cascade.share_token]))
        if cascade.share_token
        else ""
    )
    return {
        "cascade": cascade,
        "area": cascade.session.area,
        "body_html": render_markdown(cascade.body),
        "body_text": markdown_to_text(cascade.body),
        "share_url": share_url,
        "reply_to": [cascade.sent_by.email] if cascade.sent_by and cascade.sent_by.email else [],
        "host": urlsplit(settings.SITE_URL).hostname,
    }


def compose(cascade: Cascade, recipient: CascadeRecipient, parts: dict) -> EmailMultiAlternatives:
    unsubscribe_url = absolute(
        reverse("workshops:cascade-unsubscribe", args=[unsubscribe_token(recipient.email)])
    )
    context = {**parts, "subject": cascade.subject, "unsubscribe_url": unsubscribe_url}
    message = EmailMultiAlternatives(
        subject=cascade.subject,
        body=render_to_string("emails/cascade.txt", context),
        to=[formataddr((recipient.name, recipient.email)) if recipient.name else recipient.email],
        reply_to=parts["reply_to"],
        headers={
            # Fixed by the row, so a repeat after a crash is recognisable as the same email.
            "Message-ID": f"<cascade-{recipient.pk}@{parts['host']}>",
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string("emails/cascade.html", context), "text/html")
    return message


def progress(cascade: Cascade) -> dict:
    """How many recipients are in each state, in one query."""
    counts = CascadeRecipient.objects.filter(cascade=cascade).aggregate(
        total=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in RecipientStatus.values},
    )
    counts["done"] = done = sum(counts[status] for status in DONE)
    counts["waiting"] = counts["total"] - done
    counts["percent"] = round(100 * done / counts["total"]) if counts["total"] else 100
    return counts
