"""Indicator charts drawn as SVG on the server, so a page and a PDF show the same picture.

Colours are set with presentation attributes rather than CSS: the markup has to look the
same inline in a page (whose CSP allows no inline styles) and inside WeasyPrint. Each
chart's title holds its name and the figures in words, which is both what assistive
technology reads on a page and the text alternative WeasyPrint tags the figure with in a
PDF; the pages and PDFs add the figures as a table beside it.

The value axis is chosen from the data, the baseline and the target rather than always
starting at zero: a rise from 52% to 55.1% drawn on an axis from 0 to 100 looks flat,
though for the partnership it is most of the way to its target.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from areas.outcomes.models import Direction, format_number

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 72, 128, 20, 52
FONT = 'font-family="Arial, Liberation Sans, sans-serif"'

BLUE, GREEN, DARK, GREY, PALE = "#005eb8", "#007f3b", "#212b32", "#4c6272", "#d8dde0"


@dataclass(frozen=True)
class Point:
    on: date
    value: float


@dataclass(frozen=True)
class Frame:
    """Maps dates and values onto a drawing area."""

    start: date
    end: date
    low_value: float
    top_value: float
    left: float
    right: float
    top: float
    bottom: float

    def x(self, on: date) -> float:
        span = (self.end - self.start).days or 1
        return round(self.left + (on - self.start).days / span * (self.right - self.left), 1)

    def y(self, value: float) -> float:
        share = (value - self.low_value) / (self.top_value - self.low_value)
        return round(self.bottom - share * (self.bottom - self.top), 1)


def indicator_chart(indicator, measurements, *, chart_id: str) -> SafeString:
    """The full chart: measurements over time, baseline and target lines, labelled axes."""
    points = _points(indicator, measurements)
    ticks = _value_ticks(indicator, points)
    start, end = _date_range(indicator, points)
    frame = Frame(start, end, ticks[0], ticks[-1], LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM)
    title_id = f"{chart_id}-title"
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="app-chart__svg" '
            'viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
            'aria-labelledby="{}" focusable="false">',
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT,
            title_id,
        ),
        format_html(
            '<title id="{}">{}. {}</title>',
            title_id,
            indicator.name,
            describe(indicator, measurements),
        ),
        _value_axis(indicator, frame, ticks),
        _date_axis(frame),
        _reference_lines(indicator, measurements, frame),
        _series(points, frame, radius=4, width=3),
        mark_safe("</svg>"),
    ]
    return mark_safe("".join(parts))


def indicator_sparkline(indicator, measurements) -> SafeString:
    """A small trend line for lists, with the same description as the full chart."""
    width, height, pad = 120, 32, 4
    points = _points(indicator, measurements)
    ticks = _value_ticks(indicator, points)
    start, end = _date_range(indicator, points)
    frame = Frame(start, end, ticks[0], ticks[-1], pad, width - pad, pad, height - pad)
    target = ""
    if indicator.has_target:
        y = frame.y(float(indicator.target_value))
        target = format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1" '
            'stroke-dasharray="3 2"/>',
            pad,
            width - pad,
            y,
            y,
            GREEN,
        )
    description = describe(indicator, measurements)
    # The title is what a tagged PDF gives as the figure's text alternative.
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="app-sparkline" viewBox="0 0 {} {}" '
        'width="{}" height="{}" role="img" aria-label="{}" focusable="false">'
        "<title>{}</title>{}{}</svg>",
        width,
        height,
        width,
        height,
        description,
        description,
        target,
        _series(points, frame, radius=2, width=2, hollow_first=False),
    )


def describe(indicator, measurements) -> str:
    """The chart in words: baseline, target, latest value and which way is good."""
    sentences = [
        f"Baseline {indicator.format_value(indicator.baseline_value)} "
        f"on {indicator.baseline_on:%-d %B %Y}."
    ]
    if indicator.has_target:
        sentences.append(
            f"Target {indicator.format_value(indicator.target_value)} "
            f"by {indicator.target_on:%-d %B %Y}."
        )
    if measurements:
        latest = measurements[-1]
        count = len(measurements)
        sentences.append(
            f"Latest {indicator.format_value(latest.value)} on {latest.measured_on:%-d %B %Y}, "
            f"from {count} measurement{'s' if count != 1 else ''}."
        )
    else:
        sentences.append("No measurements yet.")
    sentences.append(
        "Higher is better." if indicator.direction == Direction.UP else "Lower is better."
    )
    return " ".join(sentences)


def _points(indicator, measurements) -> list[Point]:
    # The baseline is where the line starts: the first thing anyone knew about the measure.
    baseline = Point(indicator.baseline_on, float(indicator.baseline_value))
    return [baseline, *(Point(m.measured_on, float(m.value)) for m in measurements)]


def _date_range(indicator, points) -> tuple[date, date]:
    dates = [point.on for point in points]
    if indicator.has_target:
        dates.append(indicator.target_on)
    start, end = min(dates), max(dates)
    return start, max(end, start + timedelta(days=30))


def _value_ticks(indicator, points) -> list[float]:
    """Round steps spanning every value, the baseline and the target.

    The axis starts at zero when the values are near it (counts that begin at nothing);
    otherwise it starts a step below the lowest value, so a change of a few points is
    drawn as large as it is against the target.
    """
    values = [point.value for point in points]
    if indicator.has_target:
        values.append(float(indicator.target_value))
    low, high = min(values), max(values)
    if low >= 0 and (high - low < 1e-9 or low <= high - low):
        low = 0.0
    high = max(high, low + 1.0)
    step = _nice_step((high - low) / 4)
    first = math.floor(low / step + 1e-9)
    if low > 0 and first * step >= low - 1e-9:
        first -= 1
    last = math.ceil(high / step - 1e-9)
    if low > 0 and last * step <= high + 1e-9:
        last += 1
    ticks = [round(step * index, 6) for index in range(max(first, 0), last + 1)]
    # A percentage axis stops at 100 unless a value or target lies beyond it.
    if indicator.is_percentage and ticks[-1] > 100 >= high:
        ticks = [tick for tick in ticks if tick < 100] + [100.0]
    return ticks


def _nice_step(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if multiple * magnitude >= raw:
            return multiple * magnitude
    return 10 * magnitude


def _value_axis(indicator, frame: Frame, ticks) -> SafeString:
    rows = []
    for tick in ticks:
        y = frame.y(tick)
        label = _axis_number(indicator, tick)
        rows.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="13" fill="{}" {}>{}</text>',
                frame.left,
                frame.right,
                y,
                y,
                PALE,
                frame.left - 8,
                y + 4,
                GREY,
                mark_safe(FONT),
                label,
            )
        )
    axis_label = "Percentage" if indicator.is_percentage else (indicator.unit_label or "Number")
    middle = (frame.top + frame.bottom) / 2
    rows.append(
        format_html(
            '<text x="14" y="{}" transform="rotate(-90 14 {})" text-anchor="middle" '
            'font-size="12" fill="{}" {}>{}</text>',
            middle,
            middle,
            GREY,
            mark_safe(FONT),
            axis_label[:1].upper() + axis_label[1:],
        )
    )
    return mark_safe("".join(rows))


def _date_axis(frame: Frame) -> SafeString:
    months = (frame.end.year - frame.start.year) * 12 + frame.end.month - frame.start.month
    interval = next((n for n in (1, 2, 3, 6, 12, 24, 60) if months / n <= 5), 120)
    label_format = "%Y" if interval >= 12 else "%b %Y"
    parts = [
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            frame.left,
            frame.right,
            frame.bottom,
            frame.bottom,
            DARK,
        )
    ]
    for tick in _month_ticks(frame.start, frame.end, interval):
        x = frame.x(tick)
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="13" fill="{}" {}>{}</text>',
                x,
                x,
                frame.bottom,
                frame.bottom + 5,
                DARK,
                x,
                frame.bottom + 20,
                GREY,
                mark_safe(FONT),
                f"{tick:{label_format}}",
            )
        )
    parts.append(
        format_html(
            '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}" {}>Date</text>',
            (frame.left + frame.right) / 2,
            HEIGHT - 8,
            GREY,
            mark_safe(FONT),
        )
    )
    return mark_safe("".join(parts))


def _month_ticks(start: date, end: date, interval: int) -> list[date]:
    """First days of months, `interval` months apart, that fall within start..end."""
    index = start.year * 12 + start.month - 1
    index += -index % interval
    ticks = []
    while True:
        tick = date(index // 12, index % 12 + 1, 1)
        if tick > end:
            return ticks
        if tick >= start:
            ticks.append(tick)
        index += interval


def _reference_lines(indicator, measurements, frame: Frame) -> SafeString:
    """Baseline (short dashes) and target (long dashes) across the chart, and beside the
    chart the baseline, target and latest values with their dates; the unit is on the
    value axis."""
    marks = [
        (
            "app-chart__baseline",
            indicator.baseline_value,
            "Baseline",
            f"{indicator.baseline_on:%b %Y}",
            GREY,
            "2 4",
        )
    ]
    if indicator.has_target:
        marks.append(
            (
                "app-chart__target",
                indicator.target_value,
                "Target",
                f"by {indicator.target_on:%b %Y}",
                GREEN,
                "8 4",
            )
        )
    if measurements:
        latest = measurements[-1]
        marks.append(
            ("app-chart__latest", latest.value, "Latest", f"{latest.measured_on:%b %Y}", BLUE, "")
        )
    label_ys = _separate([frame.y(float(value)) for _, value, *_ in marks], frame)
    parts = []
    for (css_class, value, name, note, colour, dashes), label_y in zip(
        marks, label_ys, strict=True
    ):
        y = frame.y(float(value))
        line = ""
        if dashes:
            line = format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" '
                'stroke-dasharray="{}"/>',
                frame.left,
                frame.right,
                y,
                y,
                colour,
                dashes,
            )
        parts.append(
            format_html(
                '<g class="{}">{}'
                '<text x="{}" y="{}" font-size="13" font-weight="bold" fill="{}" {}>{} {}</text>'
                '<text x="{}" y="{}" font-size="12" fill="{}" {}>{}</text></g>',
                css_class,
                line,
                frame.right + 8,
                label_y + 4,
                DARK if colour == GREY else colour,
                mark_safe(FONT),
                name,
                _axis_number(indicator, value),
                frame.right + 8,
                label_y + 20,
                GREY,
                mark_safe(FONT),
                note,
            )
        )
    return mark_safe("".join(parts))


def _axis_number(indicator, value) -> str:
    return format_number(Decimal(str(value))) + ("%" if indicator.is_percentage else "")


# Each label beside the chart is two lines: the value, then its date.
LABEL_HEIGHT = 34


def _separate(ys: list[float], frame: Frame) -> list[float]:
    """Label positions that never overlap: each label stays as near its line as it can,
    moving down to make room for the one above, and the lot moves up if the lowest would
    fall off the chart."""
    order = sorted(range(len(ys)), key=lambda index: ys[index])
    placed = {}
    previous = None
    for index in order:
        y = ys[index] if previous is None else max(ys[index], previous + LABEL_HEIGHT)
        placed[index] = previous = y
    # Below the axis, the right-hand column is free down to the chart's foot.
    overflow = previous - (frame.bottom + 14) if previous is not None else 0
    if overflow > 0:
        placed = {index: y - overflow for index, y in placed.items()}
    return [placed[index] for index in range(len(ys))]


def _series(points, frame: Frame, *, radius, width, hollow_first=True) -> SafeString:
    coordinates = [(frame.x(point.on), frame.y(point.value)) for point in points]
    line = format_html(
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="{}" stroke-linejoin="round"/>',
        " ".join(f"{x},{y}" for x, y in coordinates),
        BLUE,
        width,
    )
    # The baseline point is hollow: it was known before the work began, not measured by it.
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" stroke-width="2"/>',
        (
            (x, y, radius, "#ffffff" if hollow_first and index == 0 else BLUE, BLUE)
            for index, (x, y) in enumerate(coordinates)
        ),
    )
    return mark_safe(f'<g class="app-chart__measurements">{line}{dots}</g>')
