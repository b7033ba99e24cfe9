import itertools
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.template.loader import render_to_string

from areas.models import Direction, Indicator, Measurement, Unit
from areas.outcomes.charts import describe, indicator_chart, indicator_sparkline

SVG = "{http://www.w3.org/2000/svg}"
# The plot's height in the chart's own units: the chart less its top and bottom margins.
HEIGHT_OF_PLOT = 320 - 20 - 52


def _indicator(**fields):
    defaults = {
        "pk": 7,
        "name": "Receptionists trained",
        "unit": Unit.COUNT,
        "unit_label": "receptionists",
        "direction": Direction.UP,
        "baseline_value": Decimal(0),
        "baseline_on": date(2023, 1, 9),
        "target_value": Decimal(40),
        "target_on": date(2023, 7, 31),
    }
    return Indicator(**{**defaults, **fields})


MEASUREMENTS = [
    Measurement(measured_on=date(2023, 7, 6), value=Decimal(14), source="Register"),
    Measurement(measured_on=date(2023, 7, 27), value=Decimal(43), source="Register"),
]


def _parse(svg):
    return ElementTree.fromstring(str(svg))


def test_the_chart_is_a_labelled_image_with_baseline_and_target_lines():
    root = _parse(indicator_chart(_indicator(), MEASUREMENTS, chart_id="chart-7"))

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-7-title"
    # The title is also the figure's text alternative in a tagged PDF, which WeasyPrint
    # takes from <title> alone: so it holds the figures in words as well as the name.
    description = root.find(f"{SVG}title").text
    assert description.startswith("Receptionists trained. ")
    assert "Baseline 0 receptionists on 9 January 2023." in description
    assert "Target 40 receptionists by 31 July 2023." in description
    assert "Latest 43 receptionists on 27 July 2023, from 2 measurements." in description
    baseline = root.find(f"{SVG}g[@class='app-chart__baseline']")
    target = root.find(f"{SVG}g[@class='app-chart__target']")
    assert baseline.find(f"{SVG}line").get("stroke-dasharray") == "2 4"
    assert target.find(f"{SVG}line").get("stroke-dasharray") == "8 4"
    assert "Target 40" in "".join(target.itertext())
    assert "Baseline 0" in "".join(baseline.itertext())
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "Receptionists" in texts, "the value axis is labelled with the unit"
    assert "Date" in texts
    assert "Jul 2023" in texts
    points = root.find(f"{SVG}g[@class='app-chart__measurements']")
    assert len(points.findall(f"{SVG}circle")) == 3, "baseline and two measurements"


def test_the_target_line_sits_above_the_baseline_line_when_up_is_good():
    root = _parse(indicator_chart(_indicator(), MEASUREMENTS, chart_id="c"))
    y = {
        name: float(root.find(f"{SVG}g[@class='app-chart__{name}']/{SVG}line").get("y1"))
        for name in ("baseline", "target")
    }
    assert y["target"] < y["baseline"]


def test_without_a_target_there_is_no_target_line():
    svg = indicator_chart(_indicator(target_value=None, target_on=None), MEASUREMENTS, chart_id="c")
    assert "app-chart__target" not in svg
    assert "Target" not in describe(_indicator(target_value=None, target_on=None), MEASUREMENTS)


def _ticks(root):
    return [
        float(text.text.rstrip("%").replace(",", ""))
        for text in root.iter(f"{SVG}text")
        if text.get("text-anchor") == "end"
    ]


def _uptake(**fields):
    uptake = {
        "unit": Unit.PERCENTAGE,
        "unit_label": "",
        "baseline_value": Decimal(52),
        "baseline_on": date(2022, 3, 31),
        "target_value": Decimal(60),
        "target_on": date(2025, 3, 31),
    }
    return _indicator(**{**uptake, **fields})


UPTAKE = [
    Measurement(measured_on=date(2023, 3, 31), value=Decimal("52.8")),
    Measurement(measured_on=date(2024, 3, 31), value=Decimal("55.1")),
]


def test_a_small_rise_is_drawn_on_an_axis_chosen_from_the_data_baseline_and_target():
    """52% to 55.1% against a target of 60% fills the chart rather than a sliver of 0–100."""
    root = _parse(indicator_chart(_uptake(), UPTAKE, chart_id="c"))

    ticks = _ticks(root)
    assert 45 <= ticks[0] < 52
    assert 60 <= ticks[-1] <= 65
    points = root.find(f"{SVG}g[@class='app-chart__measurements']")
    heights = [float(circle.get("cy")) for circle in points.findall(f"{SVG}circle")]
    drawn = HEIGHT_OF_PLOT * (55.1 - 52) / (ticks[-1] - ticks[0])
    assert heights[0] - heights[-1] == pytest.approx(drawn, abs=1)
    assert heights[0] - heights[-1] > 50, "the rise is drawn at least a sixth of the plot tall"


def test_the_axis_starts_at_zero_for_counts_that_start_near_it():
    root = _parse(indicator_chart(_indicator(), MEASUREMENTS, chart_id="c"))
    assert _ticks(root)[0] == 0


def test_percentages_never_run_above_a_hundred():
    indicator = _uptake(baseline_value=Decimal("61.5"), target_value=Decimal(98))
    root = _parse(indicator_chart(indicator, [], chart_id="c"))
    assert _ticks(root)[-1] == 100
    assert "No measurements yet." in root.find(f"{SVG}title").text


def test_baseline_target_and_latest_values_are_labelled_with_their_dates():
    root = _parse(indicator_chart(_uptake(), UPTAKE, chart_id="c"))

    labels = {
        name: " ".join(root.find(f"{SVG}g[@class='app-chart__{name}']").itertext())
        for name in ("baseline", "target", "latest")
    }
    assert labels == {
        "baseline": "Baseline 52% Mar 2022",
        "target": "Target 60% by Mar 2025",
        "latest": "Latest 55.1% Mar 2024",
    }
    label_ys = sorted(
        float(text.get("y"))
        for name in labels
        for text in root.find(f"{SVG}g[@class='app-chart__{name}']").findall(f"{SVG}text")
    )
    assert all(lower - upper >= 12 for upper, lower in itertools.pairwise(label_ys)), (
        "no two label lines overlap"
    )


def test_names_are_escaped():
    svg = indicator_chart(_indicator(name="<script>x</script>"), [], chart_id="c")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_the_sparkline_is_a_small_labelled_image():
    root = _parse(indicator_sparkline(_indicator(), MEASUREMENTS))
    assert root.get("role") == "img"
    assert "Latest 43 receptionists" in root.get("aria-label")
    assert root.get("width") == "120"


@pytest.mark.django_db
def test_pages_show_the_chart_with_its_figures_as_a_table():
    html = render_to_string(
        "areas/outcomes/_chart.html",
        {"indicator": _indicator(), "measurements": MEASUREMENTS},
    )
    assert html.count("<svg") == 1
    assert "<details" in html
    assert "<table" in html
    assert "Value (receptionists)" in html
    for figure in ("6 Jul 2023", "14", "27 Jul 2023", "43", "31 Jul 2023", "40", "Register"):
        assert figure in html
