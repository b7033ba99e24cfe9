"""An LCO coordinator claims a participant's travel; a facilitator approves and pays it."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from areas.models import SpendLine, SpendStatus
from partnerships.models import AreaRole
from tests.areas.budgets.factories import PDF_BYTES, BudgetFactory, SpendLineFactory
from tests.browser import assert_accessible, sign_in, watch_for_errors
from tests.factories import AreaFactory, LcoFactory, user_with_role


def test_a_travel_claim_is_recorded_approved_and_paid(page, browser, live_server):
    area = AreaFactory(name="Cheshire East")
    lco = user_with_role(area, AreaRole.LCO_COORDINATOR)
    LcoFactory(area=area, coordinator=lco.person)
    facilitator = user_with_role(area, AreaRole.FACILITATOR)
    budget = BudgetFactory(area=area, allocated=Decimal("500.00"))
    day = max(budget.starts_on, timezone.localdate() - timedelta(days=3))

    sign_in(page, lco.email)
    page.goto(area.get_absolute_url())
    page.get_by_role("link", name="See the budgets").click()
    assert_accessible(page)
    page.get_by_role("link", name="Community involvement budget", exact=True).click()
    expect(page.get_by_text("0% used")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record spending").click()
    assert_accessible(page)
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Travel", exact=True).check()
    page.get_by_label("Or type the name of someone not on the platform").fill("Amara Evans")
    page.get_by_label("What was it for?").fill("Return bus fare to the TB screening session")
    # Written the way much of Europe writes £12.50: refused beside the amount, not saved.
    page.get_by_label("Amount").fill("12,50")
    page.get_by_role("button", name="Record the spending").click()
    expect(page.locator("#id_amount-error")).to_contain_text(
        "Enter the amount with a full stop, not a comma, before the pence, like 12.50"
    )
    expect(page.get_by_label("What was it for?")).to_have_value(
        "Return bus fare to the TB screening session"
    )
    assert_accessible(page)
    assert not SpendLine.objects.exists()
    page.get_by_label("Amount").fill("23.40")
    page.locator("input[type=file]").set_input_files(
        {"name": "bus-ticket.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Record the spending").click()
    expect(page.get_by_text("has been recorded and is waiting for approval")).to_be_visible()
    expect(page.get_by_role("link", name="Receipt for £23.40 to Amara Evans")).to_be_visible()
    assert_accessible(page)
    assert SpendLine.objects.get().status == SpendStatus.PENDING

    approver = watch_for_errors(browser.new_context(base_url=live_server.url).new_page())
    sign_in(approver, facilitator.email, two_factor=True)
    approver.goto(budget.get_absolute_url())
    approver.get_by_role("link", name="Approve £23.40 for Amara Evans").click()
    expect(approver.get_by_text("£476.60 of the £500.00 allocated will remain")).to_be_visible()
    assert_accessible(approver)
    approver.get_by_role("button", name="Approve the claim").click()
    expect(approver.get_by_text("Claim approved: £23.40 for Amara Evans.")).to_be_visible()
    expect(approver.get_by_text("4% used")).to_be_visible()
    expect(approver.get_by_role("definition").filter(has_text="£476.60")).to_be_visible()
    assert_accessible(approver)

    approver.get_by_role("link", name="Record payment of £23.40 to Amara Evans").click()
    assert_accessible(approver)
    approver.get_by_label("Bank transfer").check()
    approver.get_by_role("button", name="Record the payment").click()
    expect(approver.get_by_text("Payment recorded: £23.40 to Amara Evans.")).to_be_visible()
    expect(approver.get_by_role("cell", name="Paid Bank transfer")).to_be_visible()
    assert_accessible(approver)
    approver.context.close()

    page.goto(area.get_absolute_url() + "budgets/")
    expect(page.get_by_text("Everyone whose claim was approved has been paid.")).to_be_visible()
    line = SpendLine.objects.get()
    assert (line.status, line.payment_method) == (SpendStatus.APPROVED, "bank_transfer")


def test_going_over_the_budget_is_warned_and_overridden_without_javascript(
    browser, live_server, transactional_db
):
    area = AreaFactory(name="Dudley")
    facilitator = user_with_role(area, AreaRole.FACILITATOR)
    budget = BudgetFactory(area=area, allocated=Decimal("100.00"))
    SpendLineFactory(budget=budget, amount=Decimal("120.00"), payee_name="Brockmoor Hall")
    page = watch_for_errors(
        browser.new_context(base_url=live_server.url, java_script_enabled=False).new_page()
    )

    sign_in(page, facilitator.email, two_factor=True, check=lambda page: None)
    page.goto(budget.get_absolute_url())
    page.get_by_role("link", name="Approve £120.00 for Brockmoor Hall").click()
    expect(page.get_by_text("This claim would go over the budget")).to_be_visible()
    page.get_by_role("button", name="Approve and go over the budget").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("£20.00 over its allocation")
    page.get_by_label("Reason for going over the allocation").fill("Hall price rose after booking.")
    page.get_by_role("button", name="Approve and go over the budget").click()

    expect(page.get_by_text("£20.00 over", exact=True)).to_be_visible()
    expect(page.get_by_text("Allowed to go £20.00 over the allocation")).to_be_visible()
    expect(page.get_by_text("Reason: Hall price rose after booking.")).to_be_visible()
    page.context.close()
