"""An LCO coordinator cascades a session's notes to two lists and records a travel claim;
a facilitator approves the claim."""

from datetime import timedelta
from decimal import Decimal

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from areas.models import SpendLine, SpendStatus
from partnerships.models import AreaRole
from tests.areas.budgets.factories import PDF_BYTES, BudgetFactory
from tests.browser import assert_accessible, sign_in, watch_for_errors
from tests.factories import AreaFactory, LcoFactory, user_with_role
from tests.workshops.cascade_factories import (
    ContactFactory,
    ContactListFactory,
    WrittenUpSessionFactory,
)
from tests.workshops.factories import AttendanceFactory, QuoteFactory
from workshops.cascades import sending, services
from workshops.models import CascadeStatus, Consent, Session


def test_an_lco_cascades_a_session_and_claims_travel_for_a_facilitator_to_approve(
    page, browser, live_server
):
    area = AreaFactory(name="Cheshire East")
    lco = user_with_role(area, AreaRole.LCO_COORDINATOR)
    LcoFactory(area=area, coordinator=lco.person)
    facilitator = user_with_role(area, AreaRole.FACILITATOR)
    budget = BudgetFactory(area=area, allocated=Decimal("500.00"))
    session = WrittenUpSessionFactory(area=area, title="TB screening partnership day")
    attendee = AttendanceFactory(session=session).person
    session.summary = f"{attendee.full_name} welcomed everyone to the community centre."
    session.save()
    QuoteFactory(session=session, text="Screening felt safe with a friend there")
    QuoteFactory(session=session, text="Said in confidence", consent=Consent.NONE)
    networks = ContactListFactory(area=area, name="Crewe VCSE network")
    leaders = ContactListFactory(area=area, name="Community leaders")
    for n in range(3):
        ContactFactory(contact_list=networks, email=f"network{n}@example.org")
        ContactFactory(contact_list=leaders, email=f"leader{n}@example.org")

    sign_in(page, lco.email)
    page.goto(area.get_absolute_url())
    page.get_by_role("link", name="Sessions waiting to be cascaded").click()
    assert_accessible(page)
    page.get_by_role("link", name="Cascade TB screening partnership day").click()
    body = page.get_by_label("What the email says")
    expect(body).to_contain_text("Screening felt safe with a friend there")
    assert attendee.full_name not in body.input_value()
    assert "Said in confidence" not in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Send the cascade").click()
    expect(
        page.get_by_text("Choose at least one list to send the cascade to.").first
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Crewe VCSE network (3 addresses)").check()
    page.get_by_label("Community leaders (3 addresses)").check()
    page.get_by_role("button", name="Send the cascade").click()
    expect(page.get_by_text("Sent to 6 of 6 addresses")).to_be_visible()
    expect(page.get_by_text("Community leaders, Crewe VCSE network")).to_be_visible()
    assert_accessible(page)
    assert len(mail.outbox) == 6
    assert Session.objects.get().cascade.status == CascadeStatus.SENT

    share_url = page.locator("#share ~ p a").first.get_attribute("href")
    page.goto(share_url)
    expect(page.get_by_text("Screening felt safe with a friend there")).to_be_visible()
    assert attendee.full_name not in page.content()
    assert_accessible(page)

    page.goto(session.get_absolute_url())
    expect(page.get_by_text(f"by {lco.person.full_name}").first).to_be_visible()
    assert_accessible(page)

    day = max(budget.starts_on, timezone.localdate() - timedelta(days=3))
    page.goto(area.get_absolute_url())
    page.get_by_role("link", name="See the budgets").click()
    page.get_by_role("link", name="Community involvement budget", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Record spending").click()
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Travel", exact=True).check()
    page.get_by_label("Or type the name of someone not on the platform").fill("Amara Evans")
    page.get_by_label("Amount").fill("12.80")
    page.get_by_label("What was it for?").fill("Bus fare to the TB screening partnership day")
    page.locator("input[type=file]").set_input_files(
        {"name": "bus-ticket.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    assert_accessible(page)
    page.get_by_role("button", name="Record the spending").click()
    expect(page.get_by_text("has been recorded and is waiting for approval")).to_be_visible()
    assert_accessible(page)

    approver = watch_for_errors(browser.new_context(base_url=live_server.url).new_page())
    sign_in(approver, facilitator.email, two_factor=True)
    approver.goto(budget.get_absolute_url())
    approver.get_by_role("link", name="Approve £12.80 for Amara Evans").click()
    assert_accessible(approver)
    approver.get_by_role("button", name="Approve the claim").click()
    expect(approver.get_by_text("Claim approved: £12.80 for Amara Evans.")).to_be_visible()
    assert_accessible(approver)
    approver.context.close()
    assert SpendLine.objects.get().status == SpendStatus.APPROVED


def test_an_lco_builds_a_distribution_list_by_hand_and_from_a_file(page):
    area = AreaFactory(name="St Helens")
    lco = user_with_role(area, AreaRole.LCO_COORDINATOR)
    csv = (
        "Name,Email,Organisation\n"
        "Asha Patel,asha@example.org,Fouracre Tenants\n"
        "Bad row,not-an-email,Somewhere\n"
        "Ben Cole,ben@example.org,Town Centre Chaplaincy\n"
    )

    sign_in(page, lco.email)
    page.goto(area.get_absolute_url())
    page.get_by_role("link", name="Distribution lists").click()
    assert_accessible(page)
    page.get_by_role("button", name="Set up the list").click()
    expect(page.get_by_role("link", name="Enter a name for the list.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name of the list").fill("Loneliness network")
    page.get_by_role("button", name="Set up the list").click()
    expect(page.get_by_text("“Loneliness network” has been set up.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Email address").fill("carol@example.org")
    page.get_by_label("They asked to receive updates (consent)").check()
    page.get_by_role("button", name="Add the contact").click()
    expect(page.get_by_role("cell", name="carol@example.org", exact=True)).to_be_visible()

    page.get_by_role("link", name="Add contacts from a CSV file").click()
    assert_accessible(page)
    page.locator("input[type=file]").set_input_files(
        {"name": "contacts.csv", "mimeType": "text/csv", "buffer": csv.encode()}
    )
    page.get_by_label("They work with the partnership").check()
    page.get_by_role("button", name="Preview the contacts").click()
    expect(
        page.get_by_text("Row 3, “Email” column: “not-an-email” is not an email address.").first
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Add 2 contacts to the list").click()
    expect(page.get_by_text("Added 2 contacts to “Loneliness network”.")).to_be_visible()
    expect(page.get_by_text("3 contacts")).to_be_visible()
    assert_accessible(page)


def test_a_cascade_being_sent_shows_one_live_figure_of_who_it_reached(
    page, live_server, monkeypatch
):
    area = AreaFactory(name="St Helens")
    lco = user_with_role(area, AreaRole.LCO_COORDINATOR)
    session = WrittenUpSessionFactory(area=area, title="Loneliness partnership day")
    networks = ContactListFactory(area=area, name="Town centre groups")
    for n in range(3):
        ContactFactory(contact_list=networks, email=f"group{n}@example.org")
    # Queued but not yet sent: the page opens while the worker has not started.
    monkeypatch.setattr(sending, "dispatch", lambda cascade_id, **kwargs: True)
    cascade = services.cascade_send(
        session=session,
        by=lco.person,
        subject="Notes",
        body="Notes",
        lists=[networks],
        version=None,
    )

    sign_in(page, lco.email)
    page.goto(f"/areas/{area.slug}/sessions/{session.pk}/cascade/")
    expect(page.get_by_text("Sending: 0 of 3 sent")).to_be_visible()
    sending.send_batch(cascade_id=cascade.pk)

    # The page follows the sending by itself, and no other figure is left behind.
    expect(page.get_by_text("Sent to 3 of 3 addresses")).to_be_visible()
    main = page.locator("main").inner_text()
    assert "so far" not in main
    assert "Reached" not in main
    assert_accessible(page)
