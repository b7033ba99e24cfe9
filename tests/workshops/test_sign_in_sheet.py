"""The sign-in sheet: printed before the day by the people in the area, blank but for the
session and the report-back link that everyone who signs can open afterwards."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from tests.workshops.factories import AttendanceFactory, SessionFactory
from workshops.models import SessionStatus
from workshops.reportback import links

pytestmark = pytest.mark.django_db


def sheet_url(session):
    return reverse("workshops:sign-in-sheet", args=[session.area.slug, session.pk])


def planned(world, **fields):
    return SessionFactory(
        area=world.area_a,
        status=SessionStatus.PLANNED,
        title="Screening in Polish",
        starts_at=timezone.make_aware(dt.datetime(2027, 3, 4, 10)),
        venue="Hollington Community Centre",
        **fields,
    )


def test_a_planned_session_prints_its_sheet_with_the_report_back_code(
    client, world, django_assert_max_num_queries
):
    session = planned(world)
    client.force_login(world.steering_a)
    with django_assert_max_num_queries(3):
        response = client.get(sheet_url(session))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Screening in Polish" in body
    assert "Thursday 4 March 2027, 10:00" in body
    assert "Hollington Community Centre" in body
    assert world.area_a.name in body
    assert links.url_for(session) in body
    assert "<svg" in body
    assert "Scan or type this after the session to see what we heard" in body
    assert body.count('<span class="app-sheet-box"></span>') == 15
    assert "Email or mobile, if you want to hear what happened" in body


def test_the_sheet_names_nobody(client, world):
    session = planned(world)
    AttendanceFactory(session=session, person=PersonFactory(full_name="Maria Nowak"))
    client.force_login(world.facilitator_a)
    assert "Maria Nowak" not in client.get(sheet_url(session)).content.decode()


def test_an_online_session_says_so_in_place_of_a_venue(client, world):
    session = planned(world, format="online", online_platform="Teams")
    client.force_login(world.facilitator_a)
    assert "Online (Teams)" in client.get(sheet_url(session)).content.decode()


def test_the_code_on_the_sheet_opens_the_waiting_page_before_the_day(client, world):
    session = planned(world)
    client.force_login(world.facilitator_a)
    client.get(sheet_url(session))
    client.logout()
    response = client.get(reverse("workshops:report-back", args=[links.token_for(session)]))
    assert response.status_code == 200
    assert "Screening in Polish" in response.content.decode()


def test_another_area_gets_404_and_the_signed_out_are_sent_to_sign_in(client, world):
    session = planned(world)
    client.force_login(world.facilitator_b)
    assert client.get(sheet_url(session)).status_code == 404
    client.logout()
    response = client.get(sheet_url(session))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_session_page_links_to_the_sheet(client, world):
    session = planned(world)
    client.force_login(world.steering_a)
    page = client.get(session.get_absolute_url()).content.decode()
    assert f'href="{sheet_url(session)}">Print the sign-in sheet</a>' in page
