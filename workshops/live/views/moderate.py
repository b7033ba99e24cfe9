"""The moderation queue: facilitators accept, edit, merge, tag or set aside what the
room sends, before any of it is shown anywhere else.

The page polls a small status (a conditional GET: "not modified" costs no rendering)
and offers the new items when the moderator is ready, rather than moving the list under
someone who is typing. Every action works as a plain post; with htmx it swaps the queue.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_POST

from partnerships import access
from partnerships.resubmit import login_required_keeping_post
from workshops.live import hooks, selectors, services
from workshops.live.forms import AcceptForm, MergeForm

TEMPLATE = "workshops/live/queue.html"
STATUS_POLL_SECONDS = 3


def _queue_url(session) -> str:
    return reverse("workshops:live:queue", args=[session.area.slug, session.pk])


def _room(session):
    room = selectors.session_room(session)
    if room is None:
        raise Http404("This session has no room.")
    return room


def _not_opened(request, session) -> HttpResponse:
    return render(
        request, "workshops/live/not_opened.html", {"area": session.area, "session": session}
    )


def _accept_form(item, barrier_types, theme_choices, data=None) -> AcceptForm:
    return AcceptForm(
        data,
        kind=item.kind,
        barrier_types=barrier_types,
        theme_choices=theme_choices,
        prefix=f"item-{item.pk}",
        initial={"text": item.text, "kind": item.kind, "barrier_type": item.barrier_type_id},
    )


def _render_queue(request, session, room, *, bound=None, status=200) -> HttpResponse:
    """The page, or the queue alone for htmx. An item's editing fields are built only for
    the item opened (`?edit=`), or the one whose posted form came back with errors, so
    they show where they were made: a queue of forms would cost more than all the rest."""
    listing = selectors.queue(room)
    opened = request.GET.get("edit", "")
    for entry in listing["items"]:
        if bound is not None and bound.prefix == f"item-{entry.item.pk}":
            entry.form = bound
        elif str(entry.item.pk) == opened:
            entry.form = _accept_form(
                entry.item, selectors.barrier_types(), hooks.learning().themes()
            )
        else:
            entry.form = None
    context = {
        "area": session.area,
        "session": session,
        "room": room,
        "queue": listing,
        "etag": selectors.queue_etag(room),
        "set_aside": list(selectors.set_aside_items(room)[:50]),
        "poll_seconds": STATUS_POLL_SECONDS,
        "page_errors": [bound] if bound is not None and bound.errors else [],
    }
    if request.htmx and request.GET.get("section") != "page":
        return render(request, f"{TEMPLATE}#queue", context, status=status)
    return render(request, TEMPLATE, context, status=status)


def _edit_fields(request, room) -> HttpResponse:
    """One item's editing fields, fetched as the moderator opens them."""
    opened = request.GET.get("edit", "")
    item = _item(room, int(opened) if opened.isdigit() else 0)
    form = _accept_form(item, selectors.barrier_types(), hooks.learning().themes())
    return render(request, f"{TEMPLATE}#edit-fields", {"form": form})


@login_required
def queue(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    room = selectors.get_managed_room(request.user, area_slug, session_id)
    if room is None:
        return _not_opened(
            request, selectors.get_managed_session(request.user, area_slug, session_id)
        )
    session = room.session
    if request.GET.get("section") == "status":
        return _status(request, session, room)
    if request.htmx and request.GET.get("section") == "edit":
        return _edit_fields(request, room)
    return _render_queue(request, session, room)


def _status(request, session, room) -> HttpResponse:
    """What the page polls: unchanged, a bodiless 304; changed, a line saying so."""
    etag = f'"{selectors.queue_etag(room)}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = render(
            request,
            f"{TEMPLATE}#status",
            {
                "session": session,
                "room": room,
                "etag": etag.strip('"'),
                "queue_url": _queue_url(session),
                "changed": request.headers.get("If-None-Match") is not None,
                "poll_seconds": STATUS_POLL_SECONDS,
                "waiting": selectors.room_counts(room)["waiting"],
            },
        )
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _moderated(request, session, room, message: str) -> HttpResponse:
    if request.htmx:
        response = _render_queue(request, session, room)
        response["HX-Trigger"] = '{"liveModerated": {}}'
        return response
    messages.success(request, message)
    return redirect(_queue_url(session))


def _item(room, item_id):
    item = selectors.get_room_item(room, item_id)
    if item is None:
        raise Http404("No such item in this room.")
    return item


def _already(request, session, room) -> HttpResponse:
    messages.info(request, "Someone else dealt with that item first.")
    if request.htmx:
        return _render_queue(request, session, room)
    return redirect(_queue_url(session))


@login_required_keeping_post(what="Accept something the room sent")
@require_POST
def item_accept(request: HttpRequest, area_slug: str, session_id: int, item_id: int):
    session = selectors.get_managed_session(request.user, area_slug, session_id)
    room = _room(session)
    item = _item(room, item_id)
    form = _accept_form(item, selectors.barrier_types(), hooks.learning().themes(), request.POST)
    if not form.is_valid():
        return _render_queue(request, session, room, bound=form, status=400)
    try:
        services.item_accept(item=item, by=access.person_for(request.user), **form.accept_fields())
    except services.AlreadyModerated:
        return _already(request, session, room)
    return _moderated(request, session, room, "Accepted into the session’s record.")


@login_required_keeping_post(what="Merge something the room sent into another item")
@require_POST
def item_merge(request: HttpRequest, area_slug: str, session_id: int, item_id: int):
    session = selectors.get_managed_session(request.user, area_slug, session_id)
    room = _room(session)
    item = _item(room, item_id)
    form = MergeForm(
        request.POST, targets=selectors.accepted_insights(room), prefix=f"item-{item.pk}"
    )
    if not form.is_valid():
        messages.error(request, "Choose an item already accepted to merge it with.")
        return _render_queue(request, session, room, status=400)
    try:
        services.item_merge(item=item, into=form.target(), by=access.person_for(request.user))
    except services.AlreadyModerated:
        return _already(request, session, room)
    return _moderated(request, session, room, "Merged: one more voice for that item.")


@login_required_keeping_post(what="Set aside something the room sent")
@require_POST
def item_set_aside(request: HttpRequest, area_slug: str, session_id: int, item_id: int):
    session = selectors.get_managed_session(request.user, area_slug, session_id)
    room = _room(session)
    item = _item(room, item_id)
    try:
        services.item_set_aside(item=item, by=access.person_for(request.user))
    except services.AlreadyModerated:
        return _already(request, session, room)
    return _moderated(request, session, room, "Set aside. It will not be shown anywhere.")


@login_required_keeping_post(what="Put back something the room set aside")
@require_POST
def item_restore(request: HttpRequest, area_slug: str, session_id: int, item_id: int):
    session = selectors.get_managed_session(request.user, area_slug, session_id)
    room = _room(session)
    item = _item(room, item_id)
    try:
        services.item_restore(item=item)
    except services.AlreadyModerated:
        return _already(request, session, room)
    return _moderated(request, session, room, "Back in the queue.")
