"""The page that lists what a person suggested, and what waits for a facilitator."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from partnerships import access
from partnerships.review import registry


@login_required
def your_suggestions(request):
    """What the person suggested and what became of it; for facilitators, what waits."""
    person = access.person_for(request.user)
    managed = access.area_ids_for(request.user, roles=access.MANAGING_ROLES)
    if access.is_programme_lead(request.user):
        managed = None  # leads hear of suggestions from the facilitators, not here
    return render(
        request,
        "review/your_suggestions.html",
        {
            "entries": registry.suggested_by(person) if person else [],
            "waiting": registry.waiting_in(managed) if managed is not None else [],
            "can_suggest": access.holds_any_role(
                request.user, access.roles_with(access.Capability.PROPOSE)
            ),
        },
    )
