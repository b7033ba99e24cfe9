"""The area page's sessions, actions and reach panels (see `partnerships.panels`).

None is cached: each reads a few queries on the area's own rows, cheaper than the
fingerprint of everything they count would be, and reach shows names to the area team.
"""

from django.db.models import Count, Q
from django.utils import timezone

from partnerships.panels import Panel, PanelRequest, register
from workshops import selectors
from workshops.models import Action, ActionStatus, Session, SessionStatus
from workshops.reach import selectors as reach_selectors

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
register(
    Panel(
        page="area",
        name="reach",
        slot="work",
        order=25,
        template="workshops/reach/_area_reach.html",
        context=area_reach,
    )
)
