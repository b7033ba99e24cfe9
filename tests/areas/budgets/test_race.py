"""Two facilitators approve two claims on one budget at the same moment.

Each approval runs in its own thread, with its own PostgreSQL connection and transaction,
released together by a barrier. Only the row lock on the budget stops both from reading
"£100 remains" and approving £60 each.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from areas.budgets import services
from areas.models import Budget, BudgetEvent, BudgetEventKind, SpendStatus
from tests.areas.budgets.factories import BudgetFactory, SpendLineFactory
from tests.factories import PersonFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need the real database"
)


def _approve_together(lines, by, **kwargs):
    barrier = threading.Barrier(len(lines))
    outcomes = {}

    def approve(line):
        try:
            barrier.wait(timeout=10)
            services.claim_approve(line=line, by=by, version=line.version, **kwargs)
            outcomes[line.pk] = "approved"
        except services.WouldOverspend:
            outcomes[line.pk] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(line,)) for line in lines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_claims_approved_at_once_cannot_overspend():
    budget = BudgetFactory(allocated=Decimal("100.00"))
    lines = SpendLineFactory.create_batch(2, budget=budget, amount=Decimal("60.00"))

    outcomes = _approve_together(lines, PersonFactory())

    assert sorted(outcomes.values()) == ["approved", "refused"]
    totals = Budget.objects.with_totals().get(pk=budget.pk)
    assert totals.spent == Decimal("60.00")
    assert totals.spent <= totals.allocated
    assert budget.lines.filter(status=SpendStatus.PENDING).count() == 1


@pytest.mark.django_db(transaction=True)
def test_with_an_override_both_go_through_and_the_overspend_is_recorded_once():
    budget = BudgetFactory(allocated=Decimal("100.00"))
    lines = SpendLineFactory.create_batch(2, budget=budget, amount=Decimal("60.00"))

    outcomes = _approve_together(lines, PersonFactory(), override_reason="Agreed by the chair.")

    assert sorted(outcomes.values()) == ["approved", "approved"]
    assert Budget.objects.with_totals().get(pk=budget.pk).spent == Decimal("120.00")
    override = BudgetEvent.objects.get(budget=budget, kind=BudgetEventKind.OVERRIDE)
    assert override.amount == Decimal("20.00")
