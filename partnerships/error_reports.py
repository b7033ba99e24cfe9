"""Error reports to Sentry (when SENTRY_DSN is set), without the personal data we hold.

Sentry is told nothing about who was signed in but their account id, never sees request
bodies, cookies, query strings or the local variables of the code that failed (where
people's names would be), and `scrub` takes email addresses and link tokens out of
whatever text is left (exception messages, log lines, breadcrumbs).
"""

import re

from partnerships.logs import request_id, without_tokens

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Signed tokens in addresses (invitations, sign-in links, unsubscribes, calendars):
# whoever reads the report could otherwise use them. Those of the project's own routes
# are taken out by `without_tokens`, however short; this catches any other long one.
_TOKEN = re.compile(r"/[\w:=-]{20,}(?=/|\.ics|$)")
# Request headers worth keeping; the rest (cookies, forwarded addresses) are dropped.
_HEADERS = {"accept", "content-type", "content-length", "host", "user-agent", "x-request-id"}
_ARGS_KEYS = ("args", "kwargs")


def init(*, dsn, environment, release=None):
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import ignore_logger

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub,
        before_breadcrumb=_scrub_breadcrumb,
    )
    # The Celery integration reports a failed task itself; its log line would be a twin.
    ignore_logger("partnerships.tasks.outcome")


def scrub(event, hint=None):
    """Sentry's before_send: the event without personal data, tagged with the request id."""
    request = event.get("request")
    if request:
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        if "url" in request:
            request["url"] = request["url"].split("?", 1)[0]
        request["headers"] = {
            name: value
            for name, value in (request.get("headers") or {}).items()
            if name.lower() in _HEADERS
        }
    if "user" in event:
        event["user"] = {"id": event["user"]["id"]} if event["user"].get("id") else {}
    logentry = event.get("logentry") or event.get("message")
    if isinstance(logentry, dict):
        # The message's arguments may be names; its template says what happened.
        logentry.pop("params", None)
        logentry["formatted"] = logentry.get("message", "")
    job = (event.get("extra") or {}).get("celery-job")
    if job:
        for key in _ARGS_KEYS:
            job.pop(key, None)
    breadcrumbs = event.get("breadcrumbs")
    if isinstance(breadcrumbs, dict):
        breadcrumbs["values"] = [_scrub_breadcrumb(crumb) for crumb in breadcrumbs["values"]]
    if request_id.get() != "-":
        event.setdefault("tags", {})["request_id"] = request_id.get()
    return _scrub_text(event)


def _scrub_breadcrumb(crumb, hint=None):
    crumb.pop("data", None)
    return _scrub_text(crumb)


def _scrub_text(value):
    if isinstance(value, str):
        return _TOKEN.sub("/[token]", without_tokens(_EMAIL.sub("[email]", value)))
    if isinstance(value, dict):
        return {key: _scrub_text(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_text(item) for item in value]
    return value
