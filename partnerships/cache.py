"""The shared cache, and what it does while Redis cannot be reached.

Pages use the cache to skip work (similar work elsewhere, indicator charts); sign-in
keeps its rate limits and the two-factor codes already used in it. When Redis stops
answering, every operation goes to this process's memory instead, so nothing fails:

- a page computes its panels afresh and keeps them in memory for the next request;
- sign-in limits count the attempts each web process sees. That is weaker than one count
  shared by every process (with N gunicorn workers behind a proxy, a guesser may get up
  to N times the allowance) but still a limit, where failing open would be none and
  failing closed would lock everyone out; a two-factor code used on one process could
  likewise be replayed on another within its 30-second window.

The switch is logged once per outage and process, and Redis is tried again every
RETRY_SECONDS rather than on every call, so an outage costs one connection timeout per
process every half minute, not one per cache lookup. When Redis answers again the
memory is emptied and Redis is the cache once more.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 30
# Room for every rate-limit counter an attack could need and the pages' panels; the
# least recently used go first when it is full.
FALLBACK_ENTRIES = 10_000


class _Outage:
    """Whether Redis is down, shared by the cache objects of every thread in a process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.since: float | None = None
        self.retry_at = 0.0


_outages: dict[str, _Outage] = {}


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, falling back to this process's memory while Redis is down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        keys = ("TIMEOUT", "KEY_PREFIX", "VERSION", "KEY_FUNCTION")
        shared = {name: params[name] for name in keys if name in params}
        # LocMemCache objects of one name share their storage, so every thread of the
        # process sees the same counters.
        self._fallback = LocMemCache(
            f"partnerships-cache-fallback:{server}",
            {**shared, "OPTIONS": {"MAX_ENTRIES": FALLBACK_ENTRIES}},
        )
        self._outage = _outages.setdefault(str(server), _Outage())

    def reachable(self) -> bool:
        """Whether Redis answers now, asked directly (for /healthz)."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except RedisError:
            return False

    def _either(self, operation, *args, **kwargs):
        if time.monotonic() < self._outage.retry_at:
            return getattr(self._fallback, operation)(*args, **kwargs)
        try:
            result = getattr(super(), operation)(*args, **kwargs)
        except RedisError as error:
            self._went_down(error)
            return getattr(self._fallback, operation)(*args, **kwargs)
        if self._outage.since is not None:
            self._came_back()
        return result

    def _went_down(self, error):
        outage = self._outage
        with outage.lock:
            outage.retry_at = time.monotonic() + RETRY_SECONDS
            if outage.since is None:
                outage.since = time.monotonic()
                logger.warning(
                    "The cache (Redis) cannot be reached (%s). Until it answers again, "
                    "sign-in limits and cached panels use this process's memory; "
                    "trying Redis again every %s s.",
                    error,
                    RETRY_SECONDS,
                )

    def _came_back(self):
        outage = self._outage
        with outage.lock:
            if outage.since is None:
                return
            logger.info(
                "The cache (Redis) answers again after %.0f s; using it from now on.",
                time.monotonic() - outage.since,
            )
            outage.since = None
        self._fallback.clear()

    # Every operation RedisCache implements; BaseCache builds the rest (get_or_set,
    # decr, the async versions) on these.

    def add(self, *args, **kwargs):
        return self._either("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._either("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._either("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._either("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._either("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._either("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._either("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._either("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._either("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._either("delete_many", *args, **kwargs)

    def clear(self, *args, **kwargs):
        return self._either("clear", *args, **kwargs)
