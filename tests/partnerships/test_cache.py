"""The cache answers when Redis does not: from this process's memory, logged once, with
sign-in limits still counted, and from Redis again once it is back."""

import logging
import subprocess
import sys

import pytest
import redis
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse

from partnerships import cache as resilient
from partnerships.cache import ResilientRedisCache
from tests.integration.conftest import RedisServer, free_port

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-for-tests"
WARNING = "The cache (Redis) cannot be reached"


@pytest.fixture
def nowhere():
    """A Redis address nothing listens on."""
    return f"redis://127.0.0.1:{free_port()}/0"


@pytest.fixture
def member(world):
    user = world.steering_a
    user.set_password(PASSWORD)
    user.save()
    return user


def test_production_settings_give_a_redis_cache_its_fallback_and_short_timeouts():
    probe = (
        "from django.conf import settings; c = settings.CACHES['default']; o = c['OPTIONS']; "
        "print(c['BACKEND'], o['socket_connect_timeout'], o['socket_timeout'])"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", probe],
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "true", "REDIS_URL": settings.REDIS_URL},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
    )
    assert result.stdout.split() == ["partnerships.cache.ResilientRedisCache", "1", "1"]


def test_without_redis_every_operation_answers_from_memory_and_is_logged_once(nowhere, caplog):
    cache = ResilientRedisCache(nowhere, {})
    with caplog.at_level(logging.WARNING, logger="partnerships.cache"):
        assert cache.get("panel") is None
        cache.set("panel", ["similar work"], 60)
        assert cache.get("panel") == ["similar work"]
        assert cache.add("lock", True, 10)
        assert not cache.add("lock", True, 10)
        assert cache.get_or_set("chart", "<svg/>", 60) == "<svg/>"
        cache.set("count", 1)
        assert cache.incr("count") == 2
        assert cache.get_many(["panel", "count"]) == {"panel": ["similar work"], "count": 2}
        cache.delete("lock")
        assert not cache.has_key("lock")
    assert not cache.reachable()
    assert caplog.text.count(WARNING) == 1


def test_redis_is_asked_again_only_every_half_minute(nowhere, monkeypatch):
    cache = ResilientRedisCache(nowhere, {})
    calls = []

    def counted_get(self, *args, **kwargs):
        calls.append(args)
        raise redis.ConnectionError("Connection refused")

    monkeypatch.setattr(RedisCache, "get", counted_get)
    for _ in range(5):
        cache.get("panel")
    assert len(calls) == 1

    monkeypatch.setattr(cache._outage, "retry_at", 0.0)
    cache.get("panel")
    assert len(calls) == 2


def test_once_redis_answers_again_it_is_the_cache_again(tmp_path, caplog):
    server = RedisServer(tmp_path / "redis")
    try:
        cache = ResilientRedisCache(server.url, {})
        direct = redis.Redis.from_url(server.url)
        cache.set("before", 1)
        assert direct.exists(cache.make_key("before"))

        server.stop()
        cache.set("during", 2)
        assert cache.get("during") == 2

        server.start()
        cache._outage.retry_at = 0.0
        with caplog.at_level(logging.INFO, logger="partnerships.cache"):
            cache.set("after", 3)
        assert direct.exists(cache.make_key("after"))
        assert "answers again" in caplog.text
        # What was kept in memory meanwhile is not served once Redis is back.
        assert cache.get("during") is None
    finally:
        server.stop()


def test_sign_in_works_and_its_limits_hold_while_redis_is_down(
    client, world, member, settings, nowhere
):
    settings.CACHES = {
        "default": {"BACKEND": "partnerships.cache.ResilientRedisCache", "LOCATION": nowhere}
    }
    login = reverse("account_login")
    response = client.post(login, {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(member.pk)
    assert client.get(reverse("areas:detail", args=[world.area_a.slug])).status_code == 200

    client.logout()
    for _ in range(5):
        client.post(login, {"login": member.email, "password": "not-the-password"})
    response = client.post(login, {"login": member.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.fixture(autouse=True)
def forget_outages():
    yield
    resilient._outages.clear()
