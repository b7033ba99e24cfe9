"""Asking for a PDF and building it. The request is instant; a worker does the building.

A document is keyed by the hash of its HTML, so asking twice for unchanged content
finds the first row (ready, or still being built) instead of queueing a second build,
and a build that runs twice finds the file already there.
"""

import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from partnerships.pdf import html_to_pdf
from resources.reports.documents import Document
from resources.reports.models import DocumentStatus, GeneratedDocument

# Longer than the task's time limit, so only a build whose worker died is taken back.
STALE_BUILD = timedelta(minutes=10)


def document_request(*, document: Document) -> GeneratedDocument:
    """The cached PDF of `document`, or a new row queued for the worker to build."""
    from resources import tasks

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
                )
            else:
                existing.status = DocumentStatus.QUEUED
                existing.error = ""
                existing.save(update_fields=["status", "error"])
    except IntegrityError:
        # Someone asked for the same content at the same moment: theirs is the row.
        return GeneratedDocument.objects.get(content_hash=content_hash)
    document_id = existing.pk
    transaction.on_commit(lambda: tasks.build_document.delay(document_id))
    return existing


def _claim(document_id: int) -> bool:
    """Take the build for this worker; False if it is built or being built elsewhere."""
    now = timezone.now()
    waiting = Q(status=DocumentStatus.QUEUED) | Q(
        status=DocumentStatus.BUILDING, started_at__lt=now - STALE_BUILD
    )
    return bool(
        GeneratedDocument.objects.filter(waiting, pk=document_id).update(
            status=DocumentStatus.BUILDING, started_at=now
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
