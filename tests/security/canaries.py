"""Unique words hidden in area A's private data, to be looked for everywhere else."""

from areas.models import Consent, SpendStatus
from tests.areas.budgets.factories import SpendLineFactory
from tests.factories import EvidenceFactory, PersonFactory
from tests.security.area_a_objects import budget_a, room_a, session_a
from tests.workshops.factories import AttendanceFactory, QuoteFactory
from tests.workshops.live.factories import RoomItemFactory
from workshops.live.models import Naming, Sharing
from workshops.models import InsightKind

PREFIX = "qzcanary"

# What area A's steering members may not see either: participants' contact details and
# the quotes without consent stay with the facilitators and LCO, and payees stay with
# whoever runs the budget (README: budgets, learning; the session page's named attendees).
HIDDEN_FROM_STEERING = {
    "participant-name",
    "participant-email",
    "participant-phone",
    "quote-unconsented",
    "quote-speaker",
    "evidence-unconsented",
    "payee-name",
    "payee-person",
    "room-waiting",
    "room-story-name",
}


def token(kind: str) -> str:
    return f"{PREFIX}{kind.replace('-', '')}x"


def plant_canaries(world) -> dict[str, str]:
    """Hide a token of each kind in area A's private data; returns {kind: token}."""
    session = session_a(world)
    session.summary = f"What was agreed. Private notes: {token('session-notes')}"
    session.accessibility_notes = f"Step-free access; {token('access-notes')}"
    session.save(update_fields=["summary", "accessibility_notes"])

    participant = PersonFactory(
        full_name=f"Ada {token('participant-name')}",
        email=f"{token('participant-email')}@example.org",
        phone=f"01632 960{token('participant-phone')}",
        organisation=world.organisation_a,
    )
    AttendanceFactory(session=session, person=participant, lived_experience=True)
    QuoteFactory(
        session=session,
        text=f"They never asked us {token('quote-unconsented')}",
        attribution=f"A carer {token('quote-speaker')}",
        consent=Consent.NONE,
        consent_on=None,
        speaker=participant,
    )
    EvidenceFactory(
        area=world.area_a,
        text=f"My story {token('evidence-unconsented')}",
        consent=Consent.NONE,
        consent_on=None,
    )
    # Sent from phones in the live room and not moderated yet: only the queue shows them.
    room = room_a(world)
    RoomItemFactory(room=room, text=f"The clinic is too far {token('room-waiting')}")
    RoomItemFactory(
        room=room,
        kind=InsightKind.QUOTE,
        text="Nobody explained the letter",
        naming=Naming.NAME,
        name=f"Dee {token('room-story-name')}",
        sharing=Sharing.REPORTS,
    )
    budget = budget_a(world)
    SpendLineFactory(budget=budget, payee_name=f"Bo {token('payee-name')}")
    SpendLineFactory(
        budget=budget,
        payee_name="",
        payee_person=PersonFactory(full_name=f"Cy {token('payee-person')}"),
        status=SpendStatus.APPROVED,
    )
    return {
        kind: token(kind)
        for kind in (
            "session-notes",
            "access-notes",
            *sorted(HIDDEN_FROM_STEERING),
        )
    }
