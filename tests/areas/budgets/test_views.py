from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from areas.models import (
    Budget,
    BudgetEvent,
    BudgetEventKind,
    BudgetKind,
    PaymentMethod,
    SpendLine,
    SpendStatus,
)
from partnerships.models import AuditAction, AuditEvent
from tests.areas.budgets.factories import BudgetFactory, SpendLineFactory, this_financial_year
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _url(name, world, *args):
    return reverse(f"areas:{name}", args=[world.area_a.slug, *args])


@pytest.fixture
def budget(world):
    return BudgetFactory(area=world.area_a, allocated=Decimal("100.00"))


def _line_post(budget, **changes):
    day = changes.pop("day", budget.starts_on + timedelta(days=3))
    return {
        "spent_on_day": day.day,
        "spent_on_month": day.month,
        "spent_on_year": day.year,
        "category": "travel",
        "payee": "",
        "payee_name": "Amara Evans",
        "amount": "23.40",
        "description": "Return bus fare to the partnership day",
        **changes,
    }


@pytest.mark.parametrize("persona", ["facilitator_a", "lco_a", "lead"])
def test_the_area_budget_team_sees_the_budgets(client, world, budget, persona):
    SpendLineFactory(budget=budget, payee_name="Amara Evans")
    client.force_login(getattr(world, persona))

    listed = client.get(_url("budget-list", world))
    detail = client.get(budget.get_absolute_url())

    assert listed.status_code == detail.status_code == 200
    assert "Amara Evans" in listed.content.decode()
    assert "Amara Evans" in detail.content.decode()
    assert "no-store" in detail["Cache-Control"]


@pytest.mark.parametrize("persona", ["steering_a", "facilitator_b", "lco_b", "funder", "no_role"])
def test_everyone_else_gets_404(client, world, budget, persona):
    client.force_login(getattr(world, persona))
    assert client.get(_url("budget-list", world)).status_code == 404
    assert client.get(budget.get_absolute_url()).status_code == 404
    assert client.get(_url("budget-csv", world, budget.pk)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, world, budget):
    response = client.get(budget.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("name", "argument"),
    [
        ("budget-new", None),
        ("budget-allocation", "budget"),
        ("line-approve", "line"),
        ("line-reject", "line"),
    ],
)
def test_lco_coordinators_may_not_do_a_facilitators_steps(client, world, budget, name, argument):
    line = SpendLineFactory(budget=budget)
    args = {"budget": [budget.pk], "line": [line.pk], None: []}[argument]
    client.force_login(world.lco_a)

    assert client.get(_url(name, world, *args)).status_code == 403
    assert client.post(_url(name, world, *args), {"version": 1}).status_code == 403
    line.refresh_from_db()
    assert line.status == SpendStatus.PENDING


def test_the_area_page_links_to_the_budgets_for_the_budget_team_only(client, world):
    budgets_url = _url("budget-list", world)
    for persona, sees in [("facilitator_a", True), ("lco_a", True), ("steering_a", False)]:
        client.force_login(getattr(world, persona))
        body = client.get(world.area_a.get_absolute_url()).content.decode()
        assert (budgets_url in body) is sees, persona


def test_an_lco_coordinator_records_a_claim_that_waits_for_approval(client, world, budget):
    client.force_login(world.lco_a)

    response = client.post(_url("line-new", world, budget.pk), _line_post(budget))

    assert response.status_code == 302
    line = SpendLine.objects.get()
    assert (line.status, line.payee, line.amount) == (
        SpendStatus.PENDING,
        "Amara Evans",
        Decimal("23.40"),
    )
    assert line.recorded_by == world.lco_a.person
    page = client.get(_url("budget-list", world)).content.decode()
    assert "£23.40 for Amara Evans has been recorded and is waiting for approval." in page


def test_a_facilitators_spending_is_approved_at_once(client, world, budget):
    client.force_login(world.facilitator_a)
    payee = world.steering_a.person

    client.post(
        _url("line-new", world, budget.pk),
        _line_post(budget, payee=f"person-{payee.pk}", payee_name="", amount="£40"),
    )

    line = SpendLine.objects.get()
    assert (line.status, line.payee_person, line.amount) == (
        SpendStatus.APPROVED,
        payee,
        Decimal("40.00"),
    )


def test_a_payee_from_another_area_cannot_be_chosen(client, world, budget):
    outsider = world.steering_b.person
    client.force_login(world.lco_a)

    response = client.post(
        _url("line-new", world, budget.pk),
        _line_post(budget, payee=f"person-{outsider.pk}", payee_name=""),
    )

    assert "Select a valid choice" in response.context["form"].errors["payee"][0]
    assert not SpendLine.objects.exists()


def test_claim_approved_then_paid_updates_the_figures(client, world, budget):
    line = SpendLineFactory(budget=budget, amount=Decimal("30.00"), payee_name="Esther Osei")
    client.force_login(world.facilitator_a)

    approve = client.get(_url("line-approve", world, line.pk)).content.decode()
    assert "£70.00 of the £100.00 allocated will remain" in approve
    response = client.post(_url("line-approve", world, line.pk), {"version": line.version})
    assert response.status_code == 302

    budgets_page = client.get(_url("budget-list", world)).content.decode()
    assert "30% used" in budgets_page
    assert reverse("areas:line-payment", args=[world.area_a.slug, line.pk]) in budgets_page

    line.refresh_from_db()
    client.post(
        _url("line-payment", world, line.pk),
        {
            "version": line.version,
            "payment_method": PaymentMethod.BANK_TRANSFER,
            "paid_on_day": line.spent_on.day,
            "paid_on_month": line.spent_on.month,
            "paid_on_year": line.spent_on.year,
        },
    )
    line.refresh_from_db()
    assert line.paid_on == line.spent_on
    budgets_page = client.get(_url("budget-list", world)).content.decode()
    assert "Everyone whose claim was approved has been paid." in budgets_page


def test_the_approve_page_warns_before_going_over_and_needs_a_reason(client, world, budget):
    SpendLineFactory(budget=budget, amount=Decimal("80.00"), status=SpendStatus.APPROVED)
    line = SpendLineFactory(budget=budget, amount=Decimal("50.00"))
    client.force_login(world.facilitator_a)
    url = _url("line-approve", world, line.pk)

    page = client.get(url).content.decode()
    assert "This claim would go over the budget" in page
    assert "<strong>£30.00 over</strong>" in page
    assert "Reason for going over the allocation" in page

    refused = client.post(url, {"version": line.version, "override_reason": " "})
    assert refused.status_code == 200
    assert "£30.00 over its allocation" in refused.context["form"].errors["override_reason"][0]
    line.refresh_from_db()
    assert line.status == SpendStatus.PENDING

    client.post(url, {"version": line.version, "override_reason": "Agreed at the steering group."})
    line.refresh_from_db()
    assert line.status == SpendStatus.APPROVED
    override = BudgetEvent.objects.get(kind=BudgetEventKind.OVERRIDE)
    assert (override.reason, override.by) == (
        "Agreed at the steering group.",
        world.facilitator_a.person,
    )
    detail = client.get(budget.get_absolute_url()).content.decode()
    assert "£30.00 over</strong>" in detail
    assert "Allowed to go £30.00 over the allocation" in detail


def test_spending_over_the_budget_is_refused_then_offered_an_override(client, world, budget):
    client.force_login(world.facilitator_a)
    url = _url("line-new", world, budget.pk)

    first = client.post(url, _line_post(budget, amount="150.00"))
    assert "£50.00 over its allocation" in first.context["form"].errors["override_reason"][0]
    assert first.context["form"]["description"].value() == "Return bus fare to the partnership day"
    assert not SpendLine.objects.exists()

    client.post(url, _line_post(budget, amount="150.00", override_reason="Two interpreters."))
    assert SpendLine.objects.get().status == SpendStatus.APPROVED


def test_an_lco_coordinator_cannot_slip_in_an_override(client, world, budget):
    SpendLineFactory(budget=budget, amount=Decimal("100.00"), status=SpendStatus.APPROVED)
    line = SpendLineFactory(budget=budget, amount=Decimal("10.00"), status=SpendStatus.APPROVED)
    client.force_login(world.lco_a)

    response = client.post(
        _url("line-edit", world, line.pk),
        _line_post(budget, amount="500.00", version=line.version, override_reason="Because."),
    )

    assert response.status_code == 403
    assert not BudgetEvent.objects.filter(kind=BudgetEventKind.OVERRIDE).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount": "-5"}, "amount", "Enter an amount more than £0"),
        ({"amount": "0"}, "amount", "Enter an amount more than £0"),
        ({"amount": "0.00"}, "amount", "Enter an amount more than £0"),
        ({"amount": "1000000"}, "amount", "Enter an amount of £10,000.00 or less"),
        ({"amount": "1e400"}, "amount", "Enter the amount in pounds and pence, like 12.50"),
        ({"amount": "12.345"}, "amount", "no more than 2 decimal places"),
        ({"amount": "twelve"}, "amount", "Enter the amount in pounds and pence, like 12.50"),
        ({"amount": "NaN"}, "amount", "Enter the amount in pounds and pence, like 12.50"),
        ({"amount": ""}, "amount", "Enter the amount in pounds"),
        ({"day": "last year"}, "spent_on", "Enter a date in the"),
        ({"payee_name": ""}, "payee", "Choose who is being paid"),
        ({"spent_on_day": "31", "spent_on_month": "2"}, "spent_on", "Enter a real date"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_is_stored(
    client, world, budget, changes, field, message
):
    if changes.get("day") == "last year":
        changes["day"] = budget.starts_on - timedelta(days=1)
    client.force_login(world.lco_a)

    response = client.post(_url("line-new", world, budget.pk), _line_post(budget, **changes))

    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Return bus fare to the partnership day" in body
    assert not SpendLine.objects.exists()


def _refused_next_to_the_field(response, field, message, typed):
    """The form came back with `message` beside `field`, still holding what was typed."""
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    body = response.content.decode()
    error = body.split(f'id="id_{field}-error"', 1)[1].split("</span>\n", 1)[0]
    assert message in error
    assert f'value="{typed}"' in body
    return body


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12,50", "Enter the amount with a full stop, not a comma, before the pence, like 12.50"),
        ("1,,0", "Enter the amount with commas only between thousands, like 1,250.50"),
        ("1e3", "Enter the amount in pounds and pence, like 12.50"),
        ("5e-2", "Enter the amount in pounds and pence, like 12.50"),
        ("1_000", "Enter the amount in pounds and pence, like 12.50"),
        ("١٢", "Enter the amount using the digits 0 to 9, like 12.50"),
        (
            "12.500",
            "Enter the amount in pounds and pence, with no more than 2 decimal places, like 12.50",
        ),
    ],
)
def test_an_amount_that_could_be_misread_is_refused_and_nothing_is_saved(
    client, world, budget, typed, message
):
    client.force_login(world.lco_a)

    response = client.post(_url("line-new", world, budget.pk), _line_post(budget, amount=typed))

    body = _refused_next_to_the_field(response, "amount", message, typed)
    assert "Return bus fare to the partnership day" in body
    assert not SpendLine.objects.exists()


def test_a_misread_amount_on_a_changed_line_leaves_the_line_as_it_was(client, world, budget):
    line = SpendLineFactory(budget=budget, amount=Decimal("10.00"))
    client.force_login(world.lco_a)

    response = client.post(
        _url("line-edit", world, line.pk),
        _line_post(budget, amount="12,50", version=line.version, description="Taxi home"),
    )

    body = _refused_next_to_the_field(
        response,
        "amount",
        "Enter the amount with a full stop, not a comma, before the pence, like 12.50",
        "12,50",
    )
    assert "Taxi home</textarea>" in body
    line.refresh_from_db()
    assert (line.amount, line.description) == (
        Decimal("10.00"),
        "Return bus fare to the partnership day",
    )


def test_a_misread_allocation_sets_up_no_budget(client, world):
    client.force_login(world.facilitator_a)

    response = client.post(
        _url("budget-new", world),
        {
            "kind": BudgetKind.LCO,
            "financial_year": this_financial_year(),
            "allocated": "2.500,00",
            "reason": "From the ICB's grant",
        },
    )

    body = _refused_next_to_the_field(
        response,
        "allocated",
        "Enter the allocation with a full stop, not a comma, before the pence, like 2,500.00",
        "2.500,00",
    )
    assert "From the ICB&#x27;s grant</textarea>" in body
    assert not Budget.objects.filter(area=world.area_a).exists()


def test_a_misread_new_allocation_changes_nothing(client, world, budget):
    client.force_login(world.facilitator_a)

    response = client.post(
        _url("budget-allocation", world, budget.pk),
        {"version": budget.version, "allocated": "1,2000", "reason": "Grant increased"},
    )

    body = _refused_next_to_the_field(
        response,
        "allocated",
        "Enter the new allocation with commas only between thousands, like 1,250.50",
        "1,2000",
    )
    assert "Grant increased</textarea>" in body
    budget.refresh_from_db()
    assert budget.allocated == Decimal("100.00")
    assert not BudgetEvent.objects.filter(budget=budget).exists()


def test_a_year_asked_for_in_other_digits_is_not_read_as_that_year(client, world, budget):
    last_year = budget.financial_year - 1
    BudgetFactory(area=world.area_a, kind=BudgetKind.LCO, financial_year=last_year)
    client.force_login(world.facilitator_a)
    other_digits = "".join(chr(0x660 + int(digit)) for digit in str(last_year))

    asked = client.get(_url("budget-list", world), {"year": last_year}).context["year"]
    typed = client.get(_url("budget-list", world), {"year": other_digits}).context["year"]

    assert (asked, typed) == (last_year, budget.financial_year)


def test_a_year_in_other_digits_is_not_read_as_that_year(client, world, budget):
    year = "".join(chr(0x660 + int(digit)) for digit in str(budget.starts_on.year))
    client.force_login(world.lco_a)

    response = client.post(
        _url("line-new", world, budget.pk), _line_post(budget, spent_on_year=year)
    )

    _refused_next_to_the_field(
        response, "spent_on", "Enter a real date, for example 27 3 2026", year
    )
    assert not SpendLine.objects.exists()


def test_a_date_outside_the_year_names_the_years_bounds(client, world, budget):
    client.force_login(world.lco_a)
    response = client.post(
        _url("line-new", world, budget.pk),
        _line_post(budget, day=budget.ends_on + timedelta(days=1)),
    )
    year = budget.financial_year
    assert response.context["form"].errors["spent_on"] == [
        f"Enter a date in the {year} to {year + 1} financial year, between 1 April {year} "
        f"and 31 March {year + 1}"
    ]


def test_a_person_and_a_typed_name_together_are_refused(client, world, budget):
    client.force_login(world.lco_a)
    response = client.post(
        _url("line-new", world, budget.pk),
        _line_post(budget, payee=f"person-{world.steering_a.person.pk}"),
    )
    assert response.context["form"].errors["payee_name"] == [
        "Choose someone from the list or type a name, not both"
    ]


def test_a_payment_date_in_the_future_is_refused(client, world, budget):
    line = SpendLineFactory(budget=budget, status=SpendStatus.APPROVED)
    tomorrow = timezone.localdate() + timedelta(days=1)
    client.force_login(world.lco_a)

    response = client.post(
        _url("line-payment", world, line.pk),
        {
            "version": line.version,
            "payment_method": PaymentMethod.CASH,
            "paid_on_day": tomorrow.day,
            "paid_on_month": tomorrow.month,
            "paid_on_year": tomorrow.year,
        },
    )

    assert response.context["form"].errors["paid_on"] == [
        "The date it was paid must be today or in the past"
    ]
    line.refresh_from_db()
    assert line.paid_on is None


def test_a_rejection_needs_a_reason_and_shows_it(client, world, budget):
    line = SpendLineFactory(budget=budget)
    client.force_login(world.facilitator_a)
    url = _url("line-reject", world, line.pk)

    assert client.post(url, {"version": line.version}).context["form"].errors["reason"] == [
        "Enter why the claim is rejected"
    ]
    client.post(url, {"version": line.version, "reason": "Already paid by the practice."})

    line.refresh_from_db()
    assert line.status == SpendStatus.REJECTED
    client.force_login(world.lco_a)
    assert "Already paid by the practice." in client.get(budget.get_absolute_url()).content.decode()


def test_a_claim_changed_while_the_facilitator_looked_is_not_approved_unseen(client, world, budget):
    line = SpendLineFactory(budget=budget, amount=Decimal("10.00"))
    client.force_login(world.lco_a)
    client.post(
        _url("line-edit", world, line.pk),
        _line_post(budget, amount="95.00", version=line.version),
    )
    client.force_login(world.facilitator_a)

    response = client.post(_url("line-approve", world, line.pk), {"version": 1})

    assert response.status_code == 200
    assert "changed this line" in response.context["form"].non_field_errors()[0]
    assert "£95.00" in response.content.decode()
    line.refresh_from_db()
    assert (line.status, line.amount) == (SpendStatus.PENDING, Decimal("95.00"))


def test_a_decided_claim_sends_the_facilitator_back_to_the_budget(client, world, budget):
    line = SpendLineFactory(budget=budget, status=SpendStatus.REJECTED)
    client.force_login(world.facilitator_a)

    response = client.get(_url("line-approve", world, line.pk), follow=True)

    assert response.redirect_chain[-1][0] == budget.get_absolute_url()
    assert "This claim has already been rejected." in response.content.decode()


def test_an_lco_coordinator_may_not_change_an_approved_line(client, world, budget):
    line = SpendLineFactory(budget=budget, status=SpendStatus.APPROVED)
    client.force_login(world.lco_a)
    assert client.get(_url("line-edit", world, line.pk)).status_code == 403


def test_facilitator_sets_up_a_budget_and_changes_its_allocation(client, world):
    client.force_login(world.facilitator_a)
    year = this_financial_year()

    client.post(
        _url("budget-new", world),
        {"kind": BudgetKind.LCO, "financial_year": year, "allocated": "1,500", "reason": ""},
    )
    budget = Budget.objects.get(area=world.area_a)
    assert (budget.kind, budget.allocated) == (BudgetKind.LCO, Decimal("1500.00"))

    duplicate = client.post(
        _url("budget-new", world),
        {"kind": BudgetKind.LCO, "financial_year": year, "allocated": "10"},
    )
    assert "is already set up" in duplicate.context["form"].errors["kind"][0]

    url = _url("budget-allocation", world, budget.pk)
    same = client.post(url, {"version": 1, "allocated": "1500.00", "reason": "No change"})
    assert same.context["form"].errors["allocated"] == [
        "The allocation is already £1,500.00. Enter a different amount."
    ]
    no_reason = client.post(url, {"version": 1, "allocated": "1200"})
    assert no_reason.context["form"].errors["reason"] == ["Enter why the allocation is changing"]
    client.post(url, {"version": 1, "allocated": "1200", "reason": "Funder reduced the grant."})

    budget.refresh_from_db()
    assert budget.allocated == Decimal("1200.00")
    history = client.get(budget.get_absolute_url()).content.decode()
    assert "Allocation changed from £1,500.00 to £1,200.00" in history
    assert "Funder reduced the grant." in history


def test_seeing_the_payees_is_recorded_in_the_audit_log(client, world, budget):
    SpendLineFactory(budget=budget)
    client.force_login(world.lco_a)

    client.get(budget.get_absolute_url())

    event = AuditEvent.objects.get(action=AuditAction.VIEWED_PERSONAL_DATA)
    assert (event.actor_id, event.area_id) == (world.lco_a.pk, world.area_a.pk)


def _make_lines(budget, count, people):
    statuses = [SpendStatus.PENDING, SpendStatus.APPROVED, SpendStatus.REJECTED]
    for number in range(count):
        payee = {"payee_person": people[number % len(people)], "payee_name": ""}
        SpendLineFactory(
            budget=budget,
            amount=Decimal("1.00"),
            status=statuses[number % 3],
            decided_by=people[0] if number % 3 else None,
            with_receipt=number % 10 == 0,
            **(payee if number % 2 else {}),
        )


@pytest.mark.parametrize("name", ["budget-detail", "budget-list"])
def test_the_budget_pages_read_200_lines_in_as_many_queries_as_2(
    client, world, django_assert_max_num_queries, name
):
    people = PersonFactory.create_batch(5)
    small = BudgetFactory(area=world.area_a, kind=BudgetKind.LCO)
    big = BudgetFactory(area=world.area_b)
    _make_lines(small, 2, people)
    _make_lines(big, 200, people)
    urls = {
        "budget-detail": (small.get_absolute_url(), big.get_absolute_url()),
        "budget-list": (
            _url("budget-list", world),
            reverse("areas:budget-list", args=[world.area_b.slug]),
        ),
    }[name]
    client.force_login(world.lead)

    with django_assert_max_num_queries(15) as small_queries:
        assert client.get(urls[0]).status_code == 200
    with CaptureQueriesContext(connection) as big_queries:
        response = client.get(urls[1])

    assert response.status_code == 200
    assert len(big_queries) == len(small_queries)


@pytest.fixture
def attendee(world):
    """Someone who came to one of the area's sessions and holds no seat or role in it."""
    from tests.workshops.factories import AttendanceFactory, SessionFactory

    session = SessionFactory(area=world.area_a)
    return AttendanceFactory(session=session, person=PersonFactory(full_name="Zofia Nowak")).person


def test_people_who_came_to_the_areas_sessions_are_offered_as_payees(
    client, world, budget, attendee
):
    client.force_login(world.lco_a)

    form = client.get(_url("line-new", world, budget.pk)).context["form"]
    client.post(
        _url("line-new", world, budget.pk),
        _line_post(budget, payee=f"person-{attendee.pk}", payee_name=""),
    )

    assert (f"person-{attendee.pk}", "Zofia Nowak") in dict(form.fields["payee"].choices)["People"]
    assert SpendLine.objects.get().payee_person == attendee


def test_a_typed_name_of_someone_in_the_partnership_is_that_person(client, world, budget, attendee):
    client.force_login(world.lco_a)

    client.post(_url("line-new", world, budget.pk), _line_post(budget, payee_name="zofia  nowak"))
    line = SpendLine.objects.get()
    client.force_login(world.facilitator_a)
    page = client.get(_url("line-approve", world, line.pk)).content.decode()

    assert (line.payee_person, line.payee_name) == (attendee, "")
    assert "Zofia Nowak" in page
    assert "(not on the platform)" not in page


def test_a_typed_name_is_matched_only_within_the_area(client, world, budget):
    world.steering_b.person.full_name = "Esther Osei"
    world.steering_b.person.save()
    client.force_login(world.lco_a)

    client.post(_url("line-new", world, budget.pk), _line_post(budget, payee_name="Esther Osei"))

    line = SpendLine.objects.get()
    assert (line.payee_person, line.payee_name) == (None, "Esther Osei")


@pytest.mark.parametrize("persona", ["lco_a", "facilitator_a"])
def test_the_overview_offers_record_spending_under_each_budget_for_everyone(
    client, world, budget, persona
):
    other = BudgetFactory(area=world.area_a, kind=BudgetKind.LCO, allocated=Decimal("50.00"))
    client.force_login(getattr(world, persona))

    overview = client.get(_url("budget-list", world)).content.decode()
    detail = client.get(budget.get_absolute_url()).content.decode()
    form = client.get(_url("line-new", world, budget.pk)).content.decode()

    for each in (budget, other):
        link = f'href="{_url("line-new", world, each.pk)}">Record spending<span'
        assert link in overview
    assert "with the button under" in overview
    assert ">Record spending</a>" in detail
    assert "Record the spending</button>" in form
    for page in (overview, detail, form):
        assert "claim…" not in page
        assert "Record a claim" not in page
