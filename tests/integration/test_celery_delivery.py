import pytest
from django.db import transaction

from partnerships import services
from partnerships.models import AreaRole, InvitationEmail
from partnerships.tasks import send_invitation_email

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


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
