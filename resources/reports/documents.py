"""The three documents funders read, each rendered to HTML first, and the list of them a
funder pack holds.

Each opens with a cover and a one-page summary (resources.reports.narrative) written
from the same figures a case study of the area would freeze.

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from areas import selectors as area_selectors
from areas.budgets import selectors as budget_selectors
from areas.models import IN_FORCE, Area
from areas.outcomes import charts, progress
from areas.outcomes import selectors as outcome_selectors
from partnerships import documents as cover_and_summary
from partnerships.markdown import render_markdown
from resources.casestudies import figures as case_figures
from resources.casestudies import selectors as case_selectors
from resources.casestudies.models import CaseStudyVersion
from resources.reports import narrative
from resources.reports.models import DocumentKind

# The files whose every change must rebuild a case study even when its inputs are the
# same: its templates, and the code that turns figures into tables and charts.
CASE_STUDY_TEMPLATES = (
    "pdf/base.html",
    "pdf/_cover.html",
    "pdf/_summary.html",
    "resources/pdf/case_study.html",
    "resources/pdf/_case_study_figures.html",
    "resources/pdf/_involvement.html",
    "areas/outcomes/_figures_table.html",
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
    # The areas whose people the document may quote: withdrawing consent or erasing
    # someone of one of them throws the built file away.
    areas: list = field(default_factory=list)

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
    """The print stylesheet, the case study's templates and the code that writes its
    figures, charts, cover and summary."""
    paths = [
        Path(finders.find("css/pdf.css")),
        *(Path(get_template(name).origin.name) for name in CASE_STUDY_TEMPLATES),
        *(
            Path(module.__file__)
            for module in (charts, progress, case_figures, narrative, cover_and_summary)
        ),
    ]
    return hashlib.sha256(b"".join(path.read_bytes() for path in paths)).digest()


def case_study_document(version: CaseStudyVersion) -> Document:
    """The case study's PDF, keyed by its inputs: a cached copy is found without drawing."""
    area = version.case_study.area
    data = case_selectors.figures_data(version)
    quotes = case_figures.consented_quotes(area, data["quotes"])
    authors = list(version.authors.all())

    def render() -> str:
        figures = case_figures.shown(area, data, quotes=quotes)
        notice = ""
        if not version.is_published:
            notice = f"Draft version {version.number}: not approved, not for circulation."
        context = {
            "version": version,
            "area": area,
            "figures": figures,
            "sections": case_selectors.rendered_sections(version),
            "authors": authors,
            "cover": narrative.area_cover(
                area,
                figures,
                kind="Case study",
                title=version.title,
                lede=render_markdown(version.summary),
                notice=notice,
            ),
            "summary": narrative.area_summary(area, figures),
        }
        return render_to_string("resources/pdf/case_study.html", context)

    suffix = f"v{version.number}" if version.is_published else f"v{version.number}-draft"
    return Document(
        kind=DocumentKind.CASE_STUDY,
        title=version.title,
        filename=f"{area.slug}-case-study-{suffix}.pdf",
        render=render,
        areas=[area],
        inputs={
            "version": [version.pk, version.number, version.status, version.published_at],
            "words": [version.title, version.summary, *(text for _, _, text in version.sections)],
            "area": [area.name, area.focus, area.geography, area.cohort.name],
            "credit": [settings.PROGRAMME_NAME, area.cohort.funder_credit],
            "authors": [author.described for author in authors],
            "figures": {**data, "quotes": [[q.text, q.attribution] for q in quotes]},
        },
    )


def _area_progress(area, *, today) -> dict:
    """Everything the area's progress report shows: counts, sums and shared words only.

    Its figures are the ones a case study of the area would freeze today, so the two
    documents tell the same story the same way.
    """
    members = list(area_selectors.current_steering_members(area))
    figures = case_figures.shown(area, case_figures.live_figures(area, today=today))
    budgets = budget_selectors.budget_use(area)
    return {
        "area": area,
        "figures": figures,
        "steering_sectors": area_selectors.sector_mix(members),
        "steering_organisations": sorted(
            {m.organisation.name for m in members if m.organisation}, key=str.lower
        ),
        "steering_size": len(members),
        "statements": list(
            outcome_selectors.area_statements(area, statuses=IN_FORCE).prefetch_related("revisions")
        ),
        "indicator_rows": [
            {
                "shown": shown,
                "sparkline": charts.indicator_sparkline(shown.indicator, shown.measurements),
            }
            for shown in figures.indicators
        ],
        "story": narrative.area_story(figures),
        "budgets": budgets,
        "allocated": sum(budget.allocated for budget in budgets),
        "spent": sum(budget.spent for budget in budgets),
    }


def area_progress_document(area, *, progress_data=None) -> Document:
    """`progress_data` is the area's figures when the caller has read them already."""
    today = timezone.localdate()
    progress_data = progress_data or _area_progress(area, today=today)
    figures = progress_data["figures"]
    context = {
        "area": area,
        "p": progress_data,
        "as_of": today,
        "cover": narrative.area_cover(
            area,
            figures,
            kind="Progress report",
            title=area.name,
            lede=area.focus,
            # The title names the area already.
            place=" · ".join(part for part in (area.cohort.name, area.geography) if part),
        ),
        "summary": narrative.area_summary(area, figures),
    }
    return Document(
        kind=DocumentKind.AREA_PROGRESS,
        title=f"{area.name}: progress report",
        filename=f"{area.slug}-progress-report-{today.isoformat()}.pdf",
        render=lambda: render_to_string("resources/pdf/area_progress.html", context),
        areas=[area],
    )


def programme_document(cohort, *, areas=None) -> Document:
    """`areas` is each area's figures (`_area_progress`) when the caller has them."""
    today = timezone.localdate()
    if areas is None:
        areas = [
            _area_progress(area, today=today)
            for area in cohort.areas.select_related("cohort").order_by("name")
        ]
    context = {
        "cohort": cohort,
        "areas": areas,
        "totals": _totals(areas),
        "as_of": today,
        "cover": narrative.cohort_cover(cohort, areas, as_of=today),
        "summary": narrative.cohort_summary(cohort, areas),
    }
    return Document(
        kind=DocumentKind.PROGRAMME,
        title=f"{cohort.name}: programme report",
        filename=f"{cohort.slug}-programme-report-{today.isoformat()}.pdf",
        render=lambda: render_to_string("resources/pdf/programme.html", context),
        areas=[area["area"] for area in areas],
    )


def _totals(areas: list[dict]) -> dict:
    return {
        "sessions": sum(len(area["figures"].sessions) for area in areas),
        "attendances": sum(area["figures"].involvement.attendances for area in areas),
        "steering": sum(area["steering_size"] for area in areas),
        "done": sum(area["figures"].actions["done"] for area in areas),
        "open": sum(area["figures"].actions["open"] for area in areas),
        "overdue": sum(area["figures"].actions["overdue"] for area in areas),
        "statements": sum(len(area["statements"]) for area in areas),
        "indicators": sum(len(area["figures"].indicators) for area in areas),
        "allocated": sum(area["allocated"] for area in areas),
        "spent": sum(area["spent"] for area in areas),
    }


def funder_pack_size(cohorts) -> int:
    """How many documents `funder_pack_documents` will give."""
    areas = Area.objects.filter(cohort__in=cohorts).count()
    return len(cohorts) + areas + len(case_selectors.published_case_studies(cohorts=cohorts))


def funder_pack_documents(cohorts) -> Iterator[tuple[str, Document]]:
    """(path in the pack, document) for everything a funder of `cohorts` reads: each
    area's progress report, each cohort's programme report and every published case
    study.

    Each is given as soon as it can be drawn, so workers can start building the first
    while the rest are read; each area's figures are read once, for its progress report
    and its page of the programme report.
    """
    today = timezone.localdate()
    paths: set[str] = set()

    def unique(folder, document):
        # Two case studies of one area are both "version 1": number the second.
        path, stem = f"{folder}/{document.filename}", document.filename.removesuffix(".pdf")
        number = 2
        while path in paths:
            path, number = f"{folder}/{stem}-{number}.pdf", number + 1
        paths.add(path)
        return path, document

    for cohort in cohorts:
        progress = []
        for area in cohort.areas.select_related("cohort").order_by("name"):
            data = _area_progress(area, today=today)
            progress.append(data)
            yield unique("progress-reports", area_progress_document(area, progress_data=data))
        yield unique("programme-reports", programme_document(cohort, areas=progress))
    for version in case_selectors.published_case_studies(cohorts=cohorts):
        yield unique("case-studies", case_study_document(version))
