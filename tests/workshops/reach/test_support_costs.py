"""A budget line linked to the support it paid for at a session, and the plan showing it."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from areas.models import SpendCategory, SpendStatus
from partnerships.models import ConsentMethod
from tests.areas.budgets.factories import BudgetFactory, SpendLineFactory
from tests.factories import PersonFactory
from tests.workshops.factories import AttendanceFactory, SessionFactory
from workshops.reach.models import Interpreter, SupportCost, SupportKind, SupportNeeds

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world):
    return SessionFactory(area=world.area_a)


def needs_url(session):
    return reverse("workshops:session-needs", args=[session.area.slug, session.pk])


def test_a_facilitator_links_a_claim_and_the_plan_shows_it(client, world, session):
    person = PersonFactory(full_name="Ayesha Khan")
    AttendanceFactory(session=session, person=person)
    SupportNeeds.objects.create(
        person=person, interpreter=Interpreter.BSL, consent_method=ConsentMethod.WRITTEN
    )
    budget = BudgetFactory(area=world.area_a)
    paid = SpendLineFactory(
        budget=budget,
        category=SpendCategory.INTERPRETATION,
        amount=Decimal("180.00"),
        status=SpendStatus.APPROVED,
        paid_on=timezone.localdate(),
        payment_method="bank_transfer",
    )
    waiting = SpendLineFactory(budget=budget, category=SpendCategory.TRAVEL)
    client.force_login(world.facilitator_a)

    client.post(needs_url(session), {"line": paid.pk, "kind": SupportKind.BSL})
    client.post(needs_url(session), {"line": waiting.pk, "kind": SupportKind.TRANSPORT})

    page = client.get(session.get_absolute_url()).content.decode()
    assert "1 needs a BSL interpreter</strong>: Ayesha Khan" in page
    assert "Paid £180.00" in page
    assert "Transport (nobody on the list asked)" in page
    assert "claimed, waiting for approval £12.50" in page


def test_a_line_is_linked_once_and_only_from_the_same_area(client, world, session):
    line = SpendLineFactory(budget=BudgetFactory(area=world.area_a))
    elsewhere = SpendLineFactory(budget=BudgetFactory(area=world.area_b))
    client.force_login(world.facilitator_a)
    client.post(needs_url(session), {"line": line.pk, "kind": SupportKind.TRANSPORT})
    twice = client.post(needs_url(session), {"line": line.pk, "kind": SupportKind.TRANSPORT})
    other = client.post(needs_url(session), {"line": elsewhere.pk, "kind": SupportKind.TRANSPORT})
    assert twice.status_code == other.status_code == 400
    assert "not linked yet" in other.content.decode()
    assert SupportCost.objects.count() == 1


def test_unlinking_leaves_the_claim_in_the_budget(client, world, session):
    line = SpendLineFactory(budget=BudgetFactory(area=world.area_a))
    cost = SupportCost.objects.create(session=session, line=line, kind=SupportKind.TRANSPORT)
    client.force_login(world.facilitator_a)
    url = reverse("workshops:support-cost-remove", args=[world.area_a.slug, session.pk, cost.pk])
    assert client.post(url).status_code == 302
    assert not SupportCost.objects.exists()
    line.refresh_from_db()
