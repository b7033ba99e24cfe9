import logging
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from partnerships import invitation_emails, services
from partnerships.models import (
    AreaRole,
    Invitation,
    InvitationEmail,
    Membership,
    OutboxStatus,
    ProgrammeRole,
)
from tests.factories import PASSWORD, InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _accept_url(invitation):
    return reverse("invitation-accept", args=[invitation.token])


def _new_account(client, invitation, **overrides):
    data = {"full_name": "Grace Mensah", "password1": PASSWORD, "password2": PASSWORD}
    return client.post(_accept_url(invitation), data | overrides)


def test_facilitator_invites_and_the_email_carries_a_working_link(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.facilitator_a)
    url = reverse("areas:invitation-new", args=[world.area_a.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"email": "Grace@Example.org", "full_name": "Grace", "role": "lco_coordinator"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="grace@example.org")
    assert invitation.area == world.area_a
    assert invitation.role == AreaRole.LCO_COORDINATOR
    assert invitation.email_message.sent_at is not None
    [email] = mail.outbox
    assert email.to == ["grace@example.org"]
    assert world.area_a.name in email.subject
    assert _accept_url(invitation) in email.body


def test_new_person_sets_a_password_and_lands_on_the_area(client, world):
    invitation = world.invitation_a
    response = _new_account(client, invitation)
    assert response.status_code == 302
    assert response["Location"] == world.area_a.get_absolute_url()
    membership = Membership.objects.get(person__email=invitation.email)
    assert membership.area == world.area_a
    assert membership.role == AreaRole.STEERING_MEMBER
    assert membership.person.full_name == "Grace Mensah"
    assert membership.person.user.emailaddress_set.get().verified
    assert client.get(world.area_a.get_absolute_url()).status_code == 200


def test_invitation_works_only_once(client, world):
    _new_account(client, world.invitation_a)
    client.logout()
    response = client.get(_accept_url(world.invitation_a))
    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_expired_invitation_is_refused(client, world):
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = _new_account(client, world.invitation_a)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Membership.objects.filter(person__email=world.invitation_a.email).exists()


def test_withdrawn_invitation_is_refused(client, world):
    services.invitation_revoke(invitation=world.invitation_a)
    response = client.get(_accept_url(world.invitation_a))
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_tampered_token_is_not_found(client, world):
    token = world.invitation_a.token
    forged = token[:-1] + ("0" if token[-1] != "0" else "1")
    assert client.get(reverse("invitation-accept", args=[forged])).status_code == 404
    assert client.get(reverse("invitation-accept", args=["12-nonsense"])).status_code == 404


def test_signed_in_with_another_email_is_refused(client, world):
    client.force_login(world.steering_b)
    response = client.post(_accept_url(world.invitation_a))
    assert response.status_code == 403
    assert "different email address" in response.content.decode()
    assert world.invitation_a.__class__.objects.get(pk=world.invitation_a.pk).accepted_at is None


def test_existing_account_is_asked_to_sign_in_then_accepts(client, world):
    user = UserFactory(email="existing@example.org")
    invitation = InvitationFactory(email=user.email, area=world.area_a, role=AreaRole.FACILITATOR)
    response = client.get(_accept_url(invitation))
    assert "Sign in to accept" in response.content.decode()
    client.force_login(user)
    response = client.post(_accept_url(invitation))
    assert response.status_code == 302
    assert Membership.objects.filter(
        person__user=user, area=world.area_a, role=AreaRole.FACILITATOR
    ).exists()


def test_password_errors_are_specific_and_keep_the_name(client, world):
    response = _new_account(client, world.invitation_a, password1="short", password2="other")
    body = response.content.decode()
    assert response.status_code == 200
    assert "at least 10 characters" in body
    assert 'value="Grace Mensah"' in body
    assert not Membership.objects.filter(person__email=world.invitation_a.email).exists()


def test_mismatched_passwords_are_reported_next_to_the_field(client, world):
    response = _new_account(client, world.invitation_a, password2="a-different-password-99")
    assert response.context["form"].errors["password2"] == ["The two passwords do not match."]


def test_funder_invitation_gives_the_programme_role(client, world):
    client.force_login(world.lead)
    client.post(reverse("funder-invite"), {"email": "trust@example.org", "full_name": "Pat"})
    invitation = Invitation.objects.get(email="trust@example.org")
    assert invitation.area is None
    client.logout()
    _new_account(client, invitation)
    assert invitation.__class__.objects.get(pk=invitation.pk).accepted_by.person.programme_role == (
        ProgrammeRole.FUNDER
    )


def test_only_programme_leads_invite_funders(client, world):
    client.force_login(world.facilitator_a)
    assert client.get(reverse("funder-invite")).status_code == 403


def test_steering_members_cannot_invite(client, world):
    client.force_login(world.steering_a)
    url = reverse("areas:invitation-new", args=[world.area_a.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, {"email": "x@example.org", "role": "facilitator"}).status_code == 403
    assert not Invitation.objects.filter(email="x@example.org").exists()


def test_inviting_a_current_member_again_is_refused_with_a_reason(client, world):
    client.force_login(world.facilitator_a)
    url = reverse("areas:invitation-new", args=[world.area_a.slug])
    response = client.post(url, {"email": world.steering_a.email, "role": "steering_member"})
    assert response.status_code == 200
    [error] = response.context["form"].errors["email"]
    assert "is already a steering group member in Wandsworth" in error


def test_a_second_pending_invitation_is_refused(client, world):
    client.force_login(world.facilitator_a)
    url = reverse("areas:invitation-new", args=[world.area_a.slug])
    response = client.post(url, {"email": world.invitation_a.email, "role": "steering_member"})
    assert "already waiting" in response.context["form"].errors["email"][0]


def test_invalid_invitation_form_keeps_what_was_typed(client, world):
    client.force_login(world.facilitator_a)
    url = reverse("areas:invitation-new", args=[world.area_a.slug])
    response = client.post(url, {"email": "not-an-email", "full_name": "Sam Patel"})
    body = response.content.decode()
    assert response.context["form"].errors.keys() == {"email", "role"}
    assert 'value="Sam Patel"' in body
    assert "nhsuk-error-summary" in body


def test_facilitator_withdraws_an_invitation(client, world):
    client.force_login(world.facilitator_a)
    url = reverse("areas:invitation-revoke", args=[world.area_a.slug, world.invitation_a.pk])
    assert client.post(url).status_code == 302
    assert Invitation.objects.get(pk=world.invitation_a.pk).status == "revoked"


def test_sending_twice_sends_one_email(world):
    from partnerships.tasks import send_invitation_email

    invitation = InvitationFactory(email_message__status=OutboxStatus.PENDING)
    send_invitation_email(invitation.pk)
    send_invitation_email(invitation.pk)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("token", ["²-" + "a" * 64, "9" * 5000 + "-" + "a" * 64, "-", ""])
def test_malformed_tokens_are_not_found(client, token):
    assert client.get(f"/invitations/{token}/").status_code == 404


def test_an_address_held_by_another_account_is_refused_clearly(client, world):
    """The invited address is on a Person already linked to a different account."""
    other = UserFactory(email="former@example.org")
    person = world.steering_b.person
    person.email = world.invitation_a.email
    person.user = other
    person.save()
    response = _new_account(client, world.invitation_a)
    assert response.status_code == 410
    assert "belongs to someone else" in response.content.decode()


def test_an_invitation_made_while_the_broker_is_down_is_emailed_by_the_sweep(
    client, world, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    """The facilitator is told it will be emailed, the row waits, the sweep sends it once."""
    from partnerships.tasks import send_invitation_email

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_invitation_email, "apply_async", broker_down)
    client.force_login(world.facilitator_a)
    with (
        caplog.at_level(logging.WARNING, logger="partnerships.outbox"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("areas:invitation-new", args=[world.area_a.slug]),
            {"email": "grace@example.org", "full_name": "Grace", "role": "lco_coordinator"},
            follow=True,
        )
    assert response.status_code == 200
    assert "We will email the invitation to grace@example.org" in response.content.decode()
    email = InvitationEmail.objects.get(invitation__email="grace@example.org")
    assert (email.status, email.queued_at) == (OutboxStatus.PENDING, None)
    assert "the sweep will send them" in caplog.text
    assert mail.outbox == []

    monkeypatch.undo()
    assert invitation_emails.outbox.sweep() == 1
    assert invitation_emails.outbox.sweep() == 0
    [message] = mail.outbox
    assert message.to == ["grace@example.org"]
    assert message.extra_headers["Message-ID"] == f"<invitation-{email.pk}@127.0.0.1>"
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboxStatus.SENT, 1)


def test_an_invitation_withdrawn_before_its_email_went_is_not_sent(world):
    invitation = InvitationFactory(email_message__status=OutboxStatus.PENDING)
    services.invitation_revoke(invitation=invitation)

    invitation_emails.outbox.sweep()

    assert mail.outbox == []
    email = InvitationEmail.objects.get(invitation=invitation)
    assert (email.status, email.last_error) == (
        OutboxStatus.SKIPPED,
        "The invitation was withdrawn before it was sent.",
    )


def test_a_community_member_is_invited_like_the_others_and_needs_no_second_factor(client, world):
    invitation = InvitationFactory(area=world.area_a, role=AreaRole.COMMUNITY_MEMBER)
    response = _new_account(client, invitation)
    assert response["Location"] == world.area_a.get_absolute_url()
    membership = Membership.objects.get(person__email=invitation.email)
    assert membership.role == AreaRole.COMMUNITY_MEMBER
    assert client.get(world.area_a.get_absolute_url()).status_code == 200
