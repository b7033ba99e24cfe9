"""A session's sign-in sheet, printed before the day, with the report-back link on it.

The sheet is blank apart from the session's title, day and place, so everyone in the area
may print it, as they may print the notes.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partnerships.qr import qr_svg
from workshops import selectors
from workshops.reportback import links

# As many ruled rows as fit one A4 page under the heading and the code.
ROWS = 15


@login_required
def sign_in_sheet(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session = selectors.get_session_for(request.user, area_slug, session_id)
    url = links.url_for(session)
    return render(
        request,
        "workshops/sign_in_sheet.html",
        {
            "area": session.area,
            "session": session,
            "report_back": {"url": url, "qr": qr_svg(url)},
            "rows": range(ROWS),
        },
    )
