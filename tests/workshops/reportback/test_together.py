"""An area's public page of what it has done together: off until the area turns it on."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, PersonFactory
from tests.workshops.factories import ActionFactory, InsightFactory, QuoteFactory, SessionFactory
from workshops.models import ActionStatus, InsightKind, SessionStatus

pytestmark = pytest.mark.django_db


def public(client, area):
    return client.get(reverse("workshops:together", args=[area.slug]))


def test_no_area_shares_until_it_chooses_to(client, world):
    SessionFactory(area=world.area_a, title="Screening day")
    response = public(client, world.area_a)
    assert response.status_code == 404
    assert "Screening day" not in response.content.decode()


def test_a_facilitator_publishes_the_page_and_can_stop_it(client, world):
    url = reverse("workshops:together-settings", args=[world.area_a.slug])
    client.force_login(world.facilitator_a)
    client.post(url, {"share": "yes"})
    client.logout()
    assert public(client, world.area_a).status_code == 200
    assert public(client, world.area_b).status_code == 404
    client.force_login(world.facilitator_a)
    client.post(url, {"share": "no"})
    client.logout()
    assert public(client, world.area_a).status_code == 404


def test_only_the_areas_facilitators_choose(client, world):
    url = reverse("workshops:together-settings", args=[world.area_a.slug])
    client.force_login(world.facilitator_b)
    assert client.post(url, {"share": "yes"}).status_code == 404
    client.force_login(world.steering_a)
    assert client.post(url, {"share": "yes"}).status_code == 403
    world.area_a.refresh_from_db()
    assert not world.area_a.shares_what_we_did


def test_the_page_holds_decisions_and_actions_but_no_names_quotes_or_plans(client, world):
    area = world.area_a
    area.shares_what_we_did = True
    area.save()
    held = SessionFactory(area=area, title="Screening day")
    SessionFactory(area=area, title="Next month", status=SessionStatus.PLANNED)
    owner = PersonFactory(full_name="Priya Raman", organisation=OrganisationFactory(name="ALPS"))
    InsightFactory(session=held, kind=InsightKind.DECISION, text="Priya will write to GPs")
    QuoteFactory(session=held, text="They listened", attribution="Ana")
    ActionFactory(session=held, owner=owner, status=ActionStatus.DONE, description="Letters")
    body = public(client, area).content.decode()
    assert "Screening day" in body
    assert "Next month" not in body
    assert "[name removed] will write to GPs" in body
    assert "Letters" in body
    assert "Led by ALPS" in body
    assert "Done in" in body
    assert "They listened" not in body
    assert "Ana" not in body
    assert "Priya" not in body


def test_the_page_takes_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    area = world.area_a
    area.shares_what_we_did = True
    area.save()

    def grow(n):
        for _ in range(n):
            session = SessionFactory(area=area)
            InsightFactory(session=session, kind=InsightKind.DECISION)
            ActionFactory(session=session)

    grow(2)
    with django_assert_max_num_queries(12) as small:
        public(client, area)
    grow(8)
    with django_assert_max_num_queries(len(small)) as grown:
        public(client, area)
    assert len(grown) == len(small) > 0
