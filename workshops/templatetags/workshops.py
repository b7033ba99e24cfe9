"""The area page's sessions panel: the area app shows it without importing this one."""

from django import template
from django.utils import timezone

from workshops import selectors
from workshops.models import Session, SessionStatus

register = template.Library()

RECENT_SESSIONS = 3


@register.inclusion_tag("workshops/_area_sessions.html", takes_context=True)
def area_sessions(context, area):
    """The area's next planned session and its latest ones, in two queries.

    Uses the area page's own `can_manage`, so the panel adds no access queries.
    """
    now = timezone.now()
    sessions = selectors.list_sessions(Session.objects.filter(area=area))
    return {
        "area": area,
        "next_session": sessions.filter(status=SessionStatus.PLANNED, starts_at__gte=now)
        .order_by("starts_at")
        .first(),
        "recent_sessions": list(sessions.filter(starts_at__lt=now)[:RECENT_SESSIONS]),
        "can_edit": context.get("can_manage", False),
    }
