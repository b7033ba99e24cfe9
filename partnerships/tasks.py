import logging

from celery import shared_task

from partnerships import heartbeats, invitation_emails
from partnerships.privacy import retention
from partnerships.review import emails as review_emails

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def send_invitation_email(invitation_id: int):
    """Email an invitation's link. Safe to run twice: its outbox row is claimed first."""
    invitation_emails.outbox.deliver(invitation_id, compose=invitation_emails.compose)


@shared_task(ignore_result=True)
def sweep_invitations():
    """Queue invitation emails that never reached the queue or whose worker died."""
    invitation_emails.outbox.sweep()


@shared_task(ignore_result=True)
def record_beat():
    """Beat's own heartbeat: its schedule fired and a worker ran it (see /healthz)."""
    heartbeats.record(heartbeats.BEAT)
    heartbeats.forget_departed_workers()


@shared_task
def apply_retention():
    """The nightly clean-up. Safe to run twice: a second run finds nothing more due."""
    outcomes = retention.apply(dry_run=False)
    logger.info("Retention: %s", {o.rule.record_type: o.count for o in outcomes})


@shared_task(ignore_result=True)
def send_review_email(email_id: int):
    """A morning's review email. Safe to run twice: its outbox row is claimed first."""
    review_emails.outbox.deliver(email_id, compose=review_emails.compose)


@shared_task(ignore_result=True)
def sweep_review_emails():
    """Queue the review emails that are due (each morning's) and those whose worker died."""
    review_emails.outbox.sweep()
