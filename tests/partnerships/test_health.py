"""/healthz: each service with its own status; 503 only for what an instance cannot work
without (the database), "degraded" with 200 for the rest."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships import heartbeats, tasks
from partnerships.celery import app as celery_app
from partnerships.models import Heartbeat
from tests.integration.conftest import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def beat_running():
    heartbeats.record(heartbeats.BEAT)


def test_every_service_is_reported(client, beat_running, settings):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "ok",
        "cache": "ok",
        "media": "ok",
        "beat": "ok",
    }
    # The probe file was written and taken away again.
    assert list((settings.MEDIA_ROOT / "healthz").iterdir()) == []


def test_a_broker_that_is_down_is_degraded_not_unavailable(client, beat_running, monkeypatch):
    """Every instance shares the broker: a 503 would take the whole site out of the proxy,
    while pages still work and what would be queued waits in rows for the sweeps."""
    monkeypatch.setitem(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["broker"] == "unreachable"


def test_a_cache_that_is_down_is_degraded_not_unavailable(client, beat_running, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "partnerships.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["cache"] == "unreachable"


def test_media_that_cannot_be_written_is_degraded(client, beat_running, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocked
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["media"]) == ("degraded", "unwritable")


@pytest.mark.parametrize(("seconds_ago", "beat"), [(None, "stale"), (4 * 60, "stale"), (90, "ok")])
def test_beat_is_stale_after_three_missed_heartbeats(client, settings, seconds_ago, beat):
    settings.BEAT_HEARTBEAT_SECONDS = 60
    if seconds_ago is not None:
        Heartbeat.objects.create(
            name=heartbeats.BEAT, seen_at=timezone.now() - dt.timedelta(seconds=seconds_ago)
        )
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["beat"] == beat
    assert response.json()["status"] == ("ok" if beat == "ok" else "degraded")


def test_beats_task_stamps_its_heartbeat_and_forgets_workers_long_gone():
    long_ago = timezone.now() - dt.timedelta(days=2)
    Heartbeat.objects.create(name="worker:old-host:12:ab12cd34", seen_at=long_ago)
    Heartbeat.objects.create(name=heartbeats.BEAT, seen_at=long_ago)
    assert not heartbeats.beat_is_fresh()

    tasks.record_beat()

    assert heartbeats.beat_is_fresh()
    assert list(Heartbeat.objects.values_list("name", flat=True)) == [heartbeats.BEAT]


def test_beat_runs_the_heartbeat_and_every_sweep(settings):
    celery_app.loader.import_default_modules()
    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert all(name in celery_app.tasks for name in schedule)
    assert schedule["partnerships.tasks.record_beat"] == settings.BEAT_HEARTBEAT_SECONDS
    for sweep in (
        "partnerships.tasks.sweep_invitations",
        "resources.tasks.sweep_documents",
        "workshops.tasks.sweep_follow_ups",
    ):
        assert schedule[sweep] == 60
