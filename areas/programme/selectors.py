"""Reads for the programme dashboard and the public programme page.

The dashboard reads a page of the areas the user may see in four queries whatever their
number: how many there are, one page of them, the current steering seats of that page's
areas, from which their figures are counted, and the page's sessions, actions and budget
figures. Only the page's areas are counted, unless the sort or a filter is by a figure.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from areas.budgets.money import MONEY_FIELD, financial_year_of
from areas.budgets.selectors import BUDGET_ROLES
from areas.models import (
    Area,
    Budget,
    Cohort,
    SpendLine,
    SpendStatus,
    Stage,
    StageChange,
    SteeringMember,
)
from areas.programme import figures
from partnerships import access
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
        SortColumn(
            "last_session",
            "Last session",
            "longest ago first",
            "most recent first",
            (F("last_session_at"),),
        ),
        SortColumn(
            "next_session", "Next session", "soonest first", "latest first", (F("next_session_at"),)
        ),
        # Ascending is the order a programme lead starts from: the most overdue first.
        SortColumn(
            "overdue",
            "Overdue actions",
            "most first",
            "fewest first",
            (Value(0) - F("overdue_actions"), Value(0) - F("open_actions")),
        ),
        SortColumn("budget", "Budget used", "least first", "most first", (F("budget_used"),)),
    ]
}
DEFAULT_SORT = "cohort"

# What each sort by a figure needs computed for every area, not only a page of them.
_SORT_FIGURES = {
    "last_session": ("last_session_at",),
    "next_session": ("next_session_at",),
    "overdue": ("overdue_actions", "open_actions"),
}

# Filters that pick out the areas needing attention: (label, figures needed, condition).
QUIET_DAYS = 90
ATTENTION = {
    "overdue": ("With overdue actions", ("overdue_actions",), lambda now: Q(overdue_actions__gt=0)),
    "quiet": (
        f"No session in the last {QUIET_DAYS} days",
        ("last_session_at",),
        lambda now: (
            Q(last_session_at__isnull=True)
            | Q(last_session_at__lt=now - timedelta(days=QUIET_DAYS))
        ),
    ),
    "unplanned": ("No session planned", ("next_session_at",), lambda now: Q(next_session_at=None)),
}


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
    """The cohorts of the areas `user` may see, for the dashboard's cohort filter.

    Each cohort asks whether it has one such area (a probe of the cohort index), rather
    than every visible area being joined to its cohort and made distinct: the work follows
    the number of cohorts, not of areas."""
    visible = Area.objects.visible_to(user).filter(cohort=OuterRef("pk"))
    return Cohort.objects.filter(Exists(visible)).order_by(
        F("starts_on").asc(nulls_last=True), "name"
    )


def programme_areas(user, *, now: datetime, **filters) -> list[Area]:
    """Every area `user` may see, filtered and sorted, with the dashboard's figures."""
    areas = list(programme_areas_query(user, now=now, **filters))
    return with_activity(user, with_figures(areas), now=now)


# Sorts by a steering group's size or mix need those figures for every matching area.
_STEERING_SORTS = {"steering", "sectors"}


def programme_areas_query(
    user, *, now: datetime, q="", cohort="", stage="", attention="", sort=DEFAULT_SORT
) -> QuerySet:
    """The areas `user` may see, filtered and sorted, as a query a page can be cut from.

    Each area gets `stage_changed_at` (None if its stage never changed), a lookup per
    area on the rows it returns. The other figures are added to the areas a page shows
    by `with_figures` and `with_activity`; only a sort or filter by one of them computes
    it for every area, as a subquery per area.
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
    sorted_by = sort.removeprefix("-")
    if sorted_by in _STEERING_SORTS:
        areas = areas.annotate(
            steering_size=_count_current_seats(Count("pk")),
            sector_count=_count_current_seats(Count("organisation__sector", distinct=True)),
        )
    needed = set(_SORT_FIGURES.get(sorted_by, ()))
    if attention:
        needed.update(ATTENTION[attention][1])
    areas = areas.annotate(**figures.annotations(now, sorted(needed)))
    if sorted_by == "budget":
        areas = areas.annotate(**_budget_used(user, now))
    if attention:
        areas = areas.filter(ATTENTION[attention][2](now))
    return areas.order_by(*_ordering(sort))


def with_activity(user, areas: list[Area], *, now: datetime) -> list[Area]:
    """Give each area its sessions, actions and budget figures, in one query for them all.

    `last_session_at`, `next_session_at` (None if there is none) and the whole days since
    and until them (`days_since_last_session`, `days_to_next_session`), `open_actions`,
    `overdue_actions`, and for this financial year's budgets `budget_allocated`,
    `budget_spent` (approved spending) and `budget_used` (per cent, None without an
    allocation), with `budget_visible` False (and the budget figures None) where the
    user may not see the area's budgets.
    """
    if not areas:
        return areas
    annotations = {**figures.annotations(now), **_budget_annotations(user, now)}
    rows = (
        Area.objects.filter(pk__in=[area.pk for area in areas])
        .order_by()
        .annotate(**annotations)
        .values("pk", *annotations)
    )
    by_area = {row.pop("pk"): row for row in rows}
    today = timezone.localdate(now)
    for area in areas:
        for name, value in by_area[area.pk].items():
            setattr(area, name, value)
        allocated = area.budget_allocated
        if allocated is None:
            area.budget_spent = None  # no budget this year (or not the user's to see)
        area.budget_used = area.budget_spent * 100 / allocated if allocated else None
        last, upcoming = area.last_session_at, area.next_session_at
        area.days_since_last_session = (today - timezone.localdate(last)).days if last else None
        area.days_to_next_session = (
            (timezone.localdate(upcoming) - today).days if upcoming else None
        )
    return areas


def _budget_annotations(user, now: datetime) -> dict:
    """This financial year's allocation (None without a budget) and approved spending, for
    the areas whose budgets `user` keeps or oversees (leads: every area), else None."""
    year = financial_year_of(timezone.localdate(now))
    money = DecimalField(**MONEY_FIELD)
    allocated = (
        Budget.objects.filter(area=OuterRef("pk"), financial_year=year)
        .order_by()
        .values("area")
        .annotate(total=Sum("allocated"))
        .values("total")
    )
    spent = (
        SpendLine.objects.filter(
            budget__area=OuterRef("pk"),
            budget__financial_year=year,
            status=SpendStatus.APPROVED,
        )
        .order_by()
        .values("budget__area")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    allocated, spent = Subquery(allocated), Coalesce(Subquery(spent), Decimal("0"))
    budget_areas = access.area_ids_for(user, roles=BUDGET_ROLES)
    if budget_areas is None:
        return {"budget_visible": Value(True), "budget_allocated": allocated, "budget_spent": spent}
    visible = Q(pk__in=budget_areas)
    return {
        "budget_visible": Case(When(visible, then=Value(True)), default=Value(False)),
        "budget_allocated": Case(When(visible, then=allocated), output_field=money),
        "budget_spent": Case(When(visible, then=spent), output_field=money),
    }


def _budget_used(user, now: datetime) -> dict:
    """The budget figures and the per cent of the allocation spent, to sort every area by."""
    return {
        **_budget_annotations(user, now),
        "budget_used": Case(
            When(budget_allocated__gt=0, then=F("budget_spent") * 100 / F("budget_allocated")),
            output_field=DecimalField(**MONEY_FIELD),
        ),
    }


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
