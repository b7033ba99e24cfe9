"""Suggested actions, as "Your suggestions" and the review emails list them."""

from partnerships.review.registry import Entry, Kind, register
from workshops.suggestions.models import ActionSuggestion


def _entry(suggestion: ActionSuggestion) -> Entry:
    return Entry(
        kind="A new action",
        title=suggestion.description,
        area_name=suggestion.area.name,
        state=suggestion.get_decision_display(),
        at=suggestion.proposed_at,
        url=suggestion.get_absolute_url(),
        note=suggestion.decision_note,
    )


register(
    Kind(
        noun="action",
        rows=lambda: ActionSuggestion.objects.select_related("area"),
        area_path="area",
        entry=_entry,
        order=2,
    )
)
