"""Writes of the core: each use case is one function, run in one transaction."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from partnerships import audit, invitation_emails, sign_in_links
from partnerships.models import (
    AuditAction,
    Invitation,
    InvitationEmail,
    Membership,
    Person,
    ProgrammeRole,
)


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


class AccountConflict(Exception):
    """The account cannot be made a programme lead as asked; the message says why."""


class SignInLinkUnusable(Exception):
    """The sign-in link has expired, or was used already."""


@transaction.atomic
def programme_lead_appoint(*, email: str, full_name: str = "", admin: bool = False):
    """Make `email` a programme lead who can sign in, creating only what is missing.

    The account gets a verified address (whoever holds the one-time link proved nothing
    yet, but the operator vouches for the address) and no password until one is chosen
    through the link. An existing account, or a Person recorded earlier, is promoted.
    """
    email = email.strip().lower()
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is not None and not user.is_active:
        raise AccountConflict(f"The account {email} is deactivated; reactivate it first.")
    if Person.objects.filter(email__iexact=email, user__isnull=False).exclude(user=user).exists():
        raise AccountConflict(f"{email} is the address of someone else's record here.")
    created = user is None
    if created:
        user = get_user_model().objects.create_user(email=email)
    if admin and not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    address, _ = EmailAddress.objects.get_or_create(
        user=user, email__iexact=email, defaults={"email": email, "primary": created}
    )
    if not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])

    person = _person_for_new_member(user, full_name)
    changed = []
    if full_name and person.full_name != full_name:
        person.full_name = full_name
        changed.append("full_name")
    if person.programme_role != ProgrammeRole.LEAD:
        person.programme_role = ProgrammeRole.LEAD
        changed.append("programme_role")
    if changed:
        person.save(update_fields=changed)
    # From the command line there is no signed-in actor: the entry says how it was done.
    audit.record(
        AuditAction.LEAD_APPOINTED,
        target=person,
        by="create_programme_lead",
        new_account=created,
        admin=admin,
    )
    return person, created


@transaction.atomic
def account_set_password_from_link(*, token: str, password: str):
    """Set the password of the account a sign-in link is for, which spends the link.

    The row lock makes a second use of the same link, even at the same moment, wait and
    then find the link spent.
    """
    user = sign_in_links.user_for_token(token, for_update=True)
    if user is None:
        raise SignInLinkUnusable
    user.set_password(password)
    user.save(update_fields=["password"])
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
