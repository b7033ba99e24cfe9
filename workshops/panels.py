"""The area page's sessions and actions panels (see `partnerships.panels`)."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from partnerships.panels import Panel, PanelRequest, fingerprint, register
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

RECENT_SESSIONS = 3


def area_sessions(panel_request: PanelRequest) -> dict:
    """The area's next planned session and its latest ones, in two queries."""
    area, now = panel_request.subject, timezone.now()
    sessions = selectors.list_sessions(Session.objects.filter(area=area))
    return {
        "area": area,
        "next_session": sessions.filter(status=SessionStatus.PLANNED, starts_at__gte=now)
        .order_by("starts_at")
        .first(),
        "recent_sessions": list(sessions.filter(starts_at__lt=now)[:RECENT_SESSIONS]),
        "can_edit": panel_request.page["can_manage"],
    }


def area_sessions_versions(area) -> dict:
    """What the sessions panel shows: the area's sessions and what is counted of each,
    and what time changes (the next session, and how many have started)."""
    now = timezone.now()
    sessions = Session.objects.filter(area=OuterRef("pk"))
    in_area = {"session__area": OuterRef("pk")}
    return {
        "sessions": fingerprint(
            sessions, "area", "version", "title", "kind", "starts_at", "status", "venue", "format"
        ),
        "attendance": fingerprint(Attendance.objects.filter(**in_area), "session__area", "session"),
        "headcounts": fingerprint(
            SectorHeadcount.objects.filter(**in_area), "session__area", "session", "count"
        ),
        "insights": fingerprint(Insight.objects.filter(**in_area), "session__area", "session"),
        "actions": fingerprint(Action.objects.filter(area=OuterRef("pk")), "area", "session"),
        "started": Subquery(
            sessions.filter(starts_at__lt=now)
            .order_by()
            .values("area")
            .annotate(count=Count("pk"))
            .values("count")
        ),
        "next": Subquery(
            sessions.filter(status=SessionStatus.PLANNED, starts_at__gte=now)
            .order_by("starts_at")
            .values("pk")[:1]
        ),
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


def _area_fields(panel_request: PanelRequest) -> tuple:
    area = panel_request.subject
    return (area.slug, area.name, panel_request.page["can_manage"])


register(
    Panel(
        page="area",
        name="sessions",
        slot="work",
        order=10,
        template="workshops/_area_sessions.html",
        context=area_sessions,
        versions=area_sessions_versions,
        varies_by=_area_fields,
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
