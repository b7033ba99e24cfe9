"""An action's own page: where it stands, its history, and what its people may change.

Everyone in the area sees it (and its owner, even without a role there); the owner and
the facilitators update it; facilitators reassign it, withdraw its owner link and see
and retry its follow-up emails.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from partnerships import access
from partnerships.resubmit import login_required_keeping_post
from partnerships.versioning import EditConflict
from workshops import selectors as session_selectors
from workshops.actions import selectors, services
from workshops.actions.forms import OwnerEmailForm, ProgressForm, ReassignForm
from workshops.followups import delivery


def render_action_page(
    request,
    action,
    *,
    progress_form=None,
    reassign_form=None,
    owner_email_form=None,
    status=200,
):
    roles = access.roles_in(request.user, action.area)
    can_manage = access.can_manage(request.user, action.area, roles=roles)
    person = access.person_for(request.user)
    is_owner = person is not None and action.owner_id == person.pk
    can_update = is_owner or access.can(
        request.user, access.Capability.UPDATE_ACTIONS, action.area, roles=roles
    )
    if progress_form is None and can_update:
        progress_form = ProgressForm(action=action)
    if owner_email_form is None and can_manage and not action.owner.email:
        owner_email_form = OwnerEmailForm()
    if reassign_form is None and can_manage:
        reassign_form = ReassignForm(
            action=action, people=session_selectors.area_people(action.area)
        )
    return render(
        request,
        "workshops/actions/action_detail.html",
        {
            "area": action.area,
            "action": action,
            "today": timezone.localdate(),
            "is_owner": is_owner,
            "can_manage": can_manage,
            "can_see_board": bool(roles),
            "owner_link_days": settings.ACTION_OWNER_LINK_DAYS,
            "progress_form": progress_form,
            "reassign_form": reassign_form,
            "owner_email_form": owner_email_form,
            "events": selectors.action_history(action),
            "follow_ups": selectors.action_follow_ups(action) if can_manage else [],
            "page_errors": [
                form
                for form in (progress_form, reassign_form, owner_email_form)
                if form and form.errors
            ],
        },
        status=status,
    )


@login_required
def action_detail(request: HttpRequest, area_slug: str, action_id: int) -> HttpResponse:
    return render_action_page(request, selectors.get_action_for(request.user, area_slug, action_id))


@login_required_keeping_post(what="Give an action a new owner")
@require_POST
def action_reassign(request: HttpRequest, area_slug: str, action_id: int) -> HttpResponse:
    action, roles = selectors.get_action_and_roles_for(request.user, area_slug, action_id)
    access.require(roles, access.Capability.MANAGE)
    form = ReassignForm(
        request.POST, action=action, people=session_selectors.area_people(action.area)
    )
    if form.is_valid():
        owner = form.cleaned_data["owner"]
        try:
            services.action_reassign(
                action=action,
                by=access.person_for(request.user),
                version=form.cleaned_data["version"],
                owner=owner,
            )
        except EditConflict as error:
            form.rebase(error.current)
        else:
            told = (
                "They have been sent an email about it."
                if owner.email
                else "They have no email address here, so tell them yourself."
            )
            messages.success(request, f"The action is now {owner}’s. {told}")
            return redirect(action)
    return render_action_page(request, action, reassign_form=form)


@login_required_keeping_post(what="Add an email address for an action's owner")
@require_POST
def owner_email_add(request: HttpRequest, area_slug: str, action_id: int) -> HttpResponse:
    action, roles = selectors.get_action_and_roles_for(request.user, area_slug, action_id)
    access.require(roles, access.Capability.MANAGE)
    if action.owner.email:
        messages.info(request, f"{action.owner} has an email address already.")
        return redirect(action)
    form = OwnerEmailForm(request.POST)
    if not form.is_valid():
        return render_action_page(request, action, owner_email_form=form)
    services.owner_email_add(
        action=action, by=access.person_for(request.user), email=form.cleaned_data["email"]
    )
    messages.success(
        request,
        f"Emails about their actions now go to {action.owner}. "
        "They have been sent one saying this action is theirs.",
    )
    return redirect(action)


@login_required_keeping_post(what="Stop the links sent to an action's owner working")
@require_POST
def owner_link_withdraw(request: HttpRequest, area_slug: str, action_id: int) -> HttpResponse:
    action, roles = selectors.get_action_and_roles_for(request.user, area_slug, action_id)
    access.require(roles, access.Capability.MANAGE)
    services.owner_link_withdraw(action=action, by=access.person_for(request.user))
    messages.success(
        request,
        f"The links already sent to {action.owner} no longer work. "
        "Their next email carries a new one.",
    )
    return redirect(action)


@login_required_keeping_post(what="Try a follow-up email again")
@require_POST
def follow_up_retry(
    request: HttpRequest, area_slug: str, action_id: int, follow_up_id: int
) -> HttpResponse:
    action, roles = selectors.get_action_and_roles_for(request.user, area_slug, action_id)
    access.require(roles, access.Capability.MANAGE)
    follow_up = get_object_or_404(action.follow_ups.select_related("person"), pk=follow_up_id)
    if delivery.retry_failed(follow_up=follow_up):
        messages.success(request, f"The email to {follow_up.person} will be sent again now.")
    else:
        messages.info(request, "That email is not waiting for a retry any more.")
    return redirect(action)
