"""Numbers as people type them into the platform, read one way only.

Python reads "1_000", "1e3" and "١٢" as numbers, and dropping the commas from "12,50" or
"66,2" (which much of Europe writes for 12.50 and 66.2) turns them into 1250 and 662.
A figure that could mean two things is refused here with a reason, so a form can say how
to write it, and nothing is saved as a number nobody meant.

What is read: ASCII digits; commas only between groups of three, counted from the left of
the whole part ("1,250.50", never "12,50" or "1,,0"); a full stop before at most `places`
decimals; a leading minus, so a form can say the number must be positive rather than that
it is not a number; space around it all. Optionally a prefix ("£") or suffix ("%").
"""

import re
from decimal import Decimal

# Why a text was not read, as a form's error message code.
NOT_A_NUMBER = "invalid"
DECIMAL_COMMA = "decimal_comma"
MISPLACED_COMMA = "misplaced_comma"
NOT_ASCII_DIGITS = "not_ascii_digits"
TOO_MANY_PLACES = "too_many_places"
REASONS = (NOT_A_NUMBER, DECIMAL_COMMA, MISPLACED_COMMA, NOT_ASCII_DIGITS, TOO_MANY_PLACES)

_NUMBER = re.compile(
    r"(?P<whole>[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<fraction>[0-9]+))?", re.ASCII
)
# "12,50", "66,2" and "1.250,50" read as numbers with a decimal or two once commas and
# full stops are swapped: they are written the way much of Europe writes decimals.
_SWAP_SEPARATORS = str.maketrans(",.", ".,")


class NumberNotRead(ValueError):
    """The text is not a number this module reads; `code` says why (see the codes above)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def read_number(text: str, *, places: int, prefix: str = "", suffix: str = "") -> Decimal:
    """The number `text` means, with at most `places` decimals, or NumberNotRead.

    `prefix` and `suffix` may each appear once, with or without a space: "£12.50",
    "-£5", "71.5 %". A minus comes first.
    """
    body = text.strip()
    if suffix:
        body = body.removesuffix(suffix).rstrip()
    negative = body.startswith("-")
    body = body.removeprefix("-")
    if prefix:
        body = body.removeprefix(prefix).lstrip()
    if any(character.isdigit() and not character.isascii() for character in body):
        raise NumberNotRead(NOT_ASCII_DIGITS)
    match = _NUMBER.fullmatch(body)
    if match is None:
        swapped = _NUMBER.fullmatch(body.translate(_SWAP_SEPARATORS))
        if swapped and swapped["fraction"] and len(swapped["fraction"]) <= 2:
            raise NumberNotRead(DECIMAL_COMMA)
        raise NumberNotRead(MISPLACED_COMMA if "," in body else NOT_A_NUMBER)
    fraction = match["fraction"] or ""
    if len(fraction) > places:
        raise NumberNotRead(TOO_MANY_PLACES)
    digits = match["whole"].replace(",", "") + (f".{fraction}" if fraction else "")
    number = Decimal(f"-{digits}" if negative else digits)
    # "-0" is zero, not a negative number to refuse.
    return abs(number) if number == 0 else number
