"""Themes and similar words for the live room of a partnership day (workshops.live).

Registered from LearningConfig.ready(), so the room, in the app below this one, can tag
what it accepts with the programme's themes and spot items that say the same thing.
"""

from collections import defaultdict

from learning.models import InsightTheme, Theme
from learning.services import items_tag
from learning.similarity import significant_words
from workshops.live import hooks


def _themes() -> list[tuple[int, str]]:
    return list(Theme.objects.order_by("name").values_list("pk", "name"))


def _tag(insight, theme_id: int, by) -> None:
    theme = Theme.objects.filter(pk=theme_id).first()
    if theme is not None:
        items_tag(theme=theme, insights=[insight], actions=[], by=by)


def _themes_of(insight_ids: list[int]) -> dict[int, list[str]]:
    names = defaultdict(list)
    links = InsightTheme.objects.filter(insight_id__in=insight_ids).order_by("theme__name")
    for insight_id, name in links.values_list("insight_id", "theme__name"):
        names[insight_id].append(name)
    return dict(names)


hooks.register(
    hooks.Learning(themes=_themes, tag=_tag, themes_of=_themes_of, words=significant_words)
)
