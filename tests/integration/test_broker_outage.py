"""The broker stops while people invite others and ask for PDFs, then comes back.

A real worker with beat runs on a redis-server of the test's own, which the test stops:
every request still answers (never a 500), saying the email or the PDF will follow, and
once the broker is back the sweeps deliver each invitation exactly once and build every
document, without anyone asking again.
"""

import time

import pytest
from django.urls import reverse

from areas.models import Seat
from partnerships.models import AreaRole, InvitationEmail, OutboxStatus
from resources.reports.models import DocumentStatus, GeneratedDocument
from tests.integration.conftest import Worker, worker_env

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(own_broker, smtp_sink, settings, tmp_path):
    """A worker with beat on the test's own broker, sweeping every second."""
    env = {
        **worker_env(smtp_sink, own_broker.url),
        "FOLLOW_UP_SWEEP_SECONDS": "1",
        "BEAT_HEARTBEAT_SECONDS": "1",
        # The worker writes the PDFs where this process reads them.
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    worker = Worker(env, "--beat", f"--schedule={tmp_path / 'beat-schedule'}")
    yield worker
    worker.stop()


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {what}")
        time.sleep(0.2)


def invite_everyone(client, world):
    """A facilitator invites two people, one of them onto the steering group; a programme
    lead invites a funder. Returns the addresses."""
    client.force_login(world.facilitator_a)
    response = client.post(
        reverse("areas:invitation-new", args=[world.area_a.slug]),
        {"email": "grace@example.org", "full_name": "Grace", "role": AreaRole.LCO_COORDINATOR},
        follow=True,
    )
    assert response.status_code == 200
    assert "We will email the invitation to grace@example.org" in response.content.decode()
    response = client.post(
        reverse("areas:steering-member-invite", args=[world.area_a.slug]),
        {
            "invite-full_name": "Samir Haddad",
            "invite-email": "samir@example.org",
            "invite-seat": Seat.LIVED_EXPERIENCE,
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    client.force_login(world.lead)
    response = client.post(
        reverse("funder-invite"), {"email": "trust@example.org", "full_name": "Pat"}, follow=True
    )
    assert response.status_code == 200
    return {"grace@example.org", "samir@example.org", "trust@example.org"}


def ask_for_reports(client, world):
    """A programme lead asks for both areas' progress reports and the programme report."""
    client.force_login(world.lead)
    urls = [
        reverse("resources:area-progress-pdf", args=[world.area_a.slug]),
        reverse("resources:area-progress-pdf", args=[world.area_b.slug]),
        reverse("resources:programme-pdf", args=[world.area_a.cohort.slug]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert "being prepared" in response.content.decode() or "longer than usual" in (
            response.content.decode()
        )
    return urls


def test_invitations_and_pdfs_asked_for_while_the_broker_is_down_all_follow(
    client, world, worker, own_broker, smtp_sink
):
    own_broker.stop()

    invited = invite_everyone(client, world)
    urls = ask_for_reports(client, world)

    assert smtp_sink.messages == []
    emails = InvitationEmail.objects.filter(invitation__email__in=invited)
    assert {(e.status, e.queued_at) for e in emails} == {(OutboxStatus.PENDING, None)}
    assert set(GeneratedDocument.objects.values_list("status", "queued_at")) == {
        (DocumentStatus.QUEUED, None)
    }
    # Asking again while it is down queues nothing twice, and still answers.
    assert client.get(urls[0]).status_code == 200
    assert GeneratedDocument.objects.count() == 3

    own_broker.start()
    wait_until(
        lambda: (
            len(smtp_sink.messages) >= 3
            and not GeneratedDocument.objects.exclude(status=DocumentStatus.READY).exists()
        ),
        120,
        "the invitations and the PDFs",
    )
    time.sleep(3)  # room for a duplicate on its way

    assert sorted(message["To"] for message in smtp_sink.messages) == sorted(invited)
    assert set(emails.values_list("invitation__email", "status", "attempts")) == {
        (email, OutboxStatus.SENT, 1) for email in invited
    }
    for url in urls:
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf"
