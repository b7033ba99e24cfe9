"""The insights explorer: every barrier, idea and quote a user may read, across areas.

The page, its CSV and its learning brief read the same filtered set through
`selectors.visible_insights`, so what one shows the others show too.
"""

import io
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from areas.models import Stage
from learning import brief, selectors
from learning.forms import filters_query, read_filters
from partnerships import access, audit
from partnerships.htmx import render_page_or_partial
from partnerships.models import AuditAction
from partnerships.pdf import render_pdf
from partnerships.spreadsheets import csv_download
from workshops.models import InsightKind

FILTERS_ID = "learning-filters"
RESULTS_ID = "learning-results"
PER_PAGE = 25


def _explored(request):
    """The user's filters, the form showing them and the filtered insights, or 403."""
    if not selectors.may_explore(request.user):
        raise PermissionDenied("Only programme staff and funders can explore the learning.")
    options = selectors.filter_options(request.user)
    filters, form = read_filters(request.GET, options=options)
    return filters, form, options


@login_required
@require_safe
def explorer(request: HttpRequest) -> HttpResponse:
    """The page, or only its results for the htmx filter form: one set of queries either way."""
    filters, form, options = _explored(request)
    insights = selectors.filter_insights(selectors.visible_insights(request.user), filters)
    table = selectors.counts_table(
        insights,
        by=filters["count_by"],
        across=filters["across"],
        areas=options["areas"],
        cohorts=options["cohorts"],
        barrier_types=options["barrier_types"],
        themes=options["themes"],
        column_page=request.GET.get("columns") or 1,
    )
    _link_counts(table, filters)
    page = Paginator(selectors.with_details(insights), PER_PAGE).get_page(request.GET.get("page"))
    anonymised = access.is_funder(request.user)
    for insight in page:
        insight.shown_attribution = selectors.shown_attribution(insight, anonymised=anonymised)
    query = filters_query(filters)
    context = {
        "form": form,
        "filters": filters,
        "table": table,
        "page_obj": page,
        "anonymised": anonymised,
        "may_tag": selectors.may_tag(request.user),
        "is_filtered": any(filters[name] for name in query if name not in ("count_by", "across")),
        "csv_url": _url("learning:explorer-csv", query),
        "pdf_url": _url("learning:brief-pdf", query),
        "filters_id": FILTERS_ID,
        "results_id": RESULTS_ID,
    }
    return render_page_or_partial(
        request, "learning/explorer.html", context, partial="htmx-results", target=RESULTS_ID
    )


@login_required
@require_safe
def explorer_csv(request: HttpRequest) -> HttpResponse:
    """The filtered insights as a spreadsheet: what the page lists, never the speakers."""
    filters, _, _ = _explored(request)
    insights = selectors.with_details(
        selectors.filter_insights(selectors.visible_insights(request.user), filters)
    )
    anonymised = access.is_funder(request.user)
    audit.record(AuditAction.EXPORTED, request=request, label="Insights across areas CSV")
    response, writer = csv_download(f"insights-across-areas-{timezone.localdate()}.csv")
    writer.writerow(
        ["Area", "Cohort", "Heard on", "Kind", "Barrier type", "Themes", "Text", "Attribution"]
        + ([] if anonymised else ["Consent"])
    )
    for insight in insights:
        row = [
            insight.session.area.name,
            insight.session.area.cohort.name,
            timezone.localdate(insight.session.starts_at).isoformat(),
            insight.get_kind_display(),
            insight.barrier_type.name if insight.barrier_type else "",
            "; ".join(link.theme.name for link in insight.theme_links.all()),
            insight.text,
            selectors.shown_attribution(insight, anonymised=anonymised),
        ]
        if not anonymised:
            row.append(insight.get_consent_display() if insight.kind == InsightKind.QUOTE else "")
        writer.writerow(row)
    return response


@login_required
@require_safe
def brief_pdf(request: HttpRequest) -> FileResponse:
    """A short learning brief of the filtered set for programme learning events.

    It leaves the platform, so it holds only what may be shared: quotes with consent.
    """
    filters, _, options = _explored(request)
    today = timezone.localdate()
    pdf = render_pdf(
        "learning/brief_pdf.html",
        {
            **brief.brief_context(request.user, filters=filters, options=options, today=today),
            "described_filters": _described(filters, options),
        },
    )
    audit.record(AuditAction.DOWNLOADED, request=request, label="Learning brief PDF")
    return FileResponse(
        io.BytesIO(pdf),
        as_attachment=True,
        filename=f"learning-brief-{today}.pdf",
        content_type="application/pdf",
    )


def _link_counts(table, filters: dict) -> None:
    """Give each count the link that lists its items, and each cohort or stage the link
    that opens its areas, keeping the other filters."""
    row_filter = "theme" if table.by == "theme" else "barrier_type"
    for column in table.columns:
        column.areas_url = ""
        if table.across != "area":
            column.areas_url = _url(
                "learning:explorer", filters_query(filters, **column.filters, across="area")
            )
    for row in table.rows:
        for cell in row.cells:
            query = filters_query(filters, **cell.column.filters, **{row_filter: row.key})
            cell.href = _url("learning:explorer", query) + "#items"


def _described(filters: dict, options: dict) -> list[str]:
    """The filters in words, for the brief's reader who never saw the form."""
    names = {
        "theme": {str(theme.pk): theme.name for theme in options["themes"]},
        "barrier_type": {kind.slug: kind.name for kind in options["barrier_types"]},
        "area": {area.slug: area.name for area in options["areas"]},
        "cohort": {cohort.slug: cohort.name for cohort in options["cohorts"]},
        "stage": dict(Stage.choices),
        "kind": {"barrier": "Barriers", "idea": "Ideas", "quote": "Quotes"},
    }
    words = [names[name].get(filters[name], "") for name in names if filters[name]]
    if filters["date_from"]:
        words.append(f"heard from {filters['date_from']:%-d %B %Y}")
    if filters["date_to"]:
        words.append(f"heard until {filters['date_to']:%-d %B %Y}")
    return words


def _url(name: str, params: dict) -> str:
    url = reverse(name)
    return f"{url}?{urlencode(params)}" if params else url
