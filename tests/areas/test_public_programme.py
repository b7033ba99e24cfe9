from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from areas.models import Seat
from tests.factories import AreaFactory, CohortFactory, SteeringMemberFactory

pytestmark = pytest.mark.django_db

PAGE = "/programme/"


@pytest.fixture
def cohorts(db):
    today = timezone.localdate()
    return {
        "current": CohortFactory(
            name="Phase 3", starts_on=date(2025, 4, 1), ends_on=today + timedelta(days=300)
        ),
        "open_ended": CohortFactory(name="Pilot", starts_on=None, ends_on=None),
        "past": CohortFactory(
            name="2021–2023 cohort", starts_on=date(2021, 9, 1), ends_on=today - timedelta(days=1)
        ),
    }


def test_the_page_is_named_and_routed():
    assert reverse("programme") == PAGE


def test_anyone_can_see_it_without_signing_in(client, cohorts):
    AreaFactory(name="Sheffield", cohort=cohorts["current"], focus="Helping people stop smoking")
    response = client.get(PAGE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Areas we’re working with" in body
    assert "Sheffield" in body
    assert "Helping people stop smoking" in body


def test_it_shows_only_public_areas(client, cohorts):
    AreaFactory(name="Sheffield", cohort=cohorts["current"], is_public=True)
    AreaFactory(name="Hidden Valley", cohort=cohorts["current"], is_public=False)
    body = client.get(PAGE).content.decode()
    assert "Sheffield" in body
    assert "Hidden Valley" not in body


def test_it_shows_name_focus_and_summary_and_nothing_else(client, world):
    area = world.area_a
    area.summary = "Champions work on the letters that lead to a booked appointment."
    area.geography = "Tooting and Furzedown"
    area.save()
    SteeringMemberFactory(area=area, seat=Seat.CHAIR)

    body = client.get(PAGE).content.decode()

    assert area.name in body
    assert area.focus in body
    assert area.summary in body
    assert area.geography not in body
    assert area.get_absolute_url() not in body
    for member in area.steering_members.select_related("person", "organisation"):
        assert member.person.full_name not in body
        assert member.organisation.name not in body
    for user in (world.facilitator_a, world.steering_a, world.lco_a, world.lead):
        assert user.person.full_name not in body
        assert user.email not in body
    assert "Steering" not in body


def test_current_cohorts_come_first_then_past_ones(client, cohorts):
    AreaFactory(name="Birmingham", cohort=cohorts["current"])
    AreaFactory(name="Pilot Town", cohort=cohorts["open_ended"])
    AreaFactory(name="Wirral", cohort=cohorts["past"])

    response = client.get(PAGE)

    assert response.context["current_cohorts"] == [cohorts["open_ended"], cohorts["current"]]
    assert response.context["past_cohorts"] == [cohorts["past"]]
    body = response.content.decode()
    assert body.index("Birmingham") < body.index("Earlier cohorts") < body.index("Wirral")
    assert "April 2025 to" in body


def test_a_cohort_without_public_areas_is_left_out(client, cohorts):
    AreaFactory(name="Birmingham", cohort=cohorts["current"], is_public=False)
    response = client.get(PAGE)
    assert response.context["current_cohorts"] == []
    assert "Phase 3" not in response.content.decode()
    assert "will be listed here soon" in response.content.decode()


def test_anonymous_visitors_get_a_sign_in_link_for_members(client, cohorts):
    body = client.get(PAGE).content.decode()
    assert f'href="{reverse("account_login")}?next=/areas/"' in body


def test_signed_in_people_get_a_link_to_their_areas(client, world):
    client.force_login(world.steering_a)
    body = client.get(PAGE).content.decode()
    assert 'href="/areas/">Go to your areas</a>' in body
    assert "?next=/areas/" not in body


def test_dashboard_still_needs_sign_in_while_this_page_does_not(client, world):
    assert client.get(PAGE).status_code == 200
    response = client.get(reverse("areas:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_query_count_does_not_grow_with_areas(client, cohorts, django_assert_num_queries):
    for cohort in cohorts.values():
        AreaFactory.create_batch(20, cohort=cohort)
    with django_assert_num_queries(2):
        client.get(PAGE)
