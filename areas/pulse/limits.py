"""How much one address may ask of the pulse's signed-out pages: links that open nothing
(someone guessing) and answers sent, counted in the shared cache in fixed windows."""

import logging
import time

from django.conf import settings
from django.core.cache import cache

from partnerships.client_address import client_address

logger = logging.getLogger(__name__)


def _key(request, name: str) -> str:
    window = int(time.time() // settings.PULSE_RATE_WINDOW_SECONDS)
    return f"pulse:rate:{name}:{client_address(request)}:{window}"


def _count(request, name: str, *, add: bool) -> int:
    key = _key(request, name)
    try:
        if not add:
            return cache.get(key) or 0
        cache.add(key, 0, timeout=settings.PULSE_RATE_WINDOW_SECONDS * 2)
        return cache.incr(key)
    except Exception:
        # The pulse keeps working without its limits rather than refusing everyone.
        logger.warning("Pulse rate limits are off: the cache is unreachable", exc_info=True)
        return 0


def guessing(request) -> bool:
    """Whether the address has tried too many links that open nothing, in this window:
    then no link opens for it, right or wrong, until the window ends."""
    return _count(request, "miss", add=False) >= settings.PULSE_MISSES_PER_ADDRESS


def count_miss(request) -> None:
    _count(request, "miss", add=True)


def answer_allowed(request) -> bool:
    """Count one more answer from the address; False once over the limit."""
    return _count(request, "answer", add=True) <= settings.PULSE_ANSWERS_PER_ADDRESS
