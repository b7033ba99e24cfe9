"""The email carrying an invitation's link: an outbox row (InvitationEmail) written with
the invitation, sent by a worker, swept up if the broker or the mail server was down."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from partnerships.models import InvitationEmail
from partnerships.outbox import NotNeeded, Outbox

outbox = Outbox(
    InvitationEmail,
    task="partnerships.tasks.send_invitation_email",
    noun="invitation",
    related=("invitation__area", "invitation__invited_by"),
)

_NOT_NEEDED = {
    "accepted": "The invitation was accepted before it was sent.",
    "revoked": "The invitation was withdrawn before it was sent.",
    "expired": "The invitation expired before it could be sent.",
}


def compose(email: InvitationEmail) -> EmailMultiAlternatives:
    invitation = email.invitation
    if invitation.status != "pending":
        raise NotNeeded(_NOT_NEEDED[invitation.status])
    context = {
        "invitation": invitation,
        "accept_url": settings.SITE_URL + reverse("invitation-accept", args=[invitation.token]),
    }
    host = urlsplit(settings.SITE_URL).hostname
    message = EmailMultiAlternatives(
        subject=render_to_string("emails/invitation_subject.txt", context).strip(),
        body=render_to_string("emails/invitation.txt", context),
        to=[invitation.email],
        # Fixed by the row, so a repeat after a crash is recognisable as the same email.
        headers={"Message-ID": f"<invitation-{invitation.pk}@{host}>"},
    )
    message.attach_alternative(render_to_string("emails/invitation.html", context), "text/html")
    return message
