"""The area page's sessions and actions panels (see `partnerships.panels`).

Neither is cached: each is one or two queries on the area's own rows, cheaper than the
fingerprint of everything they count would be.
"""

from django.db.models import Count, Q
from django.utils import timezone

from partnerships.panels import Panel, PanelRequest, register
from workshops import selectors
from workshops.models import Action, ActionStatus, Session, SessionStatus

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


def area_actions(panel_request: PanelRequest) -> dict:
    """How many of the area's actions are open and overdue, in one query."""
    area, today = panel_request.subject, timezone.localdate()
    counts = Action.objects.filter(area=area).aggregate(
        open=Count("pk", filter=~Q(status=ActionStatus.DONE)),
        overdue=Count("pk", filter=~Q(status=ActionStatus.DONE) & Q(due_on__lt=today)),
        blocked=Count("pk", filter=Q(status=ActionStatus.BLOCKED)),
    )
    return {"area": area, **counts}


register(
    Panel(
        page="area",
        name="sessions",
        slot="work",
        order=10,
        template="workshops/_area_sessions.html",
        context=area_sessions,
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
