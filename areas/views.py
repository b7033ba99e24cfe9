from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from areas import selectors
from areas.forms import InvitationForm
from partnerships import access, services
from partnerships.models import Invitation


@login_required
def area_detail(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = selectors.get_area_for(request.user, area_slug)
    my_roles = access.roles_in(request.user, area)
    can_manage = access.can_manage(request.user, area, roles=my_roles)
    return render(
        request,
        "areas/area_detail.html",
        {
            "area": area,
            "people_by_role": selectors.area_people(area),
            "my_roles": my_roles,
            "can_manage": can_manage,
            "pending_invitations": selectors.pending_invitations(area) if can_manage else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_new(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = _managed_area(request, area_slug)
    form = InvitationForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        services.invitation_create(
            invited_by=access.person_for(request.user),
            area=area,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            role=form.cleaned_data["role"],
        )
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
        return redirect(area)
    return render(
        request,
        "areas/invitation_form.html",
        {"area": area, "form": form, "valid_days": settings.INVITATION_VALID_DAYS},
    )


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, area_slug: str, invitation_id: int) -> HttpResponse:
    area = _managed_area(request, area_slug)
    invitation = get_object_or_404(Invitation.objects.filter(area=area), pk=invitation_id)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, f"The invitation for {invitation.email} has been withdrawn.")
    return redirect(area)


def _managed_area(request, area_slug):
    """The area if the user runs its partnership; 404 outside it, 403 for other roles in it."""
    area = selectors.get_area_for(request.user, area_slug)
    if not access.can_manage(request.user, area):
        raise PermissionDenied("Only the area's facilitators can do this.")
    return area
