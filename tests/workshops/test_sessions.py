import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.workshops.factories import SessionFactory
from workshops.models import Session, SessionKind, SessionStatus


def _form(**overrides):
    last_week = timezone.localdate() - dt.timedelta(days=7)
    return {
        "kind": SessionKind.PARTNERSHIP_DAY,
        "title": "First partnership day",
        "date": last_week.isoformat(),
        "start_time": "10:00",
        "end_time": "15:00",
        "format": "in_person",
        "venue": "Pensnett Community Centre",
        "status": SessionStatus.HELD,
        **overrides,
    }


def test_a_facilitator_records_a_held_partnership_day(client, world):
    client.force_login(world.facilitator_a)

    response = client.post(
        reverse("workshops:session-new", args=[world.area_a.slug]),
        _form(facilitators=[world.facilitator_a.person.pk]),
    )

    session = Session.objects.get()
    assert response["Location"] == session.get_absolute_url()
    assert session.area == world.area_a
    assert timezone.localtime(session.starts_at).hour == 10
    assert list(session.facilitators.all()) == [world.facilitator_a.person]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_time": "09:30"}, "end_time", "The end time must be after the start time (10:00)."),
        ({"venue": ""}, "venue", "Enter the venue, or choose online."),
        ({"format": "online"}, "online_platform", "Enter the online platform, for example Zoom."),
        ({"kind": SessionKind.SUB_GROUP_MEETING}, "sub_group", "Choose which sub-group"),
        (
            {"date": (timezone.localdate() + dt.timedelta(days=3)).isoformat()},
            "status",
            "A session in the future cannot have been held yet.",
        ),
        ({"date": "2026-02-30"}, "date", "Enter a real date."),
        ({"title": ""}, "title", "Enter a title for the session."),
    ],
)
def test_impossible_sessions_are_refused_next_to_the_field(
    client, world, overrides, field, message
):
    client.force_login(world.facilitator_a)

    response = client.post(
        reverse("workshops:session-new", args=[world.area_a.slug]), _form(**overrides)
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'id="id_{field}-error"' in page or f"#id_{field}" in page
    assert "Pensnett Community Centre" in page or overrides.get("venue") == ""
    assert not Session.objects.exists()


def test_changing_details_someone_else_just_saved_is_a_conflict(client, world):
    session = SessionFactory(area=world.area_a, title="Old title")
    Session.objects.filter(pk=session.pk).update(title="Their title", version=2)
    client.force_login(world.facilitator_a)
    url = reverse("workshops:session-edit", args=[world.area_a.slug, session.pk])

    response = client.post(url, _form(title="My title", version=1))

    page = response.content.decode()
    session.refresh_from_db()
    assert session.title == "Their title"
    assert "Changed by someone else" in page
    assert "My title" in page
    assert 'name="version" value="2"' in page


def test_marking_a_session_written_up_records_when(client, world):
    session = SessionFactory(area=world.area_a)
    client.force_login(world.facilitator_a)

    client.post(
        reverse("workshops:summary-save", args=[world.area_a.slug, session.pk]),
        {
            "summary-summary": "We heard about letters.",
            "summary-written_up": "on",
            "summary-version": 1,
        },
    )

    session.refresh_from_db()
    assert session.status == SessionStatus.WRITTEN_UP
    assert session.written_up_at is not None
    assert session.summary == "We heard about letters."


def test_the_area_list_filters_by_kind_status_and_date(client, world):
    SessionFactory(area=world.area_a, title="Day one", kind=SessionKind.PARTNERSHIP_DAY)
    SessionFactory(area=world.area_a, title="Monthly catch-up", kind=SessionKind.STEERING_MEETING)
    SessionFactory(
        area=world.area_a,
        title="Long ago",
        starts_at=timezone.now() - dt.timedelta(days=400),
    )
    client.force_login(world.steering_a)
    url = reverse("workshops:session-list", args=[world.area_a.slug])
    since = (timezone.localdate() - dt.timedelta(days=30)).isoformat()

    page = client.get(url, {"kind": SessionKind.PARTNERSHIP_DAY, "start": since}).content.decode()

    assert "Day one" in page
    assert "Monthly catch-up" not in page
    assert "Long ago" not in page


def test_a_date_range_the_wrong_way_round_is_explained(client, world):
    client.force_login(world.steering_a)
    url = reverse("workshops:session-list", args=[world.area_a.slug])

    page = client.get(url, {"start": "2026-05-01", "end": "2026-04-01"}).content.decode()

    assert "The “to” date must be the same as or after the “from” date." in page


def test_the_programme_list_shows_only_areas_the_user_works_in(client, world):
    SessionFactory(area=world.area_a, title="In Wandsworth")
    SessionFactory(area=world.area_b, title="In Somerset")

    client.force_login(world.facilitator_a)
    mine = client.get(reverse("workshops:programme-sessions")).content.decode()
    client.force_login(world.lead)
    everything = client.get(reverse("workshops:programme-sessions")).content.decode()

    assert "In Wandsworth" in mine
    assert "In Somerset" not in mine
    assert "In Wandsworth" in everything
    assert "In Somerset" in everything


def test_session_lists_read_a_page_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for _ in range(30):
        SessionFactory(area=world.area_a)
    client.force_login(world.lead)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("workshops:programme-sessions"))

    assert response.status_code == 200
