"""The action board's columns are cached: every change people can make to what a row
shows is on the board at the next view, whoever looks."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from areas import services as area_services
from areas.directory import services as directory_services
from partnerships.privacy import services as privacy_services
from tests.factories import OrganisationFactory, PersonFactory
from tests.workshops.factories import ActionFactory, SessionFactory, undelivered_email
from workshops import services as session_services
from workshops.actions import services as action_services
from workshops.followups import delivery
from workshops.models import ActionStatus


def days(n):
    return timezone.localdate() + dt.timedelta(days=n)


def board(client, area, **query) -> str:
    url = reverse("workshops:action-board", args=[area.slug])
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def session(world):
    return SessionFactory(area=world.area_a, title="Screening letters day")


@pytest.fixture
def owner():
    # A name no factory makes: the viewer's generated name is in the page's header too.
    return PersonFactory(
        full_name="Wilhelmina Quartey", organisation=OrganisationFactory(name="Tooting Pantry")
    )


@pytest.fixture
def action(world, session, owner):
    return ActionFactory(
        session=session,
        owner=owner,
        description="Book the hall",
        sub_group=world.sub_group_a,
        due_on=days(5),
    )


@pytest.fixture
def viewer(client, world, action):
    """A facilitator who has seen the board once, so that it is cached."""
    client.force_login(world.facilitator_a)
    assert "Book the hall" in board(client, world.area_a)
    return client


def test_a_board_seen_before_is_not_read_again(
    client, world, action, django_assert_max_num_queries
):
    client.force_login(world.facilitator_a)
    with django_assert_max_num_queries(20) as cold:
        board(client, world.area_a)
    with django_assert_max_num_queries(len(cold) - 4):
        page = board(client, world.area_a)
    assert "Book the hall" in page
    assert "Wilhelmina Quartey" in page


def test_an_update_by_the_owner_shows_at_once(viewer, world, action, owner):
    action_services.action_progress(
        action=action,
        by=owner,
        version=action.version,
        status=ActionStatus.BLOCKED,
        blocked_reason="The hall is closed",
        note="Rang the caretaker",
    )
    page = board(viewer, world.area_a)
    assert "Blocked: The hall is closed" in page
    assert "“Rang the caretaker”" in page
    assert "Blocked (1)" in page


def test_an_edit_on_the_session_page_shows_at_once(viewer, world, session, action):
    session_services.action_update(
        action=action,
        session=session,
        by=world.facilitator_a.person,
        version=action.version,
        description="Book the church hall",
        due_on=days(-2),
    )
    page = board(viewer, world.area_a)
    assert "Book the church hall" in page
    assert "2 days late" in page
    assert "<strong>1 overdue</strong>" in page


def test_a_new_owner_shows_at_once(viewer, world, action):
    new_owner = PersonFactory(full_name="Tomasz Nowak")
    action_services.action_reassign(
        action=action, by=world.facilitator_a.person, version=action.version, owner=new_owner
    )
    page = board(viewer, world.area_a)
    assert "Tomasz Nowak" in page
    assert "Wilhelmina Quartey" not in page


def test_an_owner_renamed_shows_at_once(viewer, world, owner):
    owner.full_name = "Wilhelmina Quartey-Boateng"
    owner.save(update_fields=["full_name"])
    assert "Wilhelmina Quartey-Boateng" in board(viewer, world.area_a)


def test_an_organisation_renamed_or_merged_shows_at_once(viewer, world, owner):
    organisation = owner.organisation
    organisation.name = "Tooting Community Pantry"
    organisation.save(update_fields=["name"])
    assert "Tooting Community Pantry" in board(viewer, world.area_a)

    directory_services.organisation_merge(
        keep=OrganisationFactory(name="South London Food Network"),
        duplicate=organisation,
        by=world.lead.person,
    )
    page = board(viewer, world.area_a)
    assert "South London Food Network" in page
    assert "Tooting Community Pantry" not in page


def test_a_session_renamed_shows_at_once(viewer, world, session):
    session_services.session_update(
        session=session,
        by=world.facilitator_a.person,
        version=session.version,
        facilitators=[],
        title="Screening letters workshop",
    )
    assert "Screening letters workshop" in board(viewer, world.area_a)


def test_a_sub_group_renamed_shows_at_once(viewer, world):
    sub_group = world.sub_group_a
    area_services.sub_group_save(
        area=world.area_a,
        name="Young carers' group",
        activity=sub_group.activity,
        lead=sub_group.lead,
        members=[],
        sub_group=sub_group,
    )
    assert "Young carers&#x27; group" in board(viewer, world.area_a)


def test_an_action_added_or_deleted_shows_at_once(viewer, world, session, action):
    added = session_services.action_add(
        session=session,
        by=world.facilitator_a.person,
        description="Print the leaflets",
        owner=world.steering_a.person,
    )
    page = board(viewer, world.area_a)
    assert "Print the leaflets" in page
    assert "2 actions." in page

    session_services.action_delete(action=added)
    page = board(viewer, world.area_a)
    assert "Print the leaflets" not in page
    assert "1 action." in page


def test_an_undelivered_email_shows_to_facilitators_at_once(viewer, world, action):
    follow_up = undelivered_email(action)
    assert "Email not delivered" in board(viewer, world.area_a)

    delivery.retry_failed(follow_up=follow_up)
    assert "Email not delivered" not in board(viewer, world.area_a)


def test_whether_an_email_failed_is_for_facilitators_only(client, viewer, world, action):
    undelivered_email(action)
    assert "Email not delivered" in board(viewer, world.area_a)
    client.force_login(world.steering_a)
    page = board(client, world.area_a)
    assert "Book the hall" in page
    assert "Email not delivered" not in page


def test_an_update_by_someone_renamed_shows_their_new_name(viewer, world, action):
    author = PersonFactory(full_name="Sam Roe")
    action_services.action_progress(
        action=action, by=author, version=None, status=action.status, note="Rang them"
    )
    assert "<strong>Sam Roe</strong> added a progress note" in board(viewer, world.area_a)

    author.full_name = "Sam Roe-Smith"
    author.save(update_fields=["full_name"])
    assert "<strong>Sam Roe-Smith</strong> added a progress note" in board(viewer, world.area_a)


def test_an_owner_erased_leaves_the_board_at_once(viewer, world, session, owner):
    ActionFactory(session=session, description="Thank Wilhelmina Quartey for the room")
    privacy_services.person_erase(person=owner, by=world.lead.person, reason="Asked to")
    page = board(viewer, world.area_a)
    assert "Wilhelmina Quartey" not in page
    assert "Book the hall" in page


def test_an_action_becomes_overdue_on_the_next_day(viewer, world, session):
    ActionFactory(session=session, description="Send the letters", due_on=days(0))
    assert "Due today" in board(viewer, world.area_a)
    # Just after midnight: sooner than the cached board would age out of the cache.
    midnight = dt.datetime.combine(days(1), dt.time(0, 1), tzinfo=timezone.get_current_timezone())
    with time_machine.travel(midnight):
        viewer.force_login(world.facilitator_a)  # hours idle end a sign-in
        page = board(viewer, world.area_a)
    assert "1 day late" in page
    assert "<strong>1 overdue</strong>" in page


def test_the_done_list_link_keeps_the_filters_whatever_was_cached(viewer, world, session, owner):
    for number in range(12):
        ActionFactory(
            session=session, owner=owner, status=ActionStatus.DONE, description=f"Done {number}"
        )
    done_url = reverse("workshops:action-board-done", args=[world.area_a.slug])
    assert f'href="{done_url}"' in board(viewer, world.area_a)

    # Every action is Grace's, so the filtered board shows the same rows.
    page = board(viewer, world.area_a, owner=owner.pk)
    assert f'href="{done_url}?owner={owner.pk}"' in page
    assert "14 actions match the filters" not in page
    assert "13 actions match the filters" in page
