"""Writes to an action after it is agreed: its owner's updates, reassignment, its link."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from partnerships.models import Person
from partnerships.versioning import save_versioned
from workshops.actions import tracking
from workshops.actions.models import Action, ActionEvent, ActionEventKind, ActionStatus
from workshops.followups import planning
from workshops.models import new_nonce

# Uses of the owner link are recorded once an hour each, so reloading a page adds nothing.
LINK_QUIET_PERIOD = dt.timedelta(hours=1)


@transaction.atomic
def action_progress(
    *,
    action: Action,
    by: Person,
    version: int | None,
    status: str,
    blocked_reason: str = "",
    note: str = "",
    via_owner_link: bool = False,
) -> Action:
    """A new status (blocked needs a reason) and/or a progress note, as one update.

    The status is written against the version the person saw, so a change someone else
    saved meanwhile raises EditConflict rather than being overwritten. A note alone
    changes nothing on the action and needs no version check.
    """
    reason = blocked_reason.strip() if status == ActionStatus.BLOCKED else ""
    if status == ActionStatus.BLOCKED and not reason:
        raise ValueError("A blocked action needs a reason.")
    status_before = action.status
    if (status, reason) != (action.status, action.blocked_reason):
        save_versioned(action, version=version, by=by, status=status, blocked_reason=reason)
        tracking.record(
            action,
            ActionEventKind.STATUS,
            by=by,
            via_owner_link=via_owner_link,
            old_value=status_before,
            new_value=status,
            text=reason,
        )
    if note.strip():
        tracking.record(
            action, ActionEventKind.NOTE, by=by, via_owner_link=via_owner_link, text=note.strip()
        )
    return action


@transaction.atomic
def action_reassign(*, action: Action, by: Person, version: int | None, owner: Person) -> Action:
    owner_before, due_before = action.owner, action.due_on
    save_versioned(action, version=version, by=by, owner=owner)
    tracking.action_changed(action=action, owner_before=owner_before, due_before=due_before, by=by)
    return action


@transaction.atomic
def owner_email_add(*, action: Action, by: Person, email: str) -> None:
    """Give an owner recorded without an email address one, and tell them the action is
    theirs: until now no email about it could reach them."""
    Person.objects.filter(pk=action.owner_id, email="").update(email=email)
    action.owner.refresh_from_db(fields=["email"])
    tracking.record(action, ActionEventKind.OWNER_EMAIL_ADDED, by=by)
    planning.plan_assigned(action=action)


@transaction.atomic
def owner_link_withdraw(*, action: Action, by: Person) -> None:
    """Stop every owner link sent so far; emails from now on carry a new one."""
    Action.objects.filter(pk=action.pk).update(owner_link_nonce=new_nonce())
    tracking.record(action, ActionEventKind.LINK_REVOKED, by=by)


def owner_link_opened(*, action: Action) -> None:
    _record_link_use(action, ActionEventKind.LINK_OPENED, by=action.owner)


def owner_link_refused(*, action: Action, reason: str) -> None:
    """Someone followed a genuine link that no longer works (`reason`: why not)."""
    _record_link_use(action, ActionEventKind.LINK_REFUSED, text=reason)


def _record_link_use(action: Action, kind: str, **values) -> None:
    recent = ActionEvent.objects.filter(
        action=action, kind=kind, at__gt=timezone.now() - LINK_QUIET_PERIOD, **values
    )
    if not recent.exists():
        tracking.record(action, kind, via_owner_link=True, **values)
