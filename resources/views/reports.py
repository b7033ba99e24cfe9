from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partnerships import access


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    """Published case studies and reports for funders and the programme team."""
    if not (access.is_funder(request.user) or access.is_programme_lead(request.user)):
        raise PermissionDenied("Reports are for funders and programme leads.")
    return render(request, "resources/reports.html")
