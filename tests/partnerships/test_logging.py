"""Logs an operator can search, and error reports that carry no personal data."""

import io
import json
import logging
import os
import smtplib
import subprocess
import sys

import pytest
from celery import shared_task
from django.conf import settings
from django.urls import reverse

from partnerships import error_reports
from partnerships.celery import app as celery_app
from partnerships.logs import JsonFormatter, RequestIdFilter, request_id


@shared_task(name="tests.partnerships.email_a_person")
def email_a_person(person_id, *, action_id):
    raise smtplib.SMTPRecipientsRefused({"joy.mbeki@example.org": (550, b"No such user")})


@shared_task(bind=True, name="tests.partnerships.retry_a_person", max_retries=1)
def retry_a_person(self, person_id):
    refused = smtplib.SMTPRecipientsRefused({"joy.mbeki@example.org": (450, b"Try later")})
    raise self.retry(exc=refused, countdown=0)


@pytest.fixture
def json_lines():
    """What the console handler writes with LOG_FORMAT=json, one parsed line each."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def _manage_shell(code, **env):
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        env={**os.environ, "DJANGO_DEBUG": "true", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
    )


@pytest.mark.django_db
def test_a_json_log_line_has_time_level_logger_and_the_request_id(client, json_lines):
    response = client.get("/no-such-page/?token=a1b2c3")

    [line] = [line for line in json_lines() if line["logger"] == "django.request"]
    assert line["level"] == "WARNING"
    assert line["message"] == "Not Found: /no-such-page/"
    assert line["status_code"] == 404
    assert "a1b2c3" not in json.dumps(line)
    assert line["time"].endswith("+00:00")
    assert line["request_id"] == response["X-Request-ID"]


def test_log_format_json_makes_every_line_json_and_text_has_the_same_parts():
    code = "import logging; logging.getLogger('partnerships.check').warning('Hello')"

    [line] = _manage_shell(code, LOG_FORMAT="json").stderr.splitlines()
    assert json.loads(line).keys() >= {"time", "level", "logger", "request_id", "message"}

    text = _manage_shell(code, LOG_FORMAT="text").stderr.strip()
    assert text.endswith(" WARNING partnerships.check [-] Hello")
    assert text[:4].isdigit()


@pytest.mark.django_db
def test_every_response_has_a_request_id_of_its_own(client):
    first = client.get(reverse("accessibility"))["X-Request-ID"]
    second = client.get(reverse("accessibility"))["X-Request-ID"]
    assert len(first) == 32
    assert first != second


@pytest.mark.django_db
def test_the_trusted_proxys_request_id_is_kept_and_anyone_elses_is_not(client, settings):
    page = reverse("accessibility")
    offered = {"HTTP_X_REQUEST_ID": "caddy-0f3a9c"}
    assert client.get(page, **offered)["X-Request-ID"] != "caddy-0f3a9c"

    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get(page, **offered)["X-Request-ID"] == "caddy-0f3a9c"
    forged = client.get(page, HTTP_X_REQUEST_ID="x\r\nSet-Cookie: a=b")["X-Request-ID"]
    assert len(forged) == 32
    assert "\n" not in forged


def test_a_failed_task_logs_its_name_and_ids_and_no_personal_data(caplog):
    with caplog.at_level(logging.INFO):
        result = email_a_person.apply(args=[42], kwargs={"action_id": 7}, throw=False)

    assert result.failed()
    [record] = [r for r in caplog.records if r.name == "partnerships.tasks.outcome"]
    assert record.levelname == "ERROR"
    message = record.getMessage()
    assert "tests.partnerships.email_a_person" in message
    assert "SMTPRecipientsRefused" in message
    assert result.id in message
    assert record.task_ids == [42, "action_id=7"]
    assert "tests/partnerships/test_logging.py:" in message
    assert "joy.mbeki" not in caplog.text


def test_a_retried_task_logs_its_name_and_ids_and_no_personal_data(caplog, monkeypatch):
    # Eagerly, the retry runs at once; let its final failure be a result, as in a worker.
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)
    with caplog.at_level(logging.INFO):
        retry_a_person.apply(args=[42], throw=False)

    outcomes = [r for r in caplog.records if r.name == "partnerships.tasks.outcome"]
    assert [r.levelname for r in outcomes] == ["WARNING", "ERROR"]
    assert "tests.partnerships.retry_a_person will be retried" in outcomes[0].getMessage()
    assert all(r.task_ids == [42] for r in outcomes)
    assert "joy.mbeki" not in caplog.text


def test_a_task_given_words_instead_of_ids_logs_only_their_kind(caplog):
    with caplog.at_level(logging.INFO):
        email_a_person.apply(
            args=["joy.mbeki@example.org"], kwargs={"action_id": "Joy"}, throw=False
        )
    [record] = [r for r in caplog.records if r.name == "partnerships.tasks.outcome"]
    assert record.task_ids == ["str", "action_id=str"]
    assert "joy.mbeki" not in caplog.text


def test_sentry_is_set_up_only_with_a_dsn_and_without_personal_data():
    code = (
        "import sentry_sdk; client = sentry_sdk.get_client(); o = client.options; "
        "print(client.is_active(), o['send_default_pii'], o['include_local_variables'], "
        "o['max_request_body_size'], getattr(o['before_send'], '__name__', None), "
        "'django' in client.integrations, 'celery' in client.integrations)"
    )
    # A closed port on this machine: nothing is sent unless an error is captured.
    shown = _manage_shell(code, SENTRY_DSN="http://public@127.0.0.1:9/1").stdout.split()
    assert shown == ["True", "False", "False", "never", "scrub", "True", "True"]
    assert _manage_shell(code, SENTRY_DSN="").stdout.split()[0] == "False"


def test_sentrys_before_send_scrubs_personal_data():
    token = request_id.set("req-1234")
    try:
        event = error_reports.scrub(
            {
                "request": {
                    "url": "https://partnerships.example.org/sign-in/eyJ1Ijo0Mn0:1uAbCd:Zm9vYmFyYmF6/",
                    "method": "POST",
                    "query_string": "token=a1b2c3&email=joy.mbeki%40example.org",
                    "data": {"full_name": "Joy Mbeki", "password1": "secret"},
                    "cookies": {"sessionid": "abc"},
                    "headers": {
                        "Cookie": "sessionid=abc",
                        "X-Forwarded-For": "203.0.113.7",
                        "User-Agent": "Firefox",
                    },
                },
                "user": {"id": "42", "email": "joy.mbeki@example.org", "username": "Joy"},
                "exception": {
                    "values": [
                        {
                            "type": "SMTPRecipientsRefused",
                            "value": "{'joy.mbeki@example.org': (550, b'No such user')}",
                        }
                    ]
                },
                "logentry": {
                    "message": "Could not email %s",
                    "params": ["Joy Mbeki"],
                    "formatted": "Could not email Joy Mbeki",
                },
                "breadcrumbs": {
                    "values": [
                        {"message": "Sent to joy.mbeki@example.org", "data": {"name": "Joy"}}
                    ]
                },
                "extra": {"celery-job": {"task_name": "t", "args": ["Joy Mbeki"], "kwargs": {}}},
            }
        )
    finally:
        request_id.reset(token)

    assert event["request"] == {
        "url": "https://partnerships.example.org/sign-in/[token]/",
        "method": "POST",
        "headers": {"User-Agent": "Firefox"},
    }
    assert event["user"] == {"id": "42"}
    assert event["exception"]["values"][0]["value"] == "{'[email]': (550, b'No such user')}"
    assert event["logentry"] == {
        "message": "Could not email %s",
        "formatted": "Could not email %s",
    }
    assert event["breadcrumbs"]["values"] == [{"message": "Sent to [email]"}]
    assert event["extra"]["celery-job"] == {"task_name": "t"}
    assert event["tags"] == {"request_id": "req-1234"}
    assert "Joy" not in json.dumps(event)
