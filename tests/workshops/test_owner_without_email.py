"""An action owned by someone recorded without an email address: no email can reach them,
and the pages say so instead of promising emails and links."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory, SteeringMemberFactory
from tests.workshops.factories import ActionFactory, SessionFactory
from workshops.models import ActionEventKind, FollowUp, FollowUpPurpose


@pytest.fixture
def session(world):
    return SessionFactory(area=world.area_a)


@pytest.fixture
def unreachable(world):
    """Someone added at a session without an email address, seated in the area."""
    return SteeringMemberFactory(area=world.area_a, person=PersonFactory(email="")).person


def _email_url(action):
    return reverse("workshops:owner-email-add", args=[action.area.slug, action.pk])


def test_the_owner_picker_names_people_no_email_can_reach(client, world, session, unreachable):
    client.force_login(world.facilitator_a)

    page = client.get(session.get_absolute_url(), {"add": "action"}).content.decode()

    assert f"{unreachable.full_name} (no email address)</option>" in page
    assert "Someone with no email address gets no emails about the action" in page


def test_the_action_page_says_how_an_owner_without_an_address_will_hear(
    client, world, session, unreachable
):
    action = ActionFactory(session=session, owner=unreachable)
    client.force_login(world.facilitator_a)

    page = client.get(action.get_absolute_url()).content.decode()

    assert f"{unreachable.full_name} has no email address here" in page
    assert "Tell them about it yourself, or" in page
    assert f"Add {unreachable.full_name}’s email address" in page
    assert "Withdraw the links sent to" not in page


def test_only_the_areas_facilitators_are_offered_to_add_an_address(
    client, world, session, unreachable
):
    action = ActionFactory(session=session, owner=unreachable)
    client.force_login(world.steering_a)

    page = client.get(action.get_absolute_url()).content.decode()

    assert f"{unreachable.full_name} has no email address here" in page
    assert "add their email address" not in page
    assert (
        client.post(_email_url(action), {"owner-email-email": "x@example.org"}).status_code == 403
    )


def test_adding_an_address_tells_the_owner_the_action_is_theirs(
    client, world, session, unreachable, django_capture_on_commit_callbacks
):
    action = ActionFactory(session=session, owner=unreachable)
    assert not FollowUp.objects.filter(action=action).exists()
    client.force_login(world.facilitator_a)

    with django_capture_on_commit_callbacks():
        response = client.post(_email_url(action), {"owner-email-email": "amira@example.org"})

    unreachable.refresh_from_db()
    assert response["Location"] == action.get_absolute_url()
    assert unreachable.email == "amira@example.org"
    assert FollowUp.objects.get(action=action).purpose == FollowUpPurpose.ASSIGNED
    assert action.events.filter(kind=ActionEventKind.OWNER_EMAIL_ADDED).count() == 1
    page = client.get(action.get_absolute_url()).content.decode()
    assert "By email to amira@example.org, with a private link" in page
    assert f"Withdraw the links sent to {unreachable.full_name}" in page


def test_an_address_already_on_another_record_is_refused(client, world, session, unreachable):
    action = ActionFactory(session=session, owner=unreachable)
    PersonFactory(email="taken@example.org")
    client.force_login(world.facilitator_a)

    response = client.post(_email_url(action), {"owner-email-email": "Taken@example.org"})

    unreachable.refresh_from_db()
    assert response.status_code == 200
    assert "That address is already on someone else’s record" in response.content.decode()
    assert unreachable.email == ""
