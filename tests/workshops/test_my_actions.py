"""My actions: what the signed-in person owns, grouped by when it is due, updated in place."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory, user_with_role
from tests.workshops.factories import ActionFactory, SessionFactory
from workshops.models import Action, ActionEvent, ActionEventKind, ActionStatus

HTMX = {"HTTP_HX_REQUEST": "true"}
MY_ACTIONS = "/actions/"


def days(n):
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def mine(world):
    """Actions of area A owned by its steering member, one in each group."""
    session = SessionFactory(area=world.area_a, title="Screening letters day")
    owner = world.steering_a.person
    return {
        "overdue": ActionFactory(session=session, owner=owner, due_on=days(-3)),
        "due_soon": ActionFactory(session=session, owner=owner, due_on=days(7)),
        "later": ActionFactory(session=session, owner=owner, due_on=days(8)),
        "undated": ActionFactory(session=session, owner=owner, due_on=None),
        "done": ActionFactory(session=session, owner=owner, status=ActionStatus.DONE),
    }


def progress_url(action):
    return reverse("workshops:action-progress", args=[action.area.slug, action.pk])


def update(action, **fields):
    prefix = f"progress-{action.pk}"
    data = {"return_to": "my-actions", f"{prefix}-version": action.version}
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    return data


def test_my_actions_are_grouped_by_when_they_are_due(client, world, mine):
    ActionFactory(owner=PersonFactory(), description="Someone else's action")
    client.force_login(world.steering_a)

    response = client.get(MY_ACTIONS)

    groups = {slug: actions for slug, _, actions in response.context["mine"].groups}
    assert groups["overdue"] == [mine["overdue"]]
    assert groups["due-soon"] == [mine["due_soon"]]
    assert groups["later"] == [mine["later"], mine["undated"]]
    assert groups["done"] == [mine["done"]]
    page = response.content.decode()
    assert "Someone else" not in page
    assert "3 days late" in page


def test_actions_in_every_area_are_listed(client, world):
    ActionFactory(session=SessionFactory(area=world.area_a), owner=world.steering_a.person)
    ActionFactory(session=SessionFactory(area=world.area_b), owner=world.steering_a.person)
    client.force_login(world.steering_a)
    response = client.get(MY_ACTIONS)
    assert {a.area for a in response.context["mine"].later} == {world.area_a, world.area_b}


def test_an_update_in_place_returns_the_card_and_records_the_history(client, world, mine):
    action = mine["due_soon"]
    client.force_login(world.steering_a)

    response = client.post(
        progress_url(action),
        update(action, status=ActionStatus.IN_PROGRESS, note="Met the practice manager."),
        **HTMX,
    )

    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith(f'<li id="action-{action.pk}"')
    trigger = json.loads(response["HX-Trigger"])
    assert "in progress" in trigger["actionSaved"]["message"]
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert action.updated_by == world.steering_a.person
    events = list(action.events.values_list("kind", "old_value", "new_value", "text"))
    assert events == [
        (ActionEventKind.STATUS, "not_started", "in_progress", ""),
        (ActionEventKind.NOTE, "", "", "Met the practice manager."),
    ]


def test_without_javascript_an_update_returns_to_my_actions(client, world, mine):
    action = mine["overdue"]
    client.force_login(world.steering_a)
    response = client.post(progress_url(action), update(action, status=ActionStatus.DONE))
    assert response.status_code == 302
    assert response["Location"] == f"{MY_ACTIONS}#action-{action.pk}"
    assert Action.objects.get(pk=action.pk).status == ActionStatus.DONE


def test_blocked_needs_a_reason(client, world, mine):
    action = mine["due_soon"]
    client.force_login(world.steering_a)

    in_place = client.post(progress_url(action), update(action, status="blocked"), **HTMX)
    plain = client.post(progress_url(action), update(action, status="blocked"))

    for response in (in_place, plain):
        assert response.status_code == 200
        assert "Say what is blocking the action." in response.content.decode()
    assert "There is a problem" in plain.content.decode()
    assert plain.context["page_errors"]
    assert Action.objects.get(pk=action.pk).status == ActionStatus.NOT_STARTED

    client.post(
        progress_url(action),
        update(action, status="blocked", blocked_reason="No budget for printing."),
    )
    action.refresh_from_db()
    assert (action.status, action.blocked_reason) == ("blocked", "No budget for printing.")
    assert action.events.get().text == "No budget for printing."


def test_a_note_alone_is_kept_without_changing_the_action(client, world, mine):
    action = mine["later"]
    client.force_login(world.steering_a)
    client.post(progress_url(action), update(action, status="not_started", note="Venue found."))
    assert Action.objects.get(pk=action.pk).version == action.version
    assert action.events.get().kind == ActionEventKind.NOTE


def test_saving_nothing_new_is_explained(client, world, mine):
    action = mine["later"]
    client.force_login(world.steering_a)
    response = client.post(progress_url(action), update(action, status="not_started"))
    assert "Choose a new status or write a progress note." in response.content.decode()
    assert not ActionEvent.objects.exists()


def test_a_change_saved_meanwhile_is_a_conflict_not_an_overwrite(client, world, mine):
    action = mine["due_soon"]
    seen = action.version
    Action.objects.filter(pk=action.pk).update(
        status=ActionStatus.DONE, version=seen + 1, updated_by=world.facilitator_a.person
    )
    client.force_login(world.steering_a)

    response = client.post(progress_url(action), update(action, status="in_progress"), **HTMX)

    assert "saved a change" in response.content.decode()
    assert Action.objects.get(pk=action.pk).status == ActionStatus.DONE
    form = response.context["action"].progress_form
    assert form.data[f"progress-{action.pk}-version"] == seen + 1


def test_only_the_owner_and_facilitators_may_update(client, world, mine):
    action = mine["due_soon"]
    client.force_login(world.lco_a)
    assert client.post(progress_url(action), update(action, status="done")).status_code == 403
    client.force_login(world.facilitator_a)
    assert client.post(progress_url(action), update(action, status="done")).status_code == 302


def test_an_owner_without_a_role_in_the_area_still_sees_and_updates_their_action(client, world):
    outsider = user_with_role()
    action = ActionFactory(session=SessionFactory(area=world.area_a), owner=outsider.person)
    client.force_login(outsider)
    assert client.get(action.get_absolute_url()).status_code == 200
    response = client.post(progress_url(action), update(action, status="in_progress"))
    assert response.status_code == 302
    assert client.get(reverse("workshops:action-board", args=[world.area_a.slug])).status_code == (
        404
    )


def test_my_actions_reads_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    session = SessionFactory(area=world.area_a)
    ActionFactory(session=session, owner=world.steering_a.person, due_on=days(-1))
    client.force_login(world.steering_a)
    with django_assert_max_num_queries(12) as few:
        client.get(MY_ACTIONS)
    for offset in range(-10, 30):
        ActionFactory(
            session=SessionFactory(area=world.area_a),
            owner=world.steering_a.person,
            due_on=days(offset),
            sub_group=world.sub_group_a,
        )
    ActionFactory.create_batch(5, session=session, owner=world.steering_a.person, status="done")
    with django_assert_max_num_queries(len(few)):
        client.get(MY_ACTIONS)


def test_the_header_offers_my_actions_to_people_with_a_role(client, world):
    client.force_login(world.steering_a)
    assert 'href="/actions/"' in client.get("/", follow=True).content.decode()
    client.force_login(world.no_role)
    assert 'href="/actions/"' not in client.get("/", follow=True).content.decode()


def test_an_update_form_loads_only_for_the_card_opened(client, world, mine):
    action = mine["due_soon"]
    client.force_login(world.steering_a)

    closed = client.get(MY_ACTIONS).content.decode()
    opened = client.get(MY_ACTIONS, {"update": action.pk}).content.decode()
    fetched = client.get(MY_ACTIONS, {"update": action.pk}, **HTMX)

    # Closed, a card links to the page with its form open; htmx fetches the form itself.
    assert "Save the update" not in closed
    assert f'href="{MY_ACTIONS}?update={action.pk}#action-{action.pk}"' in closed
    assert opened.count("Save the update") == 1
    assert f'name="progress-{action.pk}-status"' in opened
    form = fetched.content.decode()
    assert f'data-hx-target="#action-{action.pk}"' in form
    assert "<details" not in form
    someone_elses = ActionFactory(owner=PersonFactory())
    assert client.get(MY_ACTIONS, {"update": someone_elses.pk}, **HTMX).status_code == 404


def test_a_refused_update_without_javascript_comes_back_open_with_its_error(client, world, mine):
    action = mine["due_soon"]
    client.force_login(world.steering_a)

    response = client.post(progress_url(action), update(action, status="blocked"))

    page = response.content.decode()
    assert "nhsuk-error-summary" in page
    assert page.count("Save the update") == 1


LONG = "Ask every practice in the primary care network to send screening letters in Arabic"


def test_the_confirmation_is_shown_once_and_never_cut_mid_phrase(client, world):
    action = ActionFactory(
        session=SessionFactory(area=world.area_a), owner=world.steering_a.person, description=LONG
    )
    client.force_login(world.steering_a)

    in_place = client.post(progress_url(action), update(action, status="in_progress"), **HTMX)
    action.refresh_from_db()
    without_js = client.post(
        progress_url(action),
        update(action, status="blocked", blocked_reason="No budget"),
        follow=True,
    )

    card = in_place.content.decode()
    assert "Your update is saved: the action is in progress." in card
    assert card.count(LONG) == 1  # its title; the notice does not repeat it
    announced = json.loads(in_place["HX-Trigger"])["actionSaved"]["message"]
    assert announced == (
        "Your update is saved: “Ask every practice in the primary care network…” is in progress."
    )
    banner = [str(message) for message in without_js.context["messages"]]
    assert banner == [
        "Your update is saved: “Ask every practice in the primary care network…” is blocked."
    ]
