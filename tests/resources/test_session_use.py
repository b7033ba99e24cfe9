"""Recording that a resource was used at a session, and seeing where, within one's areas."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from resources.models import SessionUse
from tests.factories import ResourceFactory
from tests.workshops.factories import SessionFactory

pytestmark = pytest.mark.django_db


def _mark_url(resource):
    return reverse("library:session-use", args=[resource.pk])


@pytest.fixture
def resource():
    return ResourceFactory(title="Talking points for cross-sector partnerships", is_public=True)


@pytest.fixture
def day_a(world):
    return SessionFactory(area=world.area_a, title="First partnership day")


def test_a_member_records_a_session_and_the_page_shows_it(client, world, resource, day_a):
    client.force_login(world.steering_a)
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Not recorded at a session in your areas yet." in page
    assert f'<option value="{day_a.pk}">' in page
    assert "First partnership day (Wandsworth)" in page

    response = client.post(_mark_url(resource), {"session": day_a.pk})
    assert response.status_code == 302
    assert response["Location"] == f"{resource.get_absolute_url()}#used"
    use = SessionUse.objects.get()
    assert (use.resource, use.session, use.added_by) == (resource, day_a, world.steering_a.person)
    page = client.get(response["Location"]).content.decode()
    assert "Recorded: used at “First partnership day”." in page
    assert f'href="{day_a.get_absolute_url()}">First partnership day</a>' in page
    # A session already recorded is not offered again.
    assert f'<option value="{day_a.pk}">' not in page


def test_recording_twice_keeps_one_record(client, world, resource, day_a):
    client.force_login(world.facilitator_a)
    client.post(_mark_url(resource), {"session": day_a.pk})
    response = client.post(_mark_url(resource), {"session": day_a.pk})
    assert response.status_code == 200
    assert "Choose one of your areas&#x27; sessions from the list" in response.content.decode()
    assert SessionUse.objects.count() == 1


def test_someone_from_another_area_cannot_record_a_session_of_area_a(
    client, world, resource, day_a
):
    client.force_login(world.facilitator_b)
    response = client.post(_mark_url(resource), {"session": day_a.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert '<a href="#id_session">Choose one of your areas&#x27; sessions from the list' in body
    assert not SessionUse.objects.exists()


def test_where_it_was_used_shows_only_sessions_the_viewer_may_see(client, world, resource, day_a):
    SessionUse.objects.create(resource=resource, session=day_a)
    day_b = SessionFactory(area=world.area_b, title="Somerset steering meeting")
    SessionUse.objects.create(resource=resource, session=day_b)

    client.force_login(world.steering_b)
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Somerset steering meeting" in page
    assert "First partnership day" not in page

    client.force_login(world.lead)
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Somerset steering meeting" in page
    assert "First partnership day" in page


@pytest.mark.parametrize("persona", [None, "funder", "no_role"])
def test_people_outside_the_partnerships_see_no_sessions(client, world, resource, day_a, persona):
    SessionUse.objects.create(resource=resource, session=day_a)
    if persona:
        client.force_login(getattr(world, persona))
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Where partnerships have used it" not in page
    assert "First partnership day" not in page


def test_people_without_an_area_cannot_mark_a_public_resource(client, world, resource, day_a):
    client.force_login(world.funder)
    assert client.post(_mark_url(resource), {"session": day_a.pk}).status_code == 403
    assert not SessionUse.objects.exists()


def test_only_recent_and_coming_sessions_are_offered(client, world, resource):
    old = SessionFactory(area=world.area_a, starts_at=timezone.now() - dt.timedelta(days=400))
    coming = SessionFactory(area=world.area_a, starts_at=timezone.now() + dt.timedelta(days=10))
    client.force_login(world.facilitator_a)
    page = client.get(resource.get_absolute_url()).content.decode()
    assert f'<option value="{coming.pk}">' in page
    assert f'<option value="{old.pk}">' not in page


def test_without_sessions_there_is_nothing_to_choose(client, world, resource):
    client.force_login(world.steering_a)
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Not recorded at a session in your areas yet." in page
    assert _mark_url(resource) not in page


def test_the_resource_page_queries_do_not_grow_with_its_uses(
    client, world, resource, django_assert_max_num_queries
):
    for _ in range(10):
        SessionUse.objects.create(resource=resource, session=SessionFactory(area=world.area_a))
    SessionFactory(area=world.area_a)
    client.force_login(world.steering_a)
    # Session, user, person, roles; the resource, its themes and stages; where it was used;
    # whether any session is left to offer, and the sessions offered; the session saved.
    with django_assert_max_num_queries(14):
        page = client.get(resource.get_absolute_url()).content.decode()
    assert page.count("Partnership day") >= 11
