"""Figures the programme dashboard shows for each area, given by the apps that hold them.

Sessions and actions live in `workshops`, above `areas`: that app registers their
figures here from its `AppConfig.ready()`, as the privacy registry is filled, so the
dashboard reads them without importing it. Each figure is an expression on an area
(a subquery on `OuterRef("pk")`), so the dashboard can read it for a page of areas in
one query, or sort and filter every area by it.
"""

from collections.abc import Callable
from datetime import datetime

from django.db.models import Expression

# name -> expression of an area's value at a moment (figures such as "overdue" depend on it)
_figures: dict[str, Callable[[datetime], Expression]] = {}


def register(name: str, expression: Callable[[datetime], Expression]) -> None:
    _figures[name] = expression


def annotations(now: datetime, names=None) -> dict[str, Expression]:
    """The figures called `names` (all of them if None), as annotations on areas at `now`."""
    chosen = _figures if names is None else {name: _figures[name] for name in names}
    return {name: expression(now) for name, expression in chosen.items()}
