"""The area page's plan: statements in force, indicators with their sparklines, and the
latest consented quotes (see `partnerships.panels`).

It is read on every view of the area page and drawing the sparklines is most of its
cost, so it is cached as HTML under versions of everything it shows. Statements and
indicators carry a `version` every edit raises; measurements are only ever added (or go
with their indicator); evidence is corrected in place, so its shown fields are part of
its fingerprint, with each speaker's latest consent decision, since withdrawing consent
takes a quote off the page at once.
"""

from django.db.models import OuterRef

from areas.outcomes import selectors
from areas.outcomes.models import CaoStatement, Evidence, Indicator, Measurement
from partnerships.models import ConsentUse
from partnerships.panels import Panel, PanelRequest, fingerprint, register


def area_plan(panel_request: PanelRequest) -> dict:
    return {
        "area": panel_request.subject,
        "can_manage": panel_request.page["can_manage"],
        "outcomes": selectors.area_summary(panel_request.subject),
    }


def area_plan_versions() -> dict:
    area_ref = OuterRef("pk")
    evidence = Evidence.objects.filter(area=area_ref).with_speaker_consent(ConsentUse.CASE_STUDIES)
    return {
        "statements": fingerprint(
            CaoStatement.objects.filter(area=area_ref), "area", "version", "status"
        ),
        "indicators": fingerprint(Indicator.objects.filter(area=area_ref), "area", "version"),
        "measurements": fingerprint(
            Measurement.objects.filter(indicator__area=area_ref), "indicator__area"
        ),
        "evidence": fingerprint(
            evidence,
            "area",
            "kind",
            "text",
            "attributed_to",
            "is_anonymised",
            "consent",
            "consent_on",
            "collected_on",
            "speaker_consent",
        ),
    }


def _viewer_and_area(panel_request: PanelRequest) -> tuple:
    area = panel_request.subject
    return (area.slug, area.name, panel_request.page["can_manage"])


register(
    Panel(
        page="area",
        name="plan",
        slot="plan",
        order=10,
        template="areas/outcomes/_area_summary.html",
        context=area_plan,
        versions=area_plan_versions,
        varies_by=_viewer_and_area,
    )
)
