"""The morning emails of the review step: to facilitators, what waits for them; to people
who suggested something, what was decided. Each lists what is true when it is sent."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partnerships.models import AreaRole, Membership
from partnerships.outbox import NotNeeded, Outbox
from partnerships.review import registry
from partnerships.review.models import ReviewEmail, ReviewEmailPurpose, ReviewStatus
from partnerships.review.services import EMAIL_HOUR

outbox = Outbox(
    ReviewEmail,
    task="partnerships.tasks.send_review_email",
    noun="review email",
    related=("person",),
)


def compose(email: ReviewEmail) -> EmailMessage:
    person = email.person
    if not person.email:
        raise NotNeeded("They have no email address.")
    if email.purpose == ReviewEmailPurpose.WAITING:
        areas = Membership.objects.filter(person=person, role=AreaRole.FACILITATOR)
        entries = registry.waiting_in(areas.values("area_id"))
        if not entries:
            raise NotNeeded("Nothing waits for them any more.")
        subject = f"{len(entries)} suggestion{'s' if len(entries) != 1 else ''} to decide on"
    else:
        # Since the morning before: retries move send_after, never the morning it is for.
        morning = dt.datetime.combine(email.key_date, dt.time(EMAIL_HOUR))
        entries = _decided_since(person, timezone.make_aware(morning) - dt.timedelta(days=1))
        if not entries:
            raise NotNeeded("No decision to tell them of.")
        subject = "What became of your suggestions"
    context = {
        "person": person,
        "entries": entries,
        "waiting": email.purpose == ReviewEmailPurpose.WAITING,
        "site_url": settings.SITE_URL,
        "suggestions_url": settings.SITE_URL + reverse("suggestions"),
    }
    host = urlsplit(settings.SITE_URL).hostname
    return EmailMessage(
        subject=subject,
        body=render_to_string("emails/review.txt", context),
        to=[person.email],
        # Fixed by the row, so a repeat after a crash is recognisable as the same email.
        headers={"Message-ID": f"<review-{email.pk}@{host}>"},
    )


def _decided_since(person, since) -> list[registry.Entry]:
    """The person's suggestions decided since the previous morning's email."""
    return [
        kind.entry(row)
        for kind in registry.KINDS
        if kind.reviewed
        for row in kind.rows()
        .filter(proposed_by=person, decided_at__gte=since)
        .exclude(decision=ReviewStatus.WAITING)
        .order_by("decided_at")
    ]
