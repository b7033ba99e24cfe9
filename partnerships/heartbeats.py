"""Proof of life, kept in the database so that every web instance and worker reads the same.

Beat: a task on beat's schedule (`partnerships.tasks.record_beat`) stamps "beat" every
BEAT_HEARTBEAT_SECONDS. A worker runs it, so a fresh stamp shows that the schedule fires
and that the broker and at least one worker carry it out; /healthz calls beat stale after
MISSED_BEATS intervals without one.

Workers: each worker process stamps its own name every WORKER_HEARTBEAT_SECONDS from a
thread of its own, and writes that name on each email it claims. A claim whose worker
has missed MISSED_BEATS stamps is taken back by the next sweep: within a minute of the
worker dying, rather than after the claim timeout. Taking a claim back is only safe if
its worker really has stopped, so a worker checks its own stamps before each send
(`alive()`): one whose thread has not managed to stamp for longer than the sweeps would
wait does not send, and the only worker whose claim is taken back early is one that is
not running or will not send.
"""

import datetime as dt
import logging
import os
import secrets
import socket
import threading
import time

from django.conf import settings
from django.db import IntegrityError, connection
from django.db.models import Q
from django.utils import timezone

from partnerships.models import Heartbeat

logger = logging.getLogger(__name__)

BEAT = "beat"
MISSED_BEATS = 3
# Rows of workers gone for this long are removed by the beat task.
FORGET_AFTER = dt.timedelta(days=1)


def record(name: str) -> None:
    """Stamp `name` as seen now."""
    now = timezone.now()
    if Heartbeat.objects.filter(name=name).update(seen_at=now):
        return
    try:
        Heartbeat.objects.create(name=name, seen_at=now)
    except IntegrityError:
        # Two processes stamping a new name at once (beat's task on two workers).
        Heartbeat.objects.filter(name=name).update(seen_at=now)


def beat_seen_at() -> dt.datetime | None:
    return Heartbeat.objects.filter(name=BEAT).values_list("seen_at", flat=True).first()


def beat_is_fresh(now: dt.datetime | None = None) -> bool:
    seen = beat_seen_at()
    limit = dt.timedelta(seconds=MISSED_BEATS * settings.BEAT_HEARTBEAT_SECONDS)
    return seen is not None and (now or timezone.now()) - seen <= limit


def forget_departed_workers() -> int:
    gone = timezone.now() - FORGET_AFTER
    return Heartbeat.objects.exclude(name=BEAT).filter(seen_at__lt=gone).delete()[0]


def lost_claims(now: dt.datetime, *, at: str = "claimed_at", by: str = "claimed_by") -> Q:
    """Rows claimed (field `at`) by a worker (field `by`) that has since missed its
    stamps. A claim younger than that is never lost: its worker may not have stamped yet."""
    cutoff = now - dt.timedelta(seconds=MISSED_BEATS * settings.WORKER_HEARTBEAT_SECONDS)
    alive = Heartbeat.objects.filter(seen_at__gte=cutoff).values("name")
    return Q(**{f"{at}__lt": cutoff}) & ~Q(**{by: ""}) & ~Q(**{f"{by}__in": alive})


# This process, when it is a worker ---------------------------------------------------------


class _Pulse(threading.Thread):
    """Stamps this worker process's name until stopped."""

    def __init__(self):
        super().__init__(name="worker-heartbeat", daemon=True)
        self.pid = os.getpid()
        self.worker = f"worker:{socket.gethostname()}:{self.pid}:{secrets.token_hex(4)}"
        self.stopping = threading.Event()
        # Until the first stamp lands the sweep cannot count this worker lost either
        # (its claims are younger than MISSED_BEATS intervals), so start counting now.
        self.last_stamp = time.monotonic()

    def run(self):
        while not self.stopping.is_set():
            try:
                record(self.worker)
                self.last_stamp = time.monotonic()
            except Exception:
                logger.warning("Could not record this worker's heartbeat", exc_info=True)
                # A broken connection is opened afresh on the next try.
                connection.close()
            self.stopping.wait(settings.WORKER_HEARTBEAT_SECONDS)
        connection.close()


_pulse: _Pulse | None = None


def start_worker_pulse() -> None:
    """Called in each worker process as it starts (celery's worker_process_init)."""
    global _pulse
    # A forked child inherits its parent's variables but not its threads.
    if _pulse is None or _pulse.pid != os.getpid():
        _pulse = _Pulse()
        _pulse.start()


def stop_worker_pulse() -> None:
    """A worker stopping in good order leaves nothing to take back: forget it at once."""
    global _pulse
    if _pulse is None:
        return
    _pulse.stopping.set()
    _pulse.join(timeout=5)
    Heartbeat.objects.filter(name=_pulse.worker).delete()
    _pulse = None


def worker_name() -> str:
    """This worker process's name for its claims; blank outside a worker (a claim with
    no name is only taken back after the claim timeout)."""
    return _pulse.worker if _pulse is not None else ""


def alive() -> bool:
    """Whether this process may still send what it claimed: true outside a worker, and
    in a worker while its stamps are recent enough that no sweep counts it lost."""
    if _pulse is None:
        return True
    # One interval short of what the sweeps allow, for the stamp's own time on the way.
    allowed = (MISSED_BEATS - 1) * settings.WORKER_HEARTBEAT_SECONDS
    return time.monotonic() - _pulse.last_stamp < allowed
