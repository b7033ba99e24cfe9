"""Proposed changes to a statement: anyone in the partnership proposes, with a reason;
the area's facilitators accept (as proposed or edited) or decline, saying why.

Everyone in the area may read a proposal and what became of it; proposing needs the
PROPOSE capability and deciding needs to run the area (403 otherwise, 404 outside it).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from areas import selectors as area_selectors
from areas.outcomes import selectors, services
from areas.outcomes.diff import compare_content
from areas.outcomes.forms import ProposalForm
from areas.outcomes.models import CaoProposal
from partnerships import access
from partnerships.review import services as review
from partnerships.review.pages import review_page
from partnerships.versioning import EditConflict


@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request: HttpRequest, area_slug: str, statement_id: int) -> HttpResponse:
    area, roles = area_selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.PROPOSE)
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
    shown = {"statement": statement}

    def accept_form(*bound):
        initial = {**proposal.content(), "reason": proposal.reason, "version": statement.version}
        return ProposalForm(*bound, initial=initial)

    def accept(form, by):
        try:
            revision = services.cao_proposal_accept(
                proposal=proposal,
                by=by,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
                **form.content(),
            )
        except EditConflict as error:
            # Show the statement as it is now, and accept against it next time.
            shown["statement"] = error.current
            form.data = {**form.data.dict(), "version": error.current.version}
            raise review.Refused(
                f"The statement was changed (it is now at revision {error.current.version}) "
                "since you opened this page. Look at the differences again, then accept."
            ) from error
        except services.NothingChanged as error:
            raise review.Refused("The statement already says exactly this.") from error
        return f"Accepted: the statement is now at revision {revision.number}.", statement

    def context():
        now = shown["statement"]
        return {
            "area": area,
            "statement": now,
            "proposal": proposal,
            "diffs": compare_content(now.content(), proposal.content()),
        }

    return review_page(
        request,
        suggestion=proposal,
        can_decide=access.can_manage(request.user, area),
        accept_form=accept_form,
        accept=accept,
        template="areas/outcomes/proposal_detail.html",
        context=context,
    )
