"""Reads the session pages share, each in a bounded number of queries."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from areas import selectors as area_selectors
from areas.models import LocalCoordinatingOrganisation, SteeringMember
from partnerships.models import AreaRole, Membership, Person, ProgrammeRole
from workshops.models import Attendance, Session

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
            Q(pk__in=Membership.objects.filter(area=area).values("person_id"))
            | Q(pk__in=SteeringMember.objects.filter(area=area).values("person_id"))
            | Q(
                pk__in=LocalCoordinatingOrganisation.objects.filter(area=area).values(
                    "coordinator_id"
                )
            )
            | Q(pk__in=Attendance.objects.filter(session__area=area).values("person_id"))
        )
        .exclude(programme_role=ProgrammeRole.FUNDER)
        .select_related("organisation")
        .order_by("full_name")
    )
