"""Proposed changes to a statement: anyone in the partnership proposes, with a reason;
the area's facilitators accept (as proposed or edited) or decline, saying why.

Everyone in the area may read a proposal and what became of it; proposing needs the
PROPOSE capability and deciding needs to run the area (403 otherwise, 404 outside it).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from areas import selectors as area_selectors
from areas.models import CaoProposal
from areas.outcomes import selectors, services
from areas.outcomes.diff import compare_content
from areas.outcomes.forms import ProposalForm
from partnerships import access
from partnerships.review.forms import DeclineForm


@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request: HttpRequest, area_slug: str, statement_id: int) -> HttpResponse:
    area = area_selectors.get_area_for(request.user, area_slug)
    if not access.can(request.user, access.Capability.PROPOSE, area):
        raise PermissionDenied("Only people in the partnership can propose changes.")
    statement = selectors.get_statement(area, statement_id)
    if request.method == "POST":
        form = ProposalForm(request.POST)
        if form.is_valid():
            try:
                proposal = services.cao_proposal_make(
                    statement=statement,
                    by=access.person_for(request.user),
                    version=form.cleaned_data["version"],
                    reason=form.cleaned_data["reason"],
                    **form.content(),
                )
            except services.NothingChanged:
                form.add_error(None, "Nothing has changed. Change the statement, or cancel.")
            else:
                messages.success(request, "Your proposal has gone to the area’s facilitators.")
                return redirect("areas:outcomes:proposal", area.slug, statement.pk, proposal.pk)
    else:
        form = ProposalForm(initial={**statement.content(), "version": statement.version})
    return render(
        request,
        "areas/outcomes/proposal_form.html",
        {"area": area, "statement": statement, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_detail(
    request: HttpRequest, area_slug: str, statement_id: int, proposal_id: int
) -> HttpResponse:
    area = area_selectors.get_area_for(request.user, area_slug)
    statement = selectors.get_statement(area, statement_id)
    proposal = get_object_or_404(
        CaoProposal.objects.filter(statement=statement).select_related(
            "proposed_by", "decided_by", "revision"
        ),
        pk=proposal_id,
    )
    can_decide = access.can_manage(request.user, area) and proposal.is_waiting
    if request.method == "POST" and not can_decide:
        raise PermissionDenied("Only the area's facilitators decide on a waiting proposal.")
    accept_form = decline_form = None
    if can_decide:
        accept_form = ProposalForm(
            initial={**proposal.content(), "reason": proposal.reason, "version": statement.version}
        )
        decline_form = DeclineForm(prefix="decline")
    if request.method == "POST":
        by = access.person_for(request.user)
        try:
            if request.POST.get("do") == "decline":
                decline_form = DeclineForm(request.POST, prefix="decline")
                if decline_form.is_valid():
                    services.cao_proposal_decline(
                        proposal=proposal, by=by, note=decline_form.cleaned_data["note"]
                    )
                    messages.success(request, "The proposal has been declined.")
                    return redirect(request.path)
            else:
                accept_form = ProposalForm(request.POST)
                if accept_form.is_valid():
                    revision = services.cao_proposal_accept(
                        proposal=proposal,
                        by=by,
                        version=accept_form.cleaned_data["version"],
                        reason=accept_form.cleaned_data["reason"],
                        **accept_form.content(),
                    )
                    messages.success(
                        request,
                        f"Accepted: the statement is now at revision {revision.number}.",
                    )
                    return redirect(statement)
        except services.AlreadyDecided:
            messages.info(request, "Someone else decided on this proposal first.")
            return redirect(request.path)
        except services.EditConflict as error:
            statement = error.latest
            accept_form = ProposalForm({**accept_form.data.dict(), "version": statement.version})
            accept_form.is_valid()
            accept_form.add_error(
                None,
                f"The statement was changed (it is now at revision {statement.version}) since "
                "you opened this page. Look at the differences again, then accept.",
            )
        except services.NothingChanged:
            accept_form.add_error(None, "The statement already says exactly this.")
    return render(
        request,
        "areas/outcomes/proposal_detail.html",
        {
            "area": area,
            "statement": statement,
            "proposal": proposal,
            "diffs": compare_content(statement.content(), proposal.content()),
            "accept_form": accept_form,
            "decline_form": decline_form,
            "page_forms": [form for form in (accept_form, decline_form) if form is not None],
        },
    )
