import pytest

from areas.models import Consent
from tests.workshops.factories import ActionFactory, InsightFactory, QuoteFactory, SessionFactory
from workshops.models import BarrierType, InsightKind

SECRET_QUOTE = "They never told us what the letter meant"


@pytest.fixture
def heard(world):
    """Area A heard a typed barrier, a shared quote and a quote given without consent;
    area B heard a barrier like A's and agreed an action about it."""
    letters = BarrierType.objects.get(slug="unclear-letters-and-information")
    session_a = SessionFactory(area=world.area_a, title="Screening day")
    session_b = SessionFactory(area=world.area_b, title="Discharge day")
    return {
        "session_a": session_a,
        "session_b": session_b,
        "letters": letters,
        "barrier_a": InsightFactory(
            session=session_a,
            text="Screening letters use words nobody understands",
            barrier_type=letters,
        ),
        "idea_a": InsightFactory(
            session=session_a,
            kind=InsightKind.IDEA,
            text="Community champions explain the letter",
            barrier_type=None,
        ),
        "shared_quote": QuoteFactory(
            session=session_a,
            text="The champion made it feel normal",
            attribution="Maria, a mum of two",
        ),
        "secret_quote": QuoteFactory(session=session_a, text=SECRET_QUOTE, consent=Consent.NONE),
        "barrier_b": InsightFactory(
            session=session_b,
            text="Discharge letters arrive after the patient is home",
            barrier_type=letters,
        ),
        "action_b": ActionFactory(
            session=session_b, description="Rewrite the discharge letters with carers"
        ),
    }
