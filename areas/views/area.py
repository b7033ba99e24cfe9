from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from areas import selectors
from areas import services as area_services
from areas.budgets.selectors import sees_budgets
from areas.forms import InvitationForm, StageChangeForm
from areas.pulse.selectors import area_trend
from partnerships import access, services
from partnerships.models import Invitation
from partnerships.panels import render_panels


@login_required
def area_detail(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = selectors.get_area_for(request.user, area_slug)
    my_roles = access.roles_in(request.user, area)
    can_manage = access.can_manage(request.user, area, roles=my_roles)
    seats = list(selectors.steering_seats(area))
    members = [seat for seat in seats if seat.left_on is None]
    lcos = list(selectors.area_lcos(area))
    stage_changes = list(selectors.recent_stage_changes(area))
    # The suggestions waiting and the plan; sessions, actions, reach, similar work and the
    # library's picks, from the apps above.
    panels = render_panels("area", request, area, {"can_manage": can_manage, "my_roles": my_roles})
    return render(
        request,
        "areas/area_detail.html",
        {
            "area": area,
            "my_roles": my_roles,
            "can_manage": can_manage,
            "sees_budgets": sees_budgets(my_roles),
            "stage_change": stage_changes[0] if stage_changes else None,
            "pulse_trend": area_trend(area),
            "facilitators": selectors.area_facilitators(area),
            "members": members,
            "warnings": selectors.representation_warnings(members),
            "sector_mix": selectors.sector_mix(members),
            "lcos": lcos,
            "health_organisations": selectors.health_organisations(area, members, lcos),
            "sub_groups": selectors.area_sub_groups(area),
            "timeline": selectors.area_timeline(
                seats=seats, stage_changes=stage_changes, lcos=lcos
            ),
            "pending_invitations": selectors.pending_invitations(area) if can_manage else [],
            "can_propose": access.can(
                request.user, access.Capability.PROPOSE, area, roles=my_roles
            ),
            "panels": panels,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def stage_change(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    form = StageChangeForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        change = area_services.area_change_stage(
            area=area,
            stage=form.cleaned_data["stage"],
            reason=form.cleaned_data["reason"],
            by=access.person_for(request.user),
        )
        messages.success(request, f"{area} is now at “{change.get_stage_display()}”.")
        return redirect(area)
    return render(request, "areas/stage_form.html", {"area": area, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def invitation_new(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    form = InvitationForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        services.invitation_create(
            invited_by=access.person_for(request.user),
            area=area,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            role=form.cleaned_data["role"],
        )
        messages.success(request, f"We will email the invitation to {form.cleaned_data['email']}.")
        return redirect(area)
    return render(
        request,
        "areas/invitation_form.html",
        {"area": area, "form": form, "valid_days": settings.INVITATION_VALID_DAYS},
    )


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, area_slug: str, invitation_id: int) -> HttpResponse:
    area, roles = selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    invitation = get_object_or_404(Invitation.objects.filter(area=area), pk=invitation_id)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, f"The invitation for {invitation.email} has been withdrawn.")
    return redirect(area)
