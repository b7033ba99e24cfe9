"""What the room borrows from learning across areas, an app above this one.

The programme's themes and its measure of what makes two texts alike belong to
`learning`, which registers them here from its AppConfig.ready(), as apps fill the
privacy registry; the room never imports it. Until it does, there are no themes to tag
with and items are compared by the plain words they share.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Learning:
    # (id, name) of every theme a facilitator may tag with.
    themes: Callable[[], list[tuple[int, str]]]
    # Tag an insight with a theme (by id), as `by`; tagging twice is harmless.
    tag: Callable[..., None]
    # The names of the themes each insight is tagged with, for a list of insight ids.
    themes_of: Callable[[list[int]], dict[int, list[str]]]
    # The words of a text that say something, for comparing it with others.
    words: Callable[[str], set[str]]


def _plain_words(text: str) -> set[str]:
    return set(re.findall(r"\w{3,}", text.lower()))


_learning = Learning(
    themes=lambda: [],
    tag=lambda *args, **kwargs: None,
    themes_of=lambda ids: {},
    words=_plain_words,
)


def register(learning: Learning) -> None:
    global _learning
    _learning = learning


def learning() -> Learning:
    return _learning
