"""Indicator charts drawn as SVG on the server, so a page and a PDF show the same picture.

Colours are set with presentation attributes rather than CSS: the markup has to look the
same inline in a page (whose CSP allows no inline styles) and inside WeasyPrint. Each
chart has a title and description for assistive technology; the pages add the figures
as a table beside it.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from areas.models import Direction, format_number

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
    top_value: float
    left: float
    right: float
    top: float
    bottom: float

    def x(self, on: date) -> float:
        span = (self.end - self.start).days or 1
        return round(self.left + (on - self.start).days / span * (self.right - self.left), 1)

    def y(self, value: float) -> float:
        return round(self.bottom - value / self.top_value * (self.bottom - self.top), 1)


def indicator_chart(indicator, measurements, *, chart_id: str) -> SafeString:
    """The full chart: measurements over time, baseline and target lines, labelled axes."""
    points = _points(indicator, measurements)
    ticks = _value_ticks(indicator, points)
    start, end = _date_range(indicator, points)
    frame = Frame(start, end, ticks[-1], LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="app-chart__svg" '
            'viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
            'aria-labelledby="{} {}" focusable="false">',
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT,
            title_id,
            desc_id,
        ),
        format_html('<title id="{}">{}</title>', title_id, indicator.name),
        format_html('<desc id="{}">{}</desc>', desc_id, describe(indicator, measurements)),
        _value_axis(indicator, frame, ticks),
        _date_axis(frame),
        _reference_lines(indicator, frame),
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
    frame = Frame(start, end, ticks[-1], pad, width - pad, pad, height - pad)
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
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="app-sparkline" viewBox="0 0 {} {}" '
        'width="{}" height="{}" role="img" aria-label="{}" focusable="false">{}{}</svg>',
        width,
        height,
        width,
        height,
        describe(indicator, measurements),
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
    """Round steps from zero to just above the largest value, baseline or target."""
    values = [point.value for point in points]
    if indicator.has_target:
        values.append(float(indicator.target_value))
    highest = max(max(values), 1.0)
    step = _nice_step(highest / 4)
    count = math.ceil(highest / step - 1e-9)
    ticks = [round(step * index, 6) for index in range(count + 1)]
    if ticks[-1] < highest:
        ticks.append(round(step * (count + 1), 6))
    if indicator.is_percentage and ticks[-1] > 100:
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


def _reference_lines(indicator, frame: Frame) -> SafeString:
    """Baseline (short dashes) and target (long dashes) across the chart, labelled at the
    end with their numbers; the unit is on the value axis."""
    lines = [(indicator.baseline_value, "Baseline", GREY, "2 4", "app-chart__baseline", "")]
    if indicator.has_target:
        when = f"by {indicator.target_on:%b %Y}"
        lines.append((indicator.target_value, "Target", GREEN, "8 4", "app-chart__target", when))
    label_ys = _separate([frame.y(float(value)) for value, *_ in lines])
    parts = []
    for (value, name, colour, dashes, css_class, note), label_y in zip(
        lines, label_ys, strict=True
    ):
        y = frame.y(float(value))
        parts.append(
            format_html(
                '<g class="{}"><line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" '
                'stroke-width="2" stroke-dasharray="{}"/>'
                '<text x="{}" y="{}" font-size="13" fill="{}" {}>{} {}</text>'
                '<text x="{}" y="{}" font-size="12" fill="{}" {}>{}</text></g>',
                css_class,
                frame.left,
                frame.right,
                y,
                y,
                colour,
                dashes,
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


def _separate(ys: list[float]) -> list[float]:
    """Label positions that never overlap: the baseline's label is one line, the target's
    two, and whichever sits lower on the chart moves down to make room."""
    if len(ys) != 2:
        return ys
    baseline, target = ys
    if target < baseline:
        return [max(baseline, target + 34), target]
    return [baseline, max(target, baseline + 20)]


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
