"""The area page's sessions, actions and reach panels (see `partnerships.panels`).

The sessions and reach panels are cached as HTML: their versions fingerprint the
area's sessions, who came to them (with their names, which reach shows the area team),
the head-counts and what was logged, all on the area's indexes; and they count the
sessions whose start has passed by the database's clock, so a session moves from "next"
to the latest ones, and into reach, the moment it starts. The actions panel is not
cached: its one query is cheaper than a key would be, and its overdue count moves with
the date.
"""

from django.db.models import Count, OuterRef, Q
from django.db.models.functions import Now
from django.utils import timezone

from partnerships.panels import Panel, PanelRequest, fingerprint, register, tally
from workshops import selectors
from workshops.models import (
    Action,
    ActionStatus,
    Attendance,
    Insight,
    SectorHeadcount,
    Session,
    SessionStatus,
)
from workshops.reach import selectors as reach_selectors
from workshops.reach.models import CommunityHeadcount, NamedCommunity

RECENT_SESSIONS = 3


def area_sessions(panel_request: PanelRequest) -> dict:
    """The area's next planned session and its latest ones, in two queries. Only the
    latest are counted: the next one shows its title, time and place, and building the
    four counts' subqueries again for it cost more than running them."""
    area, now = panel_request.subject, timezone.now()
    sessions = Session.objects.filter(area=area)
    return {
        "area": area,
        "next_session": sessions.filter(status=SessionStatus.PLANNED, starts_at__gte=now)
        .order_by("starts_at")
        .first(),
        "recent_sessions": list(
            selectors.list_sessions(sessions.filter(starts_at__lt=now))[:RECENT_SESSIONS]
        ),
        "can_edit": panel_request.page["can_manage"],
    }


def area_actions(panel_request: PanelRequest) -> dict:
    """How many of the area's actions are open and overdue, in one query."""
    area, today = panel_request.subject, timezone.localdate()
    counts = Action.objects.filter(area=area).aggregate(
        open=Count("pk", filter=~Q(status=ActionStatus.DONE)),
        overdue=Count("pk", filter=~Q(status=ActionStatus.DONE) & Q(due_on__lt=today)),
        blocked=Count("pk", filter=Q(status=ActionStatus.BLOCKED)),
    )
    return {"area": area, **counts}


def area_reach(panel_request: PanelRequest) -> dict:
    """Who the area's sessions have reached: names of who has not come back are for the
    area team; everyone else sees counts."""
    area = panel_request.subject
    team = selectors.is_area_team(panel_request.page["my_roles"])
    return {
        "area": area,
        "reach": reach_selectors.area_reach(area, with_names=team),
        "can_manage": panel_request.page["can_manage"],
    }


def _sessions_and_attendance() -> dict:
    """What both panels show of the area's sessions and who came to them."""
    area = OuterRef("pk")
    return {
        "sessions": fingerprint(
            Session.objects.filter(area=area),
            "area",
            "kind",
            "title",
            "starts_at",
            "status",
            "venue",
            "format",
        ),
        "attendance": fingerprint(
            Attendance.objects.filter(session__area=area),
            "session__area",
            "session_id",
            "person_id",
            "person__full_name",
        ),
        "headcounts": fingerprint(
            SectorHeadcount.objects.filter(session__area=area),
            "session__area",
            "session_id",
            "count",
        ),
    }


def area_sessions_versions() -> dict:
    area = OuterRef("pk")
    return {
        **_sessions_and_attendance(),
        "started": tally(Session.objects.filter(area=area, starts_at__lt=Now()), "area"),
        "insights": fingerprint(
            Insight.objects.filter(session__area=area), "session__area", "session_id"
        ),
        "actions": fingerprint(Action.objects.filter(area=area), "area", "session_id"),
    }


def area_reach_versions() -> dict:
    area = OuterRef("pk")
    return {
        **_sessions_and_attendance(),
        "started": tally(Session.objects.filter(area=area, starts_at__lte=Now()), "area"),
        "communities": fingerprint(
            NamedCommunity.objects.filter(area=area), "area", "name", "retired_at"
        ),
        "community_counts": fingerprint(
            CommunityHeadcount.objects.filter(session__area=area),
            "session__area",
            "session_id",
            "community_id",
            "count",
        ),
    }


def _area_and_editor(panel_request: PanelRequest) -> tuple:
    area = panel_request.subject
    return (area.slug, area.name, panel_request.page["can_manage"])


def _area_team_and_editor(panel_request: PanelRequest) -> tuple:
    """Reach names who has not come back to the area team only."""
    return (
        *_area_and_editor(panel_request),
        selectors.is_area_team(panel_request.page["my_roles"]),
    )


register(
    Panel(
        page="area",
        name="sessions",
        slot="work",
        order=10,
        template="workshops/_area_sessions.html",
        context=area_sessions,
        versions=area_sessions_versions,
        varies_by=_area_and_editor,
    )
)
register(
    Panel(
        page="area",
        name="actions",
        slot="work",
        order=20,
        template="workshops/_area_actions.html",
        context=area_actions,
    )
)
register(
    Panel(
        page="area",
        name="reach",
        slot="work",
        order=25,
        template="workshops/reach/_area_reach.html",
        context=area_reach,
        versions=area_reach_versions,
        varies_by=_area_team_and_editor,
    )
)
