from datetime import date

from django.db import transaction

from areas.models import Area
from partnerships.models import Person
from partnerships.review import services as review
from partnerships.review.models import ReviewStatus
from workshops.actions import tracking
from workshops.models import Action
from workshops.suggestions.models import ActionSuggestion


@transaction.atomic
def action_suggestion_make(
    *,
    area: Area,
    by: Person,
    description: str,
    why: str,
    suggested_owner: Person | None = None,
    due_on: date | None = None,
) -> ActionSuggestion:
    suggestion = ActionSuggestion.objects.create(
        area=area,
        proposed_by=by,
        description=description.strip(),
        why=why.strip(),
        suggested_owner=suggested_owner,
        due_on=due_on,
    )
    review.facilitators_told(area=area)
    return suggestion


@transaction.atomic
def action_suggestion_accept(
    *,
    suggestion: ActionSuggestion,
    by: Person,
    description: str,
    owner: Person,
    due_on: date | None = None,
) -> Action:
    """A facilitator accepts, as suggested or edited: the action is on the board, its owner
    is told, and it keeps the suggestion (and so who suggested it)."""
    locked = review.lock_waiting(suggestion)
    action = Action.objects.create(
        area_id=locked.area_id,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
        created_by=by,
        updated_by=by,
    )
    tracking.action_created(action=action, by=by)
    review.mark_decided(locked, by=by, decision=ReviewStatus.ACCEPTED, action=action)
    return action
