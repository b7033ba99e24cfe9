import pytest

from tests.workshops.factories import SessionFactory
from tests.workshops.live.factories import RoomFactory


@pytest.fixture
def room(world):
    """Area A's partnership day, its room open now."""
    return RoomFactory(session=SessionFactory(area=world.area_a, title="Screening day"))
