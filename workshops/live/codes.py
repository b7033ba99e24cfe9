"""Join codes: short enough to type from a screen across a village hall, too many to guess.

Eight characters from 31 that cannot be mistaken for one another (no 0/O, 1/I/L) give
about 8.5 × 10¹¹ codes. With a few rooms open at once and code lookups rate-limited per
address, a guess succeeds about once in a hundred billion tries.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str:
    """The code someone typed, as stored: upper case, without the spaces or dashes people
    add when copying it from the screen."""
    return re.sub(r"[\s\-–—.]", "", typed or "").upper()


def is_well_formed(code: str) -> bool:
    return len(code) == LENGTH and all(character in ALPHABET for character in code)


def display(code: str) -> str:
    """Two groups of four, easier to read aloud and to type."""
    return f"{code[:4]} {code[4:]}"
