import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from partnerships.models import AreaRole, Invitation, Membership, ProgrammeRole
from tests.browser import assert_accessible, sign_in, watch_for_errors
from tests.factories import PASSWORD, AreaFactory, UserFactory, user_with_role


@pytest.fixture
def areas(transactional_db):
    return AreaFactory(name="Wandsworth"), AreaFactory(name="Somerset")


@pytest.mark.parametrize(
    ("role", "programme_role", "two_factor", "heading"),
    [
        (None, ProgrammeRole.LEAD, True, "Every area in the programme"),
        (AreaRole.FACILITATOR, ProgrammeRole.NONE, True, "Wandsworth"),
        (AreaRole.STEERING_MEMBER, ProgrammeRole.NONE, False, "Wandsworth"),
        (AreaRole.LCO_COORDINATOR, ProgrammeRole.NONE, False, "Wandsworth"),
        (None, ProgrammeRole.FUNDER, False, "Reports and case studies"),
    ],
    ids=["programme lead", "facilitator", "steering member", "LCO coordinator", "funder"],
)
def test_each_role_signs_in_and_lands_on_its_home(
    page, areas, role, programme_role, two_factor, heading
):
    wandsworth, _ = areas
    user = user_with_role(wandsworth if role else None, role, programme_role=programme_role)
    sign_in(page, user.email, two_factor=two_factor)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)
    if programme_role != ProgrammeRole.FUNDER:
        expect(page.get_by_text("Somerset")).to_have_count(
            1 if programme_role == ProgrammeRole.LEAD else 0
        )
    page.get_by_role("link", name="Accessibility statement").click()
    assert_accessible(page)


def test_facilitator_invites_a_steering_member_who_joins(page, browser, live_server, areas):
    wandsworth, _ = areas
    facilitator = user_with_role(wandsworth, AreaRole.FACILITATOR)
    sign_in(page, facilitator.email, two_factor=True)
    page.get_by_role("link", name="Invite someone").click()
    assert_accessible(page)

    page.get_by_label("Full name").fill("Priya Patel")
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    expect(page.get_by_label("Full name")).to_have_value("Priya Patel")
    assert_accessible(page)

    page.get_by_label("Email address").fill("priya.patel@example.org")
    page.get_by_label("Steering group member").check()
    page.get_by_role("button", name="Send invitation").click()
    sent = page.get_by_text("We will email the invitation to priya.patel@example.org")
    expect(sent).to_be_visible()
    expect(page.get_by_role("cell", name="priya.patel@example.org", exact=True)).to_be_visible()
    assert_accessible(page)

    [email] = mail.outbox
    link = re.search(r"https?://\S+/invitations/\S+/", email.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    invitee = watch_for_errors(browser.new_context(base_url=live_server.url).new_page())
    invitee.goto("/" + path)
    assert_accessible(invitee)
    invitee.get_by_label("Full name").fill("Priya Patel")
    invitee.get_by_label("Create a password").fill(PASSWORD)
    invitee.get_by_label("Type the password again").fill(PASSWORD)
    invitee.get_by_role("button", name="Create account and join").click()
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Wandsworth")
    expect(invitee.get_by_text("You have joined Wandsworth")).to_be_visible()
    assert_accessible(invitee)
    assert Membership.objects.filter(
        person__email="priya.patel@example.org", role=AreaRole.STEERING_MEMBER
    ).exists()
    assert Invitation.objects.get().accepted_at is not None


def test_lead_without_two_factor_is_taken_to_set_it_up(page, areas):
    from tests.factories import PersonFactory

    user = UserFactory()
    PersonFactory(user=user, email=user.email, programme_role=ProgrammeRole.LEAD)
    sign_in(page, user.email)
    # Adding an authenticator is a sensitive change, so allauth asks for the password again.
    page.wait_for_url("**/accounts/reauthenticate/**")
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    expect(page.get_by_label("Authenticator code")).to_be_visible()
    assert_accessible(page)


def test_public_pages_and_errors_are_accessible(page, areas):
    for path in ["/accessibility/", "/privacy/", "/accounts/password/reset/", "/no-such-page/"]:
        page.goto(path)
        assert_accessible(page)
