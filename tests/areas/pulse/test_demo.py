"""The demo shows a pulse with results: `make run` opens on a partnership with a trend."""

import io

import pytest

from areas import demo
from areas.models import Area, Measurement
from areas.pulse.selectors import area_trend

pytestmark = pytest.mark.django_db


def test_the_demo_area_has_two_pulses_with_results_and_one_open():
    demo.load(io.StringIO())
    area = Area.objects.get(slug="east-sussex")
    trend = area_trend(area)
    assert [point.answered for point in trend] == [7, 8, 3]
    assert trend[0].overall is not None
    assert trend[1].change is not None
    assert trend[2].needed == 2
    assert not trend[2].pulse.closed_at
    sources = Measurement.objects.filter(indicator__area=area).values_list("source", flat=True)
    assert sum(source.startswith("Partnership health pulse") for source in sources) == 2
