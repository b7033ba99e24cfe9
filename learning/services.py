"""Writes: tagging what areas heard and agreed with the programme's themes."""

from django.db import transaction

from learning.models import ActionTheme, InsightTheme


@transaction.atomic
def items_tag(*, theme, insights, actions, by) -> int:
    """Tag the insights and actions with `theme`; returns how many were not tagged before.

    Tagging twice is harmless: an existing link is left as it was.
    """
    had_insights = set(
        InsightTheme.objects.filter(theme=theme, insight__in=insights).values_list(
            "insight_id", flat=True
        )
    )
    had_actions = set(
        ActionTheme.objects.filter(theme=theme, action__in=actions).values_list(
            "action_id", flat=True
        )
    )
    new_insights = [
        InsightTheme(insight=insight, theme=theme, tagged_by=by)
        for insight in insights
        if insight.pk not in had_insights
    ]
    new_actions = [
        ActionTheme(action=action, theme=theme, tagged_by=by)
        for action in actions
        if action.pk not in had_actions
    ]
    # A colleague tagging the same items at the same moment is not an error.
    InsightTheme.objects.bulk_create(new_insights, ignore_conflicts=True)
    ActionTheme.objects.bulk_create(new_actions, ignore_conflicts=True)
    return len(new_insights) + len(new_actions)


@transaction.atomic
def items_untag(*, theme, insights, actions) -> int:
    """Take `theme` off the insights and actions; returns how many had it."""
    removed, _ = InsightTheme.objects.filter(theme=theme, insight__in=insights).delete()
    removed_actions, _ = ActionTheme.objects.filter(theme=theme, action__in=actions).delete()
    return removed + removed_actions
