"""A facilitator plans a session around what the people on its list need, records one
person's needs with their agreement, links the interpreter's claim, names the area's
communities, counts the room, and reads the area's reach; axe-core checks each page at
1280 px and 320 px, and the planning pages work without JavaScript."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from areas.models import SpendCategory, SpendStatus
from partnerships.models import AreaRole, ConsentMethod
from tests.areas.budgets.factories import BudgetFactory, SpendLineFactory
from tests.browser import assert_accessible, fits, resize, shoot, sign_in
from tests.factories import AreaFactory, PersonFactory, user_with_role
from tests.workshops.factories import AttendanceFactory, SessionFactory
from workshops.models import SessionStatus
from workshops.reach.models import Interpreter, SupportNeeds


def at_both_widths(page, name):
    """axe-core and a screenshot at 1280 px, then at 320 px with no sideways scrolling."""
    assert_accessible(page)
    shoot(page, f"{name}-1280")
    resize(page, 320)
    fits(page, 320)
    assert_accessible(page)
    shoot(page, f"{name}-320")
    resize(page, 1280, 900)


def test_a_facilitator_plans_for_what_people_need_and_reads_the_reach(page, browser, live_server):
    area = AreaFactory(name="East Sussex")
    facilitator = user_with_role(area, AreaRole.FACILITATOR)
    held = [
        SessionFactory(area=area, starts_at=timezone.now() - dt.timedelta(days=90 - 20 * i))
        for i in range(4)
    ]
    AttendanceFactory(session=held[0], person__full_name="Grace Mensah")
    regular = PersonFactory(full_name="Sam Whitfield")
    for session in held:
        AttendanceFactory(session=session, person=regular)
    AttendanceFactory(session=held[-1])
    planned = SessionFactory(
        area=area,
        title="Screening stories day",
        starts_at=timezone.now() + dt.timedelta(days=20),
        status=SessionStatus.PLANNED,
    )
    for name, needs in [
        ("Ayesha Khan", {"interpreter": Interpreter.BSL}),
        ("Tom Reid", {"interpreter": Interpreter.BSL, "transport_help": True}),
        ("Rahima Begum", {"preferred_language": "Bengali"}),
    ]:
        person = PersonFactory(full_name=name)
        AttendanceFactory(session=planned, person=person)
        SupportNeeds.objects.create(person=person, consent_method=ConsentMethod.ONLINE, **needs)
    newcomer = AttendanceFactory(session=planned, person__full_name="Jan Nowak")
    SpendLineFactory(
        budget=BudgetFactory(area=area),
        category=SpendCategory.INTERPRETATION,
        payee_name="Sussex Sign Language Services",
        description="Two BSL interpreters",
        amount=Decimal("240.00"),
        status=SpendStatus.APPROVED,
    )

    sign_in(page, facilitator.email, two_factor=True)
    page.goto(planned.get_absolute_url())
    panel = page.locator("#needs + ul")
    expect(panel).to_contain_text("2 need a BSL interpreter: Ayesha Khan, Tom Reid")
    expect(panel).to_contain_text("1 prefers Bengali: Rahima Begum")
    expect(panel).to_contain_text("1 would come with help with transport: Tom Reid")
    at_both_widths(page, "reach-session-page")

    # Without JavaScript, as on a poor connection in a village hall. axe-core is
    # JavaScript itself, so it checks the same pages in the first browser afterwards.
    plain = browser.new_context(base_url=live_server.url, java_script_enabled=False).new_page()
    plain.set_default_timeout(10_000)
    plain.context.add_cookies(page.context.cookies())
    plain.goto(planned.get_absolute_url())
    plain.get_by_role("link", name="Record what someone needs, or link a claim").click()
    plain.locator(f'a[href$="/needs/{newcomer.pk}/"]', has_text="Record what they need").click()
    plain.get_by_role("textbox", name="Preferred language").fill("Polish")
    plain.get_by_label("An interpreter for their preferred language").check()
    plain.get_by_label("Help with childcare would make it possible to come").check()
    plain.get_by_label("Said out loud (verbal)").check()
    plain.get_by_role("button", name="Save what they need").click()
    expect(plain.locator(".nhsuk-error-summary")).to_contain_text(
        "Record their needs only if they agreed"
    )
    expect(plain.get_by_role("textbox", name="Preferred language")).to_have_value("Polish")
    plain.get_by_label("They agreed to this being kept").check()
    plain.get_by_role("button", name="Save what they need").click()
    expect(plain.get_by_text("Saved what Jan Nowak needs.")).to_be_visible()
    assert SupportNeeds.objects.get(person=newcomer.person).recorded_by == facilitator.person
    plain.get_by_label("Claim or spending").select_option(index=1)
    plain.get_by_label("BSL interpreter", exact=True).check()
    plain.get_by_role("button", name="Link it to this session").click()
    expect(plain.get_by_text("Linked: the session’s plan shows what it paid for.")).to_be_visible()
    plain.context.close()

    page.goto(f"{planned.get_absolute_url()}needs/")
    at_both_widths(page, "reach-session-needs")
    page.locator(f'a[href$="/needs/{newcomer.pk}/"]', has_text="Change what they need").click()
    page.get_by_role("button", name="Save what they need").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Choose how they agreed")
    at_both_widths(page, "reach-attendee-needs-error")

    page.goto(planned.get_absolute_url())
    expect(panel).to_contain_text("1 needs an interpreter for Polish: Jan Nowak")
    expect(page.locator("#needs + ul")).to_contain_text("approved, not yet paid £240.00")

    # The communities the area's focus is for, counted in the room.
    page.goto(area.get_absolute_url())
    page.get_by_role("link", name="Name the communities the area’s focus is for").click()
    for name in ("Polish speaking women in Eastbourne", "Bengali speaking women in Eastbourne"):
        page.get_by_label("Name the community").fill(name)
        page.get_by_role("button", name="Add the community").click()
    at_both_widths(page, "reach-communities")
    page.goto(held[-1].get_absolute_url())
    page.get_by_role("link", name="Count how many came from each named community").click()
    page.get_by_label("Polish speaking women in Eastbourne").fill("6")
    page.get_by_role("button", name="Save the counts").click()
    expect(page.get_by_text("Saved how many came from each community.")).to_be_visible()

    page.goto(area.get_absolute_url())
    reach = page.locator("#reach ~ div.nhsuk-warning-callout").first
    expect(reach).to_contain_text("Bengali speaking women in Eastbourne")
    expect(page.get_by_text("1 of them has not come to any of the last 3 sessions")).to_be_visible()
    expect(page.get_by_role("cell", name="6", exact=True)).to_be_visible()
    page.locator("#reach").scroll_into_view_if_needed()
    at_both_widths(page, "reach-area-page")
