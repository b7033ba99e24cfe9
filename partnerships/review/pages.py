"""The page where a suggestion is read, and decided by one of its area's facilitators.

Every kind of suggestion uses it: the kind brings its own accept form and what accepting
does; declining, deciding only once, and the answer to anyone who may not decide are
the same for all.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from partnerships import access
from partnerships.review import services
from partnerships.review.forms import DeclineForm


def review_page(
    request,
    *,
    suggestion,
    can_decide: bool,
    accept_form: Callable[..., object],
    accept: Callable[[object, object], tuple[str, str]],
    template: str,
    context,
):
    """`accept_form(*bound)` builds the accept form (unbound with no arguments);
    `accept(form, by)` accepts from a valid form and returns (message, where to go), or
    raises Refused, whose message the form shows. `context` may be a function of the
    form, for pages that show what accepting would change as it is now."""
    can_decide = can_decide and suggestion.is_waiting
    if request.method == "POST" and not can_decide:
        raise PermissionDenied("Only the area's facilitators decide on a waiting suggestion.")
    accepting = declining = None
    if can_decide:
        accepting, declining = accept_form(), DeclineForm(prefix="decline")
    if request.method == "POST":
        by = access.person_for(request.user)
        try:
            if request.POST.get("do") == "decline":
                declining = DeclineForm(request.POST, prefix="decline")
                if declining.is_valid():
                    services.suggestion_decline(
                        suggestion=suggestion, by=by, note=declining.cleaned_data["note"]
                    )
                    messages.success(request, "Declined. They will see why.")
                    return redirect(request.path)
            else:
                accepting = accept_form(request.POST, request.FILES)
                if accepting.is_valid():
                    message, where = accept(accepting, by)
                    messages.success(request, message)
                    return redirect(where)
        except services.AlreadyDecided:
            messages.info(request, "Someone else decided on this first.")
            return redirect(request.path)
        except services.Refused as refused:
            accepting.add_error(None, str(refused))
    return render(
        request,
        template,
        {
            **(context() if callable(context) else context),
            "suggestion": suggestion,
            "accept_form": accepting,
            "decline_form": declining,
            "page_forms": [form for form in (accepting, declining) if form is not None],
        },
    )


def suggestions_page(request, *, area, suggestions, template: str):
    """An area's suggestions of one kind: those waiting, then those decided."""
    suggestions = list(suggestions.select_related("proposed_by", "decided_by"))
    return render(
        request,
        template,
        {
            "area": area,
            "waiting": [suggestion for suggestion in suggestions if suggestion.is_waiting],
            "decided": [suggestion for suggestion in suggestions if not suggestion.is_waiting],
            "can_suggest": access.can(request.user, access.Capability.PROPOSE, area),
        },
    )
