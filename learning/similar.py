"""Similar work elsewhere: other areas' barriers and actions close to an area's or a session's.

Only what may leave an area is shown (shareable insights, and actions), and only as the
other area's name and the words: never who said or owns them.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat

from learning.models import ActionTheme, InsightTheme
from learning.similarity import rank_similar
from workshops import selectors as session_selectors

SIMILAR_LIMIT = 4
# Other areas' work is looked for among the newest this many barriers and actions, so a
# page costs the same with fifty areas or 1,250 (ranking every action in the programme
# took seconds at national scale; see docs/PERFORMANCE.md).
RANKING_POOL = 1000
# How long a panel is reused. Its key describes the page's own barriers and actions (how
# many, their versions and theme tags) and an area's focus, so a change to what the
# panel is matched against shows at once; work recorded in other areas shows within this
# time. A key naming the newest work anywhere in the programme, as it first did, changed
# every few minutes at national scale, so panels were almost never reused. The area
# page's panel is cached as HTML under the same figures (`own_work_versions`).
CACHE_SECONDS = 15 * 60


@dataclass
class SimilarWork:
    barriers: list
    actions: list

    def __bool__(self):
        return bool(self.barriers or self.actions)


def similar_to_area(area) -> SimilarWork:
    """Other areas' work like this area's barriers and actions, or like its focus. Not
    cached here: the area page caches its panel under `own_work_versions`."""
    barriers = session_selectors.barriers_of(area=area)
    actions = session_selectors.actions_of(area=area)
    return _similar_to_area(area, barriers, actions)


def similar_to_session(session) -> SimilarWork:
    """Other areas' work like the barriers heard and the actions agreed at this session."""
    barriers = session_selectors.barriers_of(session=session)
    actions = session_selectors.actions_of(session=session)
    subject = f"session:{session.pk}:{_own_work(barriers, actions)}"
    return _cached(subject, lambda: _similar_to_session(session, barriers, actions))


def _cached(subject: str, find) -> SimilarWork:
    key = f"similar-work:{subject}"
    found = cache.get(key)
    if found is None:
        found = find()
        cache.set(key, found, CACHE_SECONDS)
    return found


def _own_work(barriers, actions) -> str:
    """What the panel is matched against, in figures: for the barriers and the actions,
    how many, the sum of their versions (every edit raises one) and of their theme tags.
    An item added, edited, deleted or tagged differently changes them. Two small queries
    on indexed columns."""
    figures = []
    for items in (barriers, actions):
        totals = items.aggregate(
            count=Count("pk", distinct=True),
            versions=Sum("version"),
            tags=Count("theme_links"),
            themes=Sum("theme_links__theme_id"),
        )
        figures += [totals[name] or 0 for name in ("count", "versions", "tags", "themes")]
    return "-".join(str(figure) for figure in figures)


def own_work_versions() -> dict:
    """`_own_work`'s figures for an area's barriers and actions, as subqueries on the
    area's row (`OuterRef("pk")`), for the area page's cached panel."""
    area = OuterRef("pk")
    return {
        "barriers": _figures(session_selectors.barriers_of(area=area), "session__area"),
        "actions": _figures(session_selectors.actions_of(area=area), "area"),
    }


def _figures(items: QuerySet, by: str) -> Subquery:
    figures = [
        Count("pk", distinct=True),
        Sum("version"),
        Count("theme_links"),
        Sum("theme_links__theme_id"),
    ]
    parts = []
    for figure in figures:
        parts += [Cast(figure, output_field=CharField()), Value("-")]
    return Subquery(
        items.order_by()
        .values(by)
        .annotate(figures=Concat(*parts[:-1], output_field=CharField()))
        .values("figures"),
        output_field=CharField(),
    )


def _similar_to_area(area, barriers, actions) -> SimilarWork:
    return _similar(
        area,
        barriers=barriers,
        actions=actions,
        text=" ".join([area.focus, *barriers.values_list("text", flat=True)]),
    )


def _similar_to_session(session, barriers, actions) -> SimilarWork:
    text = " ".join(barriers.values_list("text", flat=True))
    if not text:
        return SimilarWork(barriers=[], actions=[])
    return _similar(session.area, barriers=barriers, actions=actions, text=text)


def _similar(area, *, barriers, actions, text) -> SimilarWork:
    """Two queries: the type and theme matches are subqueries of the ranking itself."""
    theme_ids = Q(
        theme_id__in=InsightTheme.objects.filter(insight__in=barriers).values("theme_id")
    ) | Q(theme_id__in=ActionTheme.objects.filter(action__in=actions).values("theme_id"))
    other_barriers = (
        _newest(session_selectors.shareable_barriers_elsewhere(area))
        .select_related("session__area", "barrier_type")
        .annotate(
            shared=_shared(
                Q(barrier_type_id__in=barriers.values("barrier_type_id"))
                | Q(Exists(InsightTheme.objects.filter(theme_ids, insight=OuterRef("pk"))))
            )
        )
    )
    other_actions = (
        _newest(session_selectors.actions_elsewhere(area))
        .select_related("area")
        .annotate(
            shared=_shared(Q(Exists(ActionTheme.objects.filter(theme_ids, action=OuterRef("pk")))))
        )
    )
    return SimilarWork(
        barriers=rank_similar(other_barriers, field="text", text=text, limit=SIMILAR_LIMIT),
        actions=rank_similar(other_actions, field="description", text=text, limit=SIMILAR_LIMIT),
    )


def _newest(candidates: QuerySet) -> QuerySet:
    """The newest `RANKING_POOL` of `candidates`, read backwards off the primary key."""
    return candidates.model.objects.filter(
        pk__in=candidates.order_by("-pk").values("pk")[:RANKING_POOL]
    )


def _shared(match: Q):
    """True where an item shares a barrier type or theme with ours."""
    return Case(When(match, then=Value(True)), default=Value(False), output_field=BooleanField())
