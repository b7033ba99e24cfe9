"""Merging a duplicate organisation into the one to keep."""

import datetime

import pytest
from django.urls import reverse

from areas.directory import services
from areas.models import LocalCoordinatingOrganisation, SteeringMember
from partnerships.models import AreaRole, Membership, Organisation, Person
from tests.factories import (
    LcoFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SteeringMemberFactory,
)

pytestmark = pytest.mark.django_db


def _merge_url(organisation):
    return reverse("directory:organisation-merge", args=[organisation.pk])


@pytest.fixture
def duplicate(world):
    """`Wandsworth Community Champs`, a second record of organisation A with a life of its own.

    One person in area A and one in area B, a current and a past seat, and the LCO in B.
    """
    organisation = OrganisationFactory(
        name="Wandsworth Community Champs", website="https://champs.example"
    )
    in_a = PersonFactory(full_name="Ama Visible", organisation=organisation)
    in_b = PersonFactory(full_name="Bo Hidden", organisation=organisation)
    MembershipFactory(person=in_a, area=world.area_a, role=AreaRole.STEERING_MEMBER)
    MembershipFactory(person=in_b, area=world.area_b, role=AreaRole.STEERING_MEMBER)
    SteeringMemberFactory(area=world.area_a, person=in_a)
    SteeringMemberFactory(
        area=world.area_a,
        person=world.facilitator_a.person,
        organisation=organisation,
        left_on=datetime.date(2024, 5, 1),
    )
    LcoFactory(area=world.area_b, organisation=organisation, coordinator=in_b)
    return organisation


def test_a_facilitator_cannot_merge_records_of_areas_they_do_not_work_in(client, world, duplicate):
    keep = world.organisation_a
    client.force_login(world.facilitator_a)
    for response in (
        client.get(_merge_url(keep), {"duplicate": duplicate.pk}),
        client.post(_merge_url(keep), {"duplicate": duplicate.pk}),
    ):
        body = response.content.decode()
        assert response.status_code == 200
        assert "is also recorded in areas you do not work in" in body
        assert "Bo Hidden" not in body
    assert Organisation.objects.filter(pk=duplicate.pk).exists()


def test_lead_merges_a_duplicate_and_everything_moves(client, world, duplicate):
    keep = world.organisation_a
    people = set(duplicate.people.all())
    seats = set(SteeringMember.objects.filter(organisation=duplicate))
    lcos = set(LocalCoordinatingOrganisation.objects.filter(organisation=duplicate))
    client.force_login(world.lead)

    form = client.get(_merge_url(keep))
    assert form.status_code == 200
    assert "Merge a duplicate into this organisation" in form.content.decode()

    check = client.get(_merge_url(keep), {"duplicate": duplicate.pk})
    body = check.content.decode()
    assert check.status_code == 200
    assert "Check before you merge" in body
    assert "Ama Visible" in body
    assert "Bo Hidden" in body
    assert Organisation.objects.filter(pk=duplicate.pk).exists()  # nothing changed yet

    response = client.post(_merge_url(keep), {"duplicate": duplicate.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:organisation", args=[keep.pk])
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert set(keep.people.all()) >= people
    assert {seat.organisation_id for seat in seats} == {duplicate.pk}
    assert set(SteeringMember.objects.filter(organisation=keep)) >= seats
    assert set(LocalCoordinatingOrganisation.objects.filter(organisation=keep)) == lcos
    # Nothing else is lost: every person, seat and role is still there.
    assert Person.objects.filter(pk__in=[p.pk for p in people]).count() == 2
    assert SteeringMember.objects.filter(pk__in=[s.pk for s in seats]).count() == 2
    message = client.get(response["Location"]).content.decode()
    assert "Wandsworth Community Champs has been merged into" in message
    assert "2 people, 2 steering group seats and 1 LCO role moved" in message


def test_merge_keeps_the_duplicates_website_when_the_kept_one_has_none(world, duplicate):
    keep = world.organisation_a
    services.organisation_merge(keep=keep, duplicate=duplicate, by=world.lead.person)
    keep.refresh_from_db()
    assert keep.website == "https://champs.example"


def test_both_lco_in_one_area_keeps_one_record_and_says_so(client, world, duplicate):
    keep = world.organisation_a
    kept = LcoFactory(area=world.area_a, organisation=keep, designated_on=datetime.date(2025, 6, 1))
    other_coordinator = PersonFactory(full_name="Cleo Coordinator")
    MembershipFactory(person=other_coordinator, area=world.area_a, role=AreaRole.LCO_COORDINATOR)
    LcoFactory(
        area=world.area_a,
        organisation=duplicate,
        coordinator=other_coordinator,
        designated_on=datetime.date(2024, 2, 1),
    )
    client.force_login(world.lead)
    body = client.get(_merge_url(keep), {"duplicate": duplicate.pk}).content.decode()
    assert f"Both organisations are the LCO in {world.area_a.name}" in body

    response = client.post(_merge_url(keep), {"duplicate": duplicate.pk}, follow=True)
    assert f"Both were the LCO in {world.area_a.name}" in response.content.decode()
    [lco] = LocalCoordinatingOrganisation.objects.filter(area=world.area_a, organisation=keep)
    assert lco.pk == kept.pk
    assert lco.designated_on == datetime.date(2024, 2, 1)
    # The other coordinator keeps their role; only the duplicate record went.
    assert Membership.objects.filter(
        person=other_coordinator, area=world.area_a, role=AreaRole.LCO_COORDINATOR
    ).exists()
    # The LCO role in B had no twin, so it moved.
    assert LocalCoordinatingOrganisation.objects.get(area=world.area_b).organisation == keep


def test_merging_into_itself_is_refused_with_a_clear_message(client, world):
    keep = world.organisation_a
    client.force_login(world.facilitator_a)
    for method in (client.get, client.post):
        response = method(_merge_url(keep), {"duplicate": keep.pk})
        body = response.content.decode()
        assert response.status_code == 200
        assert "nhsuk-error-summary" in body
        assert f"You cannot merge {keep.name} into itself" in body
        assert "<title>Error:" in body
    assert Organisation.objects.filter(pk=keep.pk).exists()
    with pytest.raises(services.MergeRefused):
        services.organisation_merge(keep=keep, duplicate=keep, by=world.lead.person)


def test_the_organisation_itself_is_not_offered_as_its_duplicate(client, world):
    client.force_login(world.facilitator_a)
    response = client.get(_merge_url(world.organisation_a))
    offered = {value for value, _ in response.context["form"].fields["duplicate"].choices}
    assert world.organisation_a.pk not in offered
    assert world.lco_record_a.organisation.pk in offered
    # Area B's organisations are not offered either.
    assert world.steering_b.person.organisation.pk not in offered


def test_choosing_nothing_or_something_unseen_is_an_error_and_nothing_changes(client, world):
    keep = world.organisation_a
    unseen = world.steering_b.person.organisation
    client.force_login(world.facilitator_a)
    response = client.post(_merge_url(keep), {})
    assert "Choose the organisation that is a duplicate" in response.content.decode()
    response = client.post(_merge_url(keep), {"duplicate": unseen.pk})
    assert "Choose an organisation from the list" in response.content.decode()
    assert Organisation.objects.filter(pk=unseen.pk).exists()
    assert world.steering_b.person.organisation == unseen


def test_change_link_keeps_the_chosen_duplicate(client, world, duplicate):
    client.force_login(world.facilitator_a)
    response = client.get(
        _merge_url(world.organisation_a), {"duplicate": duplicate.pk, "change": "1"}
    )
    assert f'<option value="{duplicate.pk}" selected>' in response.content.decode()


def test_a_duplicate_merged_meanwhile_is_an_error_not_a_crash(client, world, duplicate):
    client.force_login(world.facilitator_a)
    services.organisation_merge(
        keep=world.lco_record_a.organisation, duplicate=duplicate, by=world.lead.person
    )
    response = client.post(_merge_url(world.organisation_a), {"duplicate": duplicate.pk})
    assert response.status_code == 200
    assert "Choose an organisation from the list" in response.content.decode()


def test_service_refuses_when_the_duplicate_is_already_gone(world, duplicate):
    stale = Organisation.objects.get(pk=duplicate.pk)
    # As if another facilitator merged it away a moment ago.
    LocalCoordinatingOrganisation.objects.filter(organisation=duplicate).delete()
    duplicate.delete()
    with pytest.raises(services.MergeRefused, match="no longer exists"):
        services.organisation_merge(
            keep=world.organisation_a, duplicate=stale, by=world.lead.person
        )


def test_lead_may_merge_organisations_of_any_areas(client, world, duplicate):
    client.force_login(world.lead)
    keep = world.steering_b.person.organisation
    assert client.post(_merge_url(keep), {"duplicate": duplicate.pk}).status_code == 302
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert set(keep.people.values_list("full_name", flat=True)) >= {"Ama Visible", "Bo Hidden"}


@pytest.mark.parametrize("persona", ["steering_a", "lco_a"])
def test_steering_members_and_lco_coordinators_may_not_merge(client, world, duplicate, persona):
    client.force_login(getattr(world, persona))
    url = _merge_url(world.organisation_a)
    assert client.get(url).status_code == 403
    assert client.post(url, {"duplicate": duplicate.pk}).status_code == 403
    assert Organisation.objects.filter(pk=duplicate.pk).exists()
    # ...and the organisation page offers them no merge button.
    page = client.get(reverse("directory:organisation", args=[world.organisation_a.pk]))
    assert "Merge a duplicate" not in page.content.decode()


@pytest.mark.parametrize("persona", ["facilitator_b", "steering_b", "funder", "no_role"])
def test_outsiders_get_404_before_anything_else(client, world, duplicate, persona):
    client.force_login(getattr(world, persona))
    url = _merge_url(world.organisation_a)
    assert client.get(url).status_code == 404
    assert client.post(url, {"duplicate": duplicate.pk}).status_code == 404
    assert Organisation.objects.filter(pk=duplicate.pk).exists()


def test_merge_knows_every_table_that_points_at_organisations():
    """A new foreign key to Organisation must be taught to organisation_merge.

    Deleting the duplicate would otherwise null or cascade away the new rows, or be
    blocked by them; add the move to the service, then the relation here.
    """
    relations = {
        (relation.related_model._meta.label, relation.field.name)
        for relation in Organisation._meta.related_objects
    }
    assert relations == {
        ("partnerships.Person", "organisation"),
        ("areas.SteeringMember", "organisation"),
        ("areas.LocalCoordinatingOrganisation", "organisation"),
        ("areas.SpendLine", "payee_organisation"),
    }
