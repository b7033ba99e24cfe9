"""The programme dashboard's rows, and an area's stage as a tag: {% load programme %}."""

from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from areas.budgets.money import pounds
from areas.models import Stage

register = template.Library()

# The NHS.UK tag colour of each stage; any other is orange.
STAGE_COLOURS = {
    Stage.GETTING_STARTED: "blue",
    Stage.NEXT_LEVEL: "aqua-green",
    Stage.MAKING_IT_STICK: "green",
}

_STAGE_LABELS = dict(Stage.choices)

# Dates as Django's "j M Y" writes them (the site is in English only), with spaces that
# never break: formatting 150 dates a page through Django's formats took a third of the rows.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# An area's address with its slug to fill in: one reversal a page instead of one a row.
_SLUG_PLACEHOLDER = "area-slug-placeholder"

# The second line of a cell: small and grey, or in bold when it needs attention.
_SMALL = "nhsuk-u-display-block nhsuk-u-font-size-14"
_NOTE = f"{_SMALL} nhsuk-u-secondary-text-colour nhsuk-u-margin-top-1"


def _note_class(attention: bool) -> str:
    emphasis = "nhsuk-u-font-weight-bold" if attention else "nhsuk-u-secondary-text-colour"
    return f"{_SMALL} nhsuk-u-margin-top-1 {emphasis}"


@register.simple_tag
def stage_tag(area):
    """{% stage_tag area %}: the area's stage as an NHS.UK tag."""
    colour = STAGE_COLOURS.get(area.stage, "orange")
    label = _STAGE_LABELS.get(area.stage, area.stage)
    return mark_safe(f'<strong class="nhsuk-tag nhsuk-tag--{colour}">{escape(label)}</strong>')


@register.simple_tag
def programme_rows(areas, quiet_days):
    """{% programme_rows areas quiet_days %}: the dashboard's table rows, one for each area
    with the figures `with_figures` and `with_activity` gave it. Written in Python: fifty
    rows of nine cells were most of the page's work through the template engine."""
    prefix, suffix = reverse("areas:detail", args=[_SLUG_PLACEHOLDER]).split(_SLUG_PLACEHOLDER)
    zone = timezone.get_current_timezone()
    return mark_safe(
        "".join(_row(area, f"{prefix}{area.slug}{suffix}", quiet_days, zone) for area in areas)
    )


def _cell(heading, content, *, wrapped=True):
    if wrapped:
        content = f"\n        <span>\n          {content}\n        </span>"
    return (
        '\n      <td class="nhsuk-table__cell" role="cell">'
        f'\n        <span class="nhsuk-table__heading" aria-hidden="true">{heading} </span>'
        f"{content}\n      </td>"
    )


def _figure(main, note, note_class=_NOTE):
    """A figure with a smaller line under it."""
    return f'{main}\n          <span class="{note_class}">{note}</span>'


def _day(moment, zone):
    """The day of `moment` in `zone`, as "7 Dec 2026", never broken across lines."""
    day = moment.astimezone(zone)
    return f"{day.day}\u00a0{_MONTHS[day.month - 1]}\u00a0{day.year}"


def _percent(value: Decimal) -> int:
    """A share in whole per cent, halves rounded up (as `floatformat:"0"` does)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


def _row(area, url, quiet_days, zone):
    if area.stage_changed_at:
        since = f"since {_day(area.stage_changed_at, zone)}"
    else:
        since = (
            '<span aria-hidden="true">—</span>'
            '<span class="nhsuk-u-visually-hidden">no change of stage recorded</span>'
        )
    sectors = _plural(area.sector_count, "sector")
    if area.sector_labels:
        sectors += ": " + escape(", ".join(area.sector_labels))
    return (
        '\n    <tr class="nhsuk-table__row" role="row">'
        '\n      <th class="nhsuk-table__header" scope="row" role="rowheader">'
        '\n        <span class="nhsuk-table__heading" aria-hidden="true">Area </span>'
        f'<a class="nhsuk-link" href="{escape(url)}">{escape(area.name)}</a>\n      </th>'
        + _cell("Cohort", escape(area.cohort.name), wrapped=False)
        + _cell("Stage", _figure(stage_tag(area), since))
        + _cell("Focus", escape(area.focus), wrapped=False)
        + _cell("Steering group", _figure(_plural(area.steering_size, "member"), sectors))
        + _cell("Last session", _last_session(area, quiet_days, zone))
        + _cell("Next session", _next_session(area, zone))
        + _cell(
            "Actions open / overdue",
            _figure(
                f"{area.open_actions} open",
                f"{area.overdue_actions} overdue",
                _note_class(attention=bool(area.overdue_actions)),
            ),
        )
        + _cell("Budget used", _budget(area))
        + "\n    </tr>"
    )


def _last_session(area, quiet_days, zone):
    if not area.last_session_at:
        return "None yet"
    days = area.days_since_last_session
    return _figure(
        _day(area.last_session_at, zone),
        f"{_plural(days, 'day')} ago" if days else "today",
        _note_class(attention=days > quiet_days),
    )


def _next_session(area, zone):
    if not area.next_session_at:
        return "None planned"
    days = area.days_to_next_session
    return _figure(
        _day(area.next_session_at, zone), f"in {_plural(days, 'day')}" if days else "today"
    )


def _budget(area):
    if area.budget_used is not None:
        return _figure(
            f"{_percent(area.budget_used)}%",
            f"{escape(pounds(area.budget_spent))} of {escape(pounds(area.budget_allocated))}",
        )
    if not area.budget_visible:
        return (
            '<span aria-hidden="true">—</span>'
            '<span class="nhsuk-u-visually-hidden">no budget you can see this year</span>'
        )
    if area.budget_allocated is None:
        return "No budget this year"
    return "Nothing allocated this year"
