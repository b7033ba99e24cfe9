"""A session's own page: everything logged about it, read and written in one place."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partnerships import access
from workshops import selectors


@login_required
def session_detail(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session = selectors.get_session_for(request.user, area_slug, session_id)
    roles = access.roles_in(request.user, session.area)
    return render(
        request,
        "workshops/session_detail.html",
        {"area": session.area, "session": session, "roles": roles},
    )
