"""Reads for reach and inclusion: what the people at a session need, and who an area's
sessions have reached over time. Each reads in a fixed number of queries."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from areas.budgets import selectors as budget_selectors
from areas.budgets.models import TAKING_PART_CATEGORIES
from areas.models import SpendLine, SpendStatus
from partnerships.models import Person
from workshops.models import (
    MEETING_KINDS,
    Attendance,
    SectorHeadcount,
    Session,
    SessionStatus,
)
from workshops.reach.models import (
    CommunityHeadcount,
    Interpreter,
    NamedCommunity,
    SupportCost,
    SupportKind,
    SupportNeeds,
)

# Sessions in the reach table, and how many of the latest ones count as "recent": a person
# not at any of those has not come back, a community counted at none of them is missing.
SESSIONS_SHOWN = 8
RECENT_SESSIONS = 3
# Not worth a line in a planning summary: the language most sessions are held in.
USUAL_LANGUAGE = "english"


def needs_of(person) -> SupportNeeds | None:
    return SupportNeeds.objects.filter(person=person).select_related("recorded_by").first()


def get_attendance(session, attendance_id) -> Attendance:
    """One person at `session`, with what they have said they need (404 if not there)."""
    attendances = session.attendances.select_related("person__support_needs__recorded_by")
    return get_object_or_404(attendances, pk=attendance_id)


@dataclass
class Spending:
    """What the budget has paid, approved or been asked for, for one kind of support."""

    paid: Decimal = Decimal("0")
    approved: Decimal = Decimal("0")
    claimed: Decimal = Decimal("0")

    def add(self, line: SpendLine) -> None:
        if line.status == SpendStatus.PENDING:
            self.claimed += line.amount
        elif line.paid_on:
            self.paid += line.amount
        else:
            self.approved += line.amount

    def __bool__(self):
        return bool(self.paid or self.approved or self.claimed)


@dataclass
class NeedLine:
    """One line of a planning summary: "2 need a BSL interpreter", and who."""

    text: str
    people: list[Person]
    kind: str = ""
    spending: Spending | None = None


@dataclass
class SessionNeeds:
    lines: list[NeedLine]
    attendances: list[Attendance]
    costs: list[SupportCost] = field(default_factory=list)

    @property
    def recorded(self) -> int:
        return sum(1 for attendance in self.attendances if _needs(attendance))

    @property
    def each_person(self) -> list[tuple[Attendance, SupportNeeds | None]]:
        return [(attendance, _needs(attendance)) for attendance in self.attendances]


def _needs(attendance) -> SupportNeeds | None:
    return getattr(attendance.person, "support_needs", None)


def _count(people: list, singular: str, plural: str) -> str:
    return f"{len(people)} {singular if len(people) == 1 else plural}"


def _need_lines(attendances) -> list[NeedLine]:
    bsl, transport, childcare, access = [], [], [], []
    interpreters, preferences = defaultdict(list), defaultdict(list)
    for attendance in attendances:
        needs, person = _needs(attendance), attendance.person
        if needs is None:
            continue
        language = needs.preferred_language.strip()
        if needs.interpreter == Interpreter.BSL:
            bsl.append(person)
        elif needs.interpreter == Interpreter.SPOKEN and language:
            interpreters[language.title()].append(person)
        elif language and language.lower() != USUAL_LANGUAGE:
            preferences[language.title()].append(person)
        for wanted, people in (
            (needs.transport_help, transport),
            (needs.childcare_help, childcare),
            (needs.access_needs.strip(), access),
        ):
            if wanted:
                people.append(person)
    lines = []
    if bsl:
        text = _count(bsl, "needs a BSL interpreter", "need a BSL interpreter")
        lines.append(NeedLine(text, bsl, SupportKind.BSL))
    for language, people in sorted(interpreters.items()):
        text = _count(people, "needs", "need") + f" an interpreter for {language}"
        lines.append(NeedLine(text, people, SupportKind.INTERPRETER))
    for language, people in sorted(preferences.items()):
        lines.append(NeedLine(_count(people, "prefers", "prefer") + f" {language}", people))
    if transport:
        text = _count(transport, "would", "would") + " come with help with transport"
        lines.append(NeedLine(text, transport, SupportKind.TRANSPORT))
    if childcare:
        text = _count(childcare, "would", "would") + " come with help with childcare"
        lines.append(NeedLine(text, childcare, SupportKind.CHILDCARE))
    if access:
        text = _count(access, "has", "have") + " told us about access needs"
        lines.append(NeedLine(text, access, SupportKind.ACCESS))
    return lines


def session_needs(session: Session, *, attendances=None) -> SessionNeeds:
    """What the people on the session's list (registered, or who came) have said they
    need, and what the budget has already paid or been asked for, in two queries (one,
    given the `attendances` a page has read with their people's needs)."""
    if attendances is None:
        attendances = list(session.attendances.select_related("person__support_needs"))
    costs = list(session.support_costs.select_related("line__budget"))
    spending = defaultdict(Spending)
    for cost in costs:
        spending[cost.kind].add(cost.line)
    lines = _need_lines(attendances)
    for line in lines:
        line.spending = spending.pop(line.kind, None) if line.kind else None
    # Paid for something nobody on the list asked for (yet): still part of the plan.
    for kind, money in spending.items():
        lines.append(NeedLine(f"{SupportKind(kind).label} (nobody on the list asked)", [], kind))
        lines[-1].spending = money
    return SessionNeeds(lines=lines, attendances=attendances, costs=costs)


def linkable_lines(session: Session):
    """The area's claims and spending that could have paid for support at the session:
    not rejected, and not linked to anything yet."""
    return budget_selectors.lines_of(session.area_id, categories=TAKING_PART_CATEGORIES).filter(
        support_cost__isnull=True
    )


def get_support_cost(session, cost_id) -> SupportCost:
    return get_object_or_404(session.support_costs.all(), pk=cost_id)


def get_linkable_line(area, line_id) -> SpendLine:
    """One of the area's lines that may pay for people to take part (404 for the rest),
    with the session it is linked to, if any."""
    line = budget_selectors.get_line(area, line_id)
    if not line.may_pay_for_taking_part:
        raise Http404("This line cannot be linked to a session.")
    line.linked = SupportCost.objects.filter(line=line).select_related("session__area").first()
    return line


# How many of the area's sessions either side of a claim's date it is offered to.
SESSIONS_NEAR_A_CLAIM = 6


def sessions_near(line: SpendLine):
    """The area's sessions closest to the date of the cost, before and after, oldest
    first: a fare or an interpreter is claimed around the day they were needed."""
    sessions = Session.objects.filter(area_id=line.budget.area_id)
    day = line.spent_on
    before = sessions.filter(starts_at__date__lte=day).order_by("-starts_at", "-pk")
    after = sessions.filter(starts_at__date__gt=day).order_by("starts_at", "pk")
    ids = [
        *before.values_list("pk", flat=True)[:SESSIONS_NEAR_A_CLAIM],
        *after.values_list("pk", flat=True)[:SESSIONS_NEAR_A_CLAIM],
    ]
    return sessions.filter(pk__in=ids).order_by("starts_at", "pk")


def need_counts(sessions) -> list[tuple[Session, list[str]]]:
    """The sessions whose people said they need something, with what they need as
    counts without names ("2 need a BSL interpreter"): for the budget's keepers, in two
    queries."""
    sessions = list(sessions)
    attendances = defaultdict(list)
    for attendance in Attendance.objects.filter(session__in=sessions).select_related(
        "person__support_needs"
    ):
        attendances[attendance.session_id].append(attendance)
    counted = [
        (session, [line.text for line in _need_lines(attendances[session.pk])])
        for session in sessions
    ]
    return [(session, said) for session, said in counted if said]


def area_communities(area, *, current_only=False):
    communities = NamedCommunity.objects.filter(area=area)
    return communities.filter(retired_at__isnull=True) if current_only else communities


def get_community(area, community_id) -> NamedCommunity:
    return get_object_or_404(area_communities(area, current_only=True), pk=community_id)


@dataclass
class ReachRow:
    session: Session
    named: int
    new: int
    counted: int

    @property
    def returning(self) -> int:
        return self.named - self.new

    @property
    def total(self) -> int:
        return self.named + self.counted


@dataclass
class CommunityReach:
    """One named community across the sessions shown: how often and how many came."""

    community: NamedCommunity
    sessions: int
    people: int
    last_seen: Session | None
    missing: bool


@dataclass
class Reach:
    rows: list[ReachRow]
    communities: list[CommunityReach]
    people: int
    not_back: int
    # Only for the area team; None for everyone else, who see counts alone.
    not_back_people: list[Person] | None = None

    @property
    def recent(self) -> int:
        return RECENT_SESSIONS

    @property
    def missing(self) -> list[NamedCommunity]:
        return [reach.community for reach in self.communities if reach.missing]


def _reach_sessions(area):
    """The sessions open to the whole partnership (not the steering group's or sub-groups'
    own meetings, whose members come by role) that have been held, oldest first."""
    held = (
        Session.objects.filter(area=area, starts_at__lte=timezone.now())
        .exclude(kind__in=MEETING_KINDS)
        .exclude(status=SessionStatus.PLANNED)
    )
    return held.order_by("starts_at", "pk")


def _community_reach(communities, shown, counts, recent_ids) -> list[CommunityReach]:
    """Each community still counted, or counted at a session shown, with its figures."""
    reached = []
    for community in communities:
        seen = [s for s in shown if counts.get((s.pk, community.pk))]
        if community.retired_at is not None and not seen:
            continue
        reached.append(
            CommunityReach(
                community=community,
                sessions=len(seen),
                people=sum(counts[(s.pk, community.pk)] for s in seen),
                last_seen=seen[-1] if seen else None,
                missing=community.retired_at is None
                and bool(shown)
                and not any(s.pk in recent_ids for s in seen),
            )
        )
    return reached


def area_reach(area, *, with_names: bool) -> Reach:
    """Who the area's sessions have reached, session by session: people named, of whom new,
    people counted, and each named community; in six queries at any size."""
    sessions = _reach_sessions(area)
    shown = list(reversed(sessions.order_by("-starts_at", "-pk")[:SESSIONS_SHOWN]))
    shown_ids = [session.pk for session in shown]
    # Every person at every such session: when each first came, and who came lately.
    seen = list(
        Attendance.objects.filter(session__in=sessions)
        .order_by("session__starts_at", "session_id")
        .values_list("person_id", "session_id")
    )
    first_session = {}
    for person_id, session_id in seen:
        first_session.setdefault(person_id, session_id)
    named = Counter(session_id for _, session_id in seen)
    new = Counter(first_session.values())
    counted = dict(
        SectorHeadcount.objects.filter(session_id__in=shown_ids)
        .values("session_id")
        .annotate(total=Sum("count"))
        .values_list("session_id", "total")
    )
    community_counts = {
        (session_id, community_id): count
        for session_id, community_id, count in CommunityHeadcount.objects.filter(
            session_id__in=shown_ids
        ).values_list("session_id", "community_id", "count")
    }
    rows = [
        ReachRow(
            session=session,
            named=named[session.pk],
            new=new[session.pk],
            counted=counted.get(session.pk, 0),
        )
        for session in shown
    ]
    recent_ids = set(shown_ids[-RECENT_SESSIONS:])
    came_lately = {person_id for person_id, session_id in seen if session_id in recent_ids}
    not_back_ids = set(first_session) - came_lately if len(shown) > RECENT_SESSIONS else set()
    return Reach(
        rows=rows,
        communities=_community_reach(
            list(area_communities(area)), shown, community_counts, recent_ids
        ),
        people=len(first_session),
        not_back=len(not_back_ids),
        not_back_people=list(Person.objects.filter(pk__in=not_back_ids)) if with_names else None,
    )
