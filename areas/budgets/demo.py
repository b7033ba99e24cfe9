"""Demo budgets for the current financial year: allocations, claims the LCOs recorded for
community leaders and participants, and what facilitators approved and the LCOs paid.

The allocations and claims are in areas/demo/budgets.toml. Rows are written directly,
with their dates spread over the year so far, the way the areas demo writes its history;
the services would stamp everything with today.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from areas.budgets.models import (
    Budget,
    BudgetEvent,
    BudgetEventKind,
    PaymentMethod,
    SpendLine,
    SpendStatus,
)
from areas.budgets.money import financial_year_bounds, financial_year_label, financial_year_of
from areas.models import LocalCoordinatingOrganisation, Seat, SteeringMember
from partnerships import demo_data
from partnerships.models import AreaRole, Membership, Person


def load(stdout):
    if Budget.objects.exists():
        return
    data = demo_data.load("areas", "budgets")
    today = timezone.localdate()
    year = financial_year_of(today)
    lead = Person.objects.get(email="lead@demo.example")
    facilitator = Person.objects.get(email="facilitator@demo.example")
    facilitated = set(
        Membership.objects.filter(person=facilitator, role=AreaRole.FACILITATOR).values_list(
            "area_id", flat=True
        )
    )
    lcos = LocalCoordinatingOrganisation.objects.select_related("area", "organisation")
    for lco in lcos:
        area = lco.area
        # The area's facilitator decides its claims; the programme lead, where it has none.
        approver = facilitator if area.pk in facilitated else lead
        budgets = _budgets(data, area, year, approver)
        plan = data["east_sussex"] if area.slug == "east-sussex" else data["other_areas"]
        leaders = [
            member.person
            for member in SteeringMember.objects.filter(area=area, seat=Seat.LIVED_EXPERIENCE)
        ]
        for entry in plan:
            _line(budgets, entry, lco=lco, approver=approver, leaders=leaders, today=today)
    stdout.write(f"Loaded demo budgets for {financial_year_label(year)}.")


def _at(day: date, hour: int) -> datetime:
    """A moment on `day`, never later than now."""
    return min(timezone.make_aware(datetime.combine(day, time(hour))), timezone.now())


def _budgets(data, area, year, approver) -> dict:
    start = financial_year_bounds(year)[0]
    raised = data["raised"]
    budgets = {}
    for allocation in data["allocations"]:
        kind, allocated = allocation["kind"], Decimal(allocation["amount"])
        budget = Budget.objects.create(
            area=area, kind=kind, financial_year=year, allocated=allocated
        )
        BudgetEvent.objects.create(
            budget=budget,
            kind=BudgetEventKind.ALLOCATION_SET,
            amount=allocated,
            reason=data["allocation_reason"],
            by=approver,
            at=_at(start, 9),
        )
        if (area.slug, kind) == (raised["area"], raised["kind"]):
            budget.allocated = Decimal(raised["amount"])
            budget.version += 1
            budget.save(update_fields=["allocated", "version"])
            BudgetEvent.objects.create(
                budget=budget,
                kind=BudgetEventKind.ALLOCATION_CHANGED,
                amount=budget.allocated,
                previous_amount=allocated,
                reason=raised["reason"],
                by=approver,
                at=_at(start + timedelta(days=raised["days_into_year"]), 11),
            )
        budgets[allocation["budget"]] = budget
    return budgets


def _payee(payee: str, *, lco, leaders) -> dict:
    if payee == "lco":
        return {"payee_organisation": lco.organisation}
    if payee.startswith("leader "):
        index = int(payee.removeprefix("leader "))
        if index < len(leaders):
            return {"payee_person": leaders[index]}
        payee = "A community leader"
    return {"payee_name": payee}


def _line(budgets, entry, *, lco, approver, leaders, today):
    budget, state = budgets[entry["budget"]], entry["state"]
    day = min(budget.starts_on + timedelta(days=entry["day"]), today)
    recorded_at = _at(day, 17)
    line = SpendLine(
        budget=budget,
        spent_on=day,
        category=entry["category"],
        amount=Decimal(entry["amount"]),
        description=entry["description"],
        recorded_by=lco.coordinator,
        recorded_at=recorded_at,
        updated_at=recorded_at,
        updated_by=lco.coordinator,
        **_payee(entry["payee"], lco=lco, leaders=leaders),
    )
    events = [(BudgetEventKind.CLAIM_RECORDED, lco.coordinator, recorded_at, "")]
    if state in ("approved", "paid"):
        line.status = SpendStatus.APPROVED
        line.decided_by, line.decided_at = approver, _at(day + timedelta(days=1), 10)
        events.append((BudgetEventKind.APPROVED, approver, line.decided_at, ""))
    if state == "paid":
        line.paid_on = min(day + timedelta(days=4), today)
        line.payment_method = entry["paid_by"]
        detail = f"{PaymentMethod(line.payment_method).label} on {line.paid_on:%-d %B %Y}"
        events.append((BudgetEventKind.PAID, lco.coordinator, _at(line.paid_on, 15), detail))
    line.save()
    BudgetEvent.objects.bulk_create(
        BudgetEvent(
            budget=budget, line=line, kind=kind, amount=line.amount, by=by, at=at, detail=detail
        )
        for kind, by, at, detail in events
    )
