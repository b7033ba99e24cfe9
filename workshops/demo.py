"""Demo sessions for the demo programme's twelve areas: held, written up and planned.

Built on the people, seats and sub-groups that areas.demo creates. What each session
heard and agreed is invented around the area's real focus (workshops/demo/sessions.toml).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import cycle

from django.utils import timezone

from areas.models import Area, LocalCoordinatingOrganisation, Seat, SteeringMember
from partnerships import demo_data
from partnerships.models import AreaRole, Membership, Person
from workshops import demo_cascades
from workshops.models import (
    Action,
    ActionStatus,
    Attendance,
    BarrierType,
    Consent,
    Insight,
    InsightKind,
    SectorHeadcount,
    Session,
    SessionFormat,
    SessionStatus,
)
from workshops.reach import demo as reach_demo

FACILITATOR_EMAIL = "facilitator@demo.example"
LEAD_EMAIL = "lead@demo.example"
# Who owns an action, named by the seat they hold; "lco" is the LCO's coordinator.
OWNER_SEATS = {
    "chair": Seat.CHAIR,
    "lived": Seat.LIVED_EXPERIENCE,
    "nhs": Seat.NHS,
    "council": Seat.LOCAL_AUTHORITY,
    "vcse": Seat.VCSE,
    "member": Seat.MEMBER,
}


@dataclass
class DemoAction:
    description: str
    owner: str  # a key of OWNER_SEATS, or "lco"
    due_in_days: int
    status: str = ActionStatus.NOT_STARTED
    sub_group: str = ""


@dataclass
class DemoSession:
    area: str
    kind: str
    title: str
    starts: dt.time
    hours: float
    purpose: str
    on: dt.date | None = None
    days_from_today: int = 0
    venue: str = ""
    online_platform: str = ""
    accessibility_notes: str = ""
    sub_group: str = ""
    named: int = 0
    headcounts: dict[str, int] = field(default_factory=dict)
    lived_experience: int = 0
    summary: str = ""
    barriers: list[dict] = field(default_factory=list)
    ideas: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    actions: list[DemoAction] = field(default_factory=list)


def _sessions() -> list[DemoSession]:
    """The sessions in the data file, with its defaults filled in; a misspelt key fails here."""
    data = demo_data.load("workshops", "sessions")
    sessions = []
    for entry in data["sessions"]:
        if "access" in entry:
            entry["accessibility_notes"] = data["access"][entry.pop("access")]
        entry["actions"] = [DemoAction(**action) for action in entry.get("actions", [])]
        sessions.append(DemoSession(**entry))
    return sessions


def load(stdout):
    if Session.objects.exists():
        return
    areas = Area.objects.in_bulk(field_name="slug")
    barrier_types = BarrierType.objects.in_bulk(field_name="slug")
    facilitator = Person.objects.filter(email=FACILITATOR_EMAIL).first()
    lead = Person.objects.filter(email=LEAD_EMAIL).first()
    people_by_area: dict[str, AreaPeople] = {}
    count = 0
    for demo in _sessions():
        area = areas.get(demo.area)
        if area is None:
            continue
        if demo.area not in people_by_area:
            people_by_area[demo.area] = AreaPeople(area, facilitator=facilitator, lead=lead)
        _create_session(demo, area, people_by_area[demo.area], barrier_types)
        count += 1
    if count:
        stdout.write(f"Loaded {count} demo sessions across {len(people_by_area)} areas.")
    demo_cascades.load(stdout)
    reach_demo.load(stdout)


class AreaPeople:
    """An area's demo people: who attends, who facilitates, and who owns which actions."""

    def __init__(self, area, *, facilitator, lead):
        seats = SteeringMember.objects.current().filter(area=area).select_related("person")
        seats = sorted(seats, key=lambda seat: (list(Seat).index(seat.seat), seat.person_id))
        self.by_seat = defaultdict(list)
        for seat in seats:
            self.by_seat[seat.seat].append(seat.person)
        lco = LocalCoordinatingOrganisation.objects.filter(area=area).select_related("coordinator")
        self.lco = lco.first().coordinator if lco.exists() else None
        # Lived-experience seats first, so even a small meeting hears from them.
        self.attendees = [
            (seat.person, seat.seat == Seat.LIVED_EXPERIENCE)
            for seat in sorted(seats, key=lambda seat: seat.seat != Seat.LIVED_EXPERIENCE)
        ]
        if self.lco and self.lco not in [person for person, _ in self.attendees]:
            self.attendees.append((self.lco, False))
        runs_area = Membership.objects.filter(
            area=area, person=facilitator, role=AreaRole.FACILITATOR
        ).exists()
        self.facilitator = facilitator if runs_area else lead
        self.sub_groups = {sub_group.name: sub_group for sub_group in area.sub_groups.all()}
        self._owners = {key: cycle(people) for key, people in self.by_seat.items()}
        self._everyone = cycle([person for person, _ in self.attendees])

    def owner(self, key: str) -> Person:
        """The next person holding the seat `key`, taking turns; anyone seated if nobody does."""
        if key == "lco" and self.lco:
            return self.lco
        holders = self._owners.get(OWNER_SEATS.get(key))
        return next(holders) if holders else next(self._everyone)

    def speaker(self) -> Person | None:
        lived = self.by_seat.get(Seat.LIVED_EXPERIENCE)
        return lived[0] if lived else None


def _day(demo: DemoSession) -> dt.date:
    """A fixed date, or a number of days from today for sessions that stay recent.

    Counted days that land on a weekend move to the nearest weekday on the same side of
    today, so a recent session stays in the past and a planned one in the future.
    """
    if demo.on:
        return demo.on
    day = timezone.localdate() + dt.timedelta(days=demo.days_from_today)
    step = dt.timedelta(days=1 if demo.days_from_today > 0 else -1)
    while day.weekday() >= 5:
        day += step
    return day


def _status(demo: DemoSession, day: dt.date) -> str:
    if day > timezone.localdate():
        return SessionStatus.PLANNED
    return SessionStatus.WRITTEN_UP if demo.summary else SessionStatus.HELD


def _create_session(demo: DemoSession, area, people: AreaPeople, barrier_types) -> Session:
    day = _day(demo)
    starts_at = timezone.make_aware(dt.datetime.combine(day, demo.starts))
    ends_at = starts_at + dt.timedelta(hours=demo.hours)
    status = _status(demo, day)
    facilitator = people.facilitator
    session = Session.objects.create(
        area=area,
        kind=demo.kind,
        title=demo.title,
        starts_at=starts_at,
        ends_at=ends_at,
        format=SessionFormat.ONLINE if demo.online_platform else SessionFormat.IN_PERSON,
        venue=demo.venue,
        online_platform=demo.online_platform,
        accessibility_notes=demo.accessibility_notes,
        sub_group=people.sub_groups.get(demo.sub_group),
        purpose=demo.purpose,
        status=status,
        lived_experience_headcount=demo.lived_experience or None,
        summary=demo.summary,
        written_up_at=ends_at + dt.timedelta(days=4) if demo.summary else None,
        created_by=facilitator,
        created_at=starts_at - dt.timedelta(days=21),
        updated_at=ends_at + dt.timedelta(days=4) if demo.summary else ends_at,
    )
    if facilitator:
        session.facilitators.add(facilitator)
    if status == SessionStatus.PLANNED:
        return session

    Attendance.objects.bulk_create(
        Attendance(
            session=session,
            person=person,
            organisation=person.organisation,
            lived_experience=lived,
            added_at=ends_at,
        )
        for person, lived in people.attendees[: demo.named]
    )
    SectorHeadcount.objects.bulk_create(
        SectorHeadcount(session=session, sector=sector, count=count)
        for sector, count in demo.headcounts.items()
    )
    insights = [
        Insight(
            kind=InsightKind.BARRIER,
            text=barrier["text"],
            barrier_type=barrier_types.get(barrier.get("type")),
        )
        for barrier in demo.barriers
    ]
    insights += [Insight(kind=InsightKind.IDEA, text=text) for text in demo.ideas]
    insights += [Insight(kind=InsightKind.DECISION, text=text) for text in demo.decisions]
    insights += [
        Insight(
            kind=InsightKind.QUOTE,
            text=quote["text"],
            attribution=quote["attribution"],
            consent=quote["consent"],
            consent_on=day if quote["consent"] != Consent.NONE else None,
            speaker=people.speaker(),
        )
        for quote in demo.quotes
    ]
    for order, insight in enumerate(insights):
        insight.session = session
        insight.created_by = facilitator
        insight.created_at = insight.updated_at = ends_at + dt.timedelta(seconds=order)
    Insight.objects.bulk_create(insights)
    Action.objects.bulk_create(
        Action(
            area=area,
            session=session,
            description=action.description,
            owner=people.owner(action.owner),
            due_on=day + dt.timedelta(days=action.due_in_days),
            sub_group=people.sub_groups.get(action.sub_group),
            status=action.status,
            created_by=facilitator,
            created_at=ends_at,
            updated_at=ends_at,
        )
        for action in demo.actions
    )
    return session
