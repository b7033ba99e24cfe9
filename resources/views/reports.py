"""The reports page for funders and programme leads, and the reports built from it."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from partnerships import access
from resources.casestudies import selectors as case_selectors
from resources.reports import documents, selectors, services
from resources.reports.models import DocumentStatus
from resources.reports.responses import document_response, file_response, progress_response


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
            # Programme leads read every cohort: a pack of them all would be the whole
            # programme, so they take one cohort's pack at a time.
            "sees_all": access.is_programme_lead(request.user),
            "today": timezone.localdate(),
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


@login_required
@require_POST
def funder_pack(request: HttpRequest) -> HttpResponse:
    """One click: queue a pack of every report of the cohorts asked for (or all the
    reader's), then wait for it on its own page."""
    if not selectors.reads_reports(request.user):
        raise Http404("Funder packs are for funders and programme leads.")
    cohorts = selectors.pack_cohorts(request.user, request.POST.getlist("cohort"))
    pack = services.funder_pack_request(person=access.person_for(request.user), cohorts=cohorts)
    return redirect("resources:funder-pack-detail", pack_id=pack.pk)


def _pack_state(pack) -> str:
    if pack.is_ready:
        return "ready"
    if pack.status == DocumentStatus.READY:
        return "gone"
    return pack.status


# As for the reports: no method check before the scope, so an outsider's POST is a 404.
@login_required
def funder_pack_detail(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = selectors.get_pack_for(request.user, pack_id)
    page = reverse("resources:funder-pack-detail", args=[pack.pk])
    return progress_response(
        request,
        title=f"Funder pack: {', '.join(cohort.name for cohort in pack.cohorts.all())}",
        state=_pack_state(pack),
        file_url=reverse("resources:funder-pack-download", args=[pack.pk]),
        poll_url=page,
        back_url=reverse("resources:reports"),
        parts_done=pack.parts_done,
        parts_total=pack.parts_total,
        noun="ZIP file",
        retry_cohorts=list(pack.cohorts.all()),
        late=pack.is_late,
    )


@login_required
def funder_pack_download(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = selectors.get_pack_for(request.user, pack_id)
    if pack.is_ready:
        try:
            return file_response(request, pack.document, target=pack)
        except FileNotFoundError:
            services.document_lost(document_id=pack.document_id)
    return redirect("resources:funder-pack-detail", pack_id=pack.pk)
