"""What docker-compose runs, run here with the same parts on loopback.

Production settings (DEBUG off, static files collected and hashed), gunicorn, and for the
whole topology: Caddy terminating TLS in front of two web servers, PostgreSQL, Redis, a
Celery worker and beat, and media in a private bucket on an S3 server.
"""

import functools
import html
import http.client
import http.cookiejar
import json
import os
import re
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from django.conf import global_settings, settings
from django.db import connection
from django.urls import reverse
from playwright.sync_api import expect

from areas.models import SpendLine, SpendStatus
from partnerships.models import AreaRole, AuditAction, AuditEvent
from resources.reports.models import DocumentStatus, GeneratedDocument
from tests.areas.budgets.factories import PDF_BYTES, BudgetFactory
from tests.browser import sign_in, watch_for_errors
from tests.factories import PASSWORD, AreaFactory, LcoFactory, user_with_role
from tests.integration.conftest import Worker, free_port

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SECRET_KEY = "x7!kq2vN#pL9mR4tW8zB1cF6hJ3sD5gA0eY-uI_oP+lK=nM$w2Qe9rT4yU6i"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _get(url, timeout=30, headers=None, opener=_opener):
    """GET without following redirects, retrying until the server is up."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with opener.open(
                urllib.request.Request(url, headers=headers or {}), timeout=5
            ) as answer:
                return answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _collectstatic(static_root: Path, **env) -> Path:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "localhost",
            "STATIC_ROOT": str(static_root),
            **env,
        },
        check=True,
        cwd=settings.BASE_DIR,
    )
    return static_root


@pytest.fixture
def collected_static(tmp_path):
    """collectstatic as the image's build runs it: hashed names, every file compressed."""
    return _collectstatic(tmp_path / "static")


@pytest.fixture
def hashed_static(tmp_path):
    """Static files with hashed names as in production, without compressing each one
    (half a minute, which the test above already checks)."""
    return _collectstatic(
        tmp_path / "static",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
    )


def _production_env(static_root, *, redis_url: str, **extra) -> dict:
    """The environment of a production process: none of the test run's own settings, and
    a Redis of the test's own, so no other worker on the machine takes its tasks."""
    database = settings.DATABASES["default"]
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{connection.settings_dict['NAME']}"
        ),
        "REDIS_URL": redis_url,
        "STATIC_ROOT": str(static_root),
        **extra,
    }


class Gunicorn:
    """A web server as the image runs it, logging each request it serves to its own file."""

    def __init__(self, env, folder: Path, name: str):
        self.name = name
        self.port = free_port()
        self.access_log = folder / f"{name}-access.log"
        self.error_log = folder / f"{name}-error.log"
        self.process = subprocess.Popen(
            [
                Path(sys.executable).parent / "gunicorn",
                "partnerships.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--graceful-timeout",
                "20",
                "--access-logfile",
                str(self.access_log),
                "--access-logformat",
                "%(m)s %(U)s %(s)s",
                "--error-logfile",
                str(self.error_log),
            ],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def requests(self) -> list[str]:
        return self.access_log.read_text().splitlines() if self.access_log.exists() else []

    def stop(self):
        """Stop as `docker compose stop` does: SIGTERM, requests in hand are finished."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Caddy:
    """deploy/Caddyfile, run by Debian's Caddy on free loopback ports with its own CA."""

    def __init__(self, upstreams, folder: Path):
        self.https_port = free_port()
        self.log = folder / "caddy.log"
        home = folder / "caddy"
        env = {
            "PATH": os.environ["PATH"],
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "SITE_HOST": "localhost",
            "BIND_ADDRESS": "127.0.0.1",
            "HTTP_PORT": str(free_port()),
            "HTTPS_PORT": str(self.https_port),
            "WEB_UPSTREAMS": "to " + " ".join(upstreams),
        }
        self.root_certificate = home / "data/caddy/pki/authorities/local/root.crt"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [
                    "caddy",
                    "run",
                    "--config",
                    str(settings.BASE_DIR / "deploy" / "Caddyfile"),
                    "--adapter",
                    "caddyfile",
                ],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    @property
    def url(self):
        return f"https://localhost:{self.https_port}"

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


class Beat:
    """`celery beat` as its own process, as the compose file runs it."""

    def __init__(self, env, folder: Path):
        self.log = folder / "beat.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "partnerships",
                    "beat",
                    "--loglevel=info",
                    "--schedule",
                    str(folder / "celerybeat-schedule"),
                ],
                env=env,
                cwd=settings.BASE_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


class Visitor:
    """Someone reaching the site through the proxy from their own loopback address, with
    TLS checked against Caddy's root certificate and cookies kept between requests."""

    def __init__(self, caddy: Caddy, address: str):
        self.caddy = caddy
        self._token = None
        context = ssl.create_default_context(cafile=caddy.root_certificate)
        connect = functools.partial(http.client.HTTPSConnection, source_address=(address, 0))

        class FromAddress(urllib.request.HTTPSHandler):
            def https_open(self, request):
                return self.do_open(connect, request, context=context)

        self.opener = urllib.request.build_opener(
            FromAddress(), urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path, **headers):
        return _get(self.caddy.url + path, headers=headers, opener=self.opener)

    def sign_in(self, email, password, **headers):
        """Post the sign-in form as a browser would: its CSRF token, and where it came from.

        The form is fetched once; later attempts post again with the same token, as a
        browser does after a refused password.
        """
        if self._token is None:
            _, _, form = self.get("/accounts/login/", **headers)
            found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form)
            self._token = found.group(1).decode()
        request = urllib.request.Request(
            self.caddy.url + "/accounts/login/",
            data=urllib.parse.urlencode(
                {"csrfmiddlewaretoken": self._token, "login": email, "password": password}
            ).encode(),
            headers={"Referer": self.caddy.url + "/accounts/login/", **headers},
        )
        try:
            with self.opener.open(request, timeout=10) as answer:
                return answer.status, html.unescape(answer.read().decode())
        except urllib.error.HTTPError as error:
            return error.code, html.unescape(error.read().decode())


class Processes:
    """Everything a test starts, stopped at its end whether it passed or not."""

    def __init__(self):
        self.started = []

    def add(self, process):
        self.started.append(process)
        return process

    def stop_all(self):
        # Together, as `docker compose down` stops them: each waits for its own work.
        with ThreadPoolExecutor() as pool:
            list(pool.map(lambda process: process.stop(), self.started))


@pytest.fixture
def processes():
    started = Processes()
    yield started
    started.stop_all()


def test_gunicorn_serves_the_hashed_static_files_and_health(
    collected_static, processes, own_redis, tmp_path
):
    env = _production_env(collected_static, redis_url=own_redis.url)
    manifest = (collected_static / "staticfiles.json").read_text()
    assert "css/nhsuk.css" in manifest

    server = processes.add(Gunicorn(env, tmp_path, "web"))
    base = f"http://{server.address}"
    status, _, body = _get(f"{base}/healthz")
    assert status == 200, body
    assert b'"database": "ok"' in body

    status, headers, body = _get(f"{base}/accessibility/")
    assert status == 301, "production redirects plain HTTP to HTTPS"
    assert headers["Location"].startswith("https://")

    behind_tls = {"X-Forwarded-Proto": "https"}
    status, headers, page = _get(f"{base}/accessibility/", headers=behind_tls)
    assert status == 200, dict(headers)
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    css_path = _stylesheet_path(page.decode())
    status, headers, _ = _get(f"{base}{css_path}", headers=behind_tls)
    assert status == 200, dict(headers)
    assert "immutable" in headers["Cache-Control"]


def _stylesheet_path(html):
    marker = "/static/css/nhsuk."
    start = html.index(marker)
    return html[start : html.index('"', start)]


def _compose_health_check(service: str) -> list[str]:
    """The command docker-compose.yml runs in `service` to call it healthy."""
    compose = yaml.safe_load((settings.BASE_DIR / "docker-compose.yml").read_text())
    kind, program, *arguments = compose["services"][service]["healthcheck"]["test"]
    assert (kind, program) == ("CMD", "python")
    return [sys.executable, *arguments]


class Hammer:
    """GETs a page through the proxy over and over from another thread, keeping every
    status, so a web server stopping in the middle shows in what visitors got."""

    def __init__(self, visitor: Visitor, path: str):
        self.statuses = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(visitor, path), daemon=True)
        self._thread.start()

    def _run(self, visitor, path):
        while not self._stop.is_set():
            self.statuses.append(visitor.get(path)[0])

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=40)


def test_a_claim_travels_through_tls_two_web_servers_a_worker_and_the_bucket(
    hashed_static, processes, s3_server, browser, settings, own_redis, tmp_path
):
    timings = {}
    started = time.monotonic()

    def lap(name):
        timings[name] = round(time.monotonic() - started, 1)

    # The web servers check passwords with the production hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    area = AreaFactory(name="Cheshire East")
    lco = user_with_role(area, AreaRole.LCO_COORDINATOR)
    LcoFactory(area=area, coordinator=lco.person)
    facilitator = user_with_role(area, AreaRole.FACILITATOR)
    budget = BudgetFactory(area=area)
    bucket = s3_server.new_bucket()
    # The broker's queue and the shared cache (rate limits, used two-factor codes) start
    # empty: the Redis is the test's own.
    env = _production_env(
        hashed_static,
        redis_url=own_redis.url,
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
        CACHE_URL=own_redis.url.replace("redis://", "rediscache://"),
        EMAIL_URL="consolemail://",
        TRUSTED_PROXY_COUNT="1",
        LOG_LEVEL="WARNING",
        # Beat stamps its heartbeat every two seconds here, to be seen within the test.
        BEAT_HEARTBEAT_SECONDS="2",
        **s3_server.environment(bucket),
    )
    web_a = processes.add(Gunicorn(env, tmp_path, "web-a"))
    web_b = processes.add(Gunicorn(env, tmp_path, "web-b"))
    caddy = processes.add(Caddy([web_a.address, web_b.address], tmp_path))
    worker = processes.add(Worker(env))
    # Beat plans the follow-up sweep every two seconds here, to be seen within the test.
    processes.add(Beat({**env, "FOLLOW_UP_SWEEP_SECONDS": "2"}, tmp_path))
    for server in (web_a, web_b):
        assert _get(f"http://{server.address}/healthz")[0] == 200, server.error_log.read_text()
    lap("services up")
    status, headers, _ = Visitor(caddy, "127.0.0.6").get("/accessibility/")
    assert status == 200, caddy.log.read_text()
    assert "max-age=31536000" in headers["Strict-Transport-Security"]

    # The client address reaching the sign-in rate limit is the visitor's, whatever
    # they claim in X-Forwarded-For; both web servers count in the one shared cache
    # (the proxy takes turns, so the attempts alternate between them).
    through_proxy = Visitor(caddy, "127.0.0.7")
    for attempt in range(10):
        _, answer = through_proxy.sign_in(
            f"nobody{attempt}@example.org",
            "wrong password",
            **{"X-Forwarded-For": f"203.0.113.{attempt}"},
        )
        assert "Too many failed" not in answer
    _, answer = through_proxy.sign_in("nobody@example.org", "wrong password")
    assert "Too many failed login attempts" in answer
    elsewhere = Visitor(caddy, "127.0.0.8")
    _, answer = elsewhere.sign_in("somebody@example.org", "wrong password")
    assert "Too many failed" not in answer
    for server in (web_a, web_b):
        assert "POST /accounts/login/ 200" in server.requests()
    lap("rate limit per visitor")

    # The LCO coordinator records a claim with its receipt, in Chromium over TLS.
    contexts = [browser.new_context(base_url=caddy.url, ignore_https_errors=True) for _ in "ab"]
    page = watch_for_errors(contexts[0].new_page())
    page.set_default_timeout(15_000)
    sign_in(page, lco.email, check=lambda page: None)
    page.goto(reverse("areas:line-new", args=[area.slug, budget.pk]))
    day = budget.starts_on
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Travel", exact=True).check()
    page.get_by_label("Or type the name of someone not on the platform").fill("Amara Evans")
    page.get_by_label("Amount").fill("23.40")
    page.get_by_label("What was it for?").fill("Return bus fare to the TB screening session")
    page.locator("input[type=file]").set_input_files(
        {"name": "bus-ticket.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Record the spending").click()
    expect(page.get_by_text("has been recorded and is waiting for approval")).to_be_visible()
    line = SpendLine.objects.get()
    assert s3_server.anonymous_get(bucket, line.receipt.name) == 403
    lap("claim recorded")

    # The audit log names the address the download came from, not the proxy's.
    elsewhere.sign_in(lco.email, PASSWORD)
    receipt_url = reverse("areas:line-receipt", args=[area.slug, line.pk])
    status, headers, receipt = elsewhere.get(
        receipt_url,
        **{"X-Forwarded-For": "203.0.113.50", "X-Request-ID": "chosen-by-the-client"},
    )
    assert (status, receipt) == (200, PDF_BYTES)
    # The request id is the proxy's own, not one a client chose.
    assert uuid.UUID(headers["X-Request-ID"])
    download = AuditEvent.objects.filter(action=AuditAction.DOWNLOADED).latest("pk")
    assert download.ip_address == "127.0.0.8"

    # The facilitator signs in with two-factor, approves, and downloads the receipt.
    approver = watch_for_errors(contexts[1].new_page())
    approver.set_default_timeout(15_000)
    sign_in(approver, facilitator.email, two_factor=True, check=lambda page: None)
    approver.goto(budget.get_absolute_url())
    approver.get_by_role("link", name="Approve £23.40 for Amara Evans").click()
    approver.get_by_role("button", name="Approve the claim").click()
    expect(approver.get_by_text("Claim approved: £23.40 for Amara Evans.")).to_be_visible()
    with approver.expect_download() as receipt_download:
        approver.get_by_role("link", name="Receipt for £23.40 to Amara Evans").click()
    assert Path(receipt_download.value.path()).read_bytes() == PDF_BYTES
    lap("approved, receipt downloaded")

    # One web server stops mid-journey while visitors keep asking: the proxy sends
    # everything to the other, and nobody gets an error.
    served_by_b = len(web_b.requests())
    hammer = processes.add(Hammer(Visitor(caddy, "127.0.0.9"), "/accessibility/"))
    time.sleep(0.5)
    web_a.stop()
    served_by_a = web_a.requests()
    approver.goto(reverse("resources:area-progress-pdf", args=[area.slug]))
    with approver.expect_download(timeout=60_000) as report_download:
        approver.get_by_role("link", name="Download the PDF").click()
    hammer.stop()
    lap("web-a stopped, report built and downloaded")

    report = Path(report_download.value.path()).read_bytes()
    assert report.startswith(b"%PDF")
    document = GeneratedDocument.objects.get()
    assert document.status == DocumentStatus.READY
    assert s3_server.anonymous_get(bucket, document.file.name) == 403
    assert set(hammer.statuses) == {200}, hammer.statuses
    assert len(hammer.statuses) > 10
    assert approver.console_errors == page.console_errors == []
    for context in contexts:
        context.close()

    # Both web servers served the journey until one stopped; from then on the other
    # served everything, the report and the visitor's requests alike.
    journey = set(served_by_a) | set(web_b.requests()[:served_by_b])
    assert {"POST /accounts/2fa/authenticate/ 302", f"GET {receipt_url} 200"} <= journey
    assert len(served_by_a) > 20
    assert served_by_b > 20
    assert web_a.requests() == served_by_a
    after_stop = web_b.requests()[served_by_b:]
    assert f"GET {reverse('resources:area-progress-pdf', args=[area.slug])} 200" in after_stop
    assert "GET /accessibility/ 200" in after_stop
    line.refresh_from_db()
    assert line.status == SpendStatus.APPROVED
    # Beat plans, the broker carries and the worker runs the scheduled sweeps and the
    # heartbeat, which is what compose's beat health check and /healthz ask about.
    assert worker.wait_for_log("workshops.tasks.sweep_follow_ups", timeout=10)
    assert worker.wait_for_log("partnerships.tasks.record_beat", timeout=10)
    check = subprocess.run(
        _compose_health_check("beat"), env=env, cwd=settings.BASE_DIR, capture_output=True
    )
    assert check.returncode == 0, check.stderr
    status, _, health = Visitor(caddy, "127.0.0.6").get("/healthz")
    assert (status, json.loads(health)) == (
        200,
        {
            "status": "ok",
            "database": "ok",
            "broker": "ok",
            "cache": "ok",
            "media": "ok",
            "beat": "ok",
        },
    )
    lap("checked")
    print(f"\nProduction topology timings (seconds from the start): {timings}")
