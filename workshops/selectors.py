"""Reads the session pages share, each in a bounded number of queries."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from areas import selectors as area_selectors
from areas.models import LocalCoordinatingOrganisation, SteeringMember
from partnerships.models import AreaRole, Membership, Person, ProgrammeRole, Sector
from partnerships.querysets import any_of
from workshops.models import (
    Action,
    Attendance,
    Draft,
    Insight,
    InsightKind,
    SectorHeadcount,
    Session,
)

# Who may see the people at a session and quotes given without consent.
AREA_TEAM_ROLES = frozenset({AreaRole.FACILITATOR, AreaRole.LCO_COORDINATOR})


def get_session_for(user, area_slug: str, session_id: int, *, roles=None) -> Session:
    """The session if `user` may see its area, else 404 — the same answer as for none."""
    area = area_selectors.get_area_for(user, area_slug, roles=roles)
    session = get_object_or_404(
        Session.objects.filter(area=area).select_related("sub_group"), pk=session_id
    )
    session.area = area
    return session


def is_area_team(roles: set[str]) -> bool:
    """Whether someone with these roles in an area may see its participants' personal data."""
    return bool(roles & AREA_TEAM_ROLES)


def area_people(area):
    """Everyone who belongs to the area's partnership: members, the steering group, LCO
    coordinators and anyone who has come to one of its sessions."""
    return (
        Person.objects.filter(
            pk__in=any_of(
                Membership.objects.filter(area=area).values("person_id"),
                SteeringMember.objects.filter(area=area).values("person_id"),
                LocalCoordinatingOrganisation.objects.filter(area=area).values("coordinator_id"),
                Attendance.objects.filter(session__area=area).values("person_id"),
            )
        )
        .exclude(programme_role=ProgrammeRole.FUNDER)
        .select_related("organisation")
        .order_by("full_name")
    )


@dataclass
class InsightSection:
    """One of the session page's lists of things heard, and the form that adds to it."""

    kind: str
    heading: str
    items: list
    form: object = None

    @property
    def anchor(self):
        return f"{self.kind}s"

    @property
    def singular(self):
        return InsightKind(self.kind).label.lower()


SECTION_HEADINGS = {
    InsightKind.BARRIER: "Barriers",
    InsightKind.IDEA: "Ideas",
    InsightKind.DECISION: "Decisions",
    InsightKind.QUOTE: "Quotes",
}


def session_insights(session, *, team: bool) -> dict[str, list]:
    """The session's insights by kind; outside the area team, only what may be shared."""
    insights = session.insights.select_related("barrier_type", "speaker", "updated_by")
    if not team:
        insights = insights.shareable()
    by_kind = {kind: [] for kind in InsightKind.values}
    for insight in insights:
        by_kind[insight.kind].append(insight)
    return by_kind


def session_actions(session):
    return list(session.actions.select_related("owner__organisation", "sub_group", "updated_by"))


def session_attendances(session):
    return list(session.attendances.select_related("person", "organisation"))


def attendance_by_sector(attendances, headcounts) -> list[dict]:
    """Who came, by sector: named attendees' organisations plus people counted by sector."""
    named = Counter(
        attendance.organisation.sector if attendance.organisation else None
        for attendance in attendances
    )
    counted = {headcount.sector: headcount.count for headcount in headcounts}
    rows = []
    for sector, label in Sector.choices:
        if named[sector] or counted.get(sector):
            rows.append(
                {
                    "label": label,
                    "named": named[sector],
                    "counted": counted.get(sector, 0),
                    "total": named[sector] + counted.get(sector, 0),
                }
            )
    if named[None]:
        rows.append(
            {"label": "No organisation", "named": named[None], "counted": 0, "total": named[None]}
        )
    return rows


def drafts_for(session, person) -> dict[str, object]:
    """The person's unsaved drafts on this session, by form key."""
    if person is None:
        return {}
    return {draft.form_key: draft for draft in Draft.objects.filter(session=session, person=person)}


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
