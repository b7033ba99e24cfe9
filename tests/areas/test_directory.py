"""The organisations and people directory: who sees whom, what the pages show, and cost."""

import datetime

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from areas.models import Seat
from partnerships.models import AreaRole, Sector
from tests.factories import (
    AreaFactory,
    LcoFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SteeringMemberFactory,
    SubGroupFactory,
)

pytestmark = pytest.mark.django_db


def _organisations():
    return reverse("directory:organisations")


def _people():
    return reverse("directory:people")


def _organisation(organisation):
    return reverse("directory:organisation", args=[organisation.pk])


def _person(person):
    return reverse("directory:person", args=[person.pk])


def _merge(organisation):
    return reverse("directory:organisation-merge", args=[organisation.pk])


def _listed(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return list(response.context["page_obj"].object_list)


# Scoping ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["facilitator_a", "steering_a", "lco_a", "lead"])
def test_people_of_area_a_see_its_organisation_and_people(client, world, persona):
    client.force_login(getattr(world, persona))
    person = world.steering_a.person
    assert client.get(_organisation(world.organisation_a)).status_code == 200
    assert client.get(_person(person)).status_code == 200
    assert world.organisation_a in _listed(client, _organisations())
    assert person in _listed(client, _people())


def test_members_of_another_area_get_404_and_do_not_see_area_a_in_lists(client, world):
    person = world.steering_a.person
    for persona, user in world.members_of_b.items():
        client.force_login(user)
        for url in (
            _organisation(world.organisation_a),
            _person(person),
            _merge(world.organisation_a),
        ):
            assert client.get(url).status_code == 404, f"{persona}: GET {url}"
            assert client.post(url).status_code == 404, f"{persona}: POST {url}"
        assert world.organisation_a not in _listed(client, _organisations()), persona
        assert person not in _listed(client, _people()), persona
        # ...while their own area's people are there.
        assert world.steering_b.person in _listed(client, _people()), persona


@pytest.mark.parametrize("persona", ["funder", "no_role"])
def test_funders_and_people_without_a_role_see_no_one(client, world, persona):
    client.force_login(getattr(world, persona))
    assert _listed(client, _organisations()) == []
    assert _listed(client, _people()) == []
    # Not even themselves or their own organisation.
    own = getattr(world, persona).person
    for url in (
        _organisation(world.organisation_a),
        _person(world.steering_a.person),
        _person(own),
        _organisation(own.organisation),
        _merge(world.organisation_a),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url


def test_anonymous_is_sent_to_sign_in(client, world):
    for url in (
        _organisations(),
        _people(),
        _organisation(world.organisation_a),
        _person(world.steering_a.person),
        _merge(world.organisation_a),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url


def test_lead_sees_everyone_even_people_in_no_area(client, world):
    client.force_login(world.lead)
    people = _listed(client, _people())
    assert world.funder.person in people
    assert world.steering_b.person in people
    assert world.funder.person.organisation in _listed(client, _organisations())


def test_someone_no_longer_or_never_a_member_is_seen_through_seats_sub_groups_and_lcos(
    client, world
):
    """A person is connected through a past seat, a sub-group or coordinating an LCO."""
    past_member = SteeringMemberFactory(
        area=world.area_a, left_on=datetime.date(2025, 3, 1), left_reason="Moved away"
    ).person
    sub_group_member = PersonFactory()
    world.sub_group_a.members.add(sub_group_member)
    coordinator = LcoFactory(area=world.area_a).coordinator
    # An organisation seen only because someone represents it at the table.
    represented = OrganisationFactory(name="Represented Only")
    SteeringMemberFactory(area=world.area_a, organisation=represented)

    client.force_login(world.steering_a)
    for person in (past_member, sub_group_member, coordinator):
        assert client.get(_person(person)).status_code == 200
        assert client.get(_organisation(person.organisation)).status_code == 200
    assert client.get(_organisation(represented)).status_code == 200

    client.force_login(world.steering_b)
    for person in (past_member, sub_group_member, coordinator):
        assert client.get(_person(person)).status_code == 404
        assert client.get(_organisation(person.organisation)).status_code == 404
    assert client.get(_organisation(represented)).status_code == 404


def test_an_lco_organisation_is_seen_through_its_role(client, world):
    client.force_login(world.steering_a)
    assert client.get(_organisation(world.lco_record_a.organisation)).status_code == 200
    client.force_login(world.facilitator_b)
    assert client.get(_organisation(world.lco_record_a.organisation)).status_code == 404


def test_posting_to_a_page_that_only_reads_is_not_allowed(client, world):
    client.force_login(world.steering_a)
    assert client.post(_organisation(world.organisation_a)).status_code == 405
    assert client.post(_person(world.steering_a.person)).status_code == 405


# What the pages show ---------------------------------------------------------------------


def _organisation_in_both_areas(world):
    """An organisation with people in A and in B, a seat in each and the LCO in B."""
    organisation = OrganisationFactory(name="Both Sides Trust", website="https://both.example")
    in_a = PersonFactory(full_name="Ada Inside", organisation=organisation)
    in_b = PersonFactory(full_name="Bea Elsewhere", organisation=organisation)
    MembershipFactory(person=in_a, area=world.area_a, role=AreaRole.STEERING_MEMBER)
    MembershipFactory(person=in_b, area=world.area_b, role=AreaRole.STEERING_MEMBER)
    SteeringMemberFactory(area=world.area_a, person=in_a, seat=Seat.CHAIR)
    SteeringMemberFactory(area=world.area_b, person=in_b, seat=Seat.VCSE)
    SubGroupFactory(area=world.area_b, name="Secret Strand").members.add(in_b)
    world.sub_group_a.members.add(in_a)
    LcoFactory(area=world.area_b, organisation=organisation)
    return organisation, in_a, in_b


def test_organisation_page_shows_only_what_the_viewer_may_see(client, world):
    organisation, in_a, in_b = _organisation_in_both_areas(world)
    client.force_login(world.steering_a)
    response = client.get(_organisation(organisation))
    body = response.content.decode()
    assert response.context["profile"].areas == [world.area_a]
    assert "https://both.example" in body
    assert "VCSE / charity" in body
    assert in_a.full_name in body
    assert "Chair" in body
    assert world.sub_group_a.name in body
    assert in_b.full_name not in body
    assert world.area_b.name not in body
    assert "Secret Strand" not in body
    assert "Not the LCO in any of your areas" in body


def test_organisation_list_counts_only_visible_areas(client, world):
    _organisation_in_both_areas(world)
    client.force_login(world.steering_a)
    [row] = _listed(client, _organisations(), q="Both Sides")
    assert row.area_count == 1
    client.force_login(world.lead)
    [row] = _listed(client, _organisations(), q="Both Sides")
    assert row.area_count == 2


def test_person_page_shows_seats_sub_groups_and_lco_roles(client, world):
    person = world.steering_a.person
    SteeringMemberFactory(
        area=world.area_a,
        person=person,
        seat=Seat.VCSE,
        joined_on=datetime.date(2022, 1, 10),
        left_on=datetime.date(2023, 6, 30),
        left_reason="Changed jobs",
    )
    world.sub_group_a.members.add(person)
    lco = LcoFactory(area=world.area_a, coordinator=person)
    client.force_login(world.steering_a)
    response = client.get(_person(person))
    body = response.content.decode()
    seats = response.context["profile"].seats
    assert [seat.left_on for seat in seats] == [None, datetime.date(2023, 6, 30)]
    assert "10 Jan 2022 to 30 Jun 2023" in body
    assert "Changed jobs" in body
    assert "Community leader / lived experience" in body
    assert world.sub_group_a.name in body
    assert lco.organisation.name in body
    assert "Steering group member" in body


def test_people_list_shows_organisation_and_roles_in_visible_areas_only(client, world):
    person = PersonFactory(full_name="Two Hats")
    MembershipFactory(person=person, area=world.area_a, role=AreaRole.LCO_COORDINATOR)
    MembershipFactory(person=person, area=world.area_b, role=AreaRole.FACILITATOR)
    client.force_login(world.steering_a)
    response = client.get(_people(), {"q": "Two Hats"})
    body = response.content.decode()
    [row] = response.context["page_obj"].object_list
    assert row.area_roles == [(world.area_a, ["LCO coordinator"])]
    assert person.organisation.name in body
    assert world.area_b.name not in body


def test_people_list_shows_former_steering_members(client, world):
    person = SteeringMemberFactory(
        area=world.area_a, person__full_name="Xanthe Former", left_on=datetime.date(2025, 1, 1)
    ).person
    client.force_login(world.steering_a)
    [row] = _listed(client, _people(), q=person.full_name)
    assert row.area_roles == [(world.area_a, ["Former steering group member"])]


# Contact details -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("facilitator_a", True),
        ("lead", True),
        ("steering_a", False),
        ("lco_a", False),
    ],
)
def test_contact_details_only_for_facilitators_of_their_areas_and_leads(
    client, world, persona, shown
):
    person = world.steering_a.person
    person.phone = "020 7946 0000"
    person.save(update_fields=["phone"])
    client.force_login(getattr(world, persona))
    body = client.get(_person(person)).content.decode()
    assert (person.email in body) is shown
    assert ("020 7946 0000" in body) is shown


def test_a_facilitator_of_any_one_of_their_areas_sees_contact_details(client, world):
    person = PersonFactory(email="both@example.org", phone="0113 496 0000")
    MembershipFactory(person=person, area=world.area_a, role=AreaRole.STEERING_MEMBER)
    MembershipFactory(person=person, area=world.area_b, role=AreaRole.STEERING_MEMBER)
    client.force_login(world.facilitator_b)
    body = client.get(_person(person)).content.decode()
    assert "both@example.org" in body
    # Not the other way round: a facilitator of B sees nothing of A's steering member.
    assert client.get(_person(world.steering_a.person)).status_code == 404


def test_the_list_never_shows_contact_details(client, world):
    client.force_login(world.lead)
    body = client.get(_people()).content.decode()
    assert world.steering_a.person.email not in body


# Search, filter, pages, htmx -------------------------------------------------------------


def test_search_organisations_by_name_and_sector(client, world):
    OrganisationFactory(name="Eastbourne Carers Hub", sector=Sector.VCSE)
    council = OrganisationFactory(name="Eastbourne Borough Council", sector=Sector.LOCAL_AUTHORITY)
    client.force_login(world.lead)
    names = [o.name for o in _listed(client, _organisations(), q="eastbourne")]
    assert names == ["Eastbourne Borough Council", "Eastbourne Carers Hub"]
    assert _listed(client, _organisations(), q="eastbourne", sector="local_authority") == [council]
    # A sector that does not exist is ignored rather than an error.
    assert len(_listed(client, _organisations(), q="eastbourne", sector="nonsense")) == 2


def test_search_people_by_name_and_organisation_sector(client, world):
    nhs = OrganisationFactory(sector=Sector.NHS_TRUST)
    nurse = PersonFactory(full_name="Quillon Nurse", organisation=nhs)
    volunteer = PersonFactory(full_name="Quillon Volunteer")
    for person in (nurse, volunteer):
        MembershipFactory(person=person, area=world.area_a)
    client.force_login(world.steering_a)
    assert _listed(client, _people(), q="quillon") == [nurse, volunteer]
    assert _listed(client, _people(), q="quillon", sector="nhs_trust") == [nurse]


def test_empty_search_says_so_and_offers_to_clear(client, world):
    client.force_login(world.steering_a)
    body = client.get(_organisations(), {"q": "zzz-no-such"}).content.decode()
    assert "No organisations match your search" in body
    assert "Clear the search" in body


def test_organisations_are_paginated(client, world):
    OrganisationFactory.create_batch(30, name=factory.Sequence(lambda n: f"Paged {n:03}"))
    client.force_login(world.lead)
    response = client.get(_organisations(), {"q": "Paged", "page": 2})
    assert response.context["page_obj"].number == 2
    assert len(response.context["page_obj"].object_list) == 5
    assert "page 2 of 2" in response.content.decode()


def test_htmx_gets_only_the_results_with_the_count_to_announce(client, world):
    client.force_login(world.steering_a)
    response = client.get(
        _organisations(), {"q": world.organisation_a.name}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "<form" not in body
    assert world.organisation_a.name in body
    assert 'data-hx-swap-oob="innerHTML">1 organisation found' in body
    assert "HX-Request" in response["Vary"]


def test_without_htmx_the_whole_page_with_a_plain_get_form(client, world):
    client.force_login(world.steering_a)
    body = client.get(_people(), {"q": "a"}).content.decode()
    assert "<html" in body
    assert 'method="get"' in body
    assert 'id="directory-results"' in body


def test_htmx_history_restore_gets_the_whole_page(client, world):
    client.force_login(world.steering_a)
    response = client.get(
        _people(), headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


# Query counts ----------------------------------------------------------------------------


def _crowd(world, rows=50):
    """Area A gets `rows` more organisations, each with a person in every kind of link."""
    sectors = list(Sector.values)
    for index in range(rows):
        organisation = OrganisationFactory(sector=sectors[index % len(sectors)])
        person = PersonFactory(organisation=organisation)
        MembershipFactory(person=person, area=world.area_a, role=AreaRole.STEERING_MEMBER)
        MembershipFactory(person=person, area=world.area_b, role=AreaRole.STEERING_MEMBER)
        SteeringMemberFactory(area=world.area_a, person=person, organisation=world.organisation_a)
        world.sub_group_a.members.add(person)
        LcoFactory(area=world.area_a, coordinator=person)
        # The page's own person and organisation get rows of every kind too.
        SteeringMemberFactory(
            area=world.area_b, person=world.steering_a.person, left_on=datetime.date(2024, 1, 1)
        )
        SubGroupFactory(area=world.area_a).members.add(world.steering_a.person)
        LcoFactory(area=AreaFactory(), organisation=world.organisation_a)


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["steering_a", "facilitator_a", "lead"])
@pytest.mark.parametrize(
    ("page", "limit"),
    # The person page also writes one audit entry (a view of personal data).
    [("organisations", 10), ("people", 12), ("organisation", 15), ("person", 15)],
)
def test_page_queries_do_not_grow_with_rows(
    client, world, persona, page, limit, django_assert_max_num_queries
):
    url = {
        "organisations": _organisations(),
        "people": _people(),
        "organisation": _organisation(world.organisation_a),
        "person": _person(world.steering_a.person),
    }[page]
    client.force_login(getattr(world, persona))
    _crowd(world, rows=2)
    client.get(url)  # the first request of a session costs a few queries more
    with_two = _count_queries(client, url)
    _crowd(world, rows=50)
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200
    assert _count_queries(client, url) == with_two
