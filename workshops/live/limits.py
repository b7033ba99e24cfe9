"""Who is sending, and how much they may send: the room's defences against floods and
people guessing codes.

A phone is known by a random id in a signed cookie; an address by the client address the
request came from. Counts live in the shared cache (Redis in production) in fixed
windows of ``LIVE_RATE_WINDOW_SECONDS``. Limits per phone are tight; limits per address
are wide, because every phone on a village hall's wifi shares one address.
"""

import logging
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

PHONE_COOKIE = "live_phone"
_PHONE_SALT = "workshops.live.phone"


def phone_key(request) -> tuple[str, bool]:
    """The phone's id from its signed cookie, or a new one; and whether it is new.

    A cookie that was tampered with counts as no cookie.
    """
    key = request.get_signed_cookie(PHONE_COOKIE, default=None, salt=_PHONE_SALT)
    if key and len(key) == 32 and key.isalnum():
        return key, False
    return secrets.token_hex(16), True


def remember_phone(response, key: str) -> None:
    response.set_signed_cookie(
        PHONE_COOKIE,
        key,
        salt=_PHONE_SALT,
        max_age=settings.LIVE_PHONE_COOKIE_DAYS * 24 * 60 * 60,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


@dataclass(frozen=True)
class Limit:
    """At most `allowed` of something in one window, counted per `scope`."""

    name: str
    allowed: int

    def hit(self, who: str) -> bool:
        """Count one more; False if that is over the limit."""
        return _count(f"{self.name}:{who}") <= self.allowed

    def exceeded(self, who: str) -> bool:
        """Whether the limit is already used up, without counting."""
        return _peek(f"{self.name}:{who}") >= self.allowed


def sends_per_phone() -> Limit:
    return Limit("send-phone", settings.LIVE_SENDS_PER_PHONE)


def sends_per_table() -> Limit:
    return Limit("send-table", settings.LIVE_SENDS_PER_TABLE)


def sends_per_address() -> Limit:
    return Limit("send-address", settings.LIVE_SENDS_PER_ADDRESS)


def code_misses_per_address() -> Limit:
    return Limit("miss-address", settings.LIVE_CODE_MISSES_PER_ADDRESS)


def code_misses_per_phone() -> Limit:
    return Limit("miss-phone", settings.LIVE_CODE_MISSES_PER_PHONE)


def _key(name: str) -> str:
    window = int(time.time() // settings.LIVE_RATE_WINDOW_SECONDS)
    return f"live:rate:{name}:{window}"


def _count(name: str) -> int:
    key = _key(name)
    try:
        cache.add(key, 0, timeout=settings.LIVE_RATE_WINDOW_SECONDS * 2)
        return cache.incr(key)
    except Exception:
        # The cache is down: the room keeps working without its limits rather than
        # refusing everyone, and says so in the log.
        logger.warning("Live room rate limits are off: the cache is unreachable", exc_info=True)
        return 0


def _peek(name: str) -> int:
    try:
        return cache.get(_key(name)) or 0
    except Exception:
        logger.warning("Live room rate limits are off: the cache is unreachable", exc_info=True)
        return 0
