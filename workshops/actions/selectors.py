"""Reads of actions that pages share, each in a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Exists, F, OuterRef, Q
from django.shortcuts import get_object_or_404

from partnerships import access
from partnerships.databases import is_postgresql
from workshops.actions.models import Action, ActionEvent, ActionEventKind, ActionStatus
from workshops.models import FollowUp, FollowUpStatus

# "Due soon" on My actions: the coming week.
DUE_SOON_DAYS = 7
# Done actions shown on My actions, most recently finished first.
DONE_SHOWN = 20
# Done actions shown on an area's board; the rest are a link away, a page at a time.
DONE_ON_BOARD = 10


def get_action_for(user, area_slug: str, action_id: int) -> Action:
    """The action if `user` may see its area or owns it; otherwise 404, as for none."""
    scope = access.area_scope(user, field="area")
    person = access.person_for(user)
    if scope and person is not None:
        # An owner sees their own action even without a role in its area.
        scope |= Q(owner=person)
    actions = Action.objects.filter(scope, area__slug=area_slug).select_related(
        "area__cohort", "session", "owner__organisation", "sub_group", "updated_by"
    )
    return get_object_or_404(actions, pk=action_id)


def get_action_and_roles_for(user, area_slug: str, action_id: int) -> tuple[Action, set[str]]:
    """The action as `get_action_for` finds it, with the user's roles in its area (none for
    an owner from outside the area)."""
    action = get_action_for(user, area_slug, action_id)
    return action, access.roles_in(user, action.area)


# What a card on My actions shows, and its update form needs.
MY_ACTIONS_FIELDS = [
    "description",
    "status",
    "blocked_reason",
    "due_on",
    "version",
    "updated_at",
    "owner_id",
    "area__name",
    "area__slug",
    "session__title",
    "session__starts_at",
    "sub_group__name",
]


def _listed(actions):
    # Only what a card shows: a session's notes and the area's settings would otherwise
    # come along with every card.
    return actions.select_related("area", "session", "sub_group").only(*MY_ACTIONS_FIELDS)


@dataclass
class MyActions:
    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)
    later: list = field(default_factory=list)
    done: list = field(default_factory=list)

    @property
    def groups(self):
        return [
            ("overdue", "Overdue", self.overdue),
            ("due-soon", f"Due in the next {DUE_SOON_DAYS} days", self.due_soon),
            ("later", "Later, or no due date", self.later),
            ("done", "Done", self.done),
        ]

    @property
    def open_count(self):
        return len(self.overdue) + len(self.due_soon) + len(self.later)


def my_actions(person, *, today: dt.date) -> MyActions:
    """Everything `person` owns, in every area, grouped by when it is due. Two queries."""
    mine = MyActions()
    if person is None:
        return mine
    open_actions = _listed(Action.objects.open().filter(owner=person)).order_by(
        F("due_on").asc(nulls_last=True), "pk"
    )
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    for action in open_actions:
        if action.days_overdue(today):
            mine.overdue.append(action)
        elif action.due_on is not None and action.due_on <= soon:
            mine.due_soon.append(action)
        else:
            mine.later.append(action)
    done = Action.objects.filter(owner=person, status=ActionStatus.DONE)
    mine.done = list(_listed(done).order_by("-updated_at", "-pk")[:DONE_SHOWN])
    return mine


BOARD_FIELDS = [
    "area_id",
    "description",
    "status",
    "blocked_reason",
    "due_on",
    "updated_at",
    "owner__full_name",
    "owner__organisation__name",
    "session__title",
    "session__starts_at",
    "sub_group__name",
]


def board_actions(
    area,
    *,
    with_delivery: bool,
    owner=None,
    sub_group=None,
    session=None,
    due_from=None,
    due_to=None,
):
    """The area's actions, filtered; with `with_delivery`, whether an email about each
    could not be delivered (for the facilitators, who can do something about it)."""
    # Only what a board row and its spreadsheet show: a busy area has hundreds of rows,
    # and each session's full notes would otherwise come along with every one of them.
    actions = (
        Action.objects.filter(area=area)
        .select_related("owner__organisation", "session", "sub_group")
        .only(*BOARD_FIELDS)
    )
    if owner:
        actions = actions.filter(owner=owner)
    if sub_group:
        actions = actions.filter(sub_group=sub_group)
    if session:
        actions = actions.filter(session=session)
    if due_from:
        actions = actions.filter(due_on__gte=due_from)
    if due_to:
        actions = actions.filter(due_on__lte=due_to)
    if with_delivery:
        actions = actions.annotate(
            undelivered=Exists(
                FollowUp.objects.filter(action=OuterRef("pk"), status=FollowUpStatus.FAILED)
            )
        )
    return actions.order_by(F("due_on").asc(nulls_last=True), "pk")


class BoardColumn(NamedTuple):
    status: str
    label: str
    actions: list
    count: int


# What a board row shows, by the name the row reads it under.
BOARD_ROW = {
    "owner_name": F("owner__full_name"),
    "organisation_name": F("owner__organisation__name"),
    "session_title": F("session__title"),
    "sub_group_name": F("sub_group__name"),
}


def board_rows(actions):
    """The board's actions as rows to write: dicts of what each shows, not models (a busy
    area's board is hundreds of rows, and building five model instances for each of
    them cost several times the query)."""
    fields = ["pk", "description", "status", "blocked_reason", "due_on", "session_id"]
    if "undelivered" in actions.query.annotations:
        fields.append("undelivered")
    return actions.values(*fields, **BOARD_ROW)


def board_columns(actions) -> list[BoardColumn]:
    """Every status in the order work moves through them: the open actions in full, and
    only the most recently finished of the done ones (a busy area has hundreds), with
    their count, each as the board's rows. Three queries: the open actions, the recent
    done ones and the count."""
    groups = {status: [] for status in ActionStatus.values}
    for row in board_rows(actions.exclude(status=ActionStatus.DONE)):
        groups[row["status"]].append(row)
    done = actions.filter(status=ActionStatus.DONE)
    groups[ActionStatus.DONE] = list(board_rows(done_first_recent(done))[:DONE_ON_BOARD])
    done_count = done.count()
    return [
        BoardColumn(
            status,
            ActionStatus(status).label,
            groups[status],
            done_count if status == ActionStatus.DONE else len(groups[status]),
        )
        for status in groups
    ]


def done_first_recent(actions):
    """Done actions, the most recently finished first."""
    return actions.filter(status=ActionStatus.DONE).order_by("-updated_at", "-pk")


# What counts as an update on the board: what the owner (or a facilitator) said or did.
UPDATE_KINDS = (ActionEventKind.NOTE, ActionEventKind.STATUS)


def with_latest_updates(rows) -> None:
    """Give each of the board's `rows` its `latest_update`: its action's newest progress
    note or status change (or None), for every row in one query."""
    rows = list(rows)
    # DISTINCT ON reads each action's updates once, newest first, off the history index,
    # where a subquery for the newest of each ran once for every update.
    events = (
        ActionEvent.objects.filter(action_id__in=[row["pk"] for row in rows], kind__in=UPDATE_KINDS)
        .order_by("action_id", "-at", "-pk")
        .select_related("by")
    )
    if is_postgresql():
        events = events.distinct("action_id")
    latest = {}
    for event in events:
        latest.setdefault(event.action_id, event)
    for row in rows:
        row["latest_update"] = latest.get(row["pk"])


def action_history(action):
    return list(action.events.select_related("by"))


def action_follow_ups(action):
    return list(action.follow_ups.select_related("person").order_by("-created_at", "-pk"))
