"""The owner link: a signed address that lets an action's owner update that one action.

Owners without an account get it in their emails. It names the action, the owner it was
sent to and the action's link nonce, and is signed with the secret key and a time, so
it cannot be altered, stops working after ACTION_OWNER_LINK_DAYS, stops working for a
previous owner once the action is reassigned, and stops working for everyone when a
facilitator withdraws it (a new nonce).
"""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare

from workshops.actions.models import Action

SALT = "workshops.action-owner-link"
# Enough of the nonce to tell a withdrawn link from a current one.
NONCE_CHARACTERS = 12


class OwnerLinkRefused(Exception):
    """The link cannot be used; `reason` is a code for the page, `action` set if known."""

    def __init__(self, reason: str, action: Action | None = None):
        super().__init__(reason)
        self.reason = reason
        self.action = action


def owner_link_token(action: Action) -> str:
    payload = {
        "a": action.pk,
        "p": action.owner_id,
        "n": action.owner_link_nonce[:NONCE_CHARACTERS],
    }
    return signing.dumps(payload, salt=SALT)


def max_age() -> dt.timedelta:
    return dt.timedelta(days=settings.ACTION_OWNER_LINK_DAYS)


def action_for_owner_link(token: str) -> Action:
    """The action the link is for, or OwnerLinkRefused saying why not.

    The signature is checked first, so nothing is looked up for a made-up link.
    """
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age())
        expired = False
    except signing.SignatureExpired:
        payload = signing.loads(token, salt=SALT)
        expired = True
    except signing.BadSignature:
        raise OwnerLinkRefused("invalid") from None
    if not isinstance(payload, dict) or not {"a", "p", "n"} <= payload.keys():
        raise OwnerLinkRefused("invalid")
    action = (
        Action.objects.filter(pk=payload["a"]).select_related("area", "session", "owner").first()
    )
    if action is None:
        raise OwnerLinkRefused("gone")
    if not constant_time_compare(str(payload["n"]), action.owner_link_nonce[:NONCE_CHARACTERS]):
        raise OwnerLinkRefused("withdrawn", action)
    if payload["p"] != action.owner_id:
        raise OwnerLinkRefused("reassigned", action)
    if expired:
        raise OwnerLinkRefused("expired", action)
    return action
