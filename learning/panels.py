"""Similar work in other areas, on the area and session pages (see `partnerships.panels`).

The area page's panel is cached as HTML under figures describing the area's own work
(read with the page's other versions) and its focus, for as long as `learning.similar`
keeps the session page's findings: other areas' work shows within that time.
"""

from learning import similar
from partnerships.panels import Panel, PanelRequest, register


def area_similar_work(panel_request: PanelRequest) -> dict:
    area = panel_request.subject
    return {
        "similar": similar.similar_to_area(area),
        "anchor": "similar-work",
        "intro": f"Barriers and actions from other areas close to {area.name}’s focus and "
        "what it has heard, those with the same barrier type or theme first.",
    }


def _area_name_and_focus(panel_request: PanelRequest) -> tuple:
    area = panel_request.subject
    return (area.name, area.focus)


def session_similar_work(panel_request: PanelRequest) -> dict:
    return {
        "similar": similar.similar_to_session(panel_request.subject),
        "anchor": "similar-work",
        "compact": True,
        "intro": "Other areas heard barriers like these. What they agreed may help.",
    }


register(
    Panel(
        page="area",
        name="similar-work",
        slot="work",
        order=30,
        template="learning/_similar_work.html",
        context=area_similar_work,
        versions=similar.own_work_versions,
        varies_by=_area_name_and_focus,
        seconds=similar.CACHE_SECONDS,
    )
)
register(
    Panel(
        page="session",
        name="similar-work",
        slot="similar_work",
        order=10,
        template="learning/_similar_work.html",
        context=session_similar_work,
    )
)
