"""Redis stops while people are signed in: gunicorn with production settings, the cache on
a redis-server of the test's own (REDIS_URL set, CACHE_URL not, as the README's production
set-up has it), stopped half way through.

Sign-in and signed-in pages keep answering; the sign-in limits still hold, counted in each
web process's memory meanwhile; /healthz says the cache is unreachable.
"""

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from tests.factories import IndicatorFactory, MeasurementFactory
from tests.integration.conftest import free_port
from tests.workshops.factories import InsightFactory, SessionFactory
from workshops.models import InsightKind

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-password-for-the-outage"


class Visitor:
    """A browser without JavaScript: keeps its cookies, follows redirects and posts forms
    with the CSRF token of the page they came from."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def open(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=30) as response:
                return response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.url, error.read().decode()

    def sign_in(self, email, password):
        status, _, page = self.open("/accounts/login/")
        assert status == 200, page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        return self.open(
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": email, "password": password},
        )


@pytest.fixture
def member(world):
    """The steering member of area A, with a password the web server can check (the
    suite's fast hasher is not one production accepts)."""
    user = world.steering_a
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "outage-salt")
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def web(own_redis, tmp_path):
    """gunicorn with one worker, so the memory that stands in for the cache is one."""
    database = settings.DATABASES["default"]
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": "x7!kq2vN#pL9mR4tW8zB1cF6hJ3sD5gA0eY-uI_oP+lK=nM$w2Qe9rT4yU6i",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{connection.settings_dict['NAME']}"
        ),
        "REDIS_URL": own_redis.url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        # Plain HTTP on loopback: no proxy in front to terminate TLS.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "WHITENOISE_USE_FINDERS": "true",
    }
    port = free_port()
    log = tmp_path / "gunicorn.log"
    gunicorn = Path(sys.executable).parent / "gunicorn"
    with log.open("w") as output:
        server = subprocess.Popen(
            [gunicorn, "partnerships.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/accessibility/", timeout=5).close()
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise
            time.sleep(0.2)
    server.base, server.log = base, log
    yield server
    server.terminate()
    server.wait(timeout=10)


def signed_in_pages(world):
    """The area page (similar work), a session's similar work, and the indicator charts."""
    session = SessionFactory(area=world.area_a)
    InsightFactory(session=session, kind=InsightKind.BARRIER, text="Letters only in English")
    indicator = IndicatorFactory(area=world.area_a)
    MeasurementFactory(indicator=indicator)
    return [
        f"/areas/{world.area_a.slug}/",
        f"{session.get_absolute_url()}?similar=1",
        f"/areas/{world.area_a.slug}/outcomes/",
    ]


def test_with_redis_down_people_still_sign_in_and_pages_still_answer(world, member, own_redis, web):
    pages = signed_in_pages(world)
    before = Visitor(web.base)
    status, url, _ = before.sign_in(member.email, PASSWORD)
    assert (status, url) == (200, f"{web.base}/areas/{world.area_a.slug}/")
    for page in pages:
        assert before.open(page)[0] == 200, page

    own_redis.stop()

    # Someone already signed in carries on; someone new signs in.
    for page in pages:
        status, _, body = before.open(page)
        assert status == 200, (page, body[-2000:])
    after = Visitor(web.base)
    status, url, body = after.sign_in(member.email, PASSWORD)
    assert (status, url) == (200, f"{web.base}/areas/{world.area_a.slug}/"), body[-2000:]
    for page in pages:
        assert after.open(page)[0] == 200, page

    # The limit on failed sign-ins still applies, counted in the web process's memory:
    # after five wrong passwords even the right one is refused for now.
    guesser = Visitor(web.base)
    for _ in range(5):
        status, _, body = guesser.sign_in(member.email, "not-the-password")
        assert status == 200
        assert "Too many failed login attempts" not in body
    status, url, body = guesser.sign_in(member.email, PASSWORD)
    assert "Too many failed login attempts" in body
    assert url.endswith("/accounts/login/")

    status, _, body = before.open("/healthz")
    assert json.loads(body)["cache"] == "unreachable"

    log = web.log.read_text()
    assert "Internal Server Error" not in log
    assert log.count("The cache (Redis) cannot be reached") == 1, log
