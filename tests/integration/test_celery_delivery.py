import threading

import pytest
import redis
from django.db import transaction

from partnerships import services
from partnerships.models import AreaRole, InvitationEmail
from partnerships.tasks import send_invitation_email

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shared_redis_consumer(settings):
    """Another worker on the machine's shared Redis, waiting on its default queue before
    the test's worker starts, so it would be first in line for anything queued there."""
    taken, stop = [], threading.Event()
    shared = redis.Redis.from_url(settings.REDIS_URL)

    def consume():
        while not stop.is_set():
            if item := shared.brpop(["celery"], timeout=1):
                taken.append(item)

    thread = threading.Thread(target=consume, daemon=True)
    thread.start()
    yield taken
    stop.set()
    thread.join(timeout=5)


def test_an_invitation_travels_from_commit_to_inbox(world, celery_worker_process, smtp_sink):
    """Service → on_commit → Redis → worker → SMTP: the whole path, once."""
    with transaction.atomic():
        invitation = services.invitation_create(
            invited_by=world.facilitator_a.person,
            area=world.area_a,
            email="amara.adeyemi@example.org",
            role=AreaRole.STEERING_MEMBER,
        )
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "amara.adeyemi@example.org"
    assert "Wandsworth" in message["Subject"]
    assert invitation.token in message.as_string()
    # The worker marks the row sent just after the server accepts the message.
    assert celery_worker_process.wait_for_log("succeeded")
    assert InvitationEmail.objects.get(invitation=invitation).sent_at is not None


def test_a_task_queued_twice_delivers_once(world, celery_worker_process, smtp_sink):
    with transaction.atomic():
        invitation = services.invitation_create(
            invited_by=world.facilitator_a.person,
            area=world.area_a,
            email="samir.haddad@example.org",
            role=AreaRole.STEERING_MEMBER,
        )
    send_invitation_email.delay(invitation.pk)
    send_invitation_email.delay(invitation.pk)
    assert celery_worker_process.wait_for_log("succeeded", count=3)
    assert len(smtp_sink.messages) == 1
    assert InvitationEmail.objects.get(invitation=invitation).sent_at is not None


def test_another_worker_on_the_shared_redis_takes_none_of_the_tests_tasks(
    world, shared_redis_consumer, celery_worker_process, smtp_sink
):
    with transaction.atomic():
        services.invitation_create(
            invited_by=world.facilitator_a.person,
            area=world.area_a,
            email="kofi.mensah@example.org",
            role=AreaRole.STEERING_MEMBER,
        )
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "kofi.mensah@example.org"
    assert shared_redis_consumer == []
