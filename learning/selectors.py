"""Reads across every area: what the programme is hearing, for whoever may see it.

`visible_insights` is the one place that decides which barriers, ideas and quotes a user
may read here. The explorer, its counts, the CSV and the learning brief all start from it.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch

from areas import selectors as area_selectors
from areas.models import Stage
from learning.models import ActionTheme, InsightTheme, Theme
from partnerships import access
from partnerships.models import AreaRole, ConsentUse
from workshops import selectors as session_selectors
from workshops.models import InsightKind
from workshops.selectors import AREA_TEAM_ROLES

# What areas hear and compare; decisions belong to the area's own record.
LEARNING_KINDS = (InsightKind.BARRIER, InsightKind.IDEA, InsightKind.QUOTE)
TAGGING_ROLES = frozenset({AreaRole.FACILITATOR})
# How a quote is attributed to a funder: they never see who said it, even as described.
ANONYMOUS_ATTRIBUTION = "A participant"
HEAT_LEVELS = 4


def may_explore(user) -> bool:
    """Programme leads, facilitators of any area, and funders read the learning."""
    return (
        access.is_programme_lead(user)
        or access.is_funder(user)
        or access.holds_any_role(user, TAGGING_ROLES)
    )


def may_tag(user) -> bool:
    return access.is_programme_lead(user) or access.holds_any_role(user, TAGGING_ROLES)


def explorable_areas(user):
    """Every area for programme staff; for funders, the areas shown publicly in the
    cohorts they fund (the cohort fundings the reports page reads too)."""
    if not may_explore(user):
        return area_selectors.every_area().none()
    if access.is_funder(user):
        return area_selectors.public_areas_funded_by(access.person_for(user))
    return area_selectors.every_area()


def visible_insights(user, *, shared_only: bool = False):
    """The barriers, ideas and quotes `user` may read across the areas they may explore.

    Quotes without consent stay with the area team: a facilitator sees them only for the
    areas where they are in that team (programme leads are everywhere). Funders, and any
    document that leaves the platform (`shared_only`), get only what may be shared.
    """
    insights = session_selectors.insights_of_kinds(LEARNING_KINDS)
    if not may_explore(user):
        return insights.none()
    if access.is_funder(user):
        # What funders read goes into their reports, so it needs that consent too.
        reported = insights.shareable().shareable(use=ConsentUse.CASE_STUDIES)
        return reported.filter(session__area__in=explorable_areas(user).values("pk"))
    if shared_only:
        return insights.shareable()
    team_areas = access.area_ids_for(user, roles=AREA_TEAM_ROLES)
    if team_areas is None:
        return insights
    return insights.shareable() | insights.filter(session__area__in=team_areas)


def shown_attribution(insight, *, anonymised: bool) -> str:
    """How a quote is attributed on screen and in exports; never the speaker's record."""
    if insight.kind != InsightKind.QUOTE:
        return ""
    if anonymised:
        return ANONYMOUS_ATTRIBUTION
    return insight.attribution or "Speaker not named"


def filter_options(user) -> dict:
    """The explorer's choices, each fetched once: they also label the counts table."""
    areas = explorable_areas(user)
    return {
        "areas": list(areas.select_related("cohort")),
        "cohorts": list(area_selectors.cohorts_of(areas)),
        "barrier_types": list(session_selectors.barrier_types()),
        "themes": list(Theme.objects.all()),
    }


def filter_insights(insights, filters: dict):
    """Narrow `insights` by the explorer's filters (slugs, ids and dates already checked)."""
    if filters.get("theme"):
        insights = insights.filter(theme_links__theme_id=filters["theme"])
    if filters.get("barrier_type"):
        insights = insights.filter(barrier_type__slug=filters["barrier_type"])
    if filters.get("area"):
        insights = insights.filter(session__area__slug=filters["area"])
    if filters.get("cohort"):
        insights = insights.filter(session__area__cohort__slug=filters["cohort"])
    if filters.get("stage"):
        insights = insights.filter(session__area__stage=filters["stage"])
    if filters.get("kind"):
        insights = insights.filter(kind=filters["kind"])
    if filters.get("date_from"):
        insights = insights.filter(session__starts_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        insights = insights.filter(session__starts_at__date__lte=filters["date_to"])
    return insights


def with_details(insights):
    """The insights ready to list: area, cohort, session, type and themes in two queries."""
    return (
        insights.select_related("session__area__cohort", "barrier_type")
        .prefetch_related(
            Prefetch("theme_links", queryset=InsightTheme.objects.select_related("theme"))
        )
        .order_by("-session__starts_at", "pk")
    )


# What the counts are compared across: groups of areas first, so the table keeps a
# column per cohort or stage however many areas there are, and areas a page at a time.
ACROSS_FIELDS = {
    "cohort": "session__area__cohort_id",
    "stage": "session__area__stage",
    "area": "session__area_id",
}
COLUMNS_PER_PAGE = 6


@dataclass
class CountColumn:
    key: object
    label: str
    # The explorer's filters that pick out this column's items (and its areas).
    filters: dict


@dataclass
class CountCell:
    column: CountColumn
    count: int
    level: int


@dataclass
class CountRow:
    key: str
    label: str
    # Over every column, not only the page of them shown.
    total: int = 0
    area_count: int = 0
    cells: list[CountCell] = field(default_factory=list)


@dataclass
class CountsTable:
    by: str
    across: str
    columns: list[CountColumn]
    rows: list[CountRow]
    # The page of columns shown, when the columns come a page at a time.
    column_page: object = None

    def by_column(self) -> list[tuple[CountColumn, list[CountCell], int]]:
        """The same counts with a row per column (its cells, one per row above, and their
        total): a programme of hundreds of areas runs on down the pages, not across."""
        return [
            (column, cells := [row.cells[index] for row in self.rows], sum(c.count for c in cells))
            for index, column in enumerate(self.columns)
        ]


def _columns(across: str, *, areas: list, cohorts: list) -> list[CountColumn]:
    if across == "cohort":
        return [CountColumn(c.pk, c.name, {"cohort": c.slug}) for c in cohorts]
    if across == "stage":
        return [CountColumn(value, label, {"stage": value}) for value, label in Stage.choices]
    return [CountColumn(area.pk, area.name, {"area": area.slug}) for area in areas]


def counts_table(
    insights,
    *,
    by: str,
    across: str = "area",
    areas: list,
    cohorts: list = (),
    barrier_types: list,
    themes: list,
    column_page=None,
):
    """How many of `insights` were heard in each cohort, stage or area (`across`), by
    barrier type or by theme, in one query, and in how many areas.

    Only columns and rows with something to count appear; with `column_page` (a page
    number) only that page of columns does. Each cell's `level` (0 to 4) is its shade
    in the heat map, relative to the largest count.
    """
    column_field = ACROSS_FIELDS[across]
    if by == "theme":
        counted = insights.filter(theme_links__isnull=False)
        row_field = "theme_links__theme_id"
        row_keys = [(str(theme.pk), theme.name, theme.pk) for theme in themes]
    else:
        counted = insights.filter(barrier_type__isnull=False)
        row_field = "barrier_type_id"
        row_keys = [(kind.slug, kind.name, kind.pk) for kind in barrier_types]
    counts, totals, area_counts = {}, defaultdict(int), defaultdict(set)
    triples = (
        counted.order_by()
        .values_list(column_field, "session__area_id", row_field)
        .annotate(number=Count("pk", distinct=True))
    )
    for column_key, area_id, row_id, number in triples:
        counts[column_key, row_id] = counts.get((column_key, row_id), 0) + number
        totals[row_id] += number
        area_counts[row_id].add(area_id)
    used_columns = {column_key for column_key, _ in counts}
    columns = [
        column
        for column in _columns(across, areas=areas, cohorts=cohorts)
        if column.key in used_columns
    ]
    page = None
    if column_page is not None:
        page = Paginator(columns, COLUMNS_PER_PAGE).get_page(column_page)
        columns = list(page.object_list)
    largest = max(counts.values(), default=0)
    rows = []
    for key, label, row_id in row_keys:
        if row_id not in totals:
            continue
        row = CountRow(
            key=key, label=label, total=totals[row_id], area_count=len(area_counts[row_id])
        )
        for column in columns:
            number = counts.get((column.key, row_id), 0)
            row.cells.append(
                CountCell(
                    column=column, count=number, level=math.ceil(HEAT_LEVELS * number / largest)
                )
            )
        rows.append(row)
    return CountsTable(by=by, across=across, columns=columns, rows=rows, column_page=page)


def top_barrier_types(table: CountsTable, *, limit: int = 5) -> list[CountRow]:
    """The barrier types heard most across the areas in the table."""
    return sorted(table.rows, key=lambda row: (-row.total, row.label))[:limit]


def taggable_insights(user):
    """Barriers, ideas and quotes of the areas the user facilitates (leads: every area)."""
    insights = session_selectors.insights_of_kinds(LEARNING_KINDS)
    if not may_tag(user):
        return insights.none()
    return insights.filter(access.area_scope(user, roles=TAGGING_ROLES, field="session__area"))


def taggable_actions(user):
    actions = session_selectors.actions_visible_to(user, roles=TAGGING_ROLES)
    return actions if may_tag(user) else actions.none()


def tagging_areas(user):
    return area_selectors.areas_visible_to(user, roles=TAGGING_ROLES)


def tagging_list(user, *, area: str = "", kind: str = "") -> list:
    """What the user may tag, newest first: insights and actions, each with its themes.

    Actions come as one more kind ("action"), so the list can be filtered like insights.
    """
    items = []
    if kind != "action":
        insights = taggable_insights(user)
        if area:
            insights = insights.filter(session__area__slug=area)
        if kind:
            insights = insights.filter(kind=kind)
        items.extend(with_details(insights))
    if kind in ("", "action"):
        actions = (
            taggable_actions(user)
            .select_related("area", "session")
            .prefetch_related(
                Prefetch("theme_links", queryset=ActionTheme.objects.select_related("theme"))
            )
        )
        if area:
            actions = actions.filter(area__slug=area)
        items.extend(actions)
    return sorted(items, key=_newest_first)


def _newest_first(item):
    session = item.session
    return (-(session.starts_at.timestamp() if session else 0), item.created_at.timestamp())
