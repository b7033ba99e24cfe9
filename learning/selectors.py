"""Reads across every area: what the programme is hearing, for whoever may see it.

`visible_insights` is the one place that decides which barriers, ideas and quotes a user
may read here. The explorer, its counts, the CSV and the learning brief all start from it.
"""

import math
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from areas.models import Area, Cohort
from learning.models import ActionTheme, InsightTheme, Theme
from partnerships import access
from partnerships.models import AreaRole, ConsentUse
from workshops.models import Action, BarrierType, Insight, InsightKind
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
        return Area.objects.none()
    if access.is_funder(user):
        return Area.objects.filter(
            is_public=True, cohort__fundings__funder=access.person_for(user)
        ).distinct()
    return Area.objects.all()


def visible_insights(user, *, shared_only: bool = False):
    """The barriers, ideas and quotes `user` may read across the areas they may explore.

    Quotes without consent stay with the area team: a facilitator sees them only for the
    areas where they are in that team (programme leads are everywhere). Funders, and any
    document that leaves the platform (`shared_only`), get only what may be shared.
    """
    if not may_explore(user):
        return Insight.objects.none()
    insights = Insight.objects.filter(kind__in=LEARNING_KINDS)
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
        "cohorts": list(Cohort.objects.filter(areas__in=areas).distinct().order_by("name")),
        "barrier_types": list(BarrierType.objects.all()),
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


@dataclass
class CountCell:
    area: Area
    count: int
    level: int


@dataclass
class CountRow:
    key: str
    label: str
    cells: list[CountCell] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)

    @property
    def area_count(self) -> int:
        """How many areas heard it at least once."""
        return sum(1 for cell in self.cells if cell.count)


@dataclass
class CountsTable:
    by: str
    columns: list[Area]
    rows: list[CountRow]

    def by_area(self) -> list[tuple[Area, list[CountCell], int]]:
        """The same counts with a row per area (its cells, one per row above, and their
        total): a programme of hundreds of areas runs on down the pages, not across."""
        return [
            (area, cells := [row.cells[index] for row in self.rows], sum(c.count for c in cells))
            for index, area in enumerate(self.columns)
        ]


def counts_table(insights, *, by: str, areas: list, barrier_types: list, themes: list):
    """How many of `insights` each area heard, by barrier type or by theme, in one query.

    Only areas and rows with something to count appear. Each cell's `level` (0 to 4) is
    its shade in the heat map, relative to the largest count.
    """
    if by == "theme":
        pairs = insights.filter(theme_links__isnull=False).values_list(
            "session__area_id", "theme_links__theme_id"
        )
        row_keys = [(str(theme.pk), theme.name, theme.pk) for theme in themes]
    else:
        pairs = insights.filter(barrier_type__isnull=False).values_list(
            "session__area_id", "barrier_type_id"
        )
        row_keys = [(kind.slug, kind.name, kind.pk) for kind in barrier_types]
    counts = {
        (area_id, row_id): number
        for area_id, row_id, number in pairs.order_by().annotate(number=Count("pk", distinct=True))
    }
    used_areas = {area_id for area_id, _ in counts}
    used_rows = {row_id for _, row_id in counts}
    columns = [area for area in areas if area.pk in used_areas]
    largest = max(counts.values(), default=0)
    rows = []
    for key, label, row_id in row_keys:
        if row_id not in used_rows:
            continue
        row = CountRow(key=key, label=label)
        for area in columns:
            number = counts.get((area.pk, row_id), 0)
            row.cells.append(
                CountCell(area=area, count=number, level=math.ceil(HEAT_LEVELS * number / largest))
            )
        rows.append(row)
    return CountsTable(by=by, columns=columns, rows=rows)


def top_barrier_types(table: CountsTable, *, limit: int = 5) -> list[CountRow]:
    """The barrier types heard most across the areas in the table."""
    return sorted(table.rows, key=lambda row: (-row.total, row.label))[:limit]


def taggable_insights(user):
    """Barriers, ideas and quotes of the areas the user facilitates (leads: every area)."""
    if not may_tag(user):
        return Insight.objects.none()
    return Insight.objects.filter(
        access.area_scope(user, roles=TAGGING_ROLES, field="session__area"),
        kind__in=LEARNING_KINDS,
    )


def taggable_actions(user):
    if not may_tag(user):
        return Action.objects.none()
    return Action.objects.visible_to(user, roles=TAGGING_ROLES)


def tagging_areas(user):
    return Area.objects.visible_to(user, roles=TAGGING_ROLES)


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
