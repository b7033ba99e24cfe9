"""Log lines an operator can search: time, level, logger, and the request each belongs to.

Every request gets an id (the proxy's X-Request-ID, or a new one), returned in the
response's X-Request-ID header and added to each line logged while it is handled, so one
person's report ("it failed at 10:02") leads to every line of that request. With
LOG_FORMAT=json each line is one JSON object; otherwise plain text.

Celery task failures are logged here too, with the task's name and ids only: a task's
exception message (an SMTP refusal, say) can name the people it was about. The token of
a signed link never reaches a log line (RedactTokens).
"""

import contextvars
import functools
import json
import logging
import os
import re
import uuid
from datetime import UTC, datetime

from celery.signals import task_failure, task_retry
from django.apps import apps
from django.conf import settings
from django.core.signals import request_finished
from django.dispatch import receiver
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

request_id = contextvars.ContextVar("request_id", default="-")

# What an id from the proxy may look like: enough for a UUID or a proxy's own format,
# nothing that could forge a second log line or a header.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

_PLAIN = (str, int, float, bool, list, dict, type(None))

# Attributes every LogRecord has; any other attribute came through `extra=` and is kept.
_RECORD_ATTRIBUTES = {*vars(logging.makeLogRecord({})), "message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (a handler's filter, so records of
    every logger that reach the handler get it)."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


TOKEN_MARK = "[token]"
# What stands after a token's place in an address: the rest of a path, a query, a quote
# closing a request line or a referrer, or the end of the word.
_TOKEN = r"[^/?#&\s\"']+"
_TOKEN_QUERY = re.compile(rf"([?&]token=){_TOKEN}")


def _route_prefix(route: str) -> str | None:
    """A pattern for the address up to a route's `token` argument (None if it has none)."""
    prefix = []
    for part in re.split(r"(<[^>]+>)", route):
        if part.startswith("<"):
            if part.rstrip(">").rsplit(":", 1)[-1] == "token":
                return "".join(prefix)
            prefix.append("[^/]+")
        else:
            prefix.append(re.escape(part))
    return None


def _routes(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry.pattern, RoutePattern):
            yield route


@functools.cache
def _token_paths(resolver) -> re.Pattern:
    """Every routed address with a `token` argument, up to the token: built from the
    URLconf, so a signed link added later is covered at once."""
    prefixes = sorted(
        {found for route in _routes(resolver.url_patterns) if (found := _route_prefix(route))}
    )
    return re.compile(rf"(/(?:{'|'.join(prefixes)})){_TOKEN}")


def without_tokens(text: str) -> str:
    """`text` with the token of every signed link in it replaced by "[token]"."""
    text = _TOKEN_QUERY.sub(rf"\1{TOKEN_MARK}", text)
    if not apps.ready:  # Before the URLconf can be read, no request has been served.
        return text
    return _token_paths(get_resolver()).sub(rf"\1{TOKEN_MARK}", text)


class RedactTokens(logging.Filter):
    """Takes the credential out of signed links in a log line: "/pulse/[token]/".

    A pulse answer or a report-back page is reached by a signed token in its address;
    with that token in the access log, the time of an anonymous answer could be matched
    to the person the link was sent to. On the project's console handler (every line
    Django, the dev server and the worker write) and on gunicorn's access and error logs
    (partnerships/gunicorn_logging.py).
    """

    def filter(self, record):
        message = record.getMessage()
        redacted = without_tokens(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class WithoutTaskExceptions(logging.Filter):
    """For Celery's own lines about tasks: drops those quoting a task's exception (failed,
    retried, rejected), whose words can name people; this module logs them by ids instead."""

    def filter(self, record):
        return "%(exc)s" not in str(record.msg)


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", request_id.get()),
            "message": record.getMessage(),
        }
        # Plain values given through `extra=` (a status code, a task's ids); objects such
        # as Django's request, whose text includes the query string, are left out.
        line.update(
            (key, value)
            for key, value in vars(record).items()
            if key not in _RECORD_ATTRIBUTES and isinstance(value, _PLAIN)
        )
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str)


class RequestIdMiddleware:
    """First in the chain, so lines logged by every other middleware carry the id.

    The id stays set until the response is closed (`request_finished`), because Django
    logs a 4xx response after the last middleware has returned it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only our own proxy's id is taken; without one, the header is anyone's to write.
        offered = request.headers.get("X-Request-ID", "") if settings.TRUSTED_PROXY_COUNT else ""
        request.request_id = offered if _REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex
        request_id.set(request.request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


@receiver(request_finished)
def _forget_request_id(**kwargs):
    request_id.set("-")


task_logger = logging.getLogger("partnerships.tasks.outcome")


def _ids(args, kwargs):
    """The ids a task was given; anything else (which tasks here are never given) is
    shown by its type only, so it cannot carry personal data into the log."""

    def shown(value):
        return (
            value
            if isinstance(value, int) and not isinstance(value, bool)
            else type(value).__name__
        )

    return [shown(value) for value in args or ()] + [
        f"{key}={shown(value)}" for key, value in (kwargs or {}).items()
    ]


def _raised_at(einfo):
    """The project's own line nearest to where the exception was raised (a failure in
    smtplib is reported at the line of ours that called it)."""
    frame, ours = (einfo.tb if einfo is not None else None), None
    while frame is not None:
        path = frame.tb_frame.f_code.co_filename
        if path.startswith(str(settings.BASE_DIR)) and "site-packages" not in path:
            ours = f"{os.path.relpath(path, settings.BASE_DIR)}:{frame.tb_lineno}"
        frame = frame.tb_next
    return ours or "?"


@task_failure.connect
def _log_task_failure(sender=None, task_id=None, exception=None, args=None, kwargs=None, **extra):
    task_logger.error(
        "Task %s failed: %s at %s (task id %s, ids %s)",
        sender.name,
        type(exception).__name__,
        _raised_at(extra.get("einfo")),
        task_id,
        _ids(args, kwargs),
        extra={"task": sender.name, "task_id": task_id, "task_ids": _ids(args, kwargs)},
    )


@task_retry.connect
def _log_task_retry(sender=None, request=None, reason=None, einfo=None, **extra):
    task_logger.warning(
        "Task %s will be retried after %s (task id %s, ids %s)",
        sender.name,
        type(getattr(reason, "exc", reason)).__name__,
        request.id,
        _ids(request.args, request.kwargs),
        extra={
            "task": sender.name,
            "task_id": request.id,
            "task_ids": _ids(request.args, request.kwargs),
        },
    )
