"""The programme view's charts and tables of figures are cached under what they show, so
a change to an indicator or a new measurement is on the page at the next view."""

from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from areas.outcomes import figures, selectors, services
from tests.factories import CaoStatementFactory, IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("areas:statements-as-of")


@pytest.fixture
def indicator(world):
    indicator = IndicatorFactory(area=world.area_a, name="Receptionists trained")
    MeasurementFactory(indicator=indicator, measured_on=date(2023, 3, 1), value=Decimal(12))
    return indicator


def _figures_html(client) -> str:
    html = client.get(PAGE, {"on": timezone.localdate().isoformat()}).content.decode()
    start = html.index('<figure class="app-chart">')
    return html[start : html.index("</table>", start)]


def test_a_second_view_draws_nothing_again(client, world, indicator):
    client.force_login(world.lead)
    first = _figures_html(client)

    with mock.patch.object(figures, "render_to_string") as render:
        second = _figures_html(client)

    render.assert_not_called()
    assert second == first


def test_a_measurement_added_since_the_last_view_is_drawn_and_listed(client, world, indicator):
    client.force_login(world.lead)
    before = _figures_html(client)
    assert "27 Jul 2023" not in before

    services.measurement_add(
        indicator=indicator,
        by=world.facilitator_a.person,
        measured_on=date(2023, 7, 27),
        value=Decimal(43),
        source="Practice training register",
    )
    after = _figures_html(client)

    assert "27 Jul 2023" in after
    assert "Latest 43 receptionists on 27 July 2023, from 2 measurements." in after
    assert after.count('<circle cx="') == before.count('<circle cx="') + 1


def test_a_measurement_after_the_date_shown_leaves_the_picture_as_it_was(client, world, indicator):
    client.force_login(world.lead)
    before = _figures_html(client)

    MeasurementFactory(
        indicator=indicator,
        measured_on=timezone.localdate() + timedelta(days=1),
        value=Decimal(50),
    )

    assert _figures_html(client) == before


def test_a_changed_baseline_and_name_show_at_once(client, world, indicator):
    client.force_login(world.lead)
    assert "Baseline 0 receptionists" in _figures_html(client)

    services.indicator_update(
        indicator=indicator,
        version=indicator.version,
        name="Receptionists trained in signposting",
        baseline_value=Decimal(5),
    )
    after = _figures_html(client)

    assert "Baseline 5 receptionists" in after
    assert "Receptionists trained in signposting: figures" in after


def _loaded(indicator):
    """The indicator as the page reads it, with the digest of its measurements."""
    [area] = selectors.with_statements_as_of(
        [indicator.area], on=timezone.localdate(), series=False
    )
    return next(shown for shown in area.indicators_then if shown.pk == indicator.pk)


def test_the_same_figures_share_a_key_and_any_change_makes_a_new_one(indicator):
    key = figures.cache_key(_loaded(indicator))
    assert figures.cache_key(_loaded(indicator)) == key

    keys = {key}
    measurement = indicator.measurements.get()
    for field, value in (("value", Decimal(13)), ("source", "Practice register")):
        setattr(measurement, field, value)
        measurement.save(update_fields=[field])
        keys.add(figures.cache_key(_loaded(indicator)))
    MeasurementFactory(indicator=indicator, measured_on=date(2023, 5, 1))
    keys.add(figures.cache_key(_loaded(indicator)))
    changed = _loaded(indicator)
    changed.target_on = date(2024, 3, 31)
    keys.add(figures.cache_key(changed))
    assert len(keys) == 5


def test_a_page_reads_every_indicators_figures_in_one_cache_round_trip(client, world, indicator):
    """A section redrawn for another reason (a new statement) takes its pictures from the
    cache, all in one round trip, without reading a measurement."""
    for name in ("Screenings booked", "Letters rewritten"):
        MeasurementFactory(indicator=IndicatorFactory(area=world.area_a, name=name))
    client.force_login(world.lead)
    first = _figures_html(client)
    CaoStatementFactory(area=world.area_a, title="A new plan")

    with (
        mock.patch.object(figures, "cache", wraps=figures.cache) as cache,
        mock.patch.object(selectors, "prefetch_related_objects") as measurements_read,
    ):
        second = _figures_html(client)

    assert cache.get_many.call_count == 1
    assert len(cache.get_many.call_args.args[0]) == 3
    cache.get.assert_not_called()
    cache.set_many.assert_not_called()
    measurements_read.assert_called_once_with([], mock.ANY)
    assert second == first
