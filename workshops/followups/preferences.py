"""Which follow-up emails each person gets, and the signed link that turns one kind off.

The unsubscribe link names a person and a kind and is signed with the secret key; it
never expires, as mail clients may offer it long after the email arrived.
"""

from django.core import signing
from django.db import transaction

from workshops.followups.models import FollowUpKind, FollowUpOptOut

SALT = "workshops.follow-up-unsubscribe"


def unsubscribe_token(*, person_id: int, kind: str) -> str:
    return signing.Signer(salt=SALT).sign_object({"p": person_id, "k": str(kind)})


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(person id, kind) from a token, or None if it is not one of ours."""
    try:
        payload = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("k") not in FollowUpKind.values:
        return None
    if not isinstance(payload.get("p"), int):
        return None
    return payload["p"], payload["k"]


def turned_off(person) -> set[str]:
    return set(FollowUpOptOut.objects.filter(person=person).values_list("kind", flat=True))


def kinds_for(*, facilitates: bool, coordinates: bool = False) -> list[str]:
    """The kinds a person could get: only facilitators are told about overdue actions, and
    only LCO coordinators about sessions waiting to be cascaded."""
    offered = {
        FollowUpKind.ESCALATION: facilitates,
        FollowUpKind.CASCADE: coordinates,
    }
    return [kind for kind in FollowUpKind.values if offered.get(kind, True)]


@transaction.atomic
def preferences_save(*, person, offered: list[str], wanted: set[str]) -> None:
    """Of the `offered` kinds, turn on those `wanted` and off the others."""
    FollowUpOptOut.objects.filter(person=person, kind__in=wanted).delete()
    FollowUpOptOut.objects.bulk_create(
        [FollowUpOptOut(person=person, kind=kind) for kind in offered if kind not in wanted],
        ignore_conflicts=True,
    )


def unsubscribe(*, person_id: int, kind: str) -> None:
    FollowUpOptOut.objects.bulk_create(
        [FollowUpOptOut(person_id=person_id, kind=kind)], ignore_conflicts=True
    )
