"""A budget line linked to the support it paid for at a session, and the plan showing it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from areas.models import SpendCategory, SpendLine, SpendStatus
from partnerships.models import ConsentMethod
from tests.areas.budgets.factories import BudgetFactory, SpendLineFactory
from tests.factories import PersonFactory
from tests.workshops.factories import AttendanceFactory, SessionFactory
from workshops.reach import selectors, services
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


def line_support_url(line):
    return reverse("workshops:line-support", args=[line.budget.area.slug, line.pk])


def test_the_lco_links_a_claim_from_the_budget_to_what_a_session_needed(client, world, session):
    """The budget's keeper sees what people at nearby sessions need, as numbers only,
    links the claim, and the session's plan shows it."""
    person = PersonFactory(full_name="Ayesha Khan")
    AttendanceFactory(session=session, person=person)
    SupportNeeds.objects.create(
        person=person, transport_help=True, consent_method=ConsentMethod.WRITTEN
    )
    line = SpendLineFactory(budget=BudgetFactory(area=world.area_a), spent_on=timezone.localdate())
    client.force_login(world.lco_a)

    budget_page = client.get(line.budget.get_absolute_url()).content.decode()
    assert line_support_url(line) in budget_page
    page = client.get(line_support_url(line)).content.decode()
    assert "1 would come with help with transport" in page
    assert "Ayesha Khan" not in page
    linked = client.post(
        line_support_url(line), {"session": session.pk, "kind": SupportKind.TRANSPORT}
    )

    assert linked.status_code == 302
    cost = SupportCost.objects.get()
    assert (cost.session, cost.line, cost.kind) == (session, line, SupportKind.TRANSPORT)
    assert cost.linked_by == world.lco_a.person
    client.force_login(world.facilitator_a)
    plan = client.get(session.get_absolute_url()).content.decode()
    assert "claimed, waiting for approval £12.50" in plan


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("lco_a", 200),
        ("facilitator_a", 200),
        ("lead", 200),
        ("steering_a", 404),
        ("community_a", 404),
        ("lco_b", 404),
        ("facilitator_b", 404),
        ("no_role", 404),
    ],
)
def test_only_the_areas_budget_keepers_find_the_page(client, world, session, persona, status):
    line = SpendLineFactory(budget=BudgetFactory(area=world.area_a))
    client.force_login(getattr(world, persona))
    assert client.get(line_support_url(line)).status_code == status
    posted = client.post(line_support_url(line), {"session": session.pk, "kind": "transport"})
    assert posted.status_code == (302 if status == 200 else 404)
    assert SupportCost.objects.exists() == (status == 200)


@pytest.mark.parametrize(
    "line",
    [
        {"category": SpendCategory.VENUE},
        {"status": SpendStatus.REJECTED, "decision_reason": "Not ours"},
    ],
    ids=["a venue", "a rejected claim"],
)
def test_a_line_that_paid_for_nobody_to_come_is_not_linked(client, world, session, line):
    line = SpendLineFactory(budget=BudgetFactory(area=world.area_a), **line)
    client.force_login(world.lco_a)
    assert client.get(line_support_url(line)).status_code == 404
    assert line_support_url(line) not in client.get(line.budget.get_absolute_url()).content.decode()


def test_a_session_of_another_area_is_refused(client, world, session):
    line = SpendLineFactory(budget=BudgetFactory(area=world.area_a))
    elsewhere = SessionFactory(area=world.area_b)
    client.force_login(world.lco_a)
    refused = client.post(line_support_url(line), {"session": elsewhere.pk, "kind": "transport"})
    assert refused.status_code == 400
    assert "Choose one of the sessions listed." in refused.content.decode()
    assert not SupportCost.objects.exists()


def test_the_lco_unlinks_a_claim_from_the_budget(client, world, session):
    line = SpendLineFactory(budget=BudgetFactory(area=world.area_a))
    SupportCost.objects.create(session=session, line=line, kind=SupportKind.TRANSPORT)
    client.force_login(world.lco_a)
    page = client.get(line_support_url(line)).content.decode()
    assert session.title in page
    assert client.post(line_support_url(line), {"unlink": "1"}).status_code == 302
    assert not SupportCost.objects.exists()
    assert SpendLine.objects.filter(pk=line.pk).exists()


def test_a_line_linked_meanwhile_is_not_linked_twice(world, session):
    line = SpendLineFactory(budget=BudgetFactory(area=world.area_a))
    services.support_cost_link(session=session, line=line, kind=SupportKind.TRANSPORT, by=None)
    with pytest.raises(services.AlreadyLinked):
        services.support_cost_link(session=session, line=line, kind=SupportKind.CHILDCARE, by=None)
    assert SupportCost.objects.get().kind == SupportKind.TRANSPORT


def test_the_page_reads_in_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    line = SpendLineFactory(budget=BudgetFactory(area=world.area_a), spent_on=timezone.localdate())
    for days in range(-20, 20, 2):
        held = SessionFactory(area=world.area_a, starts_at=timezone.now() + timedelta(days=days))
        for _ in range(3):
            needs = SupportNeeds.objects.create(
                person=PersonFactory(), childcare_help=True, consent_method=ConsentMethod.ONLINE
            )
            AttendanceFactory(session=held, person=needs.person)
    client.force_login(world.lco_a)
    with django_assert_max_num_queries(10):
        page = client.get(line_support_url(line))
    assert page.content.decode().count("3 would come with help with childcare") == 12


def test_sessions_where_nobody_said_what_they_need_are_only_offered(client, world, session):
    line = SpendLineFactory(budget=BudgetFactory(area=world.area_a), spent_on=timezone.localdate())
    client.force_login(world.lco_a)
    page = client.get(line_support_url(line)).content.decode()
    assert "Nobody at these sessions has told the facilitators what would help them come." in page
    assert f'value="{session.pk}"' in page


def test_a_claim_linked_meanwhile_is_named_on_the_page(client, world, session, monkeypatch):
    """Two keepers of the budget link the same claim at once: the second is told."""
    line = SpendLineFactory(budget=BudgetFactory(area=world.area_a))
    read = selectors.get_linkable_line

    def read_then_linked_by_someone_else(area, line_id):
        found = read(area, line_id)
        SupportCost.objects.create(session=session, line=line, kind=SupportKind.CHILDCARE)
        return found

    monkeypatch.setattr(selectors, "get_linkable_line", read_then_linked_by_someone_else)
    client.force_login(world.lco_a)
    refused = client.post(line_support_url(line), {"session": session.pk, "kind": "transport"})
    assert refused.status_code == 400
    assert "Someone has just linked this claim to a session." in refused.content.decode()
    assert SupportCost.objects.get().kind == SupportKind.CHILDCARE
