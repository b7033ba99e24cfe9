"""Writes of the core: each use case is one function, run in one transaction."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from partnerships import invitation_emails
from partnerships.models import Invitation, InvitationEmail, Membership, Person, ProgrammeRole


class InvitationUnusable(Exception):
    """The invitation cannot be accepted; `reason` says why in words for the person."""

    REASONS = {
        "accepted": "This invitation has already been used.",
        "revoked": "This invitation has been withdrawn.",
        "expired": "This invitation has expired.",
        "wrong_email": "This invitation was sent to a different email address.",
        "email_in_use": (
            "This email address belongs to someone else's record here. "
            "Ask the facilitator who invited you to sort it out."
        ),
    }

    def __init__(self, code):
        self.code = code
        super().__init__(self.REASONS[code])


@transaction.atomic
def invitation_create(*, invited_by: Person, email: str, role: str, area=None, full_name=""):
    """Record an invitation and the email owed for it, queued once the transaction commits.

    The email is a row in the outbox: if the broker cannot take it now, the sweep sends it
    when it can, so the person inviting never sees an error for it.
    """
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        full_name=full_name.strip(),
        role=role,
        area=area,
        invited_by=invited_by,
    )
    InvitationEmail.objects.create(invitation=invitation, queued_at=timezone.now())
    invitation_emails.outbox.dispatch_on_commit([invitation.pk])
    return invitation


def invitation_revoke(*, invitation: Invitation):
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        revoked_at=timezone.now()
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user, full_name: str = ""):
    """Give `user` the invitation's role. Locks the row so a link is only ever used once."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != "pending":
        raise InvitationUnusable(invitation.status)
    if invitation.email.lower() != user.email.lower():
        raise InvitationUnusable("wrong_email")

    person = _person_for_new_member(user, full_name or invitation.full_name)
    if invitation.role == ProgrammeRole.FUNDER:
        if person.programme_role != ProgrammeRole.LEAD:
            person.programme_role = ProgrammeRole.FUNDER
            person.save(update_fields=["programme_role"])
    else:
        Membership.objects.get_or_create(person=person, area=invitation.area, role=invitation.role)

    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation


@transaction.atomic
def account_create_from_invitation(*, invitation: Invitation, full_name: str, password: str):
    """Open an account for an invited person who has none, and accept the invitation.

    The email address counts as verified: the person followed a link sent to it.
    """
    user = get_user_model().objects.create_user(email=invitation.email, password=password)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    invitation_accept(invitation=invitation, user=user, full_name=full_name)
    return user


def _person_for_new_member(user, full_name):
    """The user's Person: already linked, recorded earlier by email, or new."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.filter(email__iexact=user.email, user__isnull=True).first()
        if person is not None:
            person.user = user
            person.save(update_fields=["user"])
    if person is None:
        if Person.objects.filter(email__iexact=user.email).exists():
            # The address is on a Person who already has another account.
            raise InvitationUnusable("email_in_use")
        person = Person.objects.create(
            user=user, email=user.email, full_name=full_name or user.email.split("@")[0]
        )
    return person
