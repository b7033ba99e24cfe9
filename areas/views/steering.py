"""The steering group: who sits at the table, in which seat, and what the group lacks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from areas import selectors, services
from areas.directory.selectors import organisations_visible_to
from areas.forms import (
    SteeringMemberAddForm,
    SteeringMemberEditForm,
    SteeringMemberInviteForm,
    SteeringMemberLeaveForm,
)
from areas.models import SteeringMember
from partnerships import access


@login_required
def steering_group(request: HttpRequest, area_slug: str) -> HttpResponse:
    # The page carries two forms, so each has a prefix to keep their field ids apart.
    area = selectors.get_area_for(request.user, area_slug)
    can_manage = access.can_manage(request.user, area)
    return _render_group(
        request,
        area,
        can_manage=can_manage,
        add_form=SteeringMemberAddForm(**_choices(request, area), prefix="add")
        if can_manage
        else None,
        invite_form=SteeringMemberInviteForm(
            area=area, organisations=_organisations(request), prefix="invite"
        )
        if can_manage
        else None,
    )


@login_required
@require_http_methods(["POST"])
def steering_member_add(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    form = SteeringMemberAddForm(request.POST, **_choices(request, area), prefix="add")
    if form.is_valid():
        try:
            member = services.steering_member_add(
                area=area,
                person=form.cleaned_data["person"],
                seat=form.cleaned_data["seat"],
                **_organisation_fields(form),
                by=access.person_for(request.user),
            )
        except services.AlreadyAMember as duplicate:
            form.add_error("person", str(duplicate))
        else:
            messages.success(request, f"{member.person} has joined the steering group.")
            return redirect("areas:steering-group", area_slug=area.slug)
    return _render_group(
        request,
        area,
        can_manage=True,
        add_form=form,
        invite_form=SteeringMemberInviteForm(
            area=area, organisations=_organisations(request), prefix="invite"
        ),
    )


@login_required
@require_http_methods(["POST"])
def steering_member_invite(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    form = SteeringMemberInviteForm(
        request.POST, area=area, organisations=_organisations(request), prefix="invite"
    )
    if form.is_valid():
        try:
            member = services.steering_member_invite(
                area=area,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                seat=form.cleaned_data["seat"],
                **_organisation_fields(form),
                by=access.person_for(request.user),
            )
        except services.AlreadyAMember as duplicate:
            form.add_error("email", str(duplicate))
        else:
            messages.success(
                request,
                f"{member.person} has joined the steering group. "
                "We will email them an invitation to the platform.",
            )
            return redirect("areas:steering-group", area_slug=area.slug)
    return _render_group(
        request,
        area,
        can_manage=True,
        add_form=SteeringMemberAddForm(**_choices(request, area), prefix="add"),
        invite_form=form,
    )


@login_required
@require_http_methods(["GET", "POST"])
def steering_member_edit(request: HttpRequest, area_slug: str, member_id: int) -> HttpResponse:
    area, roles = selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    member = _current_member(area, member_id)
    form = SteeringMemberEditForm(
        request.POST or None,
        organisations=_organisations(request),
        initial={"seat": member.seat, "organisation": member.organisation},
    )
    if request.method == "POST" and form.is_valid():
        services.steering_member_change_seat(
            member=member, seat=form.cleaned_data["seat"], **_organisation_fields(form)
        )
        messages.success(request, f"{member.person}'s seat has been updated.")
        return redirect("areas:steering-group", area_slug=area.slug)
    return render(
        request, "areas/steering_member_form.html", {"area": area, "member": member, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def steering_member_leave(request: HttpRequest, area_slug: str, member_id: int) -> HttpResponse:
    area, roles = selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    member = _current_member(area, member_id)
    form = SteeringMemberLeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.steering_member_leave(member=member, reason=form.cleaned_data["reason"])
        messages.success(request, f"{member.person} has left the steering group.")
        return redirect("areas:steering-group", area_slug=area.slug)
    return render(
        request, "areas/steering_member_leave.html", {"area": area, "member": member, "form": form}
    )


def _render_group(request, area, *, can_manage, add_form, invite_form):
    members = list(selectors.current_steering_members(area))
    return render(
        request,
        "areas/steering_group.html",
        {
            "area": area,
            "can_manage": can_manage,
            "members": members,
            "warnings": selectors.representation_warnings(members),
            "sector_mix": selectors.sector_mix(members),
            "past_members": selectors.past_steering_members(area),
            "add_form": add_form,
            "invite_form": invite_form,
        },
    )


def _organisations(request):
    return organisations_visible_to(request.user)


def _choices(request, area):
    """What the add form may offer: people and organisations from the user's own areas."""
    return {
        "people": selectors.choosable_people(request.user, area),
        "organisations": _organisations(request),
    }


def _current_member(area, member_id):
    return get_object_or_404(SteeringMember.objects.current().filter(area=area), pk=member_id)


def _organisation_fields(form):
    return {
        "organisation": form.cleaned_data.get("organisation"),
        "new_organisation": (
            form.cleaned_data.get("new_organisation_name", ""),
            form.cleaned_data.get("new_organisation_sector", ""),
        ),
    }
