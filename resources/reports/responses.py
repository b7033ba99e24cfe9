"""Serving a document: the file at once when it is built, else a page that waits for it
and then starts the download by itself.

The address of a report does both, so a bookmark always gets the newest content. The
waiting page asks again for itself every second: htmx swaps in the new state, and
without JavaScript the page refreshes itself (`<meta http-equiv=refresh>`). Those
requests carry `?waiting=1`, so when the file is ready they get a page that says so and
starts the download, rather than the file in place of the page. A funder pack has its
own page, which works the same way.
"""

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from partnerships import audit
from partnerships.models import AuditAction
from resources.reports import services
from resources.reports.documents import Document

WAITING = "waiting"


def document_response(
    request: HttpRequest, document: Document, *, target, area=None, back_url=""
) -> HttpResponse:
    generated = services.document_request(document=document)
    if generated.is_ready and not request.htmx and WAITING not in request.GET:
        try:
            return file_response(request, generated, target=target, area=area)
        except FileNotFoundError:
            services.document_lost(document_id=generated.pk)
            generated = services.document_request(document=document)
    return progress_response(
        request,
        title=generated.title,
        state=generated.status if not generated.is_ready else "ready",
        file_url=request.path,
        poll_url=f"{request.path}?{WAITING}=1",
        back_url=back_url,
        page_count=generated.page_count,
        late=generated.is_late,
    )


def file_response(request, generated, *, target, area=None) -> FileResponse:
    """The built file as a download, written to the audit log. FileNotFoundError if the
    file has gone from storage."""
    file = generated.file.open("rb")
    audit.record(
        AuditAction.DOWNLOADED,
        request=request,
        target=target,
        label=generated.title,
        area=area,
        document=generated.kind,
        content_hash=generated.content_hash,
    )
    return FileResponse(
        file,
        as_attachment=True,
        filename=generated.filename,
        content_type=generated.content_type,
    )


def progress_response(
    request,
    *,
    title,
    state,
    file_url,
    poll_url,
    back_url="",
    page_count=None,
    parts_done=None,
    parts_total=None,
    noun="PDF",
    retry_cohorts=None,
    late=False,
) -> HttpResponse:
    """The waiting page, or (for htmx) just its changing part. `state` is "queued",
    "building", "ready", "failed" or "gone" (built, then thrown away); `late` says a
    waiting build is held up (the sweep will queue it again); a funder pack that failed
    or is gone offers to prepare `retry_cohorts` again."""
    template = "resources/document_progress.html"
    if request.htmx:
        template += "#progress"
    return render(
        request,
        template,
        {
            "title": title,
            "state": state,
            "waiting": state in ("queued", "building"),
            "file_url": file_url,
            "poll_url": poll_url,
            "back_url": back_url,
            "page_count": page_count,
            "parts_done": parts_done,
            "parts_total": parts_total,
            "noun": noun,
            "retry_cohorts": retry_cohorts,
            "late": late,
        },
    )
