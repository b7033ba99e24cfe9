"""What follows any change to an action: a line in its history, and a new owner is told.

Both the session page's edits (workshops.services) and the action's own pages call
these, so the history is the same whichever page made the change.
"""

from django.utils import timezone

from workshops.actions.models import Action, ActionEvent, ActionEventKind
from workshops.followups import planning


def record(action: Action, kind: str, *, by=None, via_owner_link=False, **values) -> ActionEvent:
    return ActionEvent.objects.create(
        action=action, kind=kind, by=by, via_owner_link=via_owner_link, at=timezone.now(), **values
    )


def action_created(*, action: Action, by) -> None:
    record(action, ActionEventKind.CREATED, by=by, new_value=action.owner.full_name)
    planning.plan_assigned(action=action)


def action_changed(*, action: Action, owner_before, due_before, by) -> None:
    """Record a new owner or due date, and tell a new owner the action is theirs."""
    if action.owner_id != owner_before.pk:
        record(
            action,
            ActionEventKind.REASSIGNED,
            by=by,
            old_value=owner_before.full_name,
            new_value=action.owner.full_name,
        )
        planning.plan_assigned(action=action)
    if action.due_on != due_before:
        record(
            action,
            ActionEventKind.DUE_DATE,
            by=by,
            old_value=due_before.isoformat() if due_before else "",
            new_value=action.due_on.isoformat() if action.due_on else "",
        )
