"""Asking for a PDF and building it. The request is instant; a worker does the building.

A document is keyed by the hash of its HTML, so asking twice for unchanged content
finds the first row (ready, or still being built) instead of queueing a second build,
and a build that runs twice finds the file already there.
"""

import datetime as dt
import time

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from partnerships import heartbeats
from partnerships.outbox import enqueue
from partnerships.pdf import html_to_pdf
from resources.reports.documents import Document
from resources.reports.models import DocumentStatus, GeneratedDocument

# Longer than the task's time limit, so only a build whose worker died is taken back,
# and longer than a busy queue holds a build back before it is queued again.
STALE_BUILD = dt.timedelta(minutes=10)
# Rows queued again by one sweep; the next sweep, a minute later, takes the rest.
SWEEP_BATCH = 200


def document_request(*, document: Document) -> GeneratedDocument:
    """The cached PDF of `document`, or a new row queued for the worker to build."""
    content_hash = document.content_hash
    # The stored HTML is only the worker's business; a cache hit should not fetch it.
    existing = GeneratedDocument.objects.filter(content_hash=content_hash).defer("html").first()
    if existing is not None and existing.status != DocumentStatus.FAILED:
        return existing
    try:
        with transaction.atomic():
            if existing is None:
                existing = GeneratedDocument.objects.create(
                    kind=document.kind,
                    area=document.area,
                    content_hash=content_hash,
                    html=document.html,
                    filename=document.filename,
                    title=document.title[:300],
                    queued_at=timezone.now(),
                )
            else:
                existing.status = DocumentStatus.QUEUED
                existing.error = ""
                existing.queued_at = timezone.now()
                existing.save(update_fields=["status", "error", "queued_at"])
    except IntegrityError:
        # Someone asked for the same content at the same moment: theirs is the row.
        return GeneratedDocument.objects.get(content_hash=content_hash)
    document_id = existing.pk
    transaction.on_commit(lambda: dispatch(document_id))
    return existing


def dispatch(document_id: int) -> bool:
    """Queue the build. The row is the truth: if the broker cannot take it, the row is
    marked as never queued and the sweep queues it once the broker is back."""
    from resources import tasks

    if enqueue(tasks.build_document, document_id):
        return True
    GeneratedDocument.objects.filter(pk=document_id, status=DocumentStatus.QUEUED).update(
        queued_at=None
    )
    return False


def _abandoned(now: dt.datetime) -> Q:
    """Builds whose worker died: it missed its heartbeats, or the build outlasted any
    time limit."""
    return Q(status=DocumentStatus.BUILDING) & (
        Q(started_at__lt=now - STALE_BUILD) | heartbeats.lost_claims(now, at="started_at")
    )


def sweep(*, now: dt.datetime | None = None) -> int:
    """Queue the builds nobody is doing: rows the broker never took or lost, and builds
    whose worker died. Beat runs this every minute; returns how many were queued."""
    now = now or timezone.now()
    never_queued = Q(status=DocumentStatus.QUEUED) & (
        Q(queued_at__isnull=True) | Q(queued_at__lt=now - STALE_BUILD)
    )
    ids = list(
        GeneratedDocument.objects.filter(never_queued | _abandoned(now))
        .order_by("created_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    GeneratedDocument.objects.filter(pk__in=ids).update(queued_at=now)
    return sum(dispatch(document_id) for document_id in ids)


def _claim(document_id: int) -> bool:
    """Take the build for this worker; False if it is built or being built elsewhere."""
    now = timezone.now()
    waiting = Q(status=DocumentStatus.QUEUED) | _abandoned(now)
    return bool(
        GeneratedDocument.objects.filter(waiting, pk=document_id).update(
            status=DocumentStatus.BUILDING, started_at=now, claimed_by=heartbeats.worker_name()
        )
    )


def document_build(*, document_id: int) -> None:
    """Build the PDF from the stored HTML. Safe to run twice: only one claim succeeds."""
    if not _claim(document_id):
        return
    document = GeneratedDocument.objects.get(pk=document_id)
    started = time.perf_counter()
    try:
        pdf, pages = html_to_pdf(document.html)
    except Exception as error:
        GeneratedDocument.objects.filter(pk=document_id).update(
            status=DocumentStatus.FAILED, error=str(error)[:300], finished_at=timezone.now()
        )
        raise
    document.file.save(document.filename, ContentFile(pdf), save=False)
    document.page_count = pages
    document.build_seconds = round(time.perf_counter() - started, 3)
    document.status = DocumentStatus.READY
    document.finished_at = timezone.now()
    document.save(update_fields=["file", "page_count", "build_seconds", "status", "finished_at"])
