"""Sub-groups and local coordinating organisations: the area's smaller working parts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from areas import selectors, services
from areas.directory.selectors import organisations_visible_to
from areas.forms import LcoForm, SubGroupForm
from areas.models import LocalCoordinatingOrganisation, SubGroup
from partnerships import access


@login_required
@require_http_methods(["GET", "POST"])
def sub_group_edit(request: HttpRequest, area_slug: str, sub_group_id: int | None = None):
    area, roles = selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    sub_group = (
        get_object_or_404(SubGroup.objects.filter(area=area), pk=sub_group_id)
        if sub_group_id
        else None
    )
    initial = (
        {
            "name": sub_group.name,
            "activity": sub_group.activity,
            "lead": sub_group.lead,
            "members": list(sub_group.members.all()),
        }
        if sub_group
        else {}
    )
    form = SubGroupForm(request.POST or None, area=area, sub_group=sub_group, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.sub_group_save(area=area, sub_group=sub_group, **form.cleaned_data)
        messages.success(request, f"Sub-group “{saved.name}” saved.")
        return redirect(area)
    return render(
        request, "areas/sub_group_form.html", {"area": area, "sub_group": sub_group, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def lco_new(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    people = selectors.choosable_people(request.user, area, exclude_seated=False)
    form = LcoForm(
        request.POST or None,
        area=area,
        people=people,
        organisations=organisations_visible_to(request.user),
    )
    if request.method == "POST" and form.is_valid():
        lco = services.lco_designate(area=area, **form.cleaned_data)
        messages.success(request, f"{lco.organisation} is now a local coordinating organisation.")
        return redirect(area)
    return render(request, "areas/lco_form.html", {"area": area, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def lco_remove(request: HttpRequest, area_slug: str, lco_id: int) -> HttpResponse:
    area, roles = selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    lco = get_object_or_404(
        LocalCoordinatingOrganisation.objects.filter(area=area).select_related("organisation"),
        pk=lco_id,
    )
    if request.method == "POST":
        services.lco_remove(lco=lco)
        messages.success(request, f"{lco.organisation} is no longer an LCO for {area}.")
        return redirect(area)
    return render(request, "areas/lco_remove.html", {"area": area, "lco": lco})
