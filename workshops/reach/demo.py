"""Demo reach for East Sussex: the communities its focus is for, three community
conversations with the people who came and the facilitator's count of the room, what
participants said would help them take part, the next partnership day's list, and the
interpreting claims linked to the sessions they paid for.
"""

import datetime as dt

from django.utils import timezone

from areas.models import Area, SpendCategory, SpendLine
from partnerships.models import ConsentMethod, Person
from workshops.models import Attendance, Session, SessionKind, SessionStatus
from workshops.reach.models import (
    CommunityHeadcount,
    Interpreter,
    NamedCommunity,
    SupportCost,
    SupportKind,
    SupportNeeds,
)

AREA = "east-sussex"
FACILITATOR_EMAIL = "facilitator@demo.example"
POLISH, BENGALI, ARABIC, ROMANIAN = (
    "Polish speaking women in Eastbourne",
    "Bengali speaking women in Eastbourne",
    "Arabic speaking women in Eastbourne",
    "Romanian speaking families in Eastbourne",
)

# Participants without an account, and what each said would help (with their agreement).
PARTICIPANTS = {
    "Agnieszka Kowalska": {
        "preferred_language": "Polish",
        "interpreter": Interpreter.SPOKEN,
        "childcare_help": True,
    },
    "Ewa Nowak": {"preferred_language": "Polish", "transport_help": True},
    "Rahima Begum": {"preferred_language": "Bengali", "interpreter": Interpreter.SPOKEN},
    "Shirin Akhtar": {"preferred_language": "Bengali", "childcare_help": True},
    "Daniel Hughes": {
        "interpreter": Interpreter.BSL,
        "access_needs": "Seat with a clear view of the interpreter.",
    },
    "Sarah Pike": {"interpreter": Interpreter.BSL, "transport_help": True},
    "Maria Popescu": {"preferred_language": "Romanian", "transport_help": True},
    "Layla Haddad": {"preferred_language": "Arabic"},
}

# (days ago, title, venue, who came by name, the facilitator's count of the room).
CONVERSATIONS = [
    (
        120,
        "Screening conversation at the Polish Saturday school",
        "Polish Saturday School, Seaside Road",
        ["Agnieszka Kowalska", "Ewa Nowak", "Daniel Hughes", "Maria Popescu"],
        {POLISH: 9},
    ),
    (
        75,
        "Women's group conversation on screening letters",
        "Eastbourne Mosque community room",
        ["Rahima Begum", "Shirin Akhtar", "Layla Haddad", "Agnieszka Kowalska"],
        {BENGALI: 8, ARABIC: 1},
    ),
    (
        30,
        "Women's health drop-in at the library",
        "Eastbourne Library, meeting room 2",
        ["Rahima Begum", "Ewa Nowak", "Sarah Pike"],
        {POLISH: 4, BENGALI: 3},
    ),
]
# The counts of the room at the area's earlier partnership days, oldest first.
EARLIER_DAYS = [{POLISH: 3, BENGALI: 4, ARABIC: 2, ROMANIAN: 2}, {POLISH: 5, BENGALI: 6}]
# Interpreting already claimed, and the conversation (by title) each paid for.
PAID_FOR = [
    ("Two BSL interpreters", CONVERSATIONS[0][1], SupportKind.BSL),
    ("Arabic interpreting", CONVERSATIONS[1][1], SupportKind.INTERPRETER),
]


def load(stdout):
    area = Area.objects.filter(slug=AREA).first()
    if area is None or NamedCommunity.objects.filter(area=area).exists():
        return
    facilitator = Person.objects.filter(email=FACILITATOR_EMAIL).first()
    communities = {
        name: NamedCommunity.objects.create(area=area, name=name)
        for name in (POLISH, BENGALI, ARABIC, ROMANIAN)
    }
    people = {}
    for name, needs in PARTICIPANTS.items():
        people[name] = Person.objects.create(full_name=name)
        SupportNeeds.objects.create(
            person=people[name],
            consent_method=ConsentMethod.VERBAL,
            recorded_by=facilitator,
            recorded_in=area,
            **needs,
        )
    earlier = Session.objects.filter(area=area, kind=SessionKind.PARTNERSHIP_DAY)
    for session, counts in zip(earlier.order_by("starts_at"), EARLIER_DAYS, strict=False):
        _count(session, counts, communities)
    sessions = {}
    for days_ago, title, venue, names, counts in CONVERSATIONS:
        sessions[title] = _session(area, title, venue, -days_ago, facilitator)
        _attend(sessions[title], [people[name] for name in names])
        _count(sessions[title], counts, communities)
    next_day = _session(
        area,
        "Partnership day: screening stories from the communities",
        "St Saviour's Church Hall",
        24,
        facilitator,
    )
    _attend(next_day, list(people.values()))
    for words, title, kind in PAID_FOR:
        line = SpendLine.objects.filter(
            budget__area=area, category=SpendCategory.INTERPRETATION, description__contains=words
        ).first()
        if line:
            SupportCost.objects.create(
                session=sessions[title], line=line, kind=kind, linked_by=facilitator
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
        CommunityHeadcount(session=session, community=communities[name], count=count)
        for name, count in counts.items()
    )
