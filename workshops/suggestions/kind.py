"""Suggested actions, as "Your suggestions" and the review emails list them."""

from partnerships.review.registry import Entry, Kind, register
from workshops.suggestions.models import ActionSuggestion


def _entry(suggestion: ActionSuggestion) -> Entry:
    return Entry.of(
        suggestion,
        kind="A new action",
        title=suggestion.description,
        area_name=suggestion.area.name,
        url=suggestion.get_absolute_url(),
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
