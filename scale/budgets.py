"""Each area's two budgets for three financial years, with claims and their history."""

from decimal import Decimal

from areas.models import (
    Budget,
    BudgetEvent,
    BudgetEventKind,
    BudgetKind,
    PaymentMethod,
    SpendCategory,
    SpendLine,
    SpendStatus,
)


def add_budgets(ctx, plan):
    rng, w = ctx.rng, ctx.writer
    this_year = ctx.today.year if ctx.today.month >= 4 else ctx.today.year - 1
    for year in range(this_year - 2, this_year + 1):
        for kind in BudgetKind.values:
            allocated = Decimal(rng.choice([1500, 2000, 3000, 5000]))
            budget = w.add(
                Budget, area_id=plan.id, kind=kind, financial_year=year, allocated=allocated
            )
            w.add(
                BudgetEvent,
                budget_id=budget,
                kind=BudgetEventKind.ALLOCATION_SET,
                amount=allocated,
                by_id=plan.facilitators[0],
                at=ctx.aware(ctx.date(year, 4, 1)),
            )
            _add_claims(ctx, plan, budget, year, allocated)


def _add_claims(ctx, plan, budget, year, allocated):
    """Claims that stay within the allocation; recent ones still waiting or unpaid."""
    rng, w = ctx.rng, ctx.writer
    left = allocated
    start = ctx.date(year, 4, 1)
    for _ in range(rng.randint(3, 10)):
        amount = Decimal(rng.randint(1500, 12000)) / 100
        if amount > left:
            break
        spent_on = min(ctx.today, start + ctx.days(rng.randint(0, 360)))
        recent = (ctx.today - spent_on).days < 60
        status = (
            rng.choice([SpendStatus.PENDING, SpendStatus.APPROVED])
            if recent
            else (SpendStatus.REJECTED if rng.random() < 0.05 else SpendStatus.APPROVED)
        )
        paid = status == SpendStatus.APPROVED and (not recent or rng.random() < 0.5)
        if status == SpendStatus.APPROVED:
            left -= amount
        coordinator = rng.choice(plan.lco_coordinators)
        recorded = ctx.aware(spent_on)
        line = w.add(
            SpendLine,
            budget_id=budget,
            spent_on=spent_on,
            category=rng.choice(SpendCategory.values),
            payee_person_id=rng.choice(plan.people),
            amount=amount,
            description="Travel and time for a community member at the partnership day",
            status=status,
            recorded_by_id=coordinator,
            recorded_at=recorded,
            decided_by_id=None if status == SpendStatus.PENDING else plan.facilitators[0],
            decided_at=None if status == SpendStatus.PENDING else recorded + ctx.days(2),
            paid_on=spent_on + ctx.days(7) if paid else None,
            payment_method=PaymentMethod.values[0] if paid else "",
            updated_at=recorded,
            updated_by_id=coordinator,
        )
        w.add(
            BudgetEvent,
            budget_id=budget,
            line_id=line,
            kind=BudgetEventKind.CLAIM_RECORDED,
            amount=amount,
            by_id=coordinator,
            at=recorded,
        )
        if status != SpendStatus.PENDING:
            kind = (
                BudgetEventKind.APPROVED
                if status == SpendStatus.APPROVED
                else BudgetEventKind.REJECTED
            )
            w.add(
                BudgetEvent,
                budget_id=budget,
                line_id=line,
                kind=kind,
                amount=amount,
                by_id=plan.facilitators[0],
                at=recorded + ctx.days(2),
            )
        if paid:
            w.add(
                BudgetEvent,
                budget_id=budget,
                line_id=line,
                kind=BudgetEventKind.PAID,
                amount=amount,
                by_id=coordinator,
                at=recorded + ctx.days(7),
            )
