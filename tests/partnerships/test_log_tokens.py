"""The tokens of signed links (a pulse answer's, a report-back page's) never reach a log
line: neither Django's nor gunicorn's access log, which would otherwise let the time of
an anonymous answer be matched to the person its link was sent to."""

import contextlib
import io
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import URLResolver, get_resolver, reverse

from partnerships import error_reports
from partnerships.logs import RedactTokens, without_tokens

PULSE_TOKEN = "2s-k4Jd9QmZx81LpWv7T"
REPORT_TOKEN = "1b-Q7fh2LkPz9Xc4"
QUERY_TOKEN = "eyJ1Ijo0Mn0:1uAbCd:Zm9vYmFy"
SECRETS = (PULSE_TOKEN, REPORT_TOKEN, QUERY_TOKEN)


def _token_url_names(patterns=None, namespace=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _token_url_names(entry.url_patterns, inner)
        elif "token" in entry.pattern.converters:
            yield f"{namespace}{entry.name}", sorted(entry.pattern.converters)


@pytest.fixture
def project_log():
    """What the project's console handler (as configured in settings) writes."""
    [handler] = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(kept, RedactTokens) for kept in handler.filters)
    ]
    written = io.StringIO()
    previous = handler.setStream(written)
    yield written.getvalue
    handler.setStream(previous)


def test_every_routed_signed_link_loses_its_token():
    names = list(_token_url_names())
    assert len(names) >= 10
    for name, arguments in names:
        kwargs = dict.fromkeys(arguments, "a") | {"token": PULSE_TOKEN}
        line = f'"GET {reverse(name, kwargs=kwargs)}?page=2 HTTP/1.1" 200'
        assert PULSE_TOKEN not in without_tokens(line), name
        assert "[token]" in without_tokens(line)


def test_other_addresses_keep_every_part():
    line = '"GET /areas/eastbourne/sessions/12/r/?year=2026 HTTP/1.1" 200 "/areas/eastbourne/"'
    assert without_tokens(line) == line


def test_error_reports_lose_the_short_tokens_too():
    """A report-back token is shorter than the long signed links error reports caught."""
    failure = {"type": "ValueError", "value": f"Nothing to show at /r/{REPORT_TOKEN}/"}
    event = error_reports.scrub({"exception": {"values": [failure]}})
    assert event["exception"]["values"][0]["value"] == "Nothing to show at /r/[token]/"


@pytest.mark.django_db
def test_djangos_lines_about_signed_links_carry_no_token(client, project_log):
    client.get(f"/pulse/{PULSE_TOKEN}/")
    client.get(f"/r/{REPORT_TOKEN}/large-print/?token={QUERY_TOKEN}")
    logging.getLogger("partnerships.sms").info("Text 1 to 07700900123: see /r/%s/", REPORT_TOKEN)

    written = project_log()
    assert "Not Found: /pulse/[token]/" in written
    assert "Not Found: /r/[token]/large-print/" in written
    assert "see /r/[token]/" in written
    assert not any(secret in written for secret in SECRETS)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(base, server):
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/accessibility/", timeout=5).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise
            time.sleep(0.2)


def _get(url, **headers):
    with contextlib.suppress(urllib.error.HTTPError):
        urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10).close()


@pytest.mark.django_db
def test_gunicorns_access_log_carries_no_token(tmp_path):
    """gunicorn started as the image starts it, from the project's folder, with its
    access log on: the request line, the path and the referrer lose their tokens."""
    database = settings.DATABASES["default"]
    port, log = _free_port(), tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{connection.settings_dict['NAME']}"
        ),
    }
    command = [Path(sys.executable).parent / "gunicorn", "partnerships.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--access-logfile", "-"]
    with log.open("w") as output:
        server = subprocess.Popen(
            command, env=env, cwd=settings.BASE_DIR, stdout=output, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, server)
        _get(f"{base}/pulse/{PULSE_TOKEN}/")
        _get(f"{base}/static/css/app.css?token={QUERY_TOKEN}", Referer=f"{base}/r/{REPORT_TOKEN}/")
    finally:
        server.terminate()
        server.wait(timeout=10)

    written = log.read_text()
    assert '"GET /pulse/[token]/ HTTP/1.1" 404' in written
    assert '"GET /static/css/app.css?token=[token] HTTP/1.1"' in written
    assert f'"{base}/r/[token]/"' in written
    assert not any(secret in written for secret in SECRETS)
