"""The three documents funders read, each rendered to HTML first.

The HTML is what the PDF is built from and what its cache key is hashed from, so the
same content always finds the same file, and any change to the words, figures or print
stylesheet makes a new one. Nothing in the HTML depends on the clock except the date the
figures are "as of", so a report asked for twice in a day is built once.
"""

import functools
import hashlib
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from areas import selectors as area_selectors
from areas.budgets import selectors as budget_selectors
from areas.models import IN_FORCE
from areas.outcomes import charts
from areas.outcomes import selectors as outcome_selectors
from partnerships.markdown import render_markdown
from resources.casestudies import selectors as case_selectors
from resources.casestudies.models import CaseStudyVersion
from resources.reports.models import DocumentKind
from workshops import selectors as workshop_selectors


@dataclass(frozen=True)
class Document:
    kind: str
    title: str
    filename: str
    html: str

    @property
    def content_hash(self) -> str:
        digest = hashlib.sha256(self.html.encode())
        digest.update(_print_stylesheet())
        return digest.hexdigest()


@functools.cache
def _print_stylesheet() -> bytes:
    """The stylesheet's bytes: a change of print design must rebuild every document."""
    with open(finders.find("css/pdf.css"), "rb") as stylesheet:
        return stylesheet.read()


def case_study_document(version: CaseStudyVersion) -> Document:
    area = version.case_study.area
    context = {
        "version": version,
        "area": area,
        "figures": case_selectors.display_figures(version),
        "sections": case_selectors.rendered_sections(version),
        "summary": render_markdown(version.summary),
        "authors": list(version.authors.all()),
    }
    suffix = f"v{version.number}" if version.is_published else f"v{version.number}-draft"
    return Document(
        kind=DocumentKind.CASE_STUDY,
        title=version.title,
        filename=f"{area.slug}-case-study-{suffix}.pdf",
        html=render_to_string("resources/pdf/case_study.html", context),
    )


def _area_progress(area, *, today) -> dict:
    """Everything the area's progress report shows: counts, sums and shared words only."""
    members = list(area_selectors.current_steering_members(area))
    statements = list(
        outcome_selectors.area_statements(area, statuses=IN_FORCE).prefetch_related("revisions")
    )
    indicators = list(outcome_selectors.area_indicators(area))
    sessions = list(workshop_selectors.held_sessions(area))
    return {
        "area": area,
        "steering_sectors": area_selectors.sector_mix(members),
        "steering_organisations": sorted(
            {
                (m.organisation.get_sector_display(), m.organisation.name)
                for m in members
                if m.organisation
            }
        ),
        "steering_size": len(members),
        "sessions": sessions,
        "attendances": sum(s.named_count + s.counted_count for s in sessions),
        "actions": workshop_selectors.action_counts(area, today=today),
        "statements": statements,
        "indicators": [
            {
                "indicator": indicator,
                "chart": charts.indicator_chart(
                    indicator, indicator.series, chart_id=f"chart-{indicator.pk}"
                ),
                "sparkline": charts.indicator_sparkline(indicator, indicator.series),
                "latest": indicator.series[-1] if indicator.series else None,
            }
            for indicator in indicators
        ],
        "budgets": budget_selectors.budget_use(area),
        "barriers": workshop_selectors.barriers_heard(area),
    }


def area_progress_document(area) -> Document:
    today = timezone.localdate()
    context = {"area": area, "area_progress": _area_progress(area, today=today), "as_of": today}
    return Document(
        kind=DocumentKind.AREA_PROGRESS,
        title=f"{area.name}: progress report",
        filename=f"{area.slug}-progress-report-{today.isoformat()}.pdf",
        html=render_to_string("resources/pdf/area_progress.html", context),
    )


def programme_document(cohort) -> Document:
    today = timezone.localdate()
    areas = [
        _area_progress(area, today=today)
        for area in cohort.areas.select_related("cohort").order_by("name")
    ]
    context = {"cohort": cohort, "areas": areas, "totals": _totals(areas), "as_of": today}
    return Document(
        kind=DocumentKind.PROGRAMME,
        title=f"{cohort.name}: programme report",
        filename=f"{cohort.slug}-programme-report-{today.isoformat()}.pdf",
        html=render_to_string("resources/pdf/programme.html", context),
    )


def _totals(areas: list[dict]) -> dict:
    return {
        "sessions": sum(len(area["sessions"]) for area in areas),
        "attendances": sum(area["attendances"] for area in areas),
        "steering": sum(area["steering_size"] for area in areas),
        "done": sum(area["actions"]["done"] for area in areas),
        "open": sum(area["actions"]["open"] for area in areas),
        "overdue": sum(area["actions"]["overdue"] for area in areas),
        "statements": sum(len(area["statements"]) for area in areas),
        "indicators": sum(len(area["indicators"]) for area in areas),
        "allocated": sum(b.allocated for area in areas for b in area["budgets"]),
        "spent": sum(b.spent for area in areas for b in area["budgets"]),
    }
