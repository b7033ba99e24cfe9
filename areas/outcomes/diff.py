"""Word-level differences between two versions of a statement, for side-by-side reading.

Removed words are wrapped in <del> and added ones in <ins>, each with visually hidden
words saying so, so the change is not carried by colour or strike-through alone.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from areas.outcomes.models import CaoContent, CaoStatus

# Words, single punctuation marks and runs of whitespace, so a changed comma is one change.
_TOKENS = re.compile(r"\w+|[^\w\s]|\s+")
_WORD = re.compile(r"\w+")

SAME, REMOVED, ADDED = "same", "removed", "added"


@dataclass(frozen=True)
class Piece:
    text: str
    change: str


@dataclass(frozen=True)
class TextDiff:
    """The old text with its removals marked, the new with its additions, and both in one."""

    before: list[Piece]
    after: list[Piece]
    inline: list[Piece]

    @property
    def changed(self) -> bool:
        return any(piece.change != SAME for piece in self.before + self.after)

    @property
    def words_removed(self) -> int:
        return _count_words(self.before, REMOVED)

    @property
    def words_added(self) -> int:
        return _count_words(self.after, ADDED)

    @property
    def before_html(self) -> SafeString:
        return _html(self.before)

    @property
    def after_html(self) -> SafeString:
        return _html(self.after)

    @property
    def inline_html(self) -> SafeString:
        return _html(self.inline)

    @property
    def before_text(self) -> str:
        return "".join(piece.text for piece in self.before)


def diff_words(old: str, new: str) -> TextDiff:
    old_tokens, new_tokens = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    before, after, inline = [], [], []
    for tag, i1, i2, j1, j2 in _join_changes(matcher.get_opcodes(), old_tokens, new_tokens):
        removed, added = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        if tag == "equal":
            before.append(Piece(removed, SAME))
            after.append(Piece(added, SAME))
            inline.append(Piece(added, SAME))
            continue
        if removed:
            before.append(Piece(removed, REMOVED))
            inline.append(Piece(removed, REMOVED))
        if added:
            after.append(Piece(added, ADDED))
            inline.append(Piece(added, ADDED))
    return TextDiff(before, after, inline)


def _join_changes(opcodes, old_tokens, new_tokens):
    """Opcodes with two changes merged when only a little glue separates them.

    "a brown fox" → "a red dog" reads better as one change ("brown fox" → "red dog") than
    as two around an unchanged space; and in a rewritten sentence, a lone "the" or "to"
    that happens to survive between two longer changes is noise, not something kept.
    """
    joined = []
    for opcode in opcodes:
        joined.append(list(opcode))
        while len(joined) >= 3 and _is_glue(*joined[-3:], old_tokens, new_tokens):
            first, _, last = joined[-3:]
            joined[-3:] = [["replace", first[1], last[2], first[3], last[4]]]
    return joined


def _is_glue(before, between, after, old_tokens, new_tokens) -> bool:
    if before[0] == "equal" or between[0] != "equal" or after[0] == "equal":
        return False
    text = "".join(old_tokens[between[1] : between[2]])
    if not text.strip():
        return True
    words = _WORD.findall(text)
    return (
        "\n" not in text
        and len(words) <= 1
        and all(len(word) <= 3 for word in words)
        and _change_size(before, old_tokens, new_tokens) >= 2
        and _change_size(after, old_tokens, new_tokens) >= 2
    )


def _change_size(opcode, old_tokens, new_tokens) -> int:
    """Words on the larger side of a change."""
    _, i1, i2, j1, j2 = opcode
    return max(
        len(_WORD.findall("".join(old_tokens[i1:i2]))),
        len(_WORD.findall("".join(new_tokens[j1:j2]))),
    )


def _count_words(pieces, change) -> int:
    return sum(len(_WORD.findall(piece.text)) for piece in pieces if piece.change == change)


_MARKUP = {
    REMOVED: (
        '<del class="app-diff__removed"><span class="nhsuk-u-visually-hidden">[removed: </span>'
        '{}<span class="nhsuk-u-visually-hidden">]</span></del>'
    ),
    ADDED: (
        '<ins class="app-diff__added"><span class="nhsuk-u-visually-hidden">[added: </span>'
        '{}<span class="nhsuk-u-visually-hidden">]</span></ins>'
    ),
}


def _html(pieces) -> SafeString:
    return mark_safe("".join(_piece_html(piece) for piece in pieces))


def _piece_html(piece) -> str:
    if piece.change not in _MARKUP:
        return escape(piece.text)
    # Spaces around a change stay outside its mark, so "GP " reads as the word "GP".
    words = piece.text.strip()
    if not words:
        return escape(piece.text)
    leading, _, rest = piece.text.partition(words)
    return escape(leading) + format_html(_MARKUP[piece.change], words) + escape(rest)


@dataclass(frozen=True)
class FieldDiff:
    label: str
    diff: TextDiff


FIELD_LABELS = {
    "title": "Title",
    "challenge": "Challenge",
    "actions": "Actions",
    "outcome": "Expected outcome",
    "status": "Status",
    "as_of": "As of",
}


def _as_text(name: str, value) -> str:
    if name == "status":
        return CaoStatus(value).label
    if name == "as_of":
        return f"{value:%-d %B %Y}"
    return value


def compare_content(old: dict, new: dict) -> list[FieldDiff]:
    """Each field of two versions of a statement (CaoContent.content() dicts), compared."""
    return [
        FieldDiff(
            FIELD_LABELS[name],
            diff_words(_as_text(name, old[name]), _as_text(name, new[name])),
        )
        for name in CaoContent.CONTENT_FIELDS
    ]
