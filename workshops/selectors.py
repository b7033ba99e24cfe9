"""Reads the session pages share, each in a bounded number of queries."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from areas.directory.selectors import people_visible_to
from areas.models import LocalCoordinatingOrganisation, SteeringMember
from partnerships import access
from partnerships.models import (
    AreaRole,
    Membership,
    Organisation,
    Person,
    ProgrammeRole,
    Sector,
)
from partnerships.querysets import any_of
from workshops.live.models import ItemStatus
from workshops.models import (
    MEETING_KINDS,
    Action,
    ActionStatus,
    Attendance,
    BarrierType,
    Draft,
    Insight,
    InsightKind,
    RoomItem,
    SectorHeadcount,
    Session,
    SessionStatus,
)

# Who may see the people at a session and quotes given without consent.
AREA_TEAM_ROLES = frozenset({AreaRole.FACILITATOR, AreaRole.LCO_COORDINATOR})


def get_session_for(user, area_slug: str, session_id: int, *, roles=None) -> Session:
    """The session if `user` may see its area, else 404 — the same answer as for none."""
    # One query: the session with its area, in the areas the user may see.
    sessions = Session.objects.filter(
        access.area_scope(user, roles=roles, field="area"), area__slug=area_slug
    )
    return get_object_or_404(sessions.select_related("area__cohort", "sub_group"), pk=session_id)


def get_session_and_roles_for(user, area_slug: str, session_id: int) -> tuple[Session, set[str]]:
    """The session as `get_session_for` finds it, with the user's roles in its area."""
    session = get_session_for(user, area_slug, session_id)
    return session, access.roles_in(user, session.area)


def logged_by(session: Session, user, *, roles: set[str]) -> bool:
    """Whether `user` logged this meeting as a member (not a facilitator) and may change it."""
    person = access.person_for(user)
    return (
        person is not None
        and session.kind in MEETING_KINDS
        and session.created_by_id == person.pk
        and access.can(user, access.Capability.LOG_MEETINGS, session.area, roles=roles)
    )


def is_area_team(roles: set[str]) -> bool:
    """Whether someone with these roles in an area may see its participants' personal data."""
    return bool(roles & AREA_TEAM_ROLES)


def area_people(area, *, attendees=True):
    """Everyone who belongs to the area's partnership: members, the steering group, LCO
    coordinators and (unless `attendees` is False, for pages of people who may not see
    participants' names) anyone who has come to one of its sessions."""
    sources = [
        Membership.objects.filter(area=area).values("person_id"),
        SteeringMember.objects.filter(area=area).values("person_id"),
        LocalCoordinatingOrganisation.objects.filter(area=area).values("coordinator_id"),
    ]
    if attendees:
        sources.append(attendee_ids(area))
    return (
        Person.objects.filter(pk__in=any_of(*sources))
        .exclude(programme_role=ProgrammeRole.FUNDER)
        .select_related("organisation")
        .order_by("full_name")
    )


def attendee_ids(area):
    """The ids of everyone who came to one of the area's sessions."""
    return Attendance.objects.filter(session__area=area).values("person_id")


def people_known_to(user):
    """Everyone `user` can already see: the directory's people of the areas they work in,
    and whoever came to a session of an area whose participants they may see.

    An email address someone types is matched only against these people. Matching it
    against everyone would hand the typist a record (and its name) from any area.
    """
    if access.is_programme_lead(user):
        return Person.objects.all()
    attended = Attendance.objects.filter(
        access.area_scope(user, roles=AREA_TEAM_ROLES, field="session__area_id")
    )
    return Person.objects.filter(
        pk__in=any_of(people_visible_to(user).values("pk"), attended.values("person_id"))
    )


def area_organisations(area):
    """The organisations the area's partnership already involves, through its people, its
    steering seats and its LCOs: what someone new at one of its sessions is offered. (The
    directory lets a programme lead see every organisation, thousands of them.)"""
    return Organisation.objects.filter(
        pk__in=any_of(
            area_people(area).values("organisation_id"),
            SteeringMember.objects.filter(area=area).values("organisation_id"),
            LocalCoordinatingOrganisation.objects.filter(area=area).values("organisation_id"),
        )
    )


@dataclass
class InsightSection:
    """One of the session page's lists of things heard, and the form that adds to it."""

    kind: str
    heading: str
    items: list
    form: object = None
    # How many the list shows, when `items` holds only some of them (a new one).
    count: int | None = None

    @property
    def anchor(self):
        return f"{self.kind}s"

    @property
    def total(self):
        return len(self.items) if self.count is None else self.count

    @property
    def singular(self):
        return InsightKind(self.kind).label.lower()


SECTION_HEADINGS = {
    InsightKind.BARRIER: "Barriers",
    InsightKind.IDEA: "Ideas",
    InsightKind.DECISION: "Decisions",
    InsightKind.QUOTE: "Quotes",
}


def session_insights(session, *, team: bool, kind: str | None = None) -> dict[str, list]:
    """The session's insights by kind (of one `kind` only, if given); outside the area
    team, only what may be shared.

    Each says when the live room sent it (and from which table), if it came from there.
    """
    insights = _as_listed(session.insights.all())
    if not team:
        insights = insights.shareable()
    if kind is not None:
        insights = insights.filter(kind=kind)
    by_kind = {each: [] for each in InsightKind.values}
    for insight in insights:
        by_kind[insight.kind].append(insight)
    return by_kind


def _as_listed(insights):
    """`insights` with what their rows show: type, speaker and consent, and whether (and
    from which table) the live room sent them."""
    from_room = RoomItem.objects.filter(insight=OuterRef("pk"), status=ItemStatus.ACCEPTED)
    return (
        insights.select_related("barrier_type", "speaker")
        .with_speaker_consent()
        .annotate(
            room_sent_at=Subquery(from_room.values("sent_at")[:1]),
            room_table=Subquery(from_room.values("table")[:1]),
        )
    )


def insight_as_listed(insight) -> Insight:
    """A new insight as the area team's list of its kind shows it, with `listed`: how many
    that list holds, in one query. Only the area team adds to the lists, and sees all."""
    same_list = Insight.objects.filter(session=insight.session_id, kind=insight.kind)
    count = same_list.order_by().values("session").annotate(n=Count("pk")).values("n")
    return _as_listed(same_list).annotate(listed=Subquery(count)).get(pk=insight.pk)


# A session's actions in the order its page lists them; without a due date, last (as
# PostgreSQL sorts NULL, made explicit so every database agrees).
SESSION_ACTION_ORDER = (F("due_on").asc(nulls_last=True), "pk")


def session_actions(session):
    actions = session.actions.select_related("owner__organisation", "sub_group")
    return list(actions.order_by(*SESSION_ACTION_ORDER))


def action_place(action) -> tuple[int, int | None]:
    """How many actions the page lists for `action`'s session, and the id of the one
    `action` is listed just before (None when it is last), in one query."""
    if action.due_on is None:
        after = Q(due_on__isnull=True, pk__gt=action.pk)
    else:
        after = (
            Q(due_on__gt=action.due_on)
            | Q(due_on=action.due_on, pk__gt=action.pk)
            | Q(due_on__isnull=True)
        )
    same_list = Action.objects.filter(session=action.session_id)
    count = same_list.order_by().values("session").annotate(n=Count("pk")).values("n")
    following = same_list.filter(after).order_by(*SESSION_ACTION_ORDER).values("pk")[:1]
    return (
        Session.objects.filter(pk=action.session_id)
        .annotate(listed=Subquery(count), following=Subquery(following))
        .values_list("listed", "following")
        .get()
    )


def session_attendances(session):
    """Who came, with their organisations and what they need (the page's planning panel)."""
    return list(session.attendances.select_related("person__support_needs", "organisation"))


def attendance_by_sector(attendances, headcounts) -> list[dict]:
    """Who came, by sector: named attendees' organisations plus people counted by sector.

    Given the attendances and head-counts of several sessions, it adds them up: the area's
    reports count everyone who took part the same way a session page does.
    """
    named = Counter(
        attendance.organisation.sector if attendance.organisation else None
        for attendance in attendances
    )
    counted = Counter()
    for headcount in headcounts:
        counted[headcount.sector] += headcount.count
    rows = []
    for sector, label in Sector.choices:
        if named[sector] or counted[sector]:
            rows.append(
                {
                    "sector": sector,
                    "label": label,
                    "named": named[sector],
                    "counted": counted[sector],
                    "total": named[sector] + counted[sector],
                }
            )
    if named[None]:
        rows.append(
            {
                "sector": None,
                "label": "No organisation",
                "named": named[None],
                "counted": 0,
                "total": named[None],
            }
        )
    return rows


def drafts_for(session, person) -> dict[str, object]:
    """The person's unsaved drafts on this session, by form key."""
    if person is None:
        return {}
    drafts = Draft.objects.filter(session=session, person=person).exclude(data={})
    return {draft.form_key: draft for draft in drafts}


def _per_session(queryset, aggregate):
    """A correlated subquery computing `aggregate` over the rows of each listed session."""
    return Coalesce(
        Subquery(
            queryset.filter(session=OuterRef("pk"))
            .order_by()
            .values("session")
            .annotate(value=aggregate)
            .values("value")
        ),
        0,
    )


def list_sessions(sessions):
    """Sessions with their attendance and what was logged, counted without joins."""
    return sessions.select_related("area").annotate(
        named_count=_per_session(Attendance.objects.all(), Count("pk")),
        counted_count=_per_session(SectorHeadcount.objects.all(), Sum("count")),
        insight_count=_per_session(Insight.objects.all(), Count("pk")),
        action_count=_per_session(Action.objects.all(), Count("pk")),
    )


# Reads for reports that leave the area team (case studies, funder reports). They count
# people rather than name them, and hold only what Insight.objects.shareable() allows.
HELD = (SessionStatus.HELD, SessionStatus.WRITTEN_UP)
# How many examples of each kind of barrier a report quotes.
BARRIER_EXAMPLES = 2


def held_sessions(area):
    """Sessions the area has held, oldest first, with `named_count` and `counted_count`."""
    return list_sessions(Session.objects.filter(area=area, status__in=HELD)).order_by("starts_at")


def area_involvement(area) -> dict:
    """Everyone who took part in the area's partnership, as plain data for reports.

    People named at sessions and people counted there by sector are added together, as
    the session pages count them (`attendance_by_sector`), over every session held; the
    steering group's organisations count too. Organisations are named; people are only
    counted. `people` is the distinct people named on the steering group or at a session:
    those counted by sector cannot be told apart, so they are in the attendances only.
    """
    held = Session.objects.filter(area=area, status__in=HELD)
    attendances = list(
        Attendance.objects.filter(session__in=held)
        .select_related("organisation")
        .only("person_id", "lived_experience", "organisation__name", "organisation__sector")
    )
    headcounts = list(SectorHeadcount.objects.filter(session__in=held).only("sector", "count"))
    members = list(
        SteeringMember.objects.current()
        .filter(area=area)
        .select_related("organisation")
        .only("person_id", "organisation__name", "organisation__sector")
    )
    organisations: dict[str | None, set[str]] = {}
    for row in [*attendances, *members]:
        if row.organisation:
            organisations.setdefault(row.organisation.sector, set()).add(row.organisation.name)
    by_sector = {row["sector"]: row for row in attendance_by_sector(attendances, headcounts)}
    for sector in organisations.keys() - by_sector.keys():
        by_sector[sector] = {"label": Sector(sector).label, "total": 0}
    sectors = sorted(
        (
            {
                "sector": row["label"],
                "organisations": len(organisations.get(sector, ())),
                "attendances": row["total"],
            }
            for sector, row in by_sector.items()
        ),
        key=lambda row: (
            row["sector"] == "No organisation",
            -row["attendances"],
            -row["organisations"],
            row["sector"],
        ),
    )
    counted = sum(headcount.count for headcount in headcounts)
    lived_experience = held.aggregate(counted=Sum("lived_experience_headcount"))["counted"] or 0
    return {
        "people": len({row.person_id for row in [*attendances, *members]}),
        "steering": len(members),
        "attendances": len(attendances) + counted,
        "counted": counted,
        "lived_experience": lived_experience + sum(a.lived_experience for a in attendances),
        "organisations": sorted(set().union(*organisations.values())),
        "sectors": sectors,
    }


def barriers_heard(area) -> list[dict]:
    """Barriers heard across the area's sessions, by type, the most heard first."""
    groups: dict[str, list[str]] = {}
    barriers = (
        Insight.objects.shareable()
        .filter(session__area=area, kind=InsightKind.BARRIER)
        .order_by("created_at", "pk")
        .values_list("barrier_type__name", "text")
    )
    for name, text in barriers:
        groups.setdefault(name or "Other barriers", []).append(text)
    return [
        {"name": name, "count": len(texts), "examples": texts[:BARRIER_EXAMPLES]}
        for name, texts in sorted(
            groups.items(), key=lambda item: (item[0] == "Other barriers", -len(item[1]), item[0])
        )
    ]


def action_counts(area, *, today) -> dict:
    """How many of the area's actions are open, done, and open past their due date."""
    return Action.objects.filter(area=area).aggregate(
        open=Count("pk", filter=~Q(status=ActionStatus.DONE)),
        done=Count("pk", filter=Q(status=ActionStatus.DONE)),
        overdue=Count("pk", filter=~Q(status=ActionStatus.DONE) & Q(due_on__lt=today)),
    )


def completed_actions(area, *, limit=12):
    """What the partnership has done, the most recently finished first; owners unnamed."""
    return Action.objects.filter(area=area, status=ActionStatus.DONE).order_by(
        "-updated_at", "-pk"
    )[:limit]


def shareable_quotes(area):
    """Quotes heard at the area's sessions whose speakers agreed to them being shared."""
    return (
        Insight.objects.shareable()
        .filter(session__area=area, kind=InsightKind.QUOTE)
        .select_related("session")
        .order_by("created_at", "pk")
    )


# Reads other apps build on (the learning explorer, similar work elsewhere): they narrow
# these further, and what counts as an area's barriers or actions is decided here.


def insights_of_kinds(kinds):
    """Every insight of these kinds in every area; the caller applies its own scope."""
    return Insight.objects.filter(kind__in=kinds)


def barriers_of(*, area=None, session=None):
    """The barriers heard at one session, or at every session of an area."""
    if session is not None:
        return Insight.objects.filter(session=session, kind=InsightKind.BARRIER)
    return Insight.objects.filter(session__area=area, kind=InsightKind.BARRIER)


def actions_of(*, area=None, session=None):
    """The actions agreed at one session, or anywhere in an area."""
    if session is not None:
        return Action.objects.filter(session=session)
    return Action.objects.filter(area=area)


def shareable_barriers_elsewhere(area):
    """Barriers other areas heard that may be shown outside them."""
    return Insight.objects.shareable().filter(kind=InsightKind.BARRIER).exclude(session__area=area)


def actions_elsewhere(area):
    return Action.objects.exclude(area=area)


def actions_visible_to(user, *, roles=None):
    return Action.objects.visible_to(user, roles=roles)


def barrier_types():
    return BarrierType.objects.all()
