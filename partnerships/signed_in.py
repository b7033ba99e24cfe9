"""Who is signed in, read in one query per request.

Every signed-in request needs the user (is the account still active, does the password
still match the session), their Person, the roles they hold across the programme and in
each area (navigation, access, two-factor policy), whether they have a second factor, and
whether their session still exists. Django and allauth would ask for each separately;
`SignedInUserMiddleware` asks for all of it at once and leaves the answers where
`partnerships.access` and the two-factor check look for them.

Sessions are read from the cache (see partnerships/sessions.py), so the session's row is
checked in the same query: a session ended anywhere (signed out, cycled at sign-in,
flushed, idle too long) is ended here, even if a stale copy of it outlived its row in a
cache that was unreachable when it was deleted.
"""

from functools import partial

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
    load_backend,
)
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.sessions.models import Session
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import JSONObject
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from partnerships.databases import is_postgresql
from partnerships.models import Membership


class SignedInUserMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, with the user read by `signed_in_user`."""

    def process_request(self, request):
        request.user = SimpleLazyObject(lambda: signed_in_user(request))
        request.auser = partial(_auser, request)


async def _auser(request):
    if not hasattr(request, "_acached_user"):
        request._acached_user = await sync_to_async(signed_in_user)(request)
    return request._acached_user


def signed_in_user(request):
    """The request's user, as `django.contrib.auth.get_user` finds it, or AnonymousUser."""
    session = request.session
    try:
        user_id = get_user_model()._meta.pk.to_python(session[SESSION_KEY])
        backend_path = session[BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return AnonymousUser()
    backend = load_backend(backend_path)
    user = _user_with_roles(user_id, session.session_key)
    if user is None or not backend.user_can_authenticate(user):
        return AnonymousUser()
    if not user.session_alive:
        # Ended elsewhere: forget the copy, as Django forgets a session it cannot verify.
        session.flush()
        return AnonymousUser()
    if not _session_hash_verified(session, user):
        session.flush()
        return AnonymousUser()
    _keep_answers(user)
    return user


def _user_with_roles(user_id, session_key):
    session_alive = Session.objects.filter(
        session_key=session_key or "", expire_date__gt=timezone.now()
    )
    annotations = {
        "has_authenticator": Exists(Authenticator.objects.filter(user_id=OuterRef("pk"))),
        "session_alive": Exists(session_alive),
    }
    if is_postgresql():
        annotations["membership_rows"] = ArraySubquery(
            Membership.objects.filter(person__user_id=OuterRef("pk"))
            .order_by()
            .values(json=JSONObject(area=F("area_id"), role=F("role")))
        )
    user = (
        get_user_model()
        ._default_manager.select_related("person")
        .annotate(**annotations)
        .filter(pk=user_id)
        .first()
    )
    if user is not None and not hasattr(user, "membership_rows"):
        # Without arrays (SQLite), the roles take a query of their own.
        user.membership_rows = [
            {"area": area_id, "role": role}
            for area_id, role in Membership.objects.filter(person__user=user).values_list(
                "area_id", "role"
            )
        ]
    return user


def _session_hash_verified(session, user) -> bool:
    """Django's check that the password has not changed since this session signed in,
    including its rotation of sessions signed with a fallback secret key."""
    session_hash = session.get(HASH_SESSION_KEY)
    if not session_hash:
        return False
    current = user.get_session_auth_hash()
    if constant_time_compare(session_hash, current):
        return True
    if any(
        constant_time_compare(session_hash, fallback)
        for fallback in user.get_session_auth_fallback_hash()
    ):
        session.cycle_key()
        session[HASH_SESSION_KEY] = current
        return True
    return False


def _keep_answers(user) -> None:
    """Leave the query's answers where the access policy and two-factor check read them."""
    person = getattr(user, "person", None)
    user._person_cache = person
    area_roles: dict[int, set[str]] = {}
    for row in user.membership_rows:
        area_roles.setdefault(row["area"], set()).add(row["role"])
    user._area_roles_cache = area_roles
    if person is not None:
        user._held_roles_cache = {person.programme_role}.union(*area_roles.values())


def has_second_factor(user) -> bool:
    """Whether the user has set up a second factor (allauth's `is_mfa_enabled`)."""
    if hasattr(user, "has_authenticator"):
        return user.has_authenticator
    return is_mfa_enabled(user)
