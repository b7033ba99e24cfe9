"""A session's notes as a printable page and as a PDF, for everyone in the area.

The notes hold nothing personal (see workshops.notes), so every role may read them.
"""

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from partnerships.pdf import render_pdf
from partnerships.qr import qr_svg
from workshops import notes, selectors
from workshops.reportback import links


def _report_back(session, *, title=None) -> dict | None:
    """The report-back address and its QR code, for the notes of a session held."""
    if session.status not in links.HELD:
        return None
    url = links.url_for(session)
    return {"url": url, "qr": qr_svg(url, title=title)}


@login_required
def session_notes(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session = selectors.get_session_for(request.user, area_slug, session_id)
    return render(
        request,
        "workshops/notes.html",
        {
            "area": session.area,
            "session": session,
            "notes": notes.session_notes(session),
            "report_back": _report_back(session),
        },
    )


@login_required
def session_notes_pdf(request: HttpRequest, area_slug: str, session_id: int) -> FileResponse:
    session = selectors.get_session_for(request.user, area_slug, session_id)
    session_notes = notes.session_notes(session)
    pdf = render_pdf(
        "workshops/notes_pdf.html",
        {
            "area": session.area,
            "session": session,
            "notes": session_notes,
            "cover": notes.notes_cover(session_notes),
            "summary": notes.notes_summary(session_notes),
            "report_back": _report_back(session, title="QR code of the address above"),
        },
    )
    return FileResponse(
        io.BytesIO(pdf),
        as_attachment=True,
        filename=notes.pdf_filename(session),
        content_type="application/pdf",
    )
