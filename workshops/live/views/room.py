"""The room's controls, for the area's facilitators: open and close it, hand out table
host links, run the vote and turn its top ideas into actions.

Every page finds the session through the facilitators' scope (`get_managed_session`):
anyone else gets 404, as for a session that does not exist.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from partnerships import access, qr
from partnerships.resubmit import login_required_keeping_post
from workshops import selectors as session_selectors
from workshops.forms import offer_people
from workshops.live import codes, selectors, services, tokens
from workshops.live.forms import IdeaActionForm, TableLinkForm, VoteOpenForm


def join_url(room) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("workshops:live:phone-room", args=[room.code])


def _room_url(session) -> str:
    return reverse("workshops:live:room", args=[session.area.slug, session.pk])


def _action_forms(room, session, data=None) -> list[tuple[dict, IdeaActionForm]]:
    """A form for each of the vote's top ideas, to make it an action with an owner."""
    ideas = selectors.top_ideas(room)
    if not ideas:
        return []
    people = session_selectors.area_people(session.area)
    everyone = list(people)
    forms = []
    for idea in ideas:
        form = IdeaActionForm(
            data,
            people=people,
            prefix=f"idea-{idea['insight']}",
            initial={"description": idea["text"]},
        )
        offer_people(form.fields["owner"], everyone)
        forms.append((idea, form))
    return forms


def _page(request, session, *, status=200, **forms) -> HttpResponse:
    room = selectors.session_room(session)
    context = {
        "area": session.area,
        "session": session,
        "room": room,
        "is_open": room is not None and room.is_open(),
        "table_form": forms.get("table_form") or TableLinkForm(),
        "vote_form": forms.get("vote_form") or VoteOpenForm(),
    }
    if room is not None:
        context.update(
            counts=selectors.room_counts(room),
            join_url=join_url(room),
            qr=qr.qr_svg(join_url(room)),
            ranking=selectors.vote_ranking(room) if room.vote_is_open else [],
            action_forms=forms.get("action_forms") or _action_forms(room, session),
        )
    every_form = [
        context["table_form"],
        context["vote_form"],
        *(form for _, form in context.get("action_forms", [])),
    ]
    context["page_errors"] = [form for form in every_form if form.errors]
    return render(request, "workshops/live/room.html", context, status=status)


@login_required
def room(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session = selectors.get_managed_session(request.user, area_slug, session_id)
    return _page(request, session)


@login_required_keeping_post(what="Open the live room of a session")
@require_POST
def room_open(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session = selectors.get_managed_session(request.user, area_slug, session_id)
    room = services.room_open(session=session, by=access.person_for(request.user))
    messages.success(request, f"The room is open. The code is {codes.display(room.code)}.")
    return redirect(_room_url(session))


@login_required_keeping_post(what="Close the live room of a session")
@require_POST
def room_close(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session = selectors.get_managed_session(request.user, area_slug, session_id)
    room = selectors.session_room(session)
    if room is not None:
        services.room_close(room=room, by=access.person_for(request.user))
        messages.success(request, "The room is closed. Its code and table links stopped working.")
    return redirect(_room_url(session))


@login_required
def table_link(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    """A table host's link for one table, to hand over on paper or as a QR code."""
    session = selectors.get_managed_session(request.user, area_slug, session_id)
    room = selectors.session_room(session)
    form = TableLinkForm(request.GET or None)
    if room is None or not room.is_open():
        messages.info(request, "Open the room first: table links work only while it is open.")
        return redirect(_room_url(session))
    if not form.is_bound:
        return redirect(f"{_room_url(session)}#tables")
    if not form.is_valid():
        return _page(request, session, status=400, table_form=form)
    table = form.cleaned_data["table"]
    url = settings.SITE_URL.rstrip("/") + reverse(
        "workshops:live:table-room", args=[tokens.table_link_token(room, table)]
    )
    return render(
        request,
        "workshops/live/table_link.html",
        {
            "area": session.area,
            "session": session,
            "room": room,
            "table": table,
            "url": url,
            "qr": qr.qr_svg(url),
            "hours": settings.LIVE_TABLE_LINK_HOURS,
        },
    )


@login_required_keeping_post(what="Withdraw the table hosts' links of a live room")
@require_POST
def table_links_withdraw(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session = selectors.get_managed_session(request.user, area_slug, session_id)
    room = selectors.session_room(session)
    if room is not None:
        services.table_links_withdraw(room=room)
        messages.success(request, "Every table link given out has stopped working.")
    return redirect(_room_url(session))


@login_required_keeping_post(what="Open a vote on the room's ideas")
@require_POST
def vote_open(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session = selectors.get_managed_session(request.user, area_slug, session_id)
    room = selectors.session_room(session)
    form = VoteOpenForm(request.POST)
    if room is None or not room.is_open():
        messages.info(request, "Open the room first: phones vote through it.")
        return redirect(_room_url(session))
    if not form.is_valid():
        return _page(request, session, status=400, vote_form=form)
    services.vote_open(room=room, votes_per_phone=form.cleaned_data["votes_per_phone"])
    messages.success(request, "The vote is open. Phones can vote from the room’s page.")
    return redirect(f"{_room_url(session)}#vote")


@login_required_keeping_post(what="Close the vote on the room's ideas")
@require_POST
def vote_close(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session = selectors.get_managed_session(request.user, area_slug, session_id)
    room = selectors.session_room(session)
    if room is not None:
        services.vote_close(room=room)
        messages.success(request, "The vote is closed. The ranking is kept with the session.")
    return redirect(f"{_room_url(session)}#vote")


@login_required_keeping_post(what="Make the room's top ideas into actions")
@require_POST
def ideas_to_actions(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session = selectors.get_managed_session(request.user, area_slug, session_id)
    room = selectors.session_room(session)
    forms = _action_forms(room, session, request.POST) if room is not None else []
    if not forms:
        messages.info(request, "Close the vote first: its top ideas become actions.")
        return redirect(_room_url(session))
    valid = all(form.is_valid() for _, form in forms)
    chosen = [form.cleaned_data for _, form in forms if valid and form.cleaned_data["make"]]
    if valid and not chosen:
        forms[0][1].add_error("make", "Tick at least one idea to make it an action")
    if not valid or not chosen:
        return _page(request, session, status=400, action_forms=forms)
    actions = services.ideas_to_actions(
        room=room, by=access.person_for(request.user), choices=chosen
    )
    count = len(actions)
    messages.success(request, f"{count} {'action' if count == 1 else 'actions'} added.")
    return redirect(f"{session.get_absolute_url()}#actions")
