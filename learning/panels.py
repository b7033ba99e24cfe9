"""Similar work in other areas, on the area and session pages (see `partnerships.panels`).

`learning.similar` caches each page's findings under a key describing the page's own
work, read in two queries. The area page's panel is cached as HTML under the same
description, read with the page's other versions in one query; the session page's
panel arrives on its own request, where the two queries are all it costs when warm.
"""

from django.db.models import OuterRef

from learning import similar
from learning.models import ActionTheme, InsightTheme
from partnerships.panels import Panel, PanelRequest, fingerprint, register
from workshops.models import Action, Insight, InsightKind


def area_similar_work(panel_request: PanelRequest) -> dict:
    area = panel_request.subject
    return {
        "similar": similar.similar_to_area(area),
        "anchor": "similar-work",
        "intro": f"Barriers and actions from other areas close to {area.name}’s focus and "
        "what it has heard, those with the same barrier type or theme first.",
    }


def area_similar_work_versions(area) -> dict:
    """What the area's panel is matched against: its barriers and actions (each edit
    raises a version) and their themes. Its focus is the area row's own."""
    return {
        "barriers": fingerprint(
            Insight.objects.filter(session__area=OuterRef("pk"), kind=InsightKind.BARRIER),
            "session__area",
            "version",
        ),
        "barrier_themes": fingerprint(
            InsightTheme.objects.filter(
                insight__session__area=OuterRef("pk"), insight__kind=InsightKind.BARRIER
            ),
            "insight__session__area",
            "insight",
            "theme",
        ),
        "actions": fingerprint(Action.objects.filter(area=OuterRef("pk")), "area", "version"),
        "action_themes": fingerprint(
            ActionTheme.objects.filter(action__area=OuterRef("pk")),
            "action__area",
            "action",
            "theme",
        ),
    }


def _area_words(panel_request: PanelRequest) -> tuple:
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
        versions=area_similar_work_versions,
        varies_by=_area_words,
        # Work recorded in other areas shows within this time, as in `learning.similar`.
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
