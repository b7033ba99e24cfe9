"""The dashboard's rows write dates and shares themselves; they must read as Django's
`date:"j M Y"` and `floatformat:"0"` would have written them."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import date_format

from areas.templatetags import programme


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 6, 30, 23, 30, tzinfo=UTC),  # already 1 July in London (summer time)
        datetime(2026, 12, 31, 23, 59, tzinfo=UTC),
        datetime(2026, 9, 1, 0, 0, tzinfo=UTC),
        datetime(2026, 3, 29, 0, 30, tzinfo=UTC),  # the night the clocks go forward
    ],
)
def test_a_rows_date_is_the_day_in_london_as_django_writes_it(moment):
    zone = timezone.get_current_timezone()

    written = programme._day(moment, zone)

    assert written == date_format(timezone.localtime(moment), "j\u00a0M\u00a0Y")


@pytest.mark.parametrize("share", ["0", "0.4", "0.5", "12.5", "99.49", "99.5", "100", "250.5"])
def test_a_budget_share_rounds_halves_up_as_floatformat_does(share):
    assert str(programme._percent(Decimal(share))) == floatformat(Decimal(share), "0")
