"""Writes to budgets and their spending. Each use case is one function in one transaction.

Every write locks the budget's row first (select_for_update), then the line's, always in
that order so two writers cannot deadlock. What is spent is recomputed under the lock,
so of two claims approved at the same moment the second sees the first: a budget never
goes below zero unless a facilitator records an override with a reason.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from areas.budgets.models import (
    Budget,
    BudgetEvent,
    BudgetEventKind,
    PaymentMethod,
    SpendLine,
    SpendStatus,
)
from areas.budgets.money import PENNY, financial_year_label, pounds
from areas.models import Area
from partnerships.models import Person
from partnerships.versioning import lock_versioned, save_versioned


class WouldOverspend(Exception):
    """The change would take the budget below zero and no override reason was given."""

    def __init__(self, *, budget: Budget, over_by: Decimal):
        self.over_by = over_by
        super().__init__(
            f"This would take the budget {pounds(over_by)} over its allocation. "
            "Give a reason for going over, or change the amount."
        )


class LineClosed(Exception):
    """The line has moved on (decided or paid) and this step no longer applies to it."""


class BudgetExists(Exception):
    """The area already has this budget for that year."""


def _lock_budget(budget_id) -> Budget:
    return Budget.objects.select_for_update().get(pk=budget_id)


def _spent(budget: Budget) -> Decimal:
    total = SpendLine.objects.filter(budget=budget, status=SpendStatus.APPROVED).aggregate(
        total=Coalesce(Sum("amount"), Decimal("0"))
    )["total"]
    # Exact already on PostgreSQL; SQLite sums through floats, so round back to pence.
    return total.quantize(PENNY)


def _over_by(budget: Budget, *, extra=Decimal("0"), allocated=None) -> Decimal:
    """How far below zero spending `extra` more, or allocating `allocated`, would take the
    budget; zero if it stays at or above zero or the change does not make things worse."""
    allocated = budget.allocated if allocated is None else allocated
    if extra <= 0 and allocated >= budget.allocated:
        return Decimal("0")
    return max(Decimal("0"), _spent(budget) + extra - allocated)


def _require_override(budget: Budget, over_by: Decimal, override_reason: str) -> None:
    if over_by and not override_reason.strip():
        raise WouldOverspend(budget=budget, over_by=over_by)


def _record(budget, kind, *, by, line=None, **fields) -> BudgetEvent:
    return BudgetEvent.objects.create(budget=budget, line=line, kind=kind, by=by, **fields)


def _record_override(budget, over_by, override_reason, *, by, line=None) -> None:
    if over_by:
        _record(
            budget,
            BudgetEventKind.OVERRIDE,
            by=by,
            line=line,
            amount=over_by,
            reason=override_reason.strip(),
        )


def _attach_receipt(line: SpendLine, receipt) -> None:
    """Store an upload (already checked, see partnerships.uploads) under a random name.

    Called after every check that could refuse the change, so a refused change leaves
    no file behind; a replaced receipt's file is removed once the change is committed.
    """
    if receipt is None:
        return
    previous = line.receipt.name
    line.receipt.save(f"receipt{receipt.kind.extension}", receipt, save=False)
    line.receipt_type = receipt.kind.content_type
    if previous:
        storage = line.receipt.storage
        transaction.on_commit(lambda: storage.delete(previous))


@transaction.atomic
def budget_create(
    *, area: Area, kind: str, financial_year: int, allocated: Decimal, reason: str, by: Person
) -> Budget:
    try:
        with transaction.atomic():
            budget = Budget.objects.create(
                area=area, kind=kind, financial_year=financial_year, allocated=allocated
            )
    except IntegrityError as error:
        raise BudgetExists(
            f"{area} already has this budget for {financial_year_label(financial_year)}."
        ) from error
    _record(budget, BudgetEventKind.ALLOCATION_SET, by=by, amount=allocated, reason=reason)
    return budget


@transaction.atomic
def budget_change_allocation(
    *,
    budget: Budget,
    allocated: Decimal,
    reason: str,
    by: Person,
    version: int,
    override_reason: str = "",
) -> Budget:
    """Give the budget a new allocation; less than is already spent needs an override."""
    locked = lock_versioned(Budget, budget.pk, version=version)
    over_by = _over_by(locked, allocated=allocated)
    _require_override(locked, over_by, override_reason)
    previous = locked.allocated
    save_versioned(locked, version=version, allocated=allocated)
    _record(
        locked,
        BudgetEventKind.ALLOCATION_CHANGED,
        by=by,
        amount=allocated,
        previous_amount=previous,
        reason=reason,
    )
    _record_override(locked, over_by, override_reason, by=by)
    return locked


@transaction.atomic
def spend_line_record(
    *,
    budget: Budget,
    by: Person,
    approve: bool,
    receipt=None,
    override_reason: str = "",
    **fields,
) -> SpendLine:
    """Record spending. A facilitator's is approved at once (`approve`), and must fit the
    budget or carry an override; anyone else's is a claim waiting for approval."""
    budget = _lock_budget(budget.pk)
    over_by = _over_by(budget, extra=fields["amount"]) if approve else Decimal("0")
    _require_override(budget, over_by, override_reason)
    now = timezone.now()
    line = SpendLine(budget=budget, recorded_by=by, recorded_at=now, updated_by=by, **fields)
    if approve:
        line.status, line.decided_by, line.decided_at = SpendStatus.APPROVED, by, now
    _attach_receipt(line, receipt)
    line.save()
    kind = BudgetEventKind.SPEND_RECORDED if approve else BudgetEventKind.CLAIM_RECORDED
    _record(budget, kind, by=by, line=line, amount=line.amount)
    _record_override(budget, over_by, override_reason, by=by, line=line)
    return line


@transaction.atomic
def spend_line_update(
    *,
    line: SpendLine,
    by: Person,
    version: int,
    receipt=None,
    override_reason: str = "",
    **fields,
) -> SpendLine:
    """Change an open line. More on an approved line must fit the budget, or be overridden."""
    budget = _lock_budget(line.budget_id)
    line = lock_versioned(SpendLine, line.pk, version=version)
    if not line.is_open:
        raise LineClosed(f"This line is {line.get_status_display().lower()} and closed.")
    over_by = Decimal("0")
    if line.status == SpendStatus.APPROVED:
        over_by = _over_by(budget, extra=fields["amount"] - line.amount)
        _require_override(budget, over_by, override_reason)
    changed = [
        SpendLine._meta.get_field(name).verbose_name
        for name, value in fields.items()
        if getattr(line, name) != value
    ]
    previous = line.amount
    _attach_receipt(line, receipt)
    if receipt is not None:
        changed.append("receipt")
        fields.update(receipt=line.receipt.name, receipt_type=line.receipt_type)
    save_versioned(line, version=version, by=by, **fields)
    _record(
        budget,
        BudgetEventKind.LINE_EDITED,
        by=by,
        line=line,
        amount=line.amount,
        previous_amount=previous,
        detail=_changed_words(changed),
    )
    _record_override(budget, over_by, override_reason, by=by, line=line)
    return line


def _changed_words(names: list[str]) -> str:
    # The three payee fields are one thing to the reader.
    words = list(dict.fromkeys("payee" if name.startswith("payee") else name for name in names))
    return f"Changed: {', '.join(words)}" if words else "Nothing changed"


def _decide(line: SpendLine, *, status: str, by: Person, reason: str = "") -> None:
    now = timezone.now()
    save_versioned(
        line,
        version=line.version,
        status=status,
        decided_by=by,
        decided_at=now,
        decision_reason=reason,
        updated_at=now,
        updated_by=by,
    )


@transaction.atomic
def claim_approve(
    *, line: SpendLine, by: Person, version: int, override_reason: str = ""
) -> SpendLine:
    """Approve a claim, so it counts as spent; refused if it would overspend, unless the
    facilitator gives a reason to go over."""
    budget = _lock_budget(line.budget_id)
    line = lock_versioned(SpendLine, line.pk, version=version)
    if not line.is_pending:
        raise LineClosed(f"This claim has already been {line.get_status_display().lower()}.")
    over_by = _over_by(budget, extra=line.amount)
    _require_override(budget, over_by, override_reason)
    _decide(line, status=SpendStatus.APPROVED, by=by)
    _record(budget, BudgetEventKind.APPROVED, by=by, line=line, amount=line.amount)
    _record_override(budget, over_by, override_reason, by=by, line=line)
    return line


@transaction.atomic
def claim_reject(*, line: SpendLine, by: Person, version: int, reason: str) -> SpendLine:
    budget = _lock_budget(line.budget_id)
    line = lock_versioned(SpendLine, line.pk, version=version)
    if not line.is_pending:
        raise LineClosed(f"This claim has already been {line.get_status_display().lower()}.")
    _decide(line, status=SpendStatus.REJECTED, by=by, reason=reason)
    _record(budget, BudgetEventKind.REJECTED, by=by, line=line, amount=line.amount, reason=reason)
    return line


@transaction.atomic
def payment_record(*, line: SpendLine, by: Person, version: int, method: str, paid_on) -> SpendLine:
    """Record how and when an approved line was paid, taking it off the waiting list."""
    budget = _lock_budget(line.budget_id)
    line = lock_versioned(SpendLine, line.pk, version=version)
    if not line.is_waiting_to_be_paid:
        raise LineClosed("Only an approved line that has not been paid can be marked paid.")
    save_versioned(line, version=version, by=by, paid_on=paid_on, payment_method=method)
    _record(
        budget,
        BudgetEventKind.PAID,
        by=by,
        line=line,
        amount=line.amount,
        detail=f"{PaymentMethod(method).label} on {paid_on:%-d %B %Y}",
    )
    return line
