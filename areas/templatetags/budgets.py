"""Money in budget pages: {% load budgets %} then {{ amount|pounds }}."""

from django import template

from areas.budgets import money

register = template.Library()


@register.filter
def pounds(value) -> str:
    return "" if value is None else money.pounds(value)


@register.filter
def pounds_apart(value) -> str:
    """The size of a shortfall or surplus, without its sign: "£12.00 over", not "-£12.00"."""
    return money.pounds(abs(value))


@register.filter
def meter_value(budget) -> int:
    """The share of the allocation spent, for a <meter> that stops at full."""
    return min(budget.percent_used, 100)
