"""Charts and figures of indicators, for pages and PDFs: {% load outcomes %}."""

from django import template

from areas.models import format_number
from areas.outcomes import charts

register = template.Library()


@register.simple_tag
def indicator_chart(indicator, measurements):
    return charts.indicator_chart(indicator, measurements, chart_id=f"chart-{indicator.pk}")


@register.simple_tag
def indicator_sparkline(indicator, measurements):
    return charts.indicator_sparkline(indicator, measurements)


@register.filter
def in_units(value, indicator) -> str:
    """{{ measurement.value|in_units:indicator }} → "42 receptionists" or "71.5%"."""
    return indicator.format_value(value)


@register.filter
def number(value) -> str:
    """A figure without its unit, for tables whose header names the unit: "29,508"."""
    return format_number(value)


@register.filter
def unit_heading(indicator) -> str:
    """The unit for a column header: "receptionists" or "%"."""
    return "%" if indicator.is_percentage else indicator.unit_label
