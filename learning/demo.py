"""Themes on the demo programme's insights and actions, so the explorer's counts fill in.

Each theme is matched by words that speak to it (learning/demo/themes.toml); re-running
adds nothing new.
"""

from learning.models import ActionTheme, InsightTheme, Theme
from partnerships import demo_data
from workshops.models import Action, Insight, InsightKind


def load(stdout):
    theme_words = demo_data.load("learning", "themes")["words"]
    themes = Theme.objects.in_bulk(list(theme_words), field_name="name")
    if not themes or InsightTheme.objects.exists():
        return
    insight_links, action_links = [], []
    insights = Insight.objects.filter(
        kind__in=[InsightKind.BARRIER, InsightKind.IDEA, InsightKind.QUOTE]
    )
    for insight in insights:
        insight_links += [
            InsightTheme(insight=insight, theme=theme)
            for theme in _themes_for(insight.text, themes, theme_words)
        ]
    for action in Action.objects.all():
        action_links += [
            ActionTheme(action=action, theme=theme)
            for theme in _themes_for(action.description, themes, theme_words)
        ]
    InsightTheme.objects.bulk_create(insight_links, ignore_conflicts=True)
    ActionTheme.objects.bulk_create(action_links, ignore_conflicts=True)
    if insight_links or action_links:
        stdout.write(f"Tagged {len(insight_links)} insights and {len(action_links)} actions.")


def _themes_for(text, themes, theme_words):
    lowered = text.lower()
    return [
        themes[name]
        for name, words in theme_words.items()
        if name in themes and any(word in lowered for word in words)
    ]
