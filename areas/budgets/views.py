"""An area's budgets: allocations, spending, claims and their approval, payments.

Every view finds the area through get_budget_area_for, so anyone who is not one of its
facilitators or LCO coordinators (or a programme lead) gets 404. Allocations, approvals,
rejections and overrides are for facilitators only: an LCO coordinator gets 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from areas.budgets import selectors, services
from areas.budgets.export import write_budget_csv
from areas.budgets.forms import (
    AllocationForm,
    ApproveForm,
    BudgetNewForm,
    PaymentForm,
    RejectForm,
    SpendLineEditForm,
    SpendLineForm,
)
from areas.budgets.models import BudgetKind, SpendStatus
from areas.budgets.money import pounds
from partnerships import access, audit
from partnerships.models import AuditAction
from partnerships.resubmit import login_required_keeping_post
from partnerships.spreadsheets import csv_download
from partnerships.versioning import EditConflict

# Pages that only show things check the method after access, so that an outsider's
# POST gets the same 404 as their GET.
READ_METHODS = ["GET", "HEAD"]


def _chosen_year(request, years) -> int:
    # Compared as text, as a choice is: isdigit() and int() would take "٢٠٢٥" for 2025.
    asked = request.GET.get("year", "")
    return next((year for year in years if str(year) == asked), selectors.current_financial_year())


@login_required
def budget_list(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = selectors.get_budget_area_and_roles_for(request.user, area_slug)
    can_manage = access.can_manage(request.user, area, roles=roles)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    years = selectors.budget_years(area)
    year = _chosen_year(request, years)
    budgets = selectors.budgets_for_year(area, year)
    set_up = {budget.kind for budget in budgets}
    to_approve = list(selectors.waiting_for_approval(area))
    to_pay = list(selectors.waiting_to_be_paid(area))
    if to_approve or to_pay:
        audit.record(
            AuditAction.VIEWED_PERSONAL_DATA,
            request=request,
            target=area,
            label=f"Claims and payments waiting in {area}",
            area=area,
        )
    return render(
        request,
        "areas/budgets/budget_list.html",
        {
            "area": area,
            "can_manage": can_manage,
            "year": year,
            "years": years,
            "budgets": budgets,
            "not_set_up": [kind for kind in BudgetKind if kind not in set_up],
            "to_approve": to_approve,
            "to_pay": to_pay,
        },
    )


@login_required_keeping_post(what="Set up a budget")
@require_http_methods(["GET", "POST"])
def budget_new(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = selectors.get_budget_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    current_year = selectors.current_financial_year()
    form = BudgetNewForm(
        request.POST or None,
        area=area,
        current_year=current_year,
        initial={
            "kind": request.GET.get("kind"),
            "financial_year": request.GET.get("year", current_year),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            budget = services.budget_create(
                area=area, by=access.person_for(request.user), **form.cleaned_data
            )
        except services.BudgetExists as exists:
            form.add_error("kind", str(exists))
        else:
            messages.success(request, f"{budget} set up with {pounds(budget.allocated)}.")
            return redirect(budget)
    return render(request, "areas/budgets/budget_new.html", {"area": area, "form": form})


@login_required
def budget_detail(request: HttpRequest, area_slug: str, budget_id: int) -> HttpResponse:
    area, roles = selectors.get_budget_area_and_roles_for(request.user, area_slug)
    can_manage = access.can_manage(request.user, area, roles=roles)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    budget = selectors.get_budget(area, budget_id)
    lines = list(selectors.budget_lines(budget))
    if lines:
        audit.record(
            AuditAction.VIEWED_PERSONAL_DATA,
            request=request,
            target=budget,
            label=f"Payees of the {budget} in {area}",
            area=area,
        )
    return render(
        request,
        "areas/budgets/budget_detail.html",
        {
            "area": area,
            "budget": budget,
            "can_manage": can_manage,
            "lines": lines,
            "history": selectors.budget_history(budget),
            "today": timezone.localdate(),
        },
    )


@login_required_keeping_post(what="Change a budget's allocation")
@require_http_methods(["GET", "POST"])
def budget_allocation(request: HttpRequest, area_slug: str, budget_id: int) -> HttpResponse:
    area, roles = selectors.get_budget_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    budget = selectors.get_budget(area, budget_id)
    form = AllocationForm(
        request.POST or None, budget=budget, initial={"version": budget.version}
    ).offer_override("override_reason" in request.POST)
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_change_allocation(
                budget=budget,
                allocated=form.cleaned_data["allocated"],
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
                override_reason=form.override_reason,
                by=access.person_for(request.user),
            )
        except services.WouldOverspend as refused:
            form.offer_override(True).add_error("override_reason", str(refused))
        except EditConflict as conflict:
            form.rebase(
                conflict.current,
                "Someone else changed the allocation to "
                f"{pounds(conflict.current.allocated)} while you were on this page. "
                "Check the figures, then save again to change it.",
            )
            budget = selectors.get_budget(area, budget_id)
        else:
            messages.success(
                request,
                f"The allocation is now {pounds(form.cleaned_data['allocated'])}.",
            )
            return redirect(budget)
    return render(
        request,
        "areas/budgets/allocation_form.html",
        {"area": area, "budget": budget, "form": form},
    )


@login_required
def budget_csv(request: HttpRequest, area_slug: str, budget_id: int) -> HttpResponse:
    area = selectors.get_budget_area_for(request.user, area_slug)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    budget = selectors.get_budget(area, budget_id)
    audit.record(
        AuditAction.EXPORTED,
        request=request,
        target=budget,
        label=f"{budget} in {area} CSV",
        area=area,
    )
    response, writer = csv_download(
        f"{area.slug}-{budget.kind.replace('_', '-')}-budget-{budget.financial_year}.csv"
    )
    write_budget_csv(writer, budget, selectors.budget_lines(budget))
    return response


def _payee_choices(area):
    return {
        "people": selectors.payee_people(area),
        "organisations": selectors.payee_organisations(area),
    }


def _refused(form, refused):
    """Offer the override after a refusal; a chosen receipt must be chosen again."""
    form.offer_override(True).add_error("override_reason", str(refused))
    if form.cleaned_data.get("receipt"):
        form.add_error("receipt", "Choose the receipt again: files are kept only once saved.")


@login_required_keeping_post(what="Record spending or a claim")
@require_http_methods(["GET", "POST"])
def line_new(request: HttpRequest, area_slug: str, budget_id: int) -> HttpResponse:
    """A facilitator records spending, approved at once; an LCO coordinator a claim."""
    area, roles = selectors.get_budget_area_and_roles_for(request.user, area_slug)
    can_manage = access.can_manage(request.user, area, roles=roles)
    budget = selectors.get_budget(area, budget_id)
    form = SpendLineForm(
        request.POST or None, request.FILES or None, budget=budget, **_payee_choices(area)
    ).offer_override(can_manage and (budget.remaining <= 0 or "override_reason" in request.POST))
    if request.method == "POST" and form.is_valid():
        try:
            line = services.spend_line_record(
                budget=budget,
                by=access.person_for(request.user),
                approve=can_manage,
                receipt=form.cleaned_data["receipt"],
                override_reason=form.override_reason,
                **form.line_fields(),
            )
        except services.WouldOverspend as refused:
            _refused(form, refused)
        else:
            done = "recorded" if can_manage else "recorded and is waiting for approval"
            messages.success(request, f"{pounds(line.amount)} for {line.payee} has been {done}.")
            return redirect(budget)
    return render(
        request,
        "areas/budgets/line_form.html",
        {"area": area, "budget": budget, "form": form, "can_manage": can_manage},
    )


def _closed(request, line, message):
    messages.info(request, message)
    return redirect(line.budget)


@login_required_keeping_post(what="Change spending or a claim")
@require_http_methods(["GET", "POST"])
def line_edit(request: HttpRequest, area_slug: str, line_id: int) -> HttpResponse:
    area, roles = selectors.get_budget_area_and_roles_for(request.user, area_slug)
    can_manage = access.can_manage(request.user, area, roles=roles)
    line = selectors.get_line(area, line_id)
    if not line.is_open:
        return _closed(request, line, f"This line is {_state(line)}, so it can no longer change.")
    approved = line.status == SpendStatus.APPROVED
    if approved and not can_manage:
        raise PermissionDenied("Only the area's facilitators can change approved spending.")
    budget = selectors.get_budget(area, line.budget_id)
    form = SpendLineEditForm(
        request.POST or None,
        request.FILES or None,
        budget=budget,
        line=line,
        **_payee_choices(area),
        initial={**SpendLineForm.initial_for(line), "version": line.version},
    ).offer_override(approved and "override_reason" in request.POST)
    if request.method == "POST" and form.is_valid():
        try:
            services.spend_line_update(
                line=line,
                by=access.person_for(request.user),
                version=form.cleaned_data["version"],
                receipt=form.cleaned_data["receipt"],
                override_reason=form.override_reason,
                **form.line_fields(),
            )
        except services.WouldOverspend as refused:
            _refused(form, refused)
        except EditConflict as conflict:
            form.rebase(conflict.current, _conflict_message(conflict.current))
            line = selectors.get_line(area, line_id)
        except services.LineClosed as closed:
            return _closed(request, line, str(closed))
        else:
            messages.success(request, "The line has been saved.")
            return redirect(budget)
    return render(
        request,
        "areas/budgets/line_form.html",
        {"area": area, "budget": budget, "line": line, "form": form, "can_manage": can_manage},
    )


def _state(line) -> str:
    return "paid" if line.paid_on else line.get_status_display().lower()


def _conflict_message(current) -> str:
    who = current.updated_by or "Someone else"
    when = timezone.localtime(current.updated_at)
    return (
        f"{who} changed this line at {when:%H:%M} while you were on this page. "
        "What is saved now is shown below: check it, then try again."
    )


@login_required_keeping_post(what="Approve a claim")
@require_http_methods(["GET", "POST"])
def line_approve(request: HttpRequest, area_slug: str, line_id: int) -> HttpResponse:
    area, roles = selectors.get_budget_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    line = selectors.get_line(area, line_id)
    if not line.is_pending:
        return _closed(request, line, f"This claim has already been {_state(line)}.")
    budget = selectors.get_budget(area, line.budget_id)
    form = ApproveForm(request.POST or None, initial={"version": line.version})
    form.offer_override(line.amount > budget.remaining or "override_reason" in request.POST)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_approve(
                line=line,
                by=access.person_for(request.user),
                version=form.cleaned_data["version"],
                override_reason=form.override_reason,
            )
        except services.WouldOverspend as refused:
            form.offer_override(True).add_error("override_reason", str(refused))
            budget = selectors.get_budget(area, line.budget_id)
        except EditConflict as conflict:
            form.rebase(conflict.current, _conflict_message(conflict.current))
            line = selectors.get_line(area, line_id)
        except services.LineClosed as closed:
            return _closed(request, line, str(closed))
        else:
            messages.success(request, f"Claim approved: {pounds(line.amount)} for {line.payee}.")
            return redirect(budget)
    return render(
        request,
        "areas/budgets/line_approve.html",
        {
            "area": area,
            "budget": budget,
            "line": line,
            "form": form,
            "remaining_after": budget.remaining - line.amount,
        },
    )


@login_required_keeping_post(what="Reject a claim")
@require_http_methods(["GET", "POST"])
def line_reject(request: HttpRequest, area_slug: str, line_id: int) -> HttpResponse:
    area, roles = selectors.get_budget_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    line = selectors.get_line(area, line_id)
    if not line.is_pending:
        return _closed(request, line, f"This claim has already been {_state(line)}.")
    return _decide(
        request,
        area,
        line,
        RejectForm(request.POST or None, initial={"version": line.version}),
        write=lambda data, **common: services.claim_reject(reason=data["reason"], **common),
        done=f"Claim rejected: {pounds(line.amount)} for {line.payee}.",
        page={"heading": "Reject a claim", "button": "Reject the claim", "warning": True},
    )


@login_required_keeping_post(what="Record a payment")
@require_http_methods(["GET", "POST"])
def line_payment(request: HttpRequest, area_slug: str, line_id: int) -> HttpResponse:
    area = selectors.get_budget_area_for(request.user, area_slug)
    line = selectors.get_line(area, line_id)
    if not line.is_waiting_to_be_paid:
        return _closed(
            request, line, f"This line is {_state(line)}: only approved lines wait for payment."
        )
    form = PaymentForm(
        request.POST or None,
        line=line,
        initial={"version": line.version, "paid_on": timezone.localdate()},
    )
    return _decide(
        request,
        area,
        line,
        form,
        write=lambda data, **common: services.payment_record(
            method=data["payment_method"], paid_on=data["paid_on"], **common
        ),
        done=f"Payment recorded: {pounds(line.amount)} to {line.payee}.",
        page={"heading": "Record a payment", "button": "Record the payment"},
    )


def _decide(request, area, line, form, *, write, done: str, page: dict) -> HttpResponse:
    """Record a decision on a line from a valid form, against the version it was read at.

    A conflict shows what is saved now above the user's own input; a line that closed in
    the meantime goes back to its budget with the reason.
    """
    if request.method == "POST" and form.is_valid():
        try:
            write(
                form.cleaned_data,
                line=line,
                by=access.person_for(request.user),
                version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            form.rebase(conflict.current, _conflict_message(conflict.current))
            line = selectors.get_line(area, line.pk)
        except services.LineClosed as closed:
            return _closed(request, line, str(closed))
        else:
            messages.success(request, done)
            return redirect(line.budget)
    return render(
        request,
        "areas/budgets/line_decision.html",
        {"area": area, "line": line, "form": form, **page},
    )


@login_required
def line_receipt(request: HttpRequest, area_slug: str, line_id: int) -> HttpResponse:
    """The receipt, as a download of the type its contents were checked to be."""
    area = selectors.get_budget_area_for(request.user, area_slug)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    line = selectors.get_line(area, line_id)
    if not line.receipt:
        raise Http404("This line has no receipt.")
    try:
        handle = line.receipt.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The receipt's file is missing.") from missing
    audit.record(
        AuditAction.DOWNLOADED,
        request=request,
        target=line,
        label=f"Receipt of line {line.pk}, {line.budget} in {area}",
        area=area,
    )
    extension = line.receipt.name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"receipt-{line.spent_on}-{line.pk}.{extension}",
        content_type=line.receipt_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
