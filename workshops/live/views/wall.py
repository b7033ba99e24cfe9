"""The wall: what the room has said and the facilitators accepted, for the projector.

Polling suits it better than a stream: gunicorn's sync workers give each open stream a
whole worker, so a few walls would starve every other page, while a poll is one short
request. Each poll is a conditional GET (If-None-Match): an unchanged wall answers 304
with no body after two small queries, and a changed one is rendered once per change and
kept in the cache for every other screen following the same room. Without JavaScript
the page reloads itself every few seconds, and the browser's own revalidation gets the
same 304.
"""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from partnerships import qr
from workshops.live import selectors
from workshops.live.views.room import join_url

logger = logging.getLogger(__name__)
TEMPLATE = "workshops/live/wall.html"
# Long enough to serve every screen following the room; a change makes a new key anyway.
RENDERED_SECONDS = 60


@login_required
def wall(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    room = selectors.get_managed_room(request.user, area_slug, session_id)
    if room is None:
        session = selectors.get_managed_session(request.user, area_slug, session_id)
        return render(
            request, "workshops/live/not_opened.html", {"area": session.area, "session": session}
        )
    session = room.session
    by_theme = request.GET.get("group") == "theme"
    paused = request.GET.get("paused") == "1"
    section = request.GET.get("section") == "wall"
    etag = f'"{selectors.wall_etag(room, by_theme, paused, section)}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(
            _rendered(
                f"live:wall:{etag}",
                lambda: _render(session, room, by_theme=by_theme, paused=paused, section=section),
            )
        )
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def _rendered(key: str, render) -> str:
    """The wall as rendered for its version, from the cache; the cache being down only
    means rendering it again."""
    try:
        html = cache.get(key)
    except Exception:
        logger.warning("The wall is rendered for every screen: the cache is unreachable")
        return render()
    if html is None:
        html = render()
        try:
            cache.set(key, html, RENDERED_SECONDS)
        except Exception:
            logger.warning("The wall is rendered for every screen: the cache is unreachable")
    return html


def _render(session, room, *, by_theme: bool, paused: bool, section: bool) -> str:
    url = reverse("workshops:live:wall", args=[session.area.slug, session.pk])
    group = "theme" if by_theme else "type"
    context = {
        "area": session.area,
        "session": session,
        "room": room,
        "is_open": room.is_open(),
        "wall": selectors.wall(room, by_theme=by_theme),
        "by_theme": by_theme,
        "paused": paused,
        "etag": selectors.wall_etag(room, by_theme, paused, True),
        "page_url": url,
        "poll_url": f"{url}?section=wall&group={group}",
        "poll_seconds": settings.LIVE_WALL_POLL_SECONDS,
        "refresh_seconds": settings.LIVE_WALL_REFRESH_SECONDS,
        "join_url": join_url(room),
    }
    if section:
        return render_to_string(f"{TEMPLATE}#wall", context)
    return render_to_string(TEMPLATE, {**context, "qr": qr.qr_svg(join_url(room))})
