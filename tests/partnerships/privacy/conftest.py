import pytest

from partnerships.models import ConsentDecision, ConsentMethod, ConsentUse
from partnerships.privacy import services
from tests.factories import PersonFactory
from tests.workshops.factories import AttendanceFactory, QuoteFactory, SessionFactory
from workshops.models import SessionStatus

QUOTE = "The letter came in English only, so I put it in a drawer."


@pytest.fixture
def speaker(world):
    """A participant in area A who came to a session and was quoted, with consent."""
    person = PersonFactory(
        full_name="Amina Okafor", email="amina@example.org", phone="07700 900123"
    )
    session = SessionFactory(
        area=world.area_a, title="Screening letters day", status=SessionStatus.WRITTEN_UP
    )
    session.facilitators.add(world.facilitator_a.person)
    AttendanceFactory(session=session, person=person, lived_experience=True)
    QuoteFactory(session=session, speaker=person, text=QUOTE, attribution="A mother in Roehampton")
    return person


def decide(person, decision, *, use=ConsentUse.SESSION_NOTES, by=None):
    return services.consent_record(
        person=person,
        use=use,
        decision=decision,
        method=ConsentMethod.VERBAL,
        wording="May we include what you said in the notes?",
        by=by,
    )


def withdraw(person, **kwargs):
    return decide(person, ConsentDecision.WITHDRAWN, **kwargs)
