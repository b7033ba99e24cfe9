import datetime as dt

import factory
from django.utils import timezone

from tests.factories import AreaFactory, PersonFactory
from workshops.models import (
    Action,
    Attendance,
    BarrierType,
    Consent,
    FollowUp,
    FollowUpPurpose,
    FollowUpStatus,
    Insight,
    InsightKind,
    Session,
    SessionKind,
    SessionStatus,
)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    area = factory.SubFactory(AreaFactory)
    kind = SessionKind.PARTNERSHIP_DAY
    title = factory.Sequence(lambda n: f"Partnership day {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=2))
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + dt.timedelta(hours=3))
    venue = "Hackenthorpe Community Centre"
    status = SessionStatus.HELD


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")


class InsightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Insight

    session = factory.SubFactory(SessionFactory)
    kind = InsightKind.BARRIER
    text = factory.Sequence(lambda n: f"The screening letter is hard to follow ({n})")
    barrier_type = factory.LazyAttribute(
        lambda insight: BarrierType.objects.first() if insight.kind == InsightKind.BARRIER else None
    )


class QuoteFactory(InsightFactory):
    kind = InsightKind.QUOTE
    text = "Nobody asked us before; this time they listened."
    attribution = "A community leader"
    consent = Consent.WRITTEN
    consent_on = factory.LazyFunction(timezone.localdate)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    session = factory.SubFactory(SessionFactory)
    area = factory.SelfAttribute("session.area")
    description = factory.Sequence(lambda n: f"Ask the practice managers about letters ({n})")
    owner = factory.SubFactory(PersonFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))


def undelivered_email(action) -> FollowUp:
    """An email to the action's owner that failed after every try."""
    return FollowUp.objects.create(
        purpose=FollowUpPurpose.ASSIGNED,
        action=action,
        person=action.owner,
        key_date=timezone.localdate(),
        status=FollowUpStatus.FAILED,
        attempts=8,
        last_error="Refused",
    )
