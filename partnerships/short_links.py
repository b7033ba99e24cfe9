"""Short signed addresses whose credential is in the address: `<id in base 36>-<signature>`.

The signature is an HMAC under the site's secret, in lower-case base 32 and cut to a length
that can be typed from paper yet not guessed. Each use (a report-back, a pulse invitation)
signs with its own salt and decides what the signature covers.
"""

import base64

from django.utils.crypto import salted_hmac
from django.utils.http import base36_to_int, int_to_base36


def signature(salt: str, message: str, chars: int) -> str:
    digest = salted_hmac(salt, message, algorithm="sha256").digest()
    return base64.b32encode(digest).decode()[:chars].lower()


def token(object_id: int, signed: str) -> str:
    return f"{int_to_base36(object_id)}-{signed}"


def split(value: str, chars: int) -> tuple[int, str] | None:
    """The id and signature a token holds, or None if it is not shaped like one."""
    head, _, signed = value.partition("-")
    if len(signed) != chars or not 0 < len(head) <= 13:
        return None
    try:
        return base36_to_int(head), signed
    except ValueError:
        return None
