"""Pounds and the UK financial year (1 April to 31 March), as the budgets use them."""

from datetime import date
from decimal import Decimal

# Every sum of money is pounds with exactly two decimal places.
MONEY_FIELD = {"max_digits": 10, "decimal_places": 2}
PENNY = Decimal("0.01")
# Beyond these, an amount is far more likely a slip of the keyboard than a real cost:
# the budgets pay for bus fares, interpreters and village halls.
LINE_LIMIT = Decimal("10000.00")
ALLOCATION_LIMIT = Decimal("100000.00")


def pounds(value) -> str:
    """£1,234.50 (and -£5.00 below zero)."""
    value = Decimal(value)
    sign = "-" if value < 0 else ""
    return f"{sign}£{abs(value):,.2f}"


def financial_year_of(day: date) -> int:
    """The financial year a day falls in, named by the calendar year it starts in."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(year: int) -> str:
    return f"{year} to {year + 1}"


def financial_year_bounds(year: int) -> tuple[date, date]:
    """Its first and last days: 1 April `year` and 31 March the year after."""
    return date(year, 4, 1), date(year + 1, 3, 31)
