"""What /healthz reports: each service the platform needs, with its own status.

503 only when this instance cannot do its job: without the database nothing works. A
broker or cache that is down, media that cannot be written or a beat that has stopped
leave pages working — the cache falls back to memory, and whatever would be queued or
stored waits in rows that the sweeps pick up when the service is back — so they make the
answer "degraded" with 200. The broker and the cache are one Redis, shared by every
instance: a proxy that took out each instance that cannot reach it would take the whole
site down for a fault none of them can fix, and lose nothing by keeping them in.
"""

import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse

from partnerships import heartbeats
from partnerships.celery import app as celery_app

ESSENTIAL = ("database",)


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:
        return "unreachable"


def _broker():
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:
        return "unreachable"


def _cache():
    # The resilient cache answers from memory while Redis is down: ask Redis itself.
    reachable = getattr(cache, "reachable", None)
    if reachable is not None:
        return "ok" if reachable() else "unreachable"
    try:
        cache.set("healthz", "ok", 10)
        return "ok" if cache.get("healthz") == "ok" else "unreachable"
    except Exception:
        return "unreachable"


def _media():
    """Write and delete a small file where uploads and PDFs are stored."""
    try:
        name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        default_storage.delete(name)
        return "ok"
    except Exception:
        return "unwritable"


def _beat():
    try:
        return "ok" if heartbeats.beat_is_fresh() else "stale"
    except Exception:
        return "unknown"


def response():
    checks = {
        "database": _database(),
        "broker": _broker(),
        "cache": _cache(),
        "media": _media(),
        "beat": _beat(),
    }
    if any(checks[name] != "ok" for name in ESSENTIAL):
        status, code = "unavailable", 503
    elif any(value != "ok" for value in checks.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **checks}, status=code)
