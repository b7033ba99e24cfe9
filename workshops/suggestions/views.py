"""New actions suggested for an area's board: anyone in the partnership suggests, its
facilitators accept (as suggested or edited) or decline, saying why.

Everyone in the area may read the suggestions and what became of them; suggesting needs
the PROPOSE capability and deciding needs to run the area (403 otherwise, 404 outside).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from areas import selectors as area_selectors
from partnerships import access
from partnerships.review.pages import review_page, suggestions_page
from workshops import selectors as session_selectors
from workshops.suggestions import services
from workshops.suggestions.forms import AcceptActionForm, ActionSuggestionForm
from workshops.suggestions.models import ActionSuggestion


@login_required
def action_suggestions(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = area_selectors.get_area_for(request.user, area_slug)
    return suggestions_page(
        request,
        area=area,
        suggestions=ActionSuggestion.objects.filter(area=area),
        template="workshops/suggestions/list.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_suggest(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = area_selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.PROPOSE)
    # Whoever suggests may not see participants' names: the partnership's members only.
    people = session_selectors.area_people(area, attendees=False)
    form = ActionSuggestionForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        suggestion = services.action_suggestion_make(
            area=area,
            by=access.person_for(request.user),
            description=data["description"],
            why=data["why"],
            suggested_owner=data["owner"],
            due_on=data["due_on"],
        )
        messages.success(request, "Your suggestion has gone to the area’s facilitators.")
        return redirect(suggestion)
    return render(request, "workshops/suggestions/form.html", {"area": area, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def action_suggestion(request: HttpRequest, area_slug: str, suggestion_id: int) -> HttpResponse:
    area = area_selectors.get_area_for(request.user, area_slug)
    suggestion = get_object_or_404(
        ActionSuggestion.objects.filter(area=area).select_related(
            "proposed_by", "decided_by", "suggested_owner", "action"
        ),
        pk=suggestion_id,
    )
    people = session_selectors.area_people(area)

    def accept_form(*bound):
        initial = AcceptActionForm.initial_for(suggestion)
        return AcceptActionForm(*bound, people=people, initial=initial)

    def accept(form, by):
        data = form.cleaned_data
        action = services.action_suggestion_accept(
            suggestion=suggestion,
            by=by,
            description=data["description"],
            owner=data["owner"],
            due_on=data["due_on"],
        )
        return f"Accepted: the action is on the board and {action.owner} has been told.", action

    return review_page(
        request,
        suggestion=suggestion,
        can_decide=access.can_manage(request.user, area),
        accept_form=accept_form,
        accept=accept,
        template="workshops/suggestions/detail.html",
        context={"area": area},
    )
