import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Invitation
from partnerships.privacy import retention

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_invitation_email(invitation_id):
    """Email an invitation's link. Safe to run twice: a sent or unusable invitation is skipped."""
    invitation = (
        Invitation.objects.pending()
        .filter(pk=invitation_id, sent_at__isnull=True)
        .select_related("area", "invited_by")
        .first()
    )
    if invitation is None:
        return
    context = {
        "invitation": invitation,
        "accept_url": settings.SITE_URL + reverse("invitation-accept", args=[invitation.token]),
    }
    message = EmailMultiAlternatives(
        subject=render_to_string("emails/invitation_subject.txt", context).strip(),
        body=render_to_string("emails/invitation.txt", context),
        to=[invitation.email],
    )
    message.attach_alternative(render_to_string("emails/invitation.html", context), "text/html")
    message.send()
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    logger.info("Sent invitation %s", invitation.pk)


@shared_task
def apply_retention():
    """The nightly clean-up. Safe to run twice: a second run finds nothing more due."""
    outcomes = retention.apply(dry_run=False)
    logger.info("Retention: %s", {o.rule.record_type: o.count for o in outcomes})
