"""Each area's sessions and actions as figures of the programme dashboard (in `areas`).

Registered from WorkshopsConfig.ready(). Each is one subquery per area on the indexes
the dashboard relies on: sessions by (area, starts_at), open actions by (area, due_on).
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from areas.programme import figures
from workshops.models import Action, Session


def _session_at(*, before: bool):
    def expression(now):
        sessions = Session.objects.filter(area=OuterRef("pk"))
        if before:
            sessions = sessions.filter(starts_at__lte=now).order_by("-starts_at")
        else:
            sessions = sessions.filter(starts_at__gt=now).order_by("starts_at")
        return Subquery(sessions.values("starts_at")[:1])

    return expression


def _count(actions):
    counted = actions.filter(area=OuterRef("pk")).order_by().values("area")
    return Coalesce(Subquery(counted.annotate(number=Count("*")).values("number")), 0)


def _open_actions(now):
    return _count(Action.objects.open())


def _overdue_actions(now):
    # Overdue from the day after the due date, as the action board and reminders count it.
    return _count(Action.objects.open().filter(due_on__lt=timezone.localdate(now)))


figures.register("last_session_at", _session_at(before=True))
figures.register("next_session_at", _session_at(before=False))
figures.register("open_actions", _open_actions)
figures.register("overdue_actions", _overdue_actions)
