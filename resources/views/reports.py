"""The reports page for funders and programme leads, and the reports built from it."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from resources.casestudies import selectors as case_selectors
from resources.reports import documents, selectors
from resources.reports.responses import document_response


@login_required
@require_safe
def reports(request: HttpRequest) -> HttpResponse:
    """Published case studies and reports of the cohorts the reader funds (leads: all)."""
    if not selectors.reads_reports(request.user):
        raise PermissionDenied("Reports are for funders and programme leads.")
    cohorts = list(selectors.report_cohorts(request.user).prefetch_related("areas"))
    return render(
        request,
        "resources/reports.html",
        {
            "cohorts": cohorts,
            "case_studies": case_selectors.published_case_studies(cohorts=cohorts),
        },
    )


# No method check before the scope: an outsider's POST must be a 404 like their GET.
@login_required
def programme_pdf(request: HttpRequest, cohort_slug: str) -> HttpResponse:
    cohort = selectors.get_report_cohort_for(request.user, cohort_slug)
    return document_response(
        request,
        documents.programme_document(cohort),
        target=cohort,
        back_url=reverse("resources:reports"),
    )


@login_required
def area_progress_pdf(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = selectors.get_report_area_for(request.user, area_slug)
    return document_response(
        request, documents.area_progress_document(area), target=area, area=area
    )
