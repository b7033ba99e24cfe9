"""Never lose a submitted form to an expired sign-in.

Sessions end after two hours idle, which a facilitator writing up a long day can reach
mid-sentence. A post that arrives signed out is kept in the (anonymous) session, which
survives signing in; after sign-in, `resume` replays it as the person's own post.
"""

from functools import wraps
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, resolve_url
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect

PENDING_POST = "pending_post"
# Longer than a sign-in takes, short enough that an old post is not replayed by surprise.
PENDING_POST_MAX_AGE_SECONDS = 60 * 60


def login_required_keeping_post(view):
    """Like login_required, but a post made while signed out is saved after sign-in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        next_url = request.get_full_path()
        if request.method == "POST":
            request.session[PENDING_POST] = {
                "path": request.path,
                "data": {
                    name: values
                    for name, values in request.POST.lists()
                    if name != "csrfmiddlewaretoken"
                },
                "at": timezone.now().timestamp(),
            }
            next_url = reverse("resume-post")
        if request.htmx:
            login = resolve_url(settings.LOGIN_URL)
            return HttpResponseClientRedirect(f"{login}?{urlencode({'next': next_url})}")
        return redirect_to_login(next_url)

    wrapper.keeps_post_after_sign_in = True
    return wrapper


def resume_post(request: HttpRequest) -> HttpResponse:
    """Replay the post kept while the person signed in again, through its own view.

    A GET that writes is safe here: the kept post already passed the CSRF check when it
    was made, and only the session that made it can replay it, once.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    pending = request.session.pop(PENDING_POST, None)
    age = timezone.now().timestamp() - pending["at"] if pending else None
    if pending is None or age > PENDING_POST_MAX_AGE_SECONDS:
        messages.info(request, "There was nothing waiting to be saved.")
        return redirect("home")
    try:
        match = resolve(urlsplit(pending["path"]).path)
    except Resolver404:
        return redirect("home")
    if not getattr(match.func, "keeps_post_after_sign_in", False):
        return redirect("home")
    data = QueryDict(mutable=True)
    for name, values in pending["data"].items():
        data.setlist(name, values)
    request.method = "POST"
    request.POST = data
    request.path = request.path_info = pending["path"]
    messages.info(
        request, "You were signed out before this was saved. We kept what you wrote and sent it."
    )
    return match.func(request, *match.args, **match.kwargs)
