"""The two links that work without an account: a table host's, and a story's receipt.

Both are signed with the secret key, so they cannot be made up or altered, and nothing
secret is stored. A table host link names the room, the table and the room's host nonce,
and carries the time it was made: it stops working after ``LIVE_TABLE_LINK_HOURS``,
when the room closes, or when a facilitator withdraws every table link (a new nonce). A
receipt never expires: taking one's words back must work long after the day.
"""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare

TABLE_SALT = "workshops.live.table-host"
RECEIPT_SALT = "workshops.live.receipt"
# Enough of the nonce to tell a withdrawn link from a current one.
NONCE_CHARACTERS = 12


def table_link_token(room, table: int) -> str:
    return signing.dumps(
        {"r": room.pk, "t": table, "n": room.host_nonce[:NONCE_CHARACTERS]}, salt=TABLE_SALT
    )


def read_table_link(token: str) -> tuple[int, int, str] | None:
    """(room id, table, nonce) from a link that is genuine and not too old, else None."""
    try:
        payload = signing.loads(
            token, salt=TABLE_SALT, max_age=dt.timedelta(hours=settings.LIVE_TABLE_LINK_HOURS)
        )
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not {"r", "t", "n"} <= payload.keys():
        return None
    return payload["r"], payload["t"], payload["n"]


def nonce_matches(room, nonce: str) -> bool:
    return constant_time_compare(room.host_nonce[:NONCE_CHARACTERS], nonce)


def receipt_token(item) -> str:
    return signing.Signer(salt=RECEIPT_SALT).sign_object({"i": item.pk})


def read_receipt(token: str) -> int | None:
    """The id of the item a genuine receipt is for, else None."""
    try:
        payload = signing.Signer(salt=RECEIPT_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    item_id = payload.get("i") if isinstance(payload, dict) else None
    return item_id if isinstance(item_id, int) else None
