"""The area page's notice of suggestions waiting for the area team's decision (see
`partnerships.panels`).

Its versions are the very counts it shows, one per kind of suggestion, read with the
other panels' versions, so a page whose counts have not changed reads none of them.
"""

from django.db.models import OuterRef, Q

from partnerships.panels import Panel, PanelRequest, register, tally
from partnerships.review import registry as review


def suggestions_waiting(panel_request: PanelRequest) -> dict:
    can_manage = panel_request.page["can_manage"]
    return {"suggestions_waiting": review.waiting_count(panel_request.subject) if can_manage else 0}


def suggestions_waiting_versions() -> dict:
    area = OuterRef("pk")
    return {
        kind.noun: tally(review.waiting_rows(kind, Q(**{kind.area_path: area})), kind.area_path)
        for kind in review.KINDS
        if kind.reviewed
    }


def _viewer(panel_request: PanelRequest) -> tuple:
    return (panel_request.page["can_manage"],)


register(
    Panel(
        page="area",
        name="suggestions-waiting",
        slot="notices",
        order=10,
        template="areas/_suggestions_waiting.html",
        context=suggestions_waiting,
        versions=suggestions_waiting_versions,
        varies_by=_viewer,
    )
)
