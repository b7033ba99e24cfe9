"""The pages people open on their phones, and table hosts on theirs: no account, and no
name unless someone chooses to give one.

A room is found only by a join code that still works (or a table host's signed link);
anything else gets the same "this code does not work" page, counted against the address
and the phone so that codes cannot be guessed at speed. Each page renders in the
language the phone asks for (see `workshops.live.i18n`). Every form works as a plain
post; `static/js/live-phone.js` adds a queue on the phone for poor connections.
"""

import uuid
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from partnerships.client_address import client_address
from workshops.live import i18n, limits, selectors, services, tokens
from workshops.live.forms import (
    AboutYouForm,
    BarrierForm,
    DecisionForm,
    IdeaForm,
    JoinForm,
    StoryForm,
    VoteForm,
)
from workshops.live.i18n import gettext, gettext_lazy
from workshops.live.models import LiveRoom, RoomItem, Sharing

PHONE_FORMS = {"barrier": BarrierForm, "idea": IdeaForm, "story": StoryForm}
TABLE_FORMS = {"barrier": BarrierForm, "idea": IdeaForm, "decision": DecisionForm}


class Refused(Exception):
    """The page cannot be shown; `response` says why, in the phone's language."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def phone_page(view):
    """Render in the phone's language, know the phone by its cookie (giving it one on its
    first visit), and answer a refusal with its own page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        language = i18n.language_for(request)
        request.live_language = language
        request.live_phone, new_phone = limits.phone_key(request)
        with i18n.language(language):
            try:
                response = view(request, *args, **kwargs)
            except Refused as refusal:
                response = refusal.response
        if new_phone:
            limits.remember_phone(response, request.live_phone)
        if request.GET.get("lang", "").lower() == language:
            response.set_cookie(
                i18n.COOKIE,
                language,
                samesite="Lax",
                httponly=True,
                secure=settings.SESSION_COOKIE_SECURE,
            )
        response["Content-Language"] = language
        # What a phone is shown depends on its cookies; nobody else should keep a copy.
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapper


def _render(request, template, context, *, status=200):
    languages = i18n.languages()
    return render(
        request,
        template,
        {
            **context,
            **i18n.page_language(request.live_language),
            "languages": languages if len(languages) > 1 else [],
        },
        status=status,
    )


def _message(request, *, title: str, body: str, status: int, room=None):
    return _render(
        request,
        "workshops/live/phone_message.html",
        {"title": title, "body": body, "room": room},
        status=status,
    )


def _code_does_not_work(request):
    return _message(
        request,
        title=gettext("This code does not work"),
        body=gettext(
            "Check the code on the screen and try again. The room may have closed: ask "
            "someone running the day."
        ),
        status=404,
    )


def _please_wait(request, room=None):
    return _message(
        request,
        title=gettext("Please wait a few minutes"),
        body=gettext(
            "A lot has been sent from here very quickly. Wait a few minutes, then try "
            "again. What you wrote is still on this phone."
        ),
        status=429,
        room=room,
    )


def _find_room(request, typed: str) -> LiveRoom | None:
    """The open room for a code, counting codes that open nothing; refused outright once
    this address or phone has tried too many."""
    address = client_address(request) or ""
    by_address, by_phone = limits.code_misses_per_address(), limits.code_misses_per_phone()
    if by_address.exceeded(address) or by_phone.exceeded(request.live_phone):
        raise Refused(_please_wait(request))
    room = selectors.open_room_for_code(typed)
    if room is None:
        by_address.hit(address)
        by_phone.hit(request.live_phone)
    return room


def _open_room(request, code: str) -> LiveRoom:
    room = _find_room(request, code)
    if room is None:
        raise Refused(_code_does_not_work(request))
    return room


def _table_room(request, token: str) -> tuple[LiveRoom, int]:
    """The room and table a table host's link is for, while it still works."""
    link = tokens.read_table_link(token)
    room = None
    if link is not None:
        room_id, table, nonce = link
        room = (
            LiveRoom.objects.filter(pk=room_id).select_related("session__area").first()
            if isinstance(room_id, int) and isinstance(table, int)
            else None
        )
    if room is None or not room.is_open() or not tokens.nonce_matches(room, nonce):
        raise Refused(
            _message(
                request,
                title=gettext("This link has stopped working"),
                body=gettext("Ask someone running the day for a new link for your table."),
                status=404,
            )
        )
    return room, table


@phone_page
@require_safe
def join(request: HttpRequest) -> HttpResponse:
    form = JoinForm(request.GET or None)
    if form.is_bound and form.is_valid():
        room = _find_room(request, form.cleaned_data["code"])
        if room is not None:
            return redirect("workshops:live:phone-room", code=room.code)
        form.add_error(
            "code",
            gettext("That code does not work. Check it and try again. The room may have closed."),
        )
    return _render(request, "workshops/live/phone_join.html", {"form": form})


SENT_MESSAGES = {
    "barrier": gettext_lazy("Thank you. We got what you said gets in the way."),
    "idea": gettext_lazy("Thank you. We got your idea."),
    "decision": gettext_lazy("Thank you. We got what your table agreed."),
    "story": gettext_lazy("Thank you. We got what you said."),
    "about": gettext_lazy("Thank you. We have counted your answers."),
    "vote": gettext_lazy("Thank you. We got your votes."),
}


HEADINGS = {
    "barrier": gettext_lazy("What gets in the way?"),
    "idea": gettext_lazy("Wouldn’t it be brilliant if…"),
    "story": gettext_lazy("Tell us your story"),
    "decision": gettext_lazy("Something your table agreed"),
}
INTROS = {
    "barrier": gettext_lazy("Tell us what makes it hard to get help, or to stay well."),
    "idea": gettext_lazy("Imagine there were no limits. What would make things better?"),
}


def _table_host(table) -> str:
    if table is None:
        return ""
    return gettext("You are the host for table %(table)s.") % {"table": table}


def _home_context(request, room, *, table=None) -> dict:
    sent = request.GET.get("sent", "")
    return {
        "room": room,
        "session": room.session,
        "area": room.session.area,
        "table": table,
        "table_host": _table_host(table),
        "where": gettext("You are at: %(session)s.") % {"session": room.session.title},
        "sent": SENT_MESSAGES.get(sent, ""),
    }


@phone_page
@require_safe
def room_home(request: HttpRequest, code: str) -> HttpResponse:
    room = _open_room(request, code)
    return _render(request, "workshops/live/phone_room.html", _home_context(request, room))


@phone_page
@require_safe
def table_home(request: HttpRequest, token: str) -> HttpResponse:
    room, table = _table_room(request, token)
    return _render(
        request, "workshops/live/phone_room.html", _home_context(request, room, table=table)
    )


def _form_kwargs(form_class, room) -> dict:
    if form_class is BarrierForm:
        return {"barrier_types": selectors.barrier_types()}
    if form_class is StoryForm:
        return {"place": room.session.area.name}
    return {}


def _within_limits(request, room, table) -> bool:
    """Count one more send for this phone (or table) and this address."""
    if table is None:
        mine = limits.sends_per_phone().hit(request.live_phone)
    else:
        mine = limits.sends_per_table().hit(f"{room.pk}:{table}")
    return mine and limits.sends_per_address().hit(client_address(request) or "")


def _sent(request, item: RoomItem, *, home: str, kind: str):
    if item.is_story and item.sharing != Sharing.NONE:
        receipt = reverse("workshops:live:phone-receipt", args=[tokens.receipt_token(item)])
        return redirect(f"{receipt}?new=1")
    return redirect(f"{home}?sent={kind}")


def _send(request, room, *, kind, forms, table=None, home: str):
    form_class = forms.get(kind)
    if form_class is None:
        raise Refused(_code_does_not_work(request))
    kwargs = _form_kwargs(form_class, room)
    if request.method == "POST":
        form = form_class(request.POST, **kwargs)
        if form.is_valid():
            client_id = form.cleaned_data["client_id"]
            already = RoomItem.objects.filter(room=room, client_id=client_id).first()
            if already is not None:
                return _sent(request, already, home=home, kind=kind)
            if not _within_limits(request, room, table):
                return _please_wait(request, room)
            try:
                item, _ = services.item_submit(
                    room=room,
                    client_id=client_id,
                    kind=form_class.kind,
                    phone_key=request.live_phone if table is None else "",
                    table=table,
                    language=request.live_language,
                    **form.item_fields(),
                )
            except services.RoomFull:
                return _message(
                    request,
                    title=gettext("The room is full"),
                    body=gettext("We cannot take any more today. Tell someone running the day."),
                    status=503,
                    room=room,
                )
            return _sent(request, item, home=home, kind=kind)
        status = 400
    else:
        form = form_class(initial={"client_id": uuid.uuid4()}, **kwargs)
        status = 200
    return _render(
        request,
        "workshops/live/phone_send.html",
        {
            "form": form,
            "kind": kind,
            "room": room,
            "session": room.session,
            "area": room.session.area,
            "table": table,
            "table_host": _table_host(table),
            "home": home,
            "heading": HEADINGS[kind],
            "intro": INTROS.get(kind, ""),
        },
        status=status,
    )


@phone_page
@require_http_methods(["GET", "POST"])
def send(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    room = _open_room(request, code)
    home = reverse("workshops:live:phone-room", args=[room.code])
    return _send(request, room, kind=kind, forms=PHONE_FORMS, home=home)


@phone_page
@require_http_methods(["GET", "POST"])
def table_send(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    room, table = _table_room(request, token)
    home = reverse("workshops:live:table-room", args=[token])
    return _send(request, room, kind=kind, forms=TABLE_FORMS, table=table, home=home)


@phone_page
@require_http_methods(["GET", "POST"])
def about_you(request: HttpRequest, code: str) -> HttpResponse:
    room = _open_room(request, code)
    phone = room.phones.filter(key=request.live_phone).first()
    if request.method == "POST":
        form = AboutYouForm(request.POST)
        if form.is_valid():
            if not limits.sends_per_phone().hit(request.live_phone):
                return _please_wait(request, room)
            services.phone_profile_save(room=room, phone_key=request.live_phone, **form.profile())
            home = reverse("workshops:live:phone-room", args=[room.code])
            return redirect(f"{home}?sent=about")
        status = 400
    else:
        answers = {True: "yes", False: "no", None: ""}
        form = AboutYouForm(
            initial={
                "sector": phone.sector if phone else "",
                "lived_experience": answers[phone.lived_experience if phone else None],
            }
        )
        status = 200
    return _render(
        request,
        "workshops/live/phone_about.html",
        {"form": form, "room": room, "session": room.session},
        status=status,
    )


@phone_page
@require_http_methods(["GET", "POST"])
def vote(request: HttpRequest, code: str) -> HttpResponse:
    room = _open_room(request, code)
    context = {"room": room, "session": room.session}
    if not room.vote_is_open:
        return _render(request, "workshops/live/phone_vote.html", context)
    ideas = list(selectors.votable_ideas(room))
    chosen = selectors.phone_votes(room, request.live_phone)
    form = VoteForm(
        request.POST or None,
        ideas=ideas,
        votes=room.votes_per_phone,
        initial={"ideas": [str(pk) for pk in chosen]},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.votes_cast(
                    room=room, phone_key=request.live_phone, ideas=form.cleaned_data["ideas"]
                )
            except services.VoteClosed:
                return redirect("workshops:live:phone-vote", code=room.code)
            home = reverse("workshops:live:phone-room", args=[room.code])
            return redirect(f"{home}?sent=vote")
        status = 400
    else:
        status = 200
    how_many = gettext("You can choose up to %(votes)s.") % {"votes": room.votes_per_phone}
    return _render(
        request,
        "workshops/live/phone_vote.html",
        {**context, "form": form, "how_many": how_many},
        status=status,
    )


@phone_page
@require_http_methods(["GET", "POST"])
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    """A story's receipt: what was sent and agreed, and the way to take it back. It
    works after the room has closed."""
    item_id = tokens.read_receipt(token)
    item = (
        RoomItem.objects.filter(pk=item_id)
        .exclude(sharing__in=["", Sharing.NONE])
        .select_related("room__session__area")
        .first()
        if item_id is not None
        else None
    )
    if item is None:
        return _message(
            request,
            title=gettext("This link does not work"),
            body=gettext("If you copied it, check you copied all of it."),
            status=404,
        )
    if request.method == "POST":
        services.item_consent_withdraw(item=item)
        return redirect("workshops:live:phone-receipt", token=token)
    naming = {
        "name": gettext("We will use your name: %(name)s.") % {"name": item.name},
        "role": gettext("We will call you: %(role)s.") % {"role": item.role},
        "none": gettext("We will not name you."),
    }[item.naming]
    sharing = {
        Sharing.REPORTS: gettext(
            "You said we can share it in the notes from today and in reports."
        ),
        Sharing.NOTES: gettext("You said we can share it only in the notes from today."),
    }[item.sharing]
    return _render(
        request,
        "workshops/live/phone_receipt.html",
        {
            "item": item,
            "room": item.room,
            "session": item.room.session,
            "naming": naming,
            "sharing": sharing,
            "new": request.GET.get("new") == "1",
            "receipt_url": request.build_absolute_uri(request.path),
        },
    )
