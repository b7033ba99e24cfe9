"""People in the partnership suggest new actions; the area's facilitators decide."""

import datetime as dt

import pytest
from django.urls import reverse

from partnerships.review.models import ReviewEmail, ReviewStatus
from tests.workshops.factories import ActionFactory, SessionFactory
from workshops.models import Action, ActionEvent, ActionStatus
from workshops.suggestions.models import ActionSuggestion

pytestmark = pytest.mark.django_db


def suggest(client, area, **changes):
    due = dt.date.today() + dt.timedelta(days=30)
    data = {
        "description": "Translate the screening letter into Polish",
        "why": "Half the women at the last session read Polish first",
        "owner": "",
        "due_on_day": due.day,
        "due_on_month": due.month,
        "due_on_year": due.year,
        **changes,
    }
    return client.post(reverse("workshops:action-suggest", args=[area.slug]), data)


@pytest.fixture
def suggestion(world):
    return ActionSuggestion.objects.create(
        area=world.area_a,
        proposed_by=world.community_a.person,
        description="Ask the practice for a Polish-speaking receptionist on Tuesdays",
        why="People give up at the front desk",
    )


@pytest.mark.parametrize("persona", ["community_a", "steering_a", "lco_a", "facilitator_a"])
def test_anyone_in_the_partnership_suggests_and_nothing_is_on_the_board_yet(client, world, persona):
    client.force_login(getattr(world, persona))
    response = suggest(client, world.area_a, owner=world.steering_a.person.pk)
    suggestion = ActionSuggestion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == suggestion.get_absolute_url()
    assert suggestion.proposed_by == getattr(world, persona).person
    assert suggestion.suggested_owner == world.steering_a.person
    assert suggestion.is_waiting
    assert not Action.objects.exists()


def test_a_suggestion_needs_what_and_why_and_keeps_the_input(client, world):
    client.force_login(world.community_a)
    response = suggest(client, world.area_a, why="", due_on_month="13")
    body = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in body
    assert "Say why it matters." in body
    assert "Enter a real date" in body
    assert "Translate the screening letter into Polish" in body
    assert not ActionSuggestion.objects.exists()


def test_suggesting_tells_the_facilitators_in_one_morning_email(client, world):
    client.force_login(world.community_a)
    suggest(client, world.area_a)
    suggest(client, world.area_a, description="Run a second session in the evening")
    emails = ReviewEmail.objects.filter(person=world.facilitator_a.person)
    assert emails.count() == 1
    assert emails.get().send_after.hour == 8


def test_the_facilitator_accepts_with_an_edit_and_the_action_records_who_suggested_it(
    client, world, suggestion
):
    client.force_login(world.facilitator_a)
    url = suggestion.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Accept it, as it is or edited" in page
    response = client.post(
        url,
        {
            "do": "accept",
            "description": "Ask ALPS practices for Polish-speaking reception cover",
            "owner": world.steering_a.person.pk,
        },
    )
    action = Action.objects.get()
    assert response.status_code == 302
    assert response["Location"] == action.get_absolute_url()
    assert action.description == "Ask ALPS practices for Polish-speaking reception cover"
    assert action.owner == world.steering_a.person
    assert action.area == world.area_a
    assert action.suggestion.proposed_by == world.community_a.person
    suggestion.refresh_from_db()
    assert suggestion.decision == ReviewStatus.ACCEPTED
    assert suggestion.decided_by == world.facilitator_a.person
    # Kept as suggested, so the edit on the way in stays visible.
    assert suggestion.description.startswith("Ask the practice")
    assert ActionEvent.objects.filter(action=action).exists()
    assert ReviewEmail.objects.filter(person=world.community_a.person).exists()


def test_accepting_needs_an_owner_from_the_partnership(client, world, suggestion):
    client.force_login(world.facilitator_a)
    response = client.post(
        suggestion.get_absolute_url(),
        {"do": "accept", "description": "Do it", "owner": world.steering_b.person.pk},
    )
    assert response.status_code == 200
    assert "Choose someone from this area’s partnership." in response.content.decode()
    assert not Action.objects.exists()


def test_the_facilitator_declines_with_a_reason_the_proposer_reads(client, world, suggestion):
    client.force_login(world.facilitator_a)
    empty = client.post(suggestion.get_absolute_url(), {"do": "decline", "decline-note": ""})
    assert "Say why, so the person who suggested it knows." in empty.content.decode()
    client.post(
        suggestion.get_absolute_url(),
        {"do": "decline", "decline-note": "The practice already has this from May"},
    )
    suggestion.refresh_from_db()
    assert suggestion.decision == ReviewStatus.DECLINED
    client.force_login(world.community_a)
    mine = client.get(reverse("suggestions")).content.decode()
    assert "The practice already has this from May" in mine
    assert "Declined" in mine


def test_a_decided_suggestion_cannot_be_decided_again(client, world, suggestion):
    client.force_login(world.facilitator_a)
    client.post(suggestion.get_absolute_url(), {"do": "decline", "decline-note": "Not now"})
    response = client.post(
        suggestion.get_absolute_url(),
        {"do": "accept", "description": "Do it", "owner": world.steering_a.person.pk},
    )
    assert response.status_code == 403
    assert not Action.objects.exists()


@pytest.mark.parametrize("persona", ["community_a", "steering_a", "lco_a"])
def test_only_facilitators_decide(client, world, suggestion, persona):
    client.force_login(getattr(world, persona))
    assert client.get(suggestion.get_absolute_url()).status_code == 200
    response = client.post(suggestion.get_absolute_url(), {"do": "decline", "decline-note": "No"})
    assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.is_waiting


def test_the_board_counts_what_waits_for_its_facilitators_only(client, world, suggestion):
    board = reverse("workshops:action-board", args=[world.area_a.slug])
    client.force_login(world.facilitator_a)
    assert "1 suggested action waits for your decision" in client.get(board).content.decode()
    client.force_login(world.community_a)
    page = client.get(board).content.decode()
    assert "waits for your decision" not in page
    assert reverse("workshops:action-suggest", args=[world.area_a.slug]) in page


def test_the_list_of_suggested_actions_costs_the_same_at_any_size(
    client, world, django_assert_max_num_queries
):
    url = reverse("workshops:action-suggestions", args=[world.area_a.slug])
    client.force_login(world.community_a)
    for n in range(8):
        ActionSuggestion.objects.create(
            area=world.area_a, proposed_by=world.lco_a.person, description=f"Idea {n}", why="-"
        )
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_steering_members_update_any_action_of_their_area(client, world):
    """Not only their own: the steering group drives the work between sessions."""
    action = ActionFactory(session=SessionFactory(area=world.area_a), owner=world.lco_a.person)
    client.force_login(world.steering_a)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Update the action" in page
    prefix = f"progress-{action.pk}"
    response = client.post(
        reverse("workshops:action-progress", args=[world.area_a.slug, action.pk]),
        {
            f"{prefix}-status": ActionStatus.BLOCKED,
            f"{prefix}-blocked_reason": "The practice manager is away until March",
            f"{prefix}-note": "",
            f"{prefix}-version": action.version,
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.BLOCKED
    assert action.updated_by == world.steering_a.person


def test_community_members_do_not_update_actions_they_do_not_own(client, world):
    action = ActionFactory(session=SessionFactory(area=world.area_a), owner=world.lco_a.person)
    client.force_login(world.community_a)
    response = client.post(
        reverse("workshops:action-progress", args=[world.area_a.slug, action.pk]),
        {f"progress-{action.pk}-status": ActionStatus.DONE},
    )
    assert response.status_code == 403
