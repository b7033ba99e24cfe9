"""Texting the report-back link to the people who came and asked for it.

Only people with a UK mobile number whose latest decision on text messages is "agreed"
(a consent record, like any other use) get one, each at most once per session: the
texts are rows of an outbox (ReportBackText) sent as emails are (partnerships/outbox.py).
Whether they may still be texted is asked again just before sending.
"""

from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date

from partnerships.models import ConsentDecision, ConsentUse, OutboxStatus, Person
from partnerships.outbox import NotNeeded, Outbox
from partnerships.privacy.consent import latest_decision
from partnerships.sms import TextMessage, mobile_number
from workshops.models import Attendance, ReportBackText, Session
from workshops.reportback import links

outbox = Outbox(
    ReportBackText,
    task="workshops.tasks.send_report_back_text",
    noun="report-back text",
    related=("session__area", "person"),
)


def agreed_people(session: Session):
    """Who came to `session`, has a mobile number on record and agreed to texts."""
    return (
        Person.objects.filter(
            pk__in=Attendance.objects.filter(session=session).values("person_id"),
            erased_at__isnull=True,
        )
        .exclude(phone="")
        .alias(texts=latest_decision("pk", ConsentUse.TEXT_MESSAGES))
        .filter(texts=ConsentDecision.GIVEN)
    )


def textable(session: Session) -> list[Person]:
    return [person for person in agreed_people(session) if mobile_number(person.phone)]


@transaction.atomic
def text_report_back(*, session: Session) -> int:
    """Owe a text to everyone who may have one and has not; returns how many are new."""
    now = timezone.now()
    already = set(
        ReportBackText.objects.filter(session=session).values_list("person_id", flat=True)
    )
    new = [
        ReportBackText(session=session, person=person, send_after=now, queued_at=now)
        for person in textable(session)
        if person.pk not in already
    ]
    created = ReportBackText.objects.bulk_create(new)
    outbox.dispatch_on_commit([row.pk for row in created])
    return len(created)


def counts(session: Session) -> dict[str, int]:
    """How the session's texts stand: owed in all, sent, waiting, and not sent."""
    statuses = Counter(
        ReportBackText.objects.filter(session=session).values_list("status", flat=True)
    )
    waiting = statuses[OutboxStatus.PENDING] + statuses[OutboxStatus.SENDING]
    return {
        "owed": statuses.total(),
        "sent": statuses[OutboxStatus.SENT],
        "waiting": waiting,
        "not_sent": statuses[OutboxStatus.FAILED] + statuses[OutboxStatus.SKIPPED],
    }


def compose(row: ReportBackText) -> TextMessage:
    session, person = row.session, row.person
    if session.status not in links.HELD:
        raise NotNeeded("The session is no longer marked as held.")
    if not agreed_people(session).filter(pk=person.pk).exists():
        raise NotNeeded("They no longer agree to texts, or left no number.")
    number = mobile_number(person.phone)
    if number is None:
        raise NotNeeded("Their phone number is not a mobile.")
    day = format_date(timezone.localtime(session.starts_at), "j F")
    body = (
        f"Thank you for coming to {session.title} on {day}. What we heard, and what is "
        f"being done about it: {links.url_for(session)}"
    )
    return TextMessage(to=number, body=body, reference=f"report-back-text-{row.pk}")
