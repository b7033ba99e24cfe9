"""The library's panel on the area page: resources for where the partnership is (see
`partnerships.panels`)."""

from django.db.models import CharField, Count, Max, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat

from partnerships.panels import Panel, PanelRequest, fingerprint, register
from resources import selectors
from resources.models import Resource, Theme, sees_whole_library


def recommended_resources(panel_request: PanelRequest) -> dict:
    """A few resources for the area's stage and focus themes, in two queries."""
    area = panel_request.subject
    return {
        "area": area,
        "resources": selectors.recommended_for_area(panel_request.request.user, area),
        "focus_themes": selectors.focus_themes(area),
        "can_manage": panel_request.page["can_manage"],
    }


def recommended_resources_versions() -> dict:
    """The library as a whole (every change to a resource, its stages or its themes goes
    through the library's services, which stamp `updated_at`; a removal changes the
    count), and the themes of the area's focus."""
    library = (
        Resource.objects.annotate(whole=Value(1))
        .order_by()
        .values("whole")
        .annotate(
            version=Concat(
                Cast(Count("pk"), CharField()),
                Value(","),
                Cast(Max("pk"), CharField()),
                Value(","),
                Cast(Max("updated_at"), CharField()),
                output_field=CharField(),
            )
        )
        .values("version")
    )
    focus = Theme.focus_areas.through.objects.filter(area=OuterRef("pk"))
    return {
        "library": Subquery(library, output_field=CharField()),
        "focus": fingerprint(focus, "area", "theme", "theme__name"),
    }


def _viewer_and_area(panel_request: PanelRequest) -> tuple:
    area = panel_request.subject
    return (
        area.slug,
        area.stage,
        sees_whole_library(panel_request.request.user),
        panel_request.page["can_manage"],
    )


register(
    Panel(
        page="area",
        name="recommended-resources",
        slot="library",
        order=10,
        template="resources/_recommended_for_area.html",
        context=recommended_resources,
        versions=recommended_resources_versions,
        varies_by=_viewer_and_area,
    )
)
