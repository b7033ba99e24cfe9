"""Demo budgets for the current financial year: allocations, claims the LCOs recorded for
community leaders and participants, and what facilitators approved and the LCOs paid.

Rows are written directly, with their dates spread over the year so far, the way the
areas demo writes its history; the services would stamp everything with today.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from areas.budgets.models import (
    Budget,
    BudgetEvent,
    BudgetEventKind,
    BudgetKind,
    PaymentMethod,
    SpendCategory,
    SpendLine,
    SpendStatus,
)
from areas.budgets.money import financial_year_bounds, financial_year_label, financial_year_of
from areas.models import LocalCoordinatingOrganisation, Seat, SteeringMember
from partnerships.models import AreaRole, Membership, Person

# (kind, allocation) for every area; East Sussex's community budget was raised once.
ALLOCATIONS = [
    (BudgetKind.COMMUNITY_INVOLVEMENT, Decimal("2500.00")),
    (BudgetKind.LCO, Decimal("1500.00")),
]
RAISED = ("east-sussex", BudgetKind.COMMUNITY_INVOLVEMENT, Decimal("3000.00"))

# (days into the year, budget, category, payee, amount, what for, state, paid how).
# A payee is "leader 0/1" (a lived-experience seat), "lco" (the LCO itself), or a name
# typed for someone not on the platform.
EAST_SUSSEX = [
    (
        20,
        "community",
        SpendCategory.TRAVEL,
        "leader 0",
        "18.40",
        "Return bus fare, Eastbourne to the partnership day at the ALPS surgery",
        "paid",
        PaymentMethod.BANK_TRANSFER,
    ),
    (
        20,
        "community",
        SpendCategory.TRAVEL,
        "leader 1",
        "22.80",
        "Taxi from Hampden Park, with a walking aid, to the partnership day",
        "paid",
        PaymentMethod.BANK_TRANSFER,
    ),
    (
        20,
        "community",
        SpendCategory.VENUE,
        "St Saviour's Church Hall",
        "85.00",
        "Hall hire for the partnership day, morning and lunch",
        "paid",
        PaymentMethod.BANK_TRANSFER,
    ),
    (
        48,
        "community",
        SpendCategory.INTERPRETATION,
        "Sussex Sign Language Services",
        "240.00",
        "Two BSL interpreters for the screening conversation day",
        "approved",
        None,
    ),
    (
        63,
        "community",
        SpendCategory.TIME,
        "leader 0",
        "50.00",
        "Co-facilitating the receptionists' cultural-competency session",
        "paid",
        PaymentMethod.VOUCHER,
    ),
    (
        63,
        "lco",
        SpendCategory.REFRESHMENTS,
        "lco",
        "42.60",
        "Tea, coffee and fruit for the community conversation",
        "paid",
        PaymentMethod.CASH,
    ),
    (
        110,
        "community",
        SpendCategory.INTERPRETATION,
        "Nadia Haddad",
        "60.00",
        "Arabic interpreting at the women's group conversation on screening letters",
        "approved",
        None,
    ),
    (
        150,
        "community",
        SpendCategory.TIME,
        "leader 1",
        "50.00",
        "Reviewing the new screening invitation letter with the practice team",
        "pending",
        None,
    ),
    (
        152,
        "community",
        SpendCategory.CHILDCARE,
        "Maria Lopes",
        "30.00",
        "Childminder during the steering group meeting",
        "pending",
        None,
    ),
    (
        153,
        "community",
        SpendCategory.TRAVEL,
        "leader 0",
        "18.40",
        "Return bus fare to the steering group meeting",
        "pending",
        None,
    ),
]

OTHER_AREAS = [
    (
        25,
        "community",
        SpendCategory.TRAVEL,
        "leader 0",
        "16.20",
        "Return bus fare to the first partnership day",
        "paid",
        PaymentMethod.BANK_TRANSFER,
    ),
    (
        25,
        "community",
        SpendCategory.VENUE,
        "Community centre main hall",
        "70.00",
        "Hall hire for the first partnership day",
        "approved",
        None,
    ),
    (
        90,
        "community",
        SpendCategory.TIME,
        "leader 0",
        "40.00",
        "Helping plan the next partnership day with the steering group",
        "pending",
        None,
    ),
    (
        90,
        "lco",
        SpendCategory.REFRESHMENTS,
        "lco",
        "28.50",
        "Refreshments for the steering group meeting",
        "paid",
        PaymentMethod.CASH,
    ),
]


def load(stdout):
    if Budget.objects.exists():
        return
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
        budgets = _budgets(area, year, approver)
        plan = EAST_SUSSEX if area.slug == "east-sussex" else OTHER_AREAS
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


def _budgets(area, year, approver) -> dict:
    start = financial_year_bounds(year)[0]
    budgets = {}
    for kind, allocated in ALLOCATIONS:
        budget = Budget.objects.create(
            area=area, kind=kind, financial_year=year, allocated=allocated
        )
        BudgetEvent.objects.create(
            budget=budget,
            kind=BudgetEventKind.ALLOCATION_SET,
            amount=allocated,
            reason="Agreed with the programme team for the year.",
            by=approver,
            at=_at(start, 9),
        )
        if (area.slug, kind) == RAISED[:2]:
            budget.allocated = RAISED[2]
            budget.version += 1
            budget.save(update_fields=["allocated", "version"])
            BudgetEvent.objects.create(
                budget=budget,
                kind=BudgetEventKind.ALLOCATION_CHANGED,
                amount=RAISED[2],
                previous_amount=allocated,
                reason="Two more partnership days planned in community venues after the summer.",
                by=approver,
                at=_at(start + timedelta(days=75), 11),
            )
        budgets["community" if kind == BudgetKind.COMMUNITY_INVOLVEMENT else "lco"] = budget
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
    days, budget_key, category, payee, amount, description, state, method = entry
    budget = budgets[budget_key]
    day = min(budget.starts_on + timedelta(days=days), today)
    recorded_at = _at(day, 17)
    line = SpendLine(
        budget=budget,
        spent_on=day,
        category=category,
        amount=Decimal(amount),
        description=description,
        recorded_by=lco.coordinator,
        recorded_at=recorded_at,
        updated_at=recorded_at,
        updated_by=lco.coordinator,
        **_payee(payee, lco=lco, leaders=leaders),
    )
    events = [(BudgetEventKind.CLAIM_RECORDED, lco.coordinator, recorded_at, "")]
    if state in ("approved", "paid"):
        line.status = SpendStatus.APPROVED
        line.decided_by, line.decided_at = approver, _at(day + timedelta(days=1), 10)
        events.append((BudgetEventKind.APPROVED, approver, line.decided_at, ""))
    if state == "paid":
        line.paid_on, line.payment_method = min(day + timedelta(days=4), today), method
        detail = f"{PaymentMethod(method).label} on {line.paid_on:%-d %B %Y}"
        events.append((BudgetEventKind.PAID, lco.coordinator, _at(line.paid_on, 15), detail))
    line.save()
    BudgetEvent.objects.bulk_create(
        BudgetEvent(
            budget=budget, line=line, kind=kind, amount=line.amount, by=by, at=at, detail=detail
        )
        for kind, by, at, detail in events
    )
