"""Asking for a PDF or a funder pack, and building them. The request is instant; a worker
does the building.

A document is keyed by the hash of its HTML, so asking twice for unchanged content
finds the first row (ready, or still being built) instead of queueing a second build,
and a build that runs twice finds the file already there. A funder pack is a ZIP of such
documents, keyed by their hashes: the worker builds (or finds) each one, then the ZIP.

The rows are the truth, not the queue: a build the broker could not take, lost, or whose
worker died is queued again by `sweep`, which beat runs every minute.
"""

import datetime as dt
import hashlib
import io
import time
import zipfile

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from partnerships import heartbeats
from partnerships.outbox import enqueue
from partnerships.pdf import html_to_pdf
from resources.reports import documents
from resources.reports.documents import Document
from resources.reports.models import DocumentKind, DocumentStatus, FunderPack, GeneratedDocument

# Longer than the task's time limit, so only a build whose worker died is taken back,
# and longer than a busy queue holds a build back before it is queued again.
STALE_BUILD = dt.timedelta(minutes=10)
# A pack of a cohort of hundreds of areas takes minutes; its task may run for half an hour.
STALE_PACK = dt.timedelta(minutes=35)
# Rows queued again by one sweep; the next sweep, a minute later, takes the rest.
SWEEP_BATCH = 200
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
                    queued_at=timezone.now(),
                )
                existing.areas.set(document.areas)
            else:
                existing.status = DocumentStatus.QUEUED
                existing.error = ""
                existing.queued_at = timezone.now()
                existing.save(update_fields=["status", "error", "queued_at"])
    except IntegrityError:
        # Someone asked for the same content at the same moment: theirs is the row.
        return GeneratedDocument.objects.get(content_hash=content_hash), False
    return existing, True


def document_request(*, document: Document) -> GeneratedDocument:
    """The cached PDF of `document`, or a new row queued for the worker to build."""
    generated, queued = _row_for(document)
    if queued:
        document_id = generated.pk
        transaction.on_commit(lambda: dispatch(document_id))
    return generated


def document_lost(*, document_id: int) -> None:
    """Forget a built document whose file has gone from storage (media restored from an
    older backup, say), so the next request builds it again; a pack that held it shows
    as gone, to be prepared again."""
    GeneratedDocument.objects.filter(pk=document_id, status=DocumentStatus.READY).delete()


def dispatch(document_id: int) -> bool:
    """Queue the build. If the broker cannot take it, the row is marked as never queued
    and the sweep queues it once the broker is back."""
    from resources import tasks

    return _dispatch(GeneratedDocument, tasks.build_document, document_id)


def dispatch_pack(pack_id: int) -> bool:
    """Queue a funder pack's build, as `dispatch` does a document's."""
    from resources import tasks

    return _dispatch(FunderPack, tasks.build_funder_pack, pack_id)


def _dispatch(model, task, pk: int) -> bool:
    if enqueue(task, pk):
        return True
    model.objects.filter(pk=pk, status=DocumentStatus.QUEUED).update(queued_at=None)
    return False


def _abandoned(now: dt.datetime, *, stale: dt.timedelta) -> Q:
    """Builds whose worker died: it missed its heartbeats, or the build outlasted any
    time limit."""
    return Q(status=DocumentStatus.BUILDING) & (
        Q(started_at__lt=now - stale) | heartbeats.lost_claims(now, at="started_at")
    )


def sweep(*, now: dt.datetime | None = None) -> int:
    """Queue the builds nobody is doing, documents and funder packs alike: rows the broker
    never took or lost, and builds whose worker died. Returns how many were queued."""
    now = now or timezone.now()
    queued = 0
    for rows, stale, send in (
        (_pdfs(), STALE_BUILD, dispatch),
        (FunderPack.objects.all(), STALE_PACK, dispatch_pack),
    ):
        never_queued = Q(status=DocumentStatus.QUEUED) & (
            Q(queued_at__isnull=True) | Q(queued_at__lt=now - stale)
        )
        ids = list(
            rows.filter(never_queued | _abandoned(now, stale=stale))
            .order_by("created_at")
            .values_list("pk", flat=True)[:SWEEP_BATCH]
        )
        rows.model.objects.filter(pk__in=ids).update(queued_at=now)
        queued += sum(send(pk) for pk in ids)
    return queued


def _claim(rows, pk: int, *, stale: dt.timedelta, **changes) -> bool:
    """Take a queued build among `rows`, or one whose worker died, for this worker; False
    if it is built or being built elsewhere."""
    now = timezone.now()
    waiting = Q(status=DocumentStatus.QUEUED) | _abandoned(now, stale=stale)
    return bool(
        rows.filter(waiting, pk=pk).update(
            status=DocumentStatus.BUILDING,
            started_at=now,
            claimed_by=heartbeats.worker_name(),
            **changes,
        )
    )


def document_build(*, document_id: int) -> None:
    """Build the PDF from the stored HTML. Safe to run twice: only one claim succeeds."""
    if not _claim(_pdfs(), document_id, stale=STALE_BUILD):
        return
    document = GeneratedDocument.objects.get(pk=document_id)
    started = time.perf_counter()
    try:
        pdf, pages = html_to_pdf(document.html)
    except Exception as error:
        _failed(GeneratedDocument, document_id, error)
        raise
    _finish(document, pdf, pages=pages, started=started)


def _pdfs():
    """Documents built from HTML: a funder pack's ZIP is written only by its pack's build."""
    return GeneratedDocument.objects.exclude(kind=DocumentKind.FUNDER_PACK)


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


def _ready(document_id: int, *, stale: dt.timedelta) -> GeneratedDocument:
    """The document once built, waiting for whichever worker holds its build, and
    building it here if that worker dies."""
    deadline = time.monotonic() + stale.total_seconds()
    while True:
        document_build(document_id=document_id)
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
    pack = FunderPack.objects.create(requested_by=person, queued_at=timezone.now())
    pack.cohorts.set(cohort_ids)
    pack_id = pack.pk
    transaction.on_commit(lambda: dispatch_pack(pack_id))
    return pack


def funder_pack_build(*, pack_id: int) -> None:
    """Build or find every document of the pack, then the ZIP. Safe to run twice.

    Each document is queued for the workers as a build of its own, and this worker then
    builds whichever nobody has taken yet: with more than one worker running, the
    documents of a large cohort are built side by side.
    """
    if not _claim(FunderPack.objects, pack_id, stale=STALE_PACK, parts_done=0, error=""):
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
                transaction.on_commit(lambda pk=row.pk: dispatch(pk))
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
            "queued_at": timezone.now(),
        },
    )
    document.areas.add(*areas)
    if document.is_ready:
        return document
    if not _claim(GeneratedDocument.objects, document.pk, stale=STALE_BUILD):
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
