"""Serving a document: the file at once when it is built, else a page that waits for it.

The same address does both, so a bookmark or a refresh always gets the newest content:
the page polls it with htmx, and without JavaScript offers a plain link to try again.
"""

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from partnerships import audit
from partnerships.models import AuditAction
from resources.reports import services
from resources.reports.documents import Document


def document_response(
    request: HttpRequest, document: Document, *, target, area=None, back_url=""
) -> HttpResponse:
    generated = services.document_request(document=document)
    if generated.is_ready and not request.htmx:
        audit.record(
            AuditAction.DOWNLOADED,
            request=request,
            target=target,
            label=document.title,
            area=area,
            document=document.kind,
            content_hash=generated.content_hash,
        )
        return FileResponse(
            generated.file.open("rb"),
            as_attachment=True,
            filename=generated.filename,
            content_type="application/pdf",
        )
    template = "resources/document_progress.html"
    if request.htmx:
        template += "#progress"
    return render(
        request,
        template,
        {"document": generated, "download_url": request.get_full_path(), "back_url": back_url},
    )
