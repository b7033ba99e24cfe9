"""What docker-compose runs, run here: collectstatic, gunicorn with production settings."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.integration.conftest import free_port

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _get(url, timeout=30, headers=None):
    """GET without following redirects, retrying until the server is up."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with _opener.open(
                urllib.request.Request(url, headers=headers or {}), timeout=5
            ) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_gunicorn_serves_the_hashed_static_files_and_health(tmp_path):
    database = settings.DATABASES["default"]
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": "x7!kq2vN#pL9mR4tW8zB1cF6hJ3sD5gA0eY-uI_oP+lK=nM$w2Qe9rT4yU6i",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{connection.settings_dict['NAME']}"
        ),
        "REDIS_URL": settings.REDIS_URL,
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=settings.BASE_DIR
    )
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "css/nhsuk.css" in manifest

    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "partnerships.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        status, _, body = _get(f"http://127.0.0.1:{port}/healthz")
        assert status == 200, body
        assert b'"database": "ok"' in body

        status, headers, body = _get(f"http://127.0.0.1:{port}/accessibility/")
        assert status == 301, "production redirects plain HTTP to HTTPS"
        assert headers["Location"].startswith("https://")

        behind_tls = {"X-Forwarded-Proto": "https"}
        status, headers, page = _get(f"http://127.0.0.1:{port}/accessibility/", headers=behind_tls)
        assert status == 200, dict(headers)
        assert "max-age=31536000" in headers["Strict-Transport-Security"]
        css_path = _stylesheet_path(page.decode())
        status, headers, _ = _get(f"http://127.0.0.1:{port}{css_path}", headers=behind_tls)
        assert status == 200, dict(headers)
        assert "immutable" in headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=10)


def _stylesheet_path(html):
    marker = "/static/css/nhsuk."
    start = html.index(marker)
    return html[start : html.index('"', start)]
