"""Reads of the resource library that pages share.

A library page costs the same few queries whatever the library holds: the count, one
page of resources, and the labels of their stages and themes in one query each.
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from areas.models import Area, Stage
from resources.models import Resource, ResourceStage, SessionUse, Theme
from resources.search import search
from workshops.models import Session

# How far back the sessions offered for "we used this" go: the sessions people remember.
SESSIONS_OFFERED_FOR = timedelta(days=365)


def library(resources, *, q="", resource_type="", theme="", stage=""):
    """`resources` narrowed by the filters and search, best match (or newest) first."""
    if resource_type:
        resources = resources.filter(resource_type=resource_type)
    if theme:
        resources = resources.filter(
            Exists(
                Resource.themes.through.objects.filter(resource=OuterRef("pk"), theme__slug=theme)
            )
        )
    if stage:
        resources = resources.filter(
            Exists(ResourceStage.objects.filter(resource=OuterRef("pk"), stage=stage))
        )
    if q:
        resources = search(resources, q)
    # The search vector is only for the database to match and rank with; never fetch it.
    return resources.defer("search_vector")


def attach_labels(resources) -> None:
    """Give each resource of a page its `stage_labels` and `theme_names`.

    Two queries of plain values for the whole page: lighter than prefetching stage and
    theme objects only to read a label from each.
    """
    by_id = {resource.pk: resource for resource in resources}
    stages, themes = defaultdict(set), defaultdict(list)
    for resource_id, stage in ResourceStage.objects.filter(resource_id__in=by_id).values_list(
        "resource_id", "stage"
    ):
        stages[resource_id].add(stage)
    for resource_id, name in (
        Resource.themes.through.objects.filter(resource_id__in=by_id)
        .order_by("theme__name")
        .values_list("resource_id", "theme__name")
    ):
        themes[resource_id].append(name)
    for resource_id, resource in by_id.items():
        resource.stage_labels = [stage.label for stage in Stage if stage in stages[resource_id]]
        resource.theme_names = themes[resource_id]


def get_resource_for(user, resource_id: int) -> Resource:
    """The resource if `user` may see it, else 404 — the same answer as for no such resource."""
    return get_object_or_404(
        Resource.objects.visible_to(user)
        .defer("search_vector")
        .select_related("submission__proposed_by", "submission__area")
        .prefetch_related("themes", "stage_links"),
        pk=resource_id,
    )


def recommended_for_area(user, area: Area, *, limit: int = 3) -> list[Resource]:
    """Resources for where `area` is: its stage and the themes of its focus.

    A resource for the area's stage scores 2, and each theme it shares with the area's
    focus 1 more, so one that fits both comes first. One query, whatever the library:
    only resources for the stage or a focus theme are scored (through the stage and
    theme indexes), rather than every resource in the library.
    """
    for_stage = ResourceStage.objects.filter(stage=area.stage).values("resource")
    for_themes = Resource.themes.through.objects.filter(theme__focus_areas=area)
    same_stage = Exists(ResourceStage.objects.filter(resource=OuterRef("pk"), stage=area.stage))
    shared_themes = Coalesce(
        Subquery(
            for_themes.filter(resource=OuterRef("pk"))
            .order_by()
            .values("resource")
            .annotate(count=Count("pk"))
            .values("count")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )
    score = Case(When(same_stage, then=Value(2)), default=Value(0)) + shared_themes
    return list(
        Resource.objects.visible_to(user)
        .filter(Q(pk__in=for_stage) | Q(pk__in=for_themes.values("resource")))
        .defer("search_vector")
        .annotate(score=score)
        .order_by("-score", *Resource._meta.ordering)[:limit]
    )


def focus_themes(area: Area) -> list[Theme]:
    return list(Theme.objects.filter(focus_areas=area))


def sessions_used_in(user, resource: Resource) -> list[SessionUse]:
    """Where the resource was used, among the sessions `user` may see, latest first."""
    return list(
        SessionUse.objects.filter(resource=resource, session__in=Session.objects.visible_to(user))
        .select_related("session__area")
        .order_by("-session__starts_at")
    )


def sessions_to_mark(user, resource: Resource):
    """The sessions `user` may say the resource was used in: those of their areas in the
    past year or still to come, and not already recorded."""
    return (
        Session.objects.visible_to(user)
        .filter(starts_at__gte=timezone.now() - SESSIONS_OFFERED_FOR)
        .exclude(resource_uses__resource=resource)
        .select_related("area")
        .order_by("-starts_at")
    )
