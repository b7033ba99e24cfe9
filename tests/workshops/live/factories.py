import datetime as dt
import uuid

import factory
from django.utils import timezone

from tests.workshops.factories import SessionFactory
from workshops.live import codes
from workshops.live.models import LiveRoom, RoomItem
from workshops.models import InsightKind


class RoomFactory(factory.django.DjangoModelFactory):
    """An open room: a partnership day happening now."""

    class Meta:
        model = LiveRoom

    session = factory.SubFactory(SessionFactory)
    code = factory.LazyFunction(codes.new_code)
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=8))


class RoomItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoomItem

    room = factory.SubFactory(RoomFactory)
    client_id = factory.LazyFunction(uuid.uuid4)
    kind = InsightKind.BARRIER
    text = factory.Sequence(lambda n: f"The surgery only books by phone at eight ({n})")
