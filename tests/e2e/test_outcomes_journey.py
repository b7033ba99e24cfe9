from datetime import date
from decimal import Decimal

from playwright.sync_api import expect

from areas.models import CaoStatus
from areas.outcomes import services
from partnerships.models import AreaRole
from tests.browser import assert_accessible, sign_in
from tests.factories import AreaFactory, IndicatorFactory, MeasurementFactory, user_with_role


def test_facilitator_revises_a_statement_compares_and_adds_a_measurement(page, transactional_db):
    area = AreaFactory(name="Wandsworth")
    facilitator = user_with_role(area, AreaRole.FACILITATOR)
    statement = services.cao_statement_create(
        area=area,
        by=facilitator.person,
        title="Cervical screening in low-uptake neighbourhoods",
        challenge="Fewer people come for screening on two estates than in the borough.",
        actions="Rewrite the invitation letter with residents.",
        outcome="More people book after their first invitation.",
        status=CaoStatus.CURRENT,
        as_of=date(2024, 1, 15),
    )
    indicator = IndicatorFactory(
        area=area,
        name="Conversations held by community champions",
        unit_label="conversations",
        baseline_on=date(2024, 2, 1),
        target_value=Decimal(300),
        target_on=date(2025, 1, 31),
    )
    indicator.statements.add(statement)
    MeasurementFactory(indicator=indicator, measured_on=date(2024, 4, 30), value=Decimal(46))

    sign_in(page, facilitator.email, two_factor=True)
    page.goto(area.get_absolute_url())
    page.get_by_role("link", name="See and change the plan, indicators and evidence").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan and progress")
    assert_accessible(page)

    # Revise the statement, giving a reason.
    page.get_by_role("link", name=statement.title).click()
    assert_accessible(page)
    page.get_by_role("link", name="Change this statement").click()
    page.get_by_label("Actions", exact=True).fill(
        "Rewrite the invitation letter with residents.\n"
        "Community champions on two estates talk with neighbours about screening."
    )
    page.get_by_role("button", name="Save as a new revision").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Say why you are changing the statement."
    )
    assert_accessible(page)
    page.get_by_label("Why are you changing it?").fill("Champions recruited on two estates.")
    page.get_by_role("button", name="Save as a new revision").click()
    expect(page.get_by_text("has been saved as revision 2")).to_be_visible()
    expect(page.get_by_text("Champions recruited on two estates.")).to_be_visible()
    assert_accessible(page)

    # Compare the two revisions.
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare revision 1 with revision 2")
    added = page.locator("table.app-diff ins")
    expect(added).to_have_count(1)
    expect(added).to_contain_text("Community champions on two estates talk with neighbours")
    expect(added).to_contain_text("[added:")  # read out, though visually hidden
    assert_accessible(page)

    # Add a measurement in place: first a mistake, then the real figure.
    page.get_by_role("link", name=f"Back to the history of “{statement.title}”").click()
    page.get_by_role("link", name=indicator.name).click()
    assert_accessible(page)
    address = page.url
    form = page.locator("form.app-measurement-form")
    date_group = form.get_by_role("group", name="Date")
    date_group.get_by_label("Day").fill("30")
    date_group.get_by_label("Month").fill("6")
    date_group.get_by_label("Year").fill("2024")
    form.get_by_label("Value (conversations)").fill("a lot")
    form.get_by_label("Source").fill("Champions' monthly returns")
    form.get_by_role("button", name="Add measurement").click()
    expect(form.locator("#id_value-error")).to_contain_text(
        "Enter the value as a number, like 42 or 71.5"
    )
    expect(form.get_by_label("Source")).to_have_value("Champions' monthly returns")
    assert_accessible(page)

    form.get_by_label("Value (conversations)").fill("121")
    form.get_by_role("button", name="Add measurement").click()
    expect(page.get_by_role("status")).to_have_text(
        "Measurement added: 121 conversations on 30 June 2024."
    )
    expect(page.get_by_role("cell", name="30 Jun 2024")).to_be_visible()
    expect(page.get_by_role("img", name=indicator.name)).to_have_attribute(
        "aria-labelledby", f"chart-{indicator.pk}-title"
    )
    expect(page.locator(f"#chart-{indicator.pk}-title")).to_contain_text(
        "Latest 121 conversations on 30 June 2024"
    )
    assert page.url == address, "the figures updated without leaving the page"
    assert_accessible(page)
