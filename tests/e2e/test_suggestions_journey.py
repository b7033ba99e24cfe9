"""Shared authorship: a community member suggests an action and offers an output to the
library from a 320 px phone without JavaScript; the facilitator finds both waiting and
accepts them. A community member comments on a case study's draft; its author replies
and resolves the comment. axe-core checks each page (it needs JavaScript itself, so a second browser
with it reads the same pages), at 320 px and 1280 px."""

import pytest
from playwright.sync_api import expect

from partnerships.models import AreaRole
from resources.casestudies.services import case_study_start
from resources.models import Resource
from tests.browser import assert_accessible, fits, phone, resize, shoot, sign_in
from tests.factories import AreaFactory, user_with_role
from tests.resources import samples
from workshops.models import Action

WHAT = "Record a short video in Bengali about what happens at a screening appointment"
CHARTER = "Charter for women's screening in Eastbourne"


@pytest.fixture
def partnership(transactional_db):
    area = AreaFactory(name="Eastbourne", focus="Cancer screening with Polish and Bengali women")
    facilitator = user_with_role(area, AreaRole.FACILITATOR)
    steering = user_with_role(area, AreaRole.STEERING_MEMBER)
    community = user_with_role(area, AreaRole.COMMUNITY_MEMBER)
    return area, facilitator, steering, community


def checked(page, url, name):
    """The page at `url`, checked by axe-core at 1280 px and 320 px, and screenshotted."""
    page.goto(url)
    assert_accessible(page)
    shoot(page, f"{name}-1280")
    resize(page, 320)
    assert_accessible(page)
    fits(page, 320)
    shoot(page, f"{name}-320")
    resize(page, 1280, 900)


def test_a_community_member_suggests_and_the_facilitator_accepts(
    page, browser, live_server, partnership, tmp_path
):
    area, facilitator, steering, community = partnership
    board = f"/areas/{area.slug}/actions/"

    # On a phone without JavaScript: suggest an action, first leaving out why.
    plain = phone(browser, live_server, width=320)
    sign_in(plain, community.email, check=lambda page: fits(page, 320))
    plain.goto(board)
    plain.get_by_role("link", name="Suggest an action").click()
    fits(plain, 320)
    plain.get_by_label("What should be done?").fill(WHAT)
    plain.get_by_role("button", name="Send the suggestion").click()
    expect(plain.locator(".nhsuk-error-summary")).to_contain_text("Say why it matters.")
    expect(plain.get_by_label("What should be done?")).to_have_value(WHAT)
    fits(plain, 320)
    plain.get_by_label("Why does it matter?").fill("Not knowing what happens stops people booking")
    plain.get_by_label("Who could own it?").select_option(label=steering.person.full_name)
    plain.get_by_role("button", name="Send the suggestion").click()
    expect(
        plain.get_by_text("Your suggestion has gone to the area’s facilitators.")
    ).to_be_visible()
    suggestion_url = plain.url
    fits(plain, 320)

    # Offer an output from the area page, as a file.
    plain.goto(area.get_absolute_url())
    plain.get_by_role("link", name="See what the partnership has offered the library").click()
    plain.get_by_role("link", name="Add an output to the library").click()
    form_url = plain.url
    plain.get_by_label("Title").fill(CHARTER)
    plain.get_by_label("Description").fill("What women asked of every practice, in their words.")
    plain.get_by_label("Charter").check()
    charter = tmp_path / "charter.pdf"
    charter.write_bytes(samples.PDF_BYTES)
    plain.get_by_label("Or upload a file").set_input_files(str(charter))
    plain.get_by_role("button", name="Send it for review").click()
    expect(plain.get_by_text("It has gone to the area’s facilitators.")).to_be_visible()
    output_url = plain.url
    plain.goto("/suggestions/")
    expect(plain.locator("main")).to_contain_text(WHAT)
    expect(plain.locator("main")).to_contain_text(CHARTER)
    fits(plain, 320)

    # The same pages, read by axe-core with JavaScript on.
    sign_in(page, community.email)
    for url, name in (
        (f"{board}suggest/", "authorship-suggest-action"),
        (suggestion_url, "authorship-suggestion-waiting"),
        (form_url, "authorship-output-form"),
        (output_url, "authorship-output-waiting"),
        ("/suggestions/", "authorship-your-suggestions"),
    ):
        checked(page, url, name)

    # The facilitator sees both waiting, accepts the action with an edit...
    page.context.clear_cookies()
    sign_in(page, facilitator.email, two_factor=True)
    page.goto(board)
    expect(page.get_by_text("1 suggested action waits for your decision")).to_be_visible()
    page.goto(area.get_absolute_url())
    page.get_by_role("link", name="2 suggestions wait for your decision").click()
    checked(page, "/suggestions/", "authorship-waiting-for-facilitator")
    page.get_by_role("link", name=WHAT).click()
    checked(page, page.url, "authorship-suggestion-review")
    page.get_by_label("What will be done?").fill(WHAT + ", with the community leaders")
    page.get_by_role("button", name="Accept and add the action").click()
    expect(page.get_by_text("Accepted: the action is on the board")).to_be_visible()
    action = Action.objects.get()
    assert action.owner == steering.person
    assert action.suggestion.proposed_by == community.person

    # ...and publishes the charter, filed for the partnerships it helps.
    page.goto(output_url)
    checked(page, output_url, "authorship-output-review")
    page.get_by_label("Getting started").check()
    page.get_by_role("button", name="Publish in the library").click()
    expect(page.get_by_text("Published in the library")).to_be_visible()
    expect(page.locator("main")).to_contain_text(f"{community.person.full_name}, of the Eastbourne")
    checked(page, page.url, "authorship-published-output")
    assert Resource.objects.get().submission.proposed_by == community.person

    # The community member sees both accepted, still without JavaScript.
    plain.goto("/suggestions/")
    expect(plain.locator("main")).not_to_contain_text("Waiting for a facilitator")
    expect(plain.locator("main .nhsuk-tag", has_text="Accepted")).to_have_count(2)


def test_a_community_member_comments_and_the_author_resolves(page, partnership):
    area, facilitator, _, community = partnership
    version = case_study_start(area=area, by=facilitator.person, title="Screening together")

    sign_in(page, community.email)
    page.goto(version.case_study.get_absolute_url())
    section = page.locator("#comments-involved")
    section.get_by_text("Comment on this section").click()
    section.get_by_role("button", name="Send the comment").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Write your comment")
    assert_accessible(page)
    section.get_by_label("Your comment").fill("Name the five countries the leaders come from")
    section.get_by_role("button", name="Send the comment").click()
    expect(page.get_by_text("Your comment is with the authors.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, facilitator.email, two_factor=True)
    page.goto(version.case_study.get_absolute_url())
    section = page.locator("#comments-involved")
    expect(section).to_contain_text(community.person.full_name)
    section.locator("summary", has_text="Reply").click()
    section.get_by_label("Your reply").fill("Asking the leaders first")
    section.get_by_role("button", name="Send the reply").click()
    checked(page, page.url, "authorship-case-study-comments")
    page.locator("#comments-involved").get_by_role("button", name="Resolve").click()
    expect(page.locator("#comments-involved")).to_contain_text("Resolved comments (1)")
    checked(page, page.url, "authorship-case-study-resolved")
