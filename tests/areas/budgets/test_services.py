from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, transaction

from areas.budgets import services
from areas.models import (
    Budget,
    BudgetEvent,
    BudgetEventKind,
    BudgetKind,
    PaymentMethod,
    SpendCategory,
    SpendStatus,
)
from partnerships.uploads import check_upload
from partnerships.versioning import EditConflict
from tests.areas.budgets.factories import PDF_BYTES, BudgetFactory, SpendLineFactory
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(world):
    return BudgetFactory(area=world.area_a, allocated=Decimal("100.00"))


def _fields(budget, amount, **overrides):
    return {
        "spent_on": budget.starts_on,
        "category": SpendCategory.TRAVEL,
        "payee_person": None,
        "payee_organisation": None,
        "payee_name": "Amara Evans",
        "amount": Decimal(amount),
        "description": "Return bus fare",
        **overrides,
    }


def _totals(budget):
    return Budget.objects.with_totals().get(pk=budget.pk)


def _kinds(budget):
    return list(
        BudgetEvent.objects.filter(budget=budget)
        .order_by("at", "pk")
        .values_list("kind", flat=True)
    )


def test_a_claim_waits_for_approval_and_counts_as_committed(world, budget):
    line = services.spend_line_record(
        budget=budget, by=world.lco_a.person, approve=False, **_fields(budget, "40.00")
    )

    assert line.status == SpendStatus.PENDING
    totals = _totals(budget)
    assert (totals.spent, totals.committed, totals.remaining) == (
        Decimal("0"),
        Decimal("40.00"),
        Decimal("100.00"),
    )
    assert _kinds(budget) == [BudgetEventKind.CLAIM_RECORDED]


def test_a_claim_may_be_more_than_remains_but_cannot_be_approved_without_an_override(world, budget):
    line = services.spend_line_record(
        budget=budget, by=world.lco_a.person, approve=False, **_fields(budget, "150.00")
    )

    with pytest.raises(services.WouldOverspend, match=r"£50\.00 over its allocation"):
        services.claim_approve(line=line, by=world.facilitator_a.person, version=line.version)

    line.refresh_from_db()
    assert line.status == SpendStatus.PENDING
    assert _totals(budget).spent == Decimal("0")


def test_an_override_approves_over_the_allocation_and_is_recorded(world, budget):
    line = SpendLineFactory(budget=budget, amount=Decimal("130.00"))

    services.claim_approve(
        line=line,
        by=world.facilitator_a.person,
        version=line.version,
        override_reason="The venue's price went up after booking.",
    )

    totals = _totals(budget)
    assert totals.spent == Decimal("130.00")
    assert totals.remaining == Decimal("-30.00")
    override = BudgetEvent.objects.get(budget=budget, kind=BudgetEventKind.OVERRIDE)
    assert override.amount == Decimal("30.00")
    assert override.reason == "The venue's price went up after booking."
    assert override.by == world.facilitator_a.person
    assert override.line == line


def test_a_facilitators_spending_is_approved_at_once(world, budget):
    line = services.spend_line_record(
        budget=budget, by=world.facilitator_a.person, approve=True, **_fields(budget, "60.00")
    )

    assert (line.status, line.decided_by) == (SpendStatus.APPROVED, world.facilitator_a.person)
    assert _totals(budget).spent == Decimal("60.00")
    assert _kinds(budget) == [BudgetEventKind.SPEND_RECORDED]
    with pytest.raises(services.WouldOverspend):
        services.spend_line_record(
            budget=budget, by=world.facilitator_a.person, approve=True, **_fields(budget, "40.01")
        )
    assert budget.lines.count() == 1


def test_spending_exactly_the_allocation_needs_no_override(world, budget):
    SpendLineFactory(budget=budget, amount=Decimal("99.99"), status=SpendStatus.APPROVED)
    line = SpendLineFactory(budget=budget, amount=Decimal("0.01"))

    services.claim_approve(line=line, by=world.facilitator_a.person, version=line.version)

    assert _totals(budget).remaining == Decimal("0.00")
    assert not BudgetEvent.objects.filter(kind=BudgetEventKind.OVERRIDE).exists()


def test_money_adds_up_exactly(world, budget):
    for _ in range(3):
        SpendLineFactory(budget=budget, amount=Decimal("0.10"), status=SpendStatus.APPROVED)
    SpendLineFactory(budget=budget, amount=Decimal("0.20"), status=SpendStatus.APPROVED)

    totals = _totals(budget)
    assert totals.spent == Decimal("0.50")
    assert isinstance(totals.spent, Decimal)
    assert totals.remaining == Decimal("99.50")


def test_rejection_keeps_the_reason_and_does_not_count(world, budget):
    line = SpendLineFactory(budget=budget, amount=Decimal("20.00"))

    services.claim_reject(
        line=line, by=world.facilitator_a.person, version=line.version, reason="Paid twice."
    )

    line.refresh_from_db()
    assert (line.status, line.decision_reason) == (SpendStatus.REJECTED, "Paid twice.")
    totals = _totals(budget)
    assert (totals.spent, totals.committed) == (Decimal("0"), Decimal("0"))
    with pytest.raises(services.LineClosed, match="already been rejected"):
        services.claim_approve(line=line, by=world.facilitator_a.person, version=line.version)


def test_a_payment_takes_the_line_off_the_waiting_list(world, budget):
    line = SpendLineFactory(budget=budget, status=SpendStatus.APPROVED)
    paid_on = budget.starts_on

    services.payment_record(
        line=line,
        by=world.lco_a.person,
        version=line.version,
        method=PaymentMethod.VOUCHER,
        paid_on=paid_on,
    )

    line.refresh_from_db()
    assert (line.paid_on, line.payment_method) == (paid_on, PaymentMethod.VOUCHER)
    assert not line.is_waiting_to_be_paid
    paid = BudgetEvent.objects.get(kind=BudgetEventKind.PAID)
    assert paid.detail == f"Voucher on {paid_on:%-d %B %Y}"
    with pytest.raises(services.LineClosed):
        services.payment_record(
            line=line,
            by=world.lco_a.person,
            version=line.version,
            method=PaymentMethod.CASH,
            paid_on=paid_on,
        )


def test_a_pending_claim_cannot_be_marked_paid(world, budget):
    line = SpendLineFactory(budget=budget)
    with pytest.raises(services.LineClosed):
        services.payment_record(
            line=line,
            by=world.lco_a.person,
            version=line.version,
            method=PaymentMethod.CASH,
            paid_on=budget.starts_on,
        )


def test_lowering_the_allocation_below_what_is_spent_needs_an_override(world, budget):
    SpendLineFactory(budget=budget, amount=Decimal("80.00"), status=SpendStatus.APPROVED)

    with pytest.raises(services.WouldOverspend, match=r"£30\.00 over"):
        services.budget_change_allocation(
            budget=budget,
            allocated=Decimal("50.00"),
            reason="Funding cut.",
            by=world.facilitator_a.person,
            version=budget.version,
        )
    services.budget_change_allocation(
        budget=budget,
        allocated=Decimal("90.00"),
        reason="Funding cut.",
        by=world.facilitator_a.person,
        version=budget.version,
    )

    budget.refresh_from_db()
    assert (budget.allocated, budget.version) == (Decimal("90.00"), 2)
    change = BudgetEvent.objects.get(kind=BudgetEventKind.ALLOCATION_CHANGED)
    assert (change.previous_amount, change.amount, change.reason) == (
        Decimal("100.00"),
        Decimal("90.00"),
        "Funding cut.",
    )


def test_an_allocation_changed_meanwhile_is_a_conflict_not_an_overwrite(world, budget):
    services.budget_change_allocation(
        budget=budget,
        allocated=Decimal("120.00"),
        reason="More days.",
        by=world.facilitator_a.person,
        version=1,
    )

    with pytest.raises(EditConflict) as conflict:
        services.budget_change_allocation(
            budget=budget,
            allocated=Decimal("80.00"),
            reason="Less.",
            by=world.lead.person,
            version=1,
        )

    assert conflict.value.current.allocated == Decimal("120.00")
    budget.refresh_from_db()
    assert budget.allocated == Decimal("120.00")


def test_an_approved_line_raised_past_the_allocation_needs_an_override(world, budget):
    line = SpendLineFactory(budget=budget, amount=Decimal("90.00"), status=SpendStatus.APPROVED)

    with pytest.raises(services.WouldOverspend, match=r"£10\.00 over"):
        services.spend_line_update(
            line=line,
            by=world.facilitator_a.person,
            version=line.version,
            **_fields(budget, "110.00"),
        )
    updated = services.spend_line_update(
        line=line,
        by=world.facilitator_a.person,
        version=line.version,
        override_reason="Interpreter stayed an extra hour.",
        **_fields(budget, "110.00"),
    )

    assert updated.amount == Decimal("110.00")
    assert _kinds(budget)[-2:] == [BudgetEventKind.LINE_EDITED, BudgetEventKind.OVERRIDE]
    edited = BudgetEvent.objects.get(kind=BudgetEventKind.LINE_EDITED)
    assert (edited.previous_amount, edited.amount) == (Decimal("90.00"), Decimal("110.00"))
    assert edited.detail == "Changed: date, payee, amount, description"


def test_lowering_a_line_of_an_overspent_budget_needs_no_override(world, budget):
    line = SpendLineFactory(budget=budget, amount=Decimal("120.00"), status=SpendStatus.APPROVED)

    services.spend_line_update(
        line=line,
        by=world.facilitator_a.person,
        version=line.version,
        **_fields(budget, "110.00"),
    )

    assert _totals(budget).remaining == Decimal("-10.00")


def test_a_line_changed_meanwhile_is_a_conflict(world, budget):
    line = SpendLineFactory(budget=budget)
    services.spend_line_update(
        line=line, by=world.lco_a.person, version=1, **_fields(budget, "15.00")
    )

    with pytest.raises(EditConflict):
        services.claim_approve(line=line, by=world.facilitator_a.person, version=1)
    line.refresh_from_db()
    assert line.status == SpendStatus.PENDING


def test_a_rejected_line_is_closed_to_changes(world, budget):
    line = SpendLineFactory(budget=budget, status=SpendStatus.REJECTED)
    with pytest.raises(services.LineClosed):
        services.spend_line_update(
            line=line, by=world.lco_a.person, version=line.version, **_fields(budget, "1.00")
        )


def test_a_receipt_is_stored_under_a_random_name_with_its_sniffed_type(
    world, budget, media_storage
):
    upload = SimpleUploadedFile("Amara bus ticket.pdf", PDF_BYTES, "text/html")
    upload.kind = check_upload(upload)

    line = services.spend_line_record(
        budget=budget,
        by=world.lco_a.person,
        approve=False,
        receipt=upload,
        **_fields(budget, "5.00"),
    )

    assert line.receipt.name.startswith("receipts/")
    assert line.receipt.name.endswith(".pdf")
    assert "Amara" not in line.receipt.name
    assert line.receipt_type == "application/pdf"
    assert line.receipt.read() == PDF_BYTES


def test_a_budget_is_set_up_once_per_kind_and_year(world):
    services.budget_create(
        area=world.area_a,
        kind=BudgetKind.LCO,
        financial_year=2026,
        allocated=Decimal("500.00"),
        reason="",
        by=world.facilitator_a.person,
    )
    with pytest.raises(services.BudgetExists):
        services.budget_create(
            area=world.area_a,
            kind=BudgetKind.LCO,
            financial_year=2026,
            allocated=Decimal("600.00"),
            reason="",
            by=world.facilitator_a.person,
        )
    event = BudgetEvent.objects.get()
    assert (event.kind, event.amount) == (BudgetEventKind.ALLOCATION_SET, Decimal("500.00"))


@pytest.mark.parametrize("change", ["update", "delete"])
def test_the_history_cannot_be_changed_or_removed(budget, change):
    event = BudgetEvent.objects.create(
        budget=budget, kind=BudgetEventKind.ALLOCATION_SET, by=PersonFactory()
    )
    rows = BudgetEvent.objects.filter(pk=event.pk)
    attempt = {"update": lambda: rows.update(reason="rewritten"), "delete": rows.delete}[change]

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        attempt()

    assert BudgetEvent.objects.get(pk=event.pk).reason == ""


def test_the_database_refuses_a_line_with_two_payees(budget):
    with pytest.raises(DatabaseError), transaction.atomic():
        SpendLineFactory(budget=budget, payee_person=PersonFactory(), payee_name="Someone")
