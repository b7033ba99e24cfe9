from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from areas import selectors
from partnerships import access


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    areas = selectors.areas_overview(request.user)
    return render(
        request,
        "areas/area_list.html",
        {"areas": areas, "sees_all": access.is_programme_lead(request.user)},
    )
