"""The kinds of suggestion, registered by the apps that define them (in their
AppConfig.ready()), so the pages and emails that gather them import no higher app."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q, QuerySet

from partnerships.review.models import ReviewStatus


@dataclass
class Entry:
    """One thing a person suggested, as "Your suggestions" and the emails list it."""

    kind: str
    title: str
    area_name: str
    state: str
    at: datetime
    url: str
    note: str = ""

    @classmethod
    def of(cls, suggestion, *, kind: str, title: str, area_name: str, url: str) -> "Entry":
        """The entry of a Suggestion: its state, time and the reason of a decline."""
        return cls(
            kind=kind,
            title=title,
            area_name=area_name,
            state=suggestion.get_decision_display(),
            at=suggestion.proposed_at,
            url=url,
            note=suggestion.decision_note,
        )


@dataclass(frozen=True)
class Kind:
    """A model of suggestions: how to find its rows and say what one is."""

    noun: str
    # All its rows, with what `entry` reads fetched alongside.
    rows: Callable[[], QuerySet]
    # The path from a row to its area, e.g. "area" or "statement__area".
    area_path: str
    entry: Callable[[object], Entry]
    # Whether a facilitator decides it (comments are resolved by the authors instead).
    reviewed: bool = True
    # Who made a row and when, for the models that name them otherwise.
    by_field: str = "proposed_by"
    at_field: str = "proposed_at"
    order: int = field(default=0, compare=False)


KINDS: list[Kind] = []


def register(kind: Kind) -> None:
    if all(known.noun != kind.noun for known in KINDS):
        KINDS.append(kind)
        KINDS.sort(key=lambda known: known.order)


def suggested_by(person, *, limit: int = 100) -> list[Entry]:
    """Everything `person` suggested, newest first: one query a kind."""
    entries = []
    for kind in KINDS:
        rows = kind.rows().filter(**{kind.by_field: person}).order_by(f"-{kind.at_field}")
        entries += [kind.entry(row) for row in rows[:limit]]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def waiting_rows(kind: Kind, areas: Q | None = None) -> QuerySet:
    rows = kind.rows().filter(decision=ReviewStatus.WAITING)
    return rows.filter(areas) if areas is not None else rows


def waiting_count(area) -> int:
    """How many suggestions wait for a decision in `area`: one query a kind."""
    return sum(
        waiting_rows(kind, Q(**{kind.area_path: area})).count() for kind in KINDS if kind.reviewed
    )


def waiting_in(area_ids) -> list[Entry]:
    """Every suggestion waiting in the areas `area_ids` (a subquery), oldest first."""
    entries = []
    for kind in KINDS:
        if kind.reviewed:
            rows = waiting_rows(kind, Q(**{f"{kind.area_path}__in": area_ids}))
            entries += [kind.entry(row) for row in rows.order_by("proposed_at")]
    return sorted(entries, key=lambda entry: entry.at)
