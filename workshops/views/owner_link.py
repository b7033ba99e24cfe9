"""The page an owner without an account reaches from their email: one action, one form.

The signed link is the only credential, so the page shows nothing but that action and
reaches nothing else. Every use, and every refused use of a genuine link, goes into the
action's history.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from areas.selectors import area_facilitators
from partnerships.versioning import EditConflict
from workshops.actions import services
from workshops.actions.forms import ProgressForm
from workshops.actions.links import OwnerLinkRefused, action_for_owner_link

# Links that were never ours, or whose action is gone, are "not found"; links that were
# ours and have stopped working are "gone".
REFUSED_STATUS = {"invalid": 404, "gone": 404, "expired": 410, "withdrawn": 410, "reassigned": 410}


@require_http_methods(["GET", "POST"])
def owner_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        action = action_for_owner_link(token)
    except OwnerLinkRefused as refused:
        return _refused(request, refused)
    form = ProgressForm(request.POST or None, action=action, prefix="update")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_progress(
                action=action,
                by=action.owner,
                version=data["version"],
                status=data["status"],
                blocked_reason=data["blocked_reason"],
                note=data["note"],
                via_owner_link=True,
            )
        except EditConflict as error:
            form.rebase(error.current)
            action = error.current
        else:
            messages.success(request, "Thank you: your update has been saved.")
            return redirect(request.path)
    if request.method == "GET":
        services.owner_link_opened(action=action)
    response = render(
        request,
        "workshops/actions/owner_link.html",
        {
            "action": action,
            "form": form,
            "today": timezone.localdate(),
            "page_errors": [form] if form.errors else [],
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _refused(request, refused: OwnerLinkRefused) -> HttpResponse:
    action = refused.action
    if action is not None:
        services.owner_link_refused(action=action, reason=refused.reason)
    response = render(
        request,
        "workshops/actions/owner_link_refused.html",
        {
            "reason": refused.reason,
            "action": action,
            "facilitators": list(area_facilitators(action.area)) if action else [],
        },
        status=REFUSED_STATUS[refused.reason],
    )
    response["X-Robots-Tag"] = "noindex"
    return response
