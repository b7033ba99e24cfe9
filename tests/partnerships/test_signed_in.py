"""The fixed cost of a signed-in request, and the session rules it must keep: the idle
limit slides with use, and a session ended anywhere is ended everywhere, whatever a
cache still holds of it."""

import time
from datetime import timedelta
from importlib import import_module

import pytest
import redis
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships import access
from partnerships import cache as resilient
from partnerships.middleware import REFRESHED_AT
from partnerships.models import AreaRole
from partnerships.signed_in import has_second_factor, signed_in_user
from tests.integration.conftest import free_port

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-for-tests"


def _session_row(client):
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def _age_session(client, *, last_saved_seconds_ago, expires_in):
    """As if the session was last saved a while ago: its refresh stamp and its row's expiry."""
    session = client.session
    session[REFRESHED_AT] = time.time() - last_saved_seconds_ago
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + expires_in
    )


def _session_writes(queries):
    return [q for q in queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]]


def test_a_signed_in_request_reads_user_roles_and_session_in_one_query(client, world, rf):
    client.force_login(world.facilitator_a)
    request = rf.get("/")
    request.session = import_module(settings.SESSION_ENGINE).SessionStore(
        client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    with CaptureQueriesContext(connection) as queries:
        user = signed_in_user(request)
        assert user == world.facilitator_a
        assert access.person_for(user).user_id == user.pk
        assert access.holds_any_role(user, {AreaRole.FACILITATOR})
        assert access.roles_in(user, world.area_a) == {AreaRole.FACILITATOR}
        assert access.roles_in(user, world.area_b) == set()
        assert has_second_factor(user)
    assert len(queries) == 1


def test_a_request_soon_after_the_last_save_writes_no_session(client, world):
    client.force_login(world.steering_a)
    client.get(reverse("workshops:my-actions"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("workshops:my-actions")).status_code == 200
    assert _session_writes(queries.captured_queries) == []
    assert settings.SESSION_COOKIE_NAME not in client.get(reverse("home")).cookies


def test_the_idle_limit_slides_with_use(client, world):
    client.force_login(world.steering_a)
    _age_session(
        client,
        last_saved_seconds_ago=settings.SESSION_REFRESH_SECONDS + 1,
        expires_in=timedelta(minutes=10),
    )
    response = client.get(reverse("workshops:my-actions"))
    assert response.status_code == 200
    idle_limit = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert _session_row(client).expire_date > timezone.now() + idle_limit - timedelta(minutes=1)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_a_session_idle_for_longer_than_the_limit_is_signed_out(client, world):
    """Its copy in the cache outlives nothing: the row's expiry decides."""
    client.force_login(world.steering_a)
    client.get(reverse("workshops:my-actions"))
    _age_session(client, last_saved_seconds_ago=0, expires_in=-timedelta(seconds=1))
    response = client.get(reverse("workshops:my-actions"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_session_ended_in_the_database_is_ended_whatever_the_cache_holds(client, world):
    """As when signing out could not reach the cache: the stale copy is not a way back in."""
    client.force_login(world.steering_a)
    assert client.get(reverse("workshops:my-actions")).status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).delete()
    cache_key = "django.contrib.sessions.cached_db" + key
    assert caches["default"].get(cache_key) is not None

    response = client.get(reverse("workshops:my-actions"))
    assert response.status_code == 302
    assert caches["default"].get(cache_key) is None


def test_signing_out_while_redis_cannot_be_reached_holds_once_it_answers(
    client, world, monkeypatch, settings
):
    """Signing out reaches the database but not Redis, which keeps its copy of the session
    and serves it again once it answers: the session stays ended."""
    # The suite caches in memory; this test needs the machine's Redis.
    settings.CACHES = {
        "default": {
            "BACKEND": "partnerships.cache.ResilientRedisCache",
            "LOCATION": settings.REDIS_URL,
        }
    }
    client.force_login(world.steering_a)
    assert client.get(reverse("workshops:my-actions")).status_code == 200
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value

    def unreachable(*args, **kwargs):
        raise redis.ConnectionError("Connection refused")

    with monkeypatch.context() as outage:
        for operation in ("get", "set", "delete"):
            outage.setattr(RedisCache, operation, unreachable)
        client.post(reverse("account_logout"))
    caches["default"]._outage.retry_at = 0.0  # Redis answers again
    assert not Session.objects.filter(session_key=cookie).exists()
    assert caches["default"].get("django.contrib.sessions.cached_db" + cookie) is not None

    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert stolen.get(reverse("workshops:my-actions")).status_code == 302


def test_pages_and_sign_out_work_while_redis_is_down(client, world, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "partnerships.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    user = world.steering_a
    user.set_password(PASSWORD)
    user.save()
    try:
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        assert client.get(world.area_a.get_absolute_url()).status_code == 200
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        client.post(reverse("account_logout"))
        stolen = Client()
        stolen.cookies[settings.SESSION_COOKIE_NAME] = cookie
        assert stolen.get(reverse("workshops:my-actions")).status_code == 302
    finally:
        resilient._outages.clear()


def test_deactivating_an_account_ends_its_cached_sessions(world):
    elsewhere = Client()
    elsewhere.force_login(world.steering_a)
    assert elsewhere.get(reverse("workshops:my-actions")).status_code == 200
    world.steering_a.is_active = False
    world.steering_a.save()
    assert elsewhere.get(reverse("workshops:my-actions")).status_code == 302


def test_a_password_change_ends_other_cached_sessions(world):
    elsewhere = Client()
    elsewhere.force_login(world.steering_a)
    assert elsewhere.get(reverse("workshops:my-actions")).status_code == 200
    world.steering_a.set_password("another-long-password-now")
    world.steering_a.save()
    assert elsewhere.get(reverse("workshops:my-actions")).status_code == 302
