"""My actions: everything the signed-in person owns, and the update form of each.

The update form posts to the action's own address (action_progress), which answers
htmx with the fresh card and a plain post with a redirect back here, or to the action's
page, whichever it came from.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from partnerships import access
from partnerships.resubmit import login_required_keeping_post
from partnerships.versioning import EditConflict
from workshops.actions import selectors, services
from workshops.actions.forms import ProgressForm
from workshops.actions.views.action_page import render_action_page

TEMPLATE = "workshops/actions/my_actions.html"


def render_my_actions(request, *, bound: ProgressForm | None = None, opened=None, status=200):
    """The page; `bound` is a submitted form shown, with its errors, on its action's card.

    A card's update form is built only for the card `opened` (or `bound`): most visits
    read the list, and a busy owner's forms would be most of the page's work. Closed,
    a card links to the page with its form open, and htmx fetches the form as it opens.
    """
    today = timezone.localdate()
    mine = selectors.my_actions(access.person_for(request.user), today=today)
    opened_action = None
    for _, _, actions in mine.groups:
        for action in actions:
            action.progress_form = None
            if bound is not None and bound.action.pk == action.pk:
                action.progress_form = bound
            elif str(action.pk) == opened:
                action.progress_form = ProgressForm(action=action)
                action.update_opened = True
                opened_action = action
    if request.htmx and opened:
        if opened_action is None:
            raise Http404("That is not one of your actions.")
        context = {"action": opened_action, "today": today}
        return render(request, f"{TEMPLATE}#progress-form", context)
    return render(
        request,
        TEMPLATE,
        {
            "mine": mine,
            "today": today,
            "done_shown": selectors.DONE_SHOWN,
            "page_errors": [bound] if bound is not None and bound.errors else [],
        },
        status=status,
    )


@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    return render_my_actions(request, opened=request.GET.get("update"))


def _can_update(request, action) -> bool:
    person = access.person_for(request.user)
    is_owner = person is not None and action.owner_id == person.pk
    return is_owner or access.can(request.user, access.Capability.UPDATE_ACTIONS, action.area)


@login_required_keeping_post(what="Update an action you own")
@require_POST
def action_progress(request: HttpRequest, area_slug: str, action_id: int) -> HttpResponse:
    """An update by the owner, a steering member or a facilitator: status and a note."""
    action = selectors.get_action_for(request.user, area_slug, action_id)
    if not _can_update(request, action):
        raise PermissionDenied(
            "Only the action's owner, the steering group and the facilitators update it."
        )
    from_my_actions = request.POST.get("return_to") == "my-actions"
    form = ProgressForm(request.POST, action=action)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.action_progress(
                action=action,
                by=access.person_for(request.user),
                version=data["version"],
                status=data["status"],
                blocked_reason=data["blocked_reason"],
                note=data["note"],
            )
        except EditConflict as error:
            form.rebase(error.current)
            action = form.action = error.current
        else:
            return _saved(request, action, from_my_actions=from_my_actions)
    if request.htmx:
        return _card(request, form.action, form)
    if from_my_actions:
        return render_my_actions(request, bound=form)
    return render_action_page(request, action, progress_form=form)


# Enough words to tell one action from another in a sentence, not a whole paragraph.
SAVED_NAME_WORDS = 8


def saved_message(action, *, naming: bool) -> str:
    """What an update says once saved. Where the action's name is not beside it (a
    screen reader's announcement, the banner atop My actions) it is named, shortened at
    a word with an ellipsis; on its own card or page it is not repeated."""
    status = action.get_status_display().lower()
    if not naming:
        return f"Your update is saved: the action is {status}."
    name = Truncator(" ".join(action.description.split())).words(SAVED_NAME_WORDS, truncate="…")
    return f"Your update is saved: “{name}” is {status}."


def _saved(request, action, *, from_my_actions: bool) -> HttpResponse:
    if request.htmx:
        # Shown once, on the card; the page's live region names the action for those
        # who hear rather than see which card it is on.
        notice = saved_message(action, naming=False)
        response = _card(request, action, ProgressForm(action=action), saved=notice)
        announced = saved_message(action, naming=True)
        response["HX-Trigger"] = json.dumps({"actionSaved": {"message": announced}})
        return response
    if from_my_actions:
        messages.success(request, saved_message(action, naming=True))
        return redirect(f"{reverse('workshops:my-actions')}#action-{action.pk}")
    messages.success(request, saved_message(action, naming=False))
    return redirect(action)


def _card(request, action, form, *, saved: str = "") -> HttpResponse:
    action.progress_form = form
    return render(
        request,
        f"{TEMPLATE}#action-card",
        {"action": action, "today": timezone.localdate(), "saved": saved, "in_card": True},
    )
