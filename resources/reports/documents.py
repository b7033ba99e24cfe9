"""The three documents funders read, each rendered to HTML first.

The PDF is built from the HTML, and its cache key is a hash of what went into it: the
HTML itself for the progress reports, and for a case study the inputs of that HTML (its
words, frozen figures and the quotes that may still be shared), so a cached case study
is found without drawing its charts again. Either way the print stylesheet and the
templates are part of the key, so any change to the words, figures or design makes a new
file. Nothing depends on the clock except the date the figures are "as of", so a report
asked for twice in a day is built once.
"""

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from areas import selectors as area_selectors
from areas.budgets import selectors as budget_selectors
from areas.models import IN_FORCE
from areas.outcomes import charts
from areas.outcomes import selectors as outcome_selectors
from partnerships.markdown import render_markdown
from resources.casestudies import figures as case_figures
from resources.casestudies import selectors as case_selectors
from resources.casestudies.models import CaseStudyVersion
from resources.reports.models import DocumentKind
from workshops import selectors as workshop_selectors

# The files whose every change must rebuild a case study even when its inputs are the
# same: its templates, and the code that turns figures into tables and charts.
CASE_STUDY_TEMPLATES = (
    "pdf/base.html",
    "resources/pdf/case_study.html",
    "resources/pdf/_case_study_figures.html",
)


@dataclass
class Document:
    """A document to build: its HTML, drawn when first needed, and what its key hashes."""

    kind: str
    title: str
    filename: str
    render: Callable[[], str] = field(repr=False)
    # JSON-able inputs that fix the HTML; None means hash the HTML itself.
    inputs: dict | None = None
    area: object = None

    @functools.cached_property
    def html(self) -> str:
        return self.render()

    @property
    def content_hash(self) -> str:
        digest = hashlib.sha256(_design_digest())
        if self.inputs is None:
            digest.update(self.html.encode())
        else:
            digest.update(json.dumps(self.inputs, sort_keys=True, default=str).encode())
        return digest.hexdigest()


@functools.cache
def _design_digest() -> bytes:
    """The print stylesheet, the case study's templates and its chart and figure code."""
    from resources.casestudies import figures

    paths = [
        Path(finders.find("css/pdf.css")),
        *(Path(get_template(name).origin.name) for name in CASE_STUDY_TEMPLATES),
        Path(charts.__file__),
        Path(figures.__file__),
    ]
    return hashlib.sha256(b"".join(path.read_bytes() for path in paths)).digest()


def case_study_document(version: CaseStudyVersion) -> Document:
    """The case study's PDF, keyed by its inputs: a cached copy is found without drawing."""
    area = version.case_study.area
    data = case_selectors.figures_data(version)
    quotes = case_figures.consented_quotes(area, data["quotes"])
    authors = list(version.authors.all())

    def render() -> str:
        context = {
            "version": version,
            "area": area,
            "figures": case_figures.shown(area, data, quotes=quotes),
            "sections": case_selectors.rendered_sections(version),
            "summary": render_markdown(version.summary),
            "authors": authors,
        }
        return render_to_string("resources/pdf/case_study.html", context)

    suffix = f"v{version.number}" if version.is_published else f"v{version.number}-draft"
    return Document(
        kind=DocumentKind.CASE_STUDY,
        title=version.title,
        filename=f"{area.slug}-case-study-{suffix}.pdf",
        render=render,
        area=area,
        inputs={
            "version": [version.pk, version.number, version.status, version.published_at],
            "words": [version.title, version.summary, *(text for _, _, text in version.sections)],
            "area": [area.name, area.focus, area.geography, area.cohort.name],
            "authors": [author.described for author in authors],
            "figures": {**data, "quotes": [[q.text, q.attribution] for q in quotes]},
        },
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
        render=lambda: render_to_string("resources/pdf/area_progress.html", context),
        area=area,
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
        render=lambda: render_to_string("resources/pdf/programme.html", context),
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
