"""Reads for the programme dashboard and the public programme page.

The dashboard reads a page of the areas the user may see in three queries whatever their
number: how many there are, one page of them, and the current steering seats of that
page's areas, from which their figures are counted. Only the page's areas are counted,
unless the sort is by those figures.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower

from areas.models import Area, Cohort, Stage, StageChange, SteeringMember
from partnerships.models import Sector


@dataclass(frozen=True)
class SortColumn:
    key: str
    label: str
    ascending: str
    descending: str
    expressions: tuple


# The four kinds of support in the order the programme describes them, not alphabetical.
_STAGE_ORDER = Case(
    *(When(stage=stage, then=Value(index)) for index, stage in enumerate(Stage.values)),
    default=Value(len(Stage.values)),
)

# The only orderings the dashboard accepts from the query string.
SORT_COLUMNS = {
    column.key: column
    for column in [
        SortColumn("name", "Area", "A to Z", "Z to A", (Lower("name"),)),
        SortColumn(
            "cohort",
            "Cohort",
            "earliest first",
            "latest first",
            (F("cohort__starts_on"), Lower("cohort__name")),
        ),
        SortColumn("stage", "Stage", "in order", "reverse order", (_STAGE_ORDER,)),
        SortColumn(
            "stage_changed", "Stage changed", "earliest", "latest", (F("stage_changed_at"),)
        ),
        SortColumn("focus", "Focus", "A to Z", "Z to A", (Lower("focus"),)),
        SortColumn("steering", "Steering group", "smallest", "largest", (F("steering_size"),)),
        SortColumn("sectors", "Sectors", "fewest", "most", (F("sector_count"),)),
    ]
}
DEFAULT_SORT = "cohort"


def parse_sort(value: str | None) -> str:
    """The sort asked for if it is one we offer (`-` in front for descending), else the default."""
    value = (value or "").strip()
    return value if value.removeprefix("-") in SORT_COLUMNS else DEFAULT_SORT


def _ordering(sort: str) -> list:
    descending = sort.startswith("-")
    column = SORT_COLUMNS[sort.removeprefix("-")]
    # Areas without a value (no stage change yet, a cohort with no start date) go last
    # either way, so a reversed sort still starts with the rows that have something to say.
    ordering = [
        expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
        for expression in column.expressions
    ]
    # Ties (and the default cohort sort) fall back to the area's name, then its id, so
    # the order is stable between the page, its htmx refreshes and the CSV.
    return [*ordering, Lower("name").asc(), F("pk").asc()]


def visible_cohorts(user):
    """The cohorts of the areas `user` may see, for the dashboard's cohort filter."""
    return (
        Cohort.objects.filter(areas__in=Area.objects.visible_to(user))
        .distinct()
        .order_by(F("starts_on").asc(nulls_last=True), "name")
    )


def programme_areas(user, **filters) -> list[Area]:
    """Every area `user` may see, filtered and sorted, with the dashboard's figures."""
    return with_figures(list(programme_areas_query(user, **filters)))


# Sorts by a steering group's size or mix need those figures for every matching area.
_FIGURE_SORTS = {"steering", "sectors"}


def programme_areas_query(user, *, q="", cohort="", stage="", sort=DEFAULT_SORT) -> QuerySet:
    """The areas `user` may see, filtered and sorted, as a query a page can be cut from.

    Each area gets `stage_changed_at` (None if its stage never changed), a lookup per
    area on the rows it returns. The steering group's figures are added to the areas a
    page shows by `with_figures`; only a sort by them computes them for every area.
    """
    filtered = Area.objects.visible_to(user)
    if q:
        filtered = filtered.filter(name__icontains=q)
    if cohort:
        filtered = filtered.filter(cohort__slug=cohort)
    if stage:
        filtered = filtered.filter(stage=stage)

    latest_change = StageChange.objects.filter(area=OuterRef("pk")).order_by("-changed_at")
    areas = filtered.select_related("cohort").annotate(
        stage_changed_at=Subquery(latest_change.values("changed_at")[:1])
    )
    if sort.removeprefix("-") in _FIGURE_SORTS:
        areas = areas.annotate(
            steering_size=_count_current_seats(Count("pk")),
            sector_count=_count_current_seats(Count("organisation__sector", distinct=True)),
        )
    return areas.order_by(*_ordering(sort))


def _count_current_seats(count) -> Coalesce:
    """`count` over an area's current steering seats, as a subquery: one index scan per
    area, cheaper than joining every seat of the programme and grouping it back."""
    seats = (
        SteeringMember.objects.current()
        .filter(area=OuterRef("pk"))
        .order_by()
        .values("area")
        .annotate(figure=count)
        .values("figure")
    )
    return Coalesce(Subquery(seats), 0)


def with_figures(areas: list[Area]) -> list[Area]:
    """Give each area its steering group's figures, from one query over their current seats.

    `steering_size` counts the current members, `sector_count` the sectors of their
    organisations, and `sector_labels` names those sectors in the programme's order.
    """
    if not areas:
        return areas
    seats_by_area = defaultdict(int)
    sectors_by_area = defaultdict(set)
    seats = (
        SteeringMember.objects.current()
        .filter(area__in=[area.pk for area in areas])
        .values_list("area_id", "organisation__sector")
        .order_by()  # the model's ordering by name would join people for nothing
    )
    for area_id, sector in seats:
        seats_by_area[area_id] += 1
        if sector is not None:
            sectors_by_area[area_id].add(sector)
    for area in areas:
        sectors = sectors_by_area[area.pk]
        area.steering_size = seats_by_area[area.pk]
        area.sector_count = len(sectors)
        area.sector_labels = [sector.label for sector in Sector if sector.value in sectors]
    return areas


def public_cohorts(*, today: date) -> tuple[list[Cohort], list[Cohort]]:
    """(current, past) cohorts that have public areas, newest first, each with `public_areas`.

    A cohort is current until its end date has passed (or if it has none), so one that
    has not started yet shows as current too.
    """
    cohorts = Cohort.objects.order_by(
        F("starts_on").desc(nulls_first=True), "name"
    ).prefetch_related(
        Prefetch(
            "areas",
            queryset=Area.objects.filter(is_public=True).order_by("name"),
            to_attr="public_areas",
        )
    )
    current, past = [], []
    for cohort in cohorts:
        if not cohort.public_areas:
            continue
        is_current = cohort.ends_on is None or cohort.ends_on >= today
        (current if is_current else past).append(cohort)
    return current, past
