"""Never lose a submitted form to an expired sign-in, and never send it as someone else.

Sessions end after two hours idle, which a facilitator writing up a long day can reach
mid-sentence. A post that arrives signed out is kept for the account that was signed in
on that browser, named by a signed cookie that outlives the session (the session itself
is gone by then). After that person signs in again, `resume` shows them what they wrote
and where it goes, and sends it only when they confirm.

A post from a browser where nobody was signed in, or where someone signed out on
purpose, is not kept: there is no author to keep it for. Anyone else who signs in on
that browser finds nothing waiting, and the kept post is thrown away.
"""

from functools import cache, wraps
from urllib.parse import urlencode, urlsplit

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.signing import BadSignature
from django.forms.utils import pretty_name
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect, render, resolve_url
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

from partnerships.models import HeldPost

HELD_POST = "held_post"
# Longer than a sign-in takes, short enough that an old post is not offered by surprise.
PENDING_POST_MAX_AGE_SECONDS = 60 * 60

AUTHOR_COOKIE = "post_author"
_AUTHOR_SALT = "partnerships.resubmit.author"
# How long after their last signed-in page a person's post is still kept for them: a form
# left open over a weekend is still theirs. The cookie itself ends with the browser.
AUTHOR_MAX_AGE_SECONDS = 7 * 24 * 60 * 60
# Re-signed this often while someone is signed in, so the age above counts from their
# last day of use, not their first.
_AUTHOR_REFRESH_SECONDS = 12 * 60 * 60


def post_author_id(request: HttpRequest, *, max_age: int = AUTHOR_MAX_AGE_SECONDS) -> int | None:
    """The account last signed in on this browser, if the cookie is ours and recent."""
    try:
        value = request.get_signed_cookie(AUTHOR_COOKIE, salt=_AUTHOR_SALT, max_age=max_age)
    except (KeyError, BadSignature):
        return None
    return int(value) if value.isdigit() else None


class RememberPostAuthorMiddleware:
    """Names the signed-in account in a cookie that outlives its session; forgets it when
    the person signs out on purpose (the long-day limit signing them out is not that)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if post_author_id(request, max_age=_AUTHOR_REFRESH_SECONDS) != user.pk:
                response.set_signed_cookie(
                    AUTHOR_COOKIE,
                    str(user.pk),
                    salt=_AUTHOR_SALT,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        elif _signed_out_on_purpose(request) and AUTHOR_COOKIE in request.COOKIES:
            response.delete_cookie(AUTHOR_COOKIE, samesite="Lax")
        return response


def _signed_out_on_purpose(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return request.method == "POST" and match is not None and match.url_name == "account_logout"


def login_required_keeping_post(*, what: str):
    """Like login_required, but a post made after the author's sign-in ended is kept for
    them, to send once they have signed in again and confirmed it. `what` says what the
    post does, in words, for the page that asks them to confirm it."""

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            if request.method != "POST":
                return _to_sign_in(request, request.get_full_path())
            author_id = post_author_id(request)
            if not _is_active_account(author_id):
                messages.warning(
                    request,
                    "You were not signed in, so nothing you sent was saved. "
                    "Sign in, then send it again.",
                )
                return _to_sign_in(request, _page_sent_from(request))
            _hold(request, author_id)
            return _to_sign_in(request, reverse("resume-post"))

        wrapper.kept_post_does = what
        return wrapper

    return decorator


def _is_active_account(user_id: int | None) -> bool:
    return (
        user_id is not None and get_user_model().objects.filter(pk=user_id, is_active=True).exists()
    )


def _hold(request: HttpRequest, author_id: int) -> None:
    """Keep the post for its author. One per browser: a later one replaces it."""
    earlier = request.session.get(HELD_POST)
    if earlier is not None:
        HeldPost.objects.filter(pk=earlier).delete()
    held = HeldPost.objects.create(
        user_id=author_id,
        path=request.path,
        data={
            name: values for name, values in request.POST.lists() if name != "csrfmiddlewaretoken"
        },
        files=[name for name, chosen in request.FILES.lists() if chosen],
    )
    request.session[HELD_POST] = held.pk


def _to_sign_in(request: HttpRequest, next_url: str) -> HttpResponse:
    if request.htmx:
        login = resolve_url(settings.LOGIN_URL)
        return HttpResponseClientRedirect(f"{login}?{urlencode({'next': next_url})}")
    return redirect_to_login(next_url)


def _page_sent_from(request: HttpRequest) -> str:
    """The page the form was on, to go back to after signing in, if it is one of ours."""
    referer = request.headers.get("Referer", "")
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return reverse("home")


def _waiting(request: HttpRequest) -> HeldPost | None:
    """The post kept on this browser for the signed-in person, if recent enough.

    One kept for another account is thrown away: its author did not come back, and the
    person now signed in never sent it.
    """
    held_id = request.session.get(HELD_POST)
    if held_id is None:
        return None
    held = HeldPost.objects.filter(pk=held_id).first()
    if held is None or held.user_id != request.user.pk:
        HeldPost.objects.filter(pk=held_id).delete()
        request.session.pop(HELD_POST, None)
        return None
    if (timezone.now() - held.held_at).total_seconds() > PENDING_POST_MAX_AGE_SECONDS:
        held.delete()
        request.session.pop(HELD_POST, None)
        return None
    return held


def resume_post(request: HttpRequest) -> HttpResponse:
    """Show the kept post to its author (GET); send or throw it away when they say (POST).

    Sending needs a POST with the CSRF token and the id of the post the page showed. The
    row is claimed by deleting it, so a double click or a second tab sends it once.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    held = _waiting(request)
    if held is None:
        messages.info(request, "There was nothing waiting to be saved.")
        return redirect("home")
    if request.method != "POST":
        return render(
            request,
            "partnerships/resume_post.html",
            {
                "held": held,
                "does": _what_it_does(held),
                "fields": describe(held),
                "files": _file_labels(held),
            },
        )
    if request.POST.get("held") != str(held.pk):
        messages.info(request, "What was kept has changed. Check it again before sending.")
        return redirect("resume-post")
    claimed = HeldPost.objects.filter(pk=held.pk).delete()[0]
    request.session.pop(HELD_POST, None)
    if "discard" in request.POST:
        messages.info(request, "What you wrote has been thrown away. Nothing was sent.")
        return redirect("home")
    if not claimed:
        messages.info(request, "There was nothing waiting to be saved.")
        return redirect("home")
    return _send(request, held)


def _view_keeping(held: HeldPost):
    """The resolved view the post was sent to, if it is one that keeps posts; or None."""
    try:
        match = resolve(urlsplit(held.path).path)
    except Resolver404:
        return None
    return match if hasattr(match.func, "kept_post_does") else None


def _what_it_does(held: HeldPost) -> str:
    match = _view_keeping(held)
    return match.func.kept_post_does if match else ""


def _send(request: HttpRequest, held: HeldPost) -> HttpResponse:
    """Run the kept post through its own view, as the person now signed in."""
    match = _view_keeping(held)
    if match is None:
        return redirect("home")
    data = QueryDict(mutable=True)
    for name, values in held.data.items():
        data.setlist(name, values)
    request.POST = data
    request.path = request.path_info = held.path
    messages.info(
        request,
        "You were signed out before this was saved. We kept what you wrote and have now sent it.",
    )
    return match.func(request, *match.args, **match.kwargs)


# What the confirmation page shows ---------------------------------------------------------


def describe(held: HeldPost) -> list[tuple[str, str]]:
    """The kept fields as (label, value) in words, in the order they were sent.

    The view is not run until the person confirms, so its form is not at hand: labels
    come from the project's form class that declares most of the fields sent. Hidden
    fields (versions, keys) and empty ones are left out; a choice of a record is shown as
    a choice, never looked up, so the page shows nothing the form did not.
    """
    form_class = _form_declaring(list(held.data))
    shown = []
    for name, values in held.data.items():
        field = _declared_field(form_class, name)
        if field is not None and field.widget.is_hidden:
            continue
        value = _in_words(field, [value for value in values if value.strip()])
        if value:
            shown.append((_label(field, name), value))
    return shown


def _file_labels(held: HeldPost) -> list[str]:
    form_class = _form_declaring(list(held.data) + held.files)
    return [_label(_declared_field(form_class, name), name) for name in held.files]


@cache
def _project_forms() -> tuple[type[forms.BaseForm], ...]:
    """Every form class the project's apps define (their views have imported them)."""
    base = str(settings.BASE_DIR)
    packages = tuple(
        f"{config.name}."
        for config in apps.get_app_configs()
        if config.path.startswith(base) and "/.venv/" not in config.path
    )
    found, unseen = [], [forms.BaseForm]
    while unseen:
        for subclass in unseen.pop().__subclasses__():
            unseen.append(subclass)
            if subclass.__module__.startswith(packages):
                found.append(subclass)
    return tuple(found)


def _unprefixed(name: str) -> list[str]:
    """`name` and what it is without each of its prefixes: "new-barrier-text" may be the
    field "text" of a form prefixed "new-barrier"."""
    parts = name.split("-")
    return ["-".join(parts[start:]) for start in range(len(parts))]


def _declared_field(form_class, name: str) -> forms.Field | None:
    if form_class is None:
        return None
    for candidate in _unprefixed(name):
        if candidate in form_class.base_fields:
            return form_class.base_fields[candidate]
    return None


def _form_declaring(names: list[str]):
    """The form class declaring the most of `names`, the smallest of equals; or None."""

    def fit(form_class):
        declared = sum(_declared_field(form_class, name) is not None for name in names)
        return declared, -len(form_class.base_fields)

    best = max(_project_forms(), key=fit, default=None)
    return best if best is not None and fit(best)[0] else None


def _label(field: forms.Field | None, name: str) -> str:
    if field is not None and field.label:
        return str(field.label)
    return pretty_name(_unprefixed(name)[-1])


def _in_words(field: forms.Field | None, values: list[str]) -> str:
    if isinstance(field, forms.BooleanField):
        return "Yes" if values and values[-1].lower() not in {"false", "0", "off"} else "No"
    if not values:
        return ""
    if isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField):
        count = len(values)
        return "1 choice from a list" if count == 1 else f"{count} choices from a list"
    if isinstance(field, forms.ChoiceField):
        labels = dict(_flat_choices(field.choices))
        return ", ".join(str(labels.get(value, value)) for value in values)
    return "\n".join(values)


def _flat_choices(choices):
    for value, label in choices:
        if isinstance(label, list | tuple):
            yield from _flat_choices(label)
        else:
            yield str(value), label
