"""Steering group members and LCO coordinators log their own meetings; no one else new."""

import pytest
from django.urls import reverse

from tests.workshops.factories import SessionFactory
from workshops.models import Session, SessionKind, SessionStatus

pytestmark = pytest.mark.django_db


def meeting(**overrides):
    return {
        "kind": SessionKind.STEERING_MEETING,
        "title": "Steering group, March",
        "date": "2026-03-04",
        "start_time": "10:00",
        "format": "in_person",
        "venue": "Eastbourne library",
        "status": SessionStatus.HELD,
        "summary": "We agreed to ask the practices about the letters.",
        **overrides,
    }


@pytest.mark.parametrize("persona", ["steering_a", "lco_a"])
def test_steering_members_and_lco_coordinators_log_their_own_meetings(client, world, persona):
    client.force_login(getattr(world, persona))
    url = reverse("workshops:session-new", args=[world.area_a.slug])
    form = client.get(url).content.decode()
    assert "Log a meeting" in form
    assert 'value="partnership_day"' not in form
    response = client.post(url, meeting())
    session = Session.objects.get(title="Steering group, March")
    assert response.status_code == 302
    assert session.created_by == getattr(world, persona).person
    assert session.summary == "We agreed to ask the practices about the letters."

    edit = reverse("workshops:session-edit", args=[world.area_a.slug, session.pk])
    client.post(edit, meeting(title="Steering group, 4 March", version=session.version))
    session.refresh_from_db()
    assert session.title == "Steering group, 4 March"


def test_a_member_cannot_log_a_partnership_day(client, world):
    client.force_login(world.steering_a)
    url = reverse("workshops:session-new", args=[world.area_a.slug])
    response = client.post(url, meeting(kind=SessionKind.PARTNERSHIP_DAY))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Session.objects.exists()


def test_a_member_changes_only_the_meetings_they_logged(client, world):
    client.force_login(world.steering_a)
    others = SessionFactory(
        area=world.area_a, kind=SessionKind.STEERING_MEETING, created_by=world.lco_a.person
    )
    day = SessionFactory(area=world.area_a, created_by=world.steering_a.person)
    for session in (others, day):
        edit = reverse("workshops:session-edit", args=[world.area_a.slug, session.pk])
        assert client.get(edit).status_code == 403


def test_community_members_do_not_log_meetings(client, world):
    client.force_login(world.community_a)
    url = reverse("workshops:session-new", args=[world.area_a.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, meeting()).status_code == 403


def test_the_session_list_offers_members_a_meeting_to_log(client, world):
    client.force_login(world.steering_a)
    page = client.get(reverse("workshops:session-list", args=[world.area_a.slug]))
    assert "Log a steering group or sub-group meeting" in page.content.decode()
    client.force_login(world.community_a)
    page = client.get(reverse("workshops:session-list", args=[world.area_a.slug]))
    assert "Log a steering group" not in page.content.decode()
