"""Asking for a PDF or a funder pack, and building them. The request is instant; a worker
does the building.

A document is keyed by the hash of its HTML, so asking twice for unchanged content
finds the first row (ready, or still being built) instead of queueing a second build,
and a build that runs twice finds the file already there. A funder pack is a ZIP of such
documents, keyed by their hashes: the worker builds (or finds) each one, then the ZIP.
"""

import hashlib
import io
import time
import zipfile
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from partnerships.pdf import html_to_pdf
from resources.reports import documents
from resources.reports.documents import Document
from resources.reports.models import DocumentKind, DocumentStatus, FunderPack, GeneratedDocument

# Longer than the task's time limit, so only a build whose worker died is taken back.
STALE_BUILD = timedelta(minutes=10)
# A pack of a cohort of hundreds of areas takes minutes; its task may run for half an hour.
STALE_PACK = timedelta(minutes=35)
# How often a worker looks again at a document another worker is building.
WAIT_SECONDS = 0.5
# Changing how a pack is laid out changes every pack's key.
PACK_FORMAT = b"funder-pack/1"
# The order a reader opens the pack in: the cohort's story, then the places.
_FOLDERS = ["programme-reports", "case-studies", "progress-reports"]


class BuildFailed(Exception):
    """A document a pack needs could not be built."""


def _row_for(document: Document) -> tuple[GeneratedDocument, bool]:
    """The row for this exact content, and whether it was queued just now: the existing
    row, or a new one waiting to be built (a failed build is queued again)."""
    content_hash = document.content_hash
    # The stored HTML is only the worker's business; a cache hit should not fetch it.
    existing = GeneratedDocument.objects.filter(content_hash=content_hash).defer("html").first()
    if existing is not None and existing.status != DocumentStatus.FAILED:
        return existing, False
    try:
        with transaction.atomic():
            if existing is None:
                existing = GeneratedDocument.objects.create(
                    kind=document.kind,
                    content_hash=content_hash,
                    html=document.html,
                    filename=document.filename,
                    title=document.title[:300],
                )
                existing.areas.set(document.areas)
            else:
                existing.status = DocumentStatus.QUEUED
                existing.error = ""
                existing.save(update_fields=["status", "error"])
    except IntegrityError:
        # Someone asked for the same content at the same moment: theirs is the row.
        return GeneratedDocument.objects.get(content_hash=content_hash), False
    return existing, True


def document_request(*, document: Document) -> GeneratedDocument:
    """The cached PDF of `document`, or a new row queued for the worker to build."""
    from resources import tasks

    generated, queued = _row_for(document)
    if queued:
        document_id = generated.pk
        transaction.on_commit(lambda: tasks.build_document.delay(document_id))
    return generated


def _claim(model, pk: int, *, stale: timedelta, **changes) -> bool:
    """Take a queued build (or one whose worker died) for this worker."""
    now = timezone.now()
    waiting = Q(status=DocumentStatus.QUEUED) | Q(
        status=DocumentStatus.BUILDING, started_at__lt=now - stale
    )
    return bool(
        model.objects.filter(waiting, pk=pk).update(
            status=DocumentStatus.BUILDING, started_at=now, **changes
        )
    )


def document_build(*, document_id: int) -> None:
    """Build the PDF from the stored HTML. Safe to run twice: only one claim succeeds."""
    if not _claim(GeneratedDocument, document_id, stale=STALE_BUILD):
        return
    document = GeneratedDocument.objects.get(pk=document_id)
    started = time.perf_counter()
    try:
        pdf, pages = html_to_pdf(document.html)
    except Exception as error:
        _failed(GeneratedDocument, document_id, error)
        raise
    _finish(document, pdf, pages=pages, started=started)


def _finish(document: GeneratedDocument, content: bytes, *, pages, started) -> None:
    document.file.save(document.filename, ContentFile(content), save=False)
    document.page_count = pages
    document.build_seconds = round(time.perf_counter() - started, 3)
    document.status = DocumentStatus.READY
    document.finished_at = timezone.now()
    document.save(update_fields=["file", "page_count", "build_seconds", "status", "finished_at"])


def _failed(model, pk: int, error: Exception) -> None:
    model.objects.filter(pk=pk).update(
        status=DocumentStatus.FAILED, error=str(error)[:300], finished_at=timezone.now()
    )


def _ready(document_id: int, *, stale: timedelta) -> GeneratedDocument:
    """The document once built, waiting for whichever worker holds its build."""
    deadline = time.monotonic() + stale.total_seconds()
    while True:
        document = GeneratedDocument.objects.defer("html").get(pk=document_id)
        if document.is_ready:
            return document
        if document.status == DocumentStatus.FAILED:
            raise BuildFailed(f"{document.title}: {document.error}")
        if time.monotonic() > deadline:
            raise BuildFailed(f"{document.title}: still being built elsewhere")
        time.sleep(WAIT_SECONDS)


@transaction.atomic
def funder_pack_request(*, person, cohorts) -> FunderPack:
    """A pack of every report of `cohorts` for `person`, queued for the worker.

    Asking again while the same pack is still being prepared follows that one rather
    than starting another, so a second click costs nothing.
    """
    from resources import tasks

    cohort_ids = sorted(cohort.pk for cohort in cohorts)
    unfinished = (
        FunderPack.objects.filter(
            requested_by=person,
            status__in=[DocumentStatus.QUEUED, DocumentStatus.BUILDING],
            created_at__gte=timezone.now() - STALE_PACK,
        )
        .prefetch_related("cohorts")
        .order_by("-created_at")
    )
    for pack in unfinished:
        if sorted(cohort.pk for cohort in pack.cohorts.all()) == cohort_ids:
            return pack
    pack = FunderPack.objects.create(requested_by=person)
    pack.cohorts.set(cohort_ids)
    pack_id = pack.pk
    transaction.on_commit(lambda: tasks.build_funder_pack.delay(pack_id))
    return pack


def funder_pack_build(*, pack_id: int) -> None:
    """Build or find every document of the pack, then the ZIP. Safe to run twice.

    Each document is queued for the workers as a build of its own, and this worker then
    builds whichever nobody has taken yet: with more than one worker running, the
    documents of a large cohort are built side by side.
    """
    from resources import tasks

    if not _claim(FunderPack, pack_id, stale=STALE_PACK, parts_done=0, error=""):
        return
    pack = FunderPack.objects.prefetch_related("cohorts").get(pk=pack_id)
    cohorts = list(pack.cohorts.all())
    try:
        total = documents.funder_pack_size(cohorts)
        FunderPack.objects.filter(pk=pack_id).update(parts_total=total + 1)
        rows, areas = [], set()
        # Each document is queued as soon as it is drawn, so other workers start on the
        # first while this one draws the rest. Only ids are kept: not every report's HTML.
        for path, member in documents.funder_pack_documents(cohorts):
            row, queued = _row_for(member)
            if queued:
                transaction.on_commit(lambda pk=row.pk: tasks.build_document.delay(pk))
            rows.append((path, row.pk, row.is_ready))
            areas.update(member.areas)
        ids = [pk for _, pk, _ in rows]
        for _, pk, is_ready in rows:
            # Builds what nobody has claimed; one another worker holds is left to it.
            if not is_ready:
                document_build(document_id=pk)
            ready = GeneratedDocument.objects.filter(pk__in=ids, status=DocumentStatus.READY)
            FunderPack.objects.filter(pk=pack_id).update(parts_done=ready.count())
        built = [(path, _ready(pk, stale=STALE_BUILD)) for path, pk, _ in rows]
        document = _pack_document(pack, areas, built)
    except Exception as error:
        _failed(FunderPack, pack_id, error)
        raise
    FunderPack.objects.filter(pk=pack_id).update(
        document=document,
        status=DocumentStatus.READY,
        parts_done=F("parts_total"),
        finished_at=timezone.now(),
    )


def _pack_document(pack, areas, built) -> GeneratedDocument:
    """The ZIP of the built documents, found by their hashes or written now."""
    digest = hashlib.sha256(PACK_FORMAT)
    for name, generated in sorted(built, key=lambda item: item[0]):
        digest.update(f"{name}\0{generated.content_hash}\0".encode())
    slugs = "-".join(sorted(cohort.slug for cohort in pack.cohorts.all()))[:120]
    filename = f"funder-pack-{slugs}-{timezone.localdate().isoformat()}.zip"
    document, _ = GeneratedDocument.objects.get_or_create(
        content_hash=digest.hexdigest(),
        defaults={
            "kind": DocumentKind.FUNDER_PACK,
            "html": "",
            "filename": filename,
            "title": f"Funder pack: {', '.join(c.name for c in pack.cohorts.all())}"[:300],
        },
    )
    document.areas.add(*areas)
    if document.is_ready:
        return document
    if not _claim(GeneratedDocument, document.pk, stale=STALE_BUILD):
        return _ready(document.pk, stale=STALE_BUILD)
    started = time.perf_counter()
    buffer = io.BytesIO()
    # PDFs are compressed already: storing them keeps the ZIP quick to write.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, generated in sorted(
            built, key=lambda item: (_FOLDERS.index(item[0].split("/")[0]), item[0])
        ):
            with generated.file.open("rb") as pdf:
                archive.writestr(name, pdf.read())
    _finish(document, buffer.getvalue(), pages=None, started=started)
    return document
