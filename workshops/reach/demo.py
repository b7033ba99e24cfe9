"""Demo reach for East Sussex: the communities its focus is for, three community
conversations with the people who came and the facilitator's count of the room, what
participants said would help them take part, the next partnership day's list, and the
interpreting claims linked to the sessions they paid for (workshops/demo/reach.toml).
"""

import datetime as dt

from django.utils import timezone

from areas.models import Area, SpendCategory, SpendLine
from partnerships import demo_data
from partnerships.models import ConsentMethod, Person
from workshops.models import Attendance, Session, SessionKind, SessionStatus
from workshops.reach.models import (
    CommunityHeadcount,
    NamedCommunity,
    SupportCost,
    SupportNeeds,
)

FACILITATOR_EMAIL = "facilitator@demo.example"


def load(stdout):
    data = demo_data.load("workshops", "reach")
    area = Area.objects.filter(slug=data["area"]).first()
    if area is None or NamedCommunity.objects.filter(area=area).exists():
        return
    facilitator = Person.objects.filter(email=FACILITATOR_EMAIL).first()
    communities = {
        key: NamedCommunity.objects.create(area=area, name=name)
        for key, name in data["communities"].items()
    }
    people = {}
    for needs in data["participants"]:
        name = needs.pop("name")
        people[name] = Person.objects.create(full_name=name)
        SupportNeeds.objects.create(
            person=people[name],
            consent_method=ConsentMethod.VERBAL,
            recorded_by=facilitator,
            recorded_in=area,
            **needs,
        )
    earlier = Session.objects.filter(area=area, kind=SessionKind.PARTNERSHIP_DAY)
    for session, counts in zip(earlier.order_by("starts_at"), data["earlier_days"], strict=False):
        _count(session, counts, communities)
    sessions = {}
    for conversation in data["conversations"]:
        title = conversation["title"]
        sessions[title] = _session(
            area, title, conversation["venue"], -conversation["days_ago"], facilitator
        )
        _attend(sessions[title], [people[name] for name in conversation["people"]])
        _count(sessions[title], conversation["counts"], communities)
    next_day = data["next_day"]
    next_session = _session(
        area, next_day["title"], next_day["venue"], next_day["days_from_today"], facilitator
    )
    _attend(next_session, list(people.values()))
    for paid in data["paid_for"]:
        line = SpendLine.objects.filter(
            budget__area=area,
            category=SpendCategory.INTERPRETATION,
            description__contains=paid["claim"],
        ).first()
        if line:
            SupportCost.objects.create(
                session=sessions[paid["session"]],
                line=line,
                kind=paid["kind"],
                linked_by=facilitator,
            )
    stdout.write(f"Loaded reach for {area}: {len(communities)} named communities.")


def _session(area, title, venue, days, facilitator) -> Session:
    starts_at = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
    starts_at += dt.timedelta(days=days)
    session = Session.objects.create(
        area=area,
        kind=SessionKind.PARTNERSHIP_DAY,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2),
        venue=venue,
        status=SessionStatus.PLANNED if days > 0 else SessionStatus.HELD,
        created_by=facilitator,
    )
    if facilitator:
        session.facilitators.add(facilitator)
    return session


def _attend(session, people):
    Attendance.objects.bulk_create(
        Attendance(session=session, person=person, lived_experience=True) for person in people
    )


def _count(session, counts, communities):
    CommunityHeadcount.objects.bulk_create(
        CommunityHeadcount(session=session, community=communities[key], count=count)
        for key, count in counts.items()
    )
