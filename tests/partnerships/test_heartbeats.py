"""A worker process proves it is alive by stamping the database from a thread of its own."""

import time

import pytest

from partnerships import heartbeats
from partnerships.models import Heartbeat

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_stamps_its_heartbeat_while_it_runs_and_is_forgotten_when_it_stops(settings):
    settings.WORKER_HEARTBEAT_SECONDS = 0.2
    assert (heartbeats.worker_name(), heartbeats.alive()) == ("", True)

    heartbeats.start_worker_pulse()
    try:
        name = heartbeats.worker_name()
        assert name.startswith("worker:")
        stamps = set()
        deadline = time.monotonic() + 10
        while len(stamps) < 3 and time.monotonic() < deadline:
            stamps.update(Heartbeat.objects.filter(name=name).values_list("seen_at", flat=True))
            time.sleep(0.05)
        assert len(stamps) >= 3
        assert heartbeats.alive()
    finally:
        heartbeats.stop_worker_pulse()

    assert not Heartbeat.objects.filter(name=name).exists()
    assert heartbeats.worker_name() == ""
