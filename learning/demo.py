"""Themes on the demo programme's insights and actions, so the explorer's counts fill in.

Each theme is matched by words that speak to it; re-running adds nothing new.
"""

from learning.models import ActionTheme, InsightTheme, Theme
from workshops.models import Action, Insight, InsightKind

# Words in a barrier, idea, quote or action that point to each seeded theme.
THEME_WORDS = {
    "Resources for long-term neighbourhood work": ["funding", "budget", "grant", "cost", "pay"],
    "Taking health into communities": ["community", "mosque", "church", "village", "market"],
    "Distributed leadership and power sharing": ["leader", "champion", "lived experience"],
    "Cultural shift in planning": ["co-design", "plan", "listen", "ask"],
    "Working across organisational boundaries": ["practice", "council", "nhs", "referral"],
}


def load(stdout):
    themes = Theme.objects.in_bulk(list(THEME_WORDS), field_name="name")
    if not themes or InsightTheme.objects.exists():
        return
    insight_links, action_links = [], []
    insights = Insight.objects.filter(
        kind__in=[InsightKind.BARRIER, InsightKind.IDEA, InsightKind.QUOTE]
    )
    for insight in insights:
        insight_links += [
            InsightTheme(insight=insight, theme=theme)
            for theme in _themes_for(insight.text, themes)
        ]
    for action in Action.objects.all():
        action_links += [
            ActionTheme(action=action, theme=theme)
            for theme in _themes_for(action.description, themes)
        ]
    InsightTheme.objects.bulk_create(insight_links, ignore_conflicts=True)
    ActionTheme.objects.bulk_create(action_links, ignore_conflicts=True)
    if insight_links or action_links:
        stdout.write(f"Tagged {len(insight_links)} insights and {len(action_links)} actions.")


def _themes_for(text, themes):
    lowered = text.lower()
    return [
        themes[name]
        for name, words in THEME_WORDS.items()
        if name in themes and any(word in lowered for word in words)
    ]
