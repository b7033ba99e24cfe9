import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404

from areas.models import Area
from partnerships import access
from partnerships.models import AreaRole
from tests.factories import AreaFactory, MembershipFactory
from tests.workshops.factories import SessionFactory
from workshops.selectors import get_session_and_roles_for

User = get_user_model()

pytestmark = pytest.mark.django_db


def test_programme_lead_sees_every_area(world):
    AreaFactory()
    assert set(Area.objects.visible_to(world.lead)) == set(Area.objects.all())


@pytest.mark.parametrize("persona", ["facilitator_a", "steering_a", "lco_a"])
def test_area_members_see_only_their_area(world, persona):
    assert list(Area.objects.visible_to(getattr(world, persona))) == [world.area_a]


@pytest.mark.parametrize("persona", ["funder", "no_role"])
def test_people_without_an_area_role_see_no_area(world, persona):
    assert not Area.objects.visible_to(getattr(world, persona)).exists()


def test_anonymous_sees_no_area(world):
    from django.contrib.auth.models import AnonymousUser

    assert not Area.objects.visible_to(AnonymousUser()).exists()


def test_scope_can_be_narrowed_to_roles(world):
    MembershipFactory(person=world.steering_a.person, area=world.area_b, role=AreaRole.FACILITATOR)
    visible = Area.objects.visible_to(world.steering_a, roles=[AreaRole.FACILITATOR])
    assert list(visible) == [world.area_b]


def test_roles_in_an_area(world):
    assert access.roles_in(world.lco_a, world.area_a) == {AreaRole.LCO_COORDINATOR}
    assert access.roles_in(world.lco_a, world.area_b) == set()
    assert access.roles_in(world.lead, world.area_b) == {AreaRole.FACILITATOR}


def test_only_facilitators_and_leads_manage_an_area(world):
    assert access.can_manage(world.facilitator_a, world.area_a)
    assert access.can_manage(world.lead, world.area_a)
    assert not access.can_manage(world.steering_a, world.area_a)
    assert not access.can_manage(world.facilitator_b, world.area_a)


def test_scope_costs_one_query(world, django_assert_num_queries):
    user = world.steering_a
    access.person_for(user)
    with django_assert_num_queries(1):
        list(Area.objects.visible_to(user))


def test_roles_are_looked_up_once_for_every_area_a_request_asks_about(
    world, django_assert_num_queries
):
    user = User.objects.get(pk=world.lco_a.pk)
    access.person_for(user)

    with django_assert_num_queries(1):
        assert access.roles_in(user, world.area_a) == {AreaRole.LCO_COORDINATOR}
        assert access.roles_in(user, world.area_b) == set()
        assert access.roles_in(user, world.area_a.pk) == {AreaRole.LCO_COORDINATOR}


def test_one_call_finds_a_session_with_the_roles_held_in_its_area(world):
    session = SessionFactory(area=world.area_a)

    found, roles = get_session_and_roles_for(world.steering_a, world.area_a.slug, session.pk)

    assert (found, roles) == (session, {AreaRole.STEERING_MEMBER})
    with pytest.raises(Http404):
        get_session_and_roles_for(world.facilitator_b, world.area_a.slug, session.pk)


def test_require_refuses_roles_without_the_capability(world):
    access.require({AreaRole.FACILITATOR}, access.Capability.MANAGE)
    access.require({AreaRole.STEERING_MEMBER}, access.Capability.MEASURE)

    with pytest.raises(PermissionDenied):
        access.require({AreaRole.STEERING_MEMBER}, access.Capability.MANAGE)
    with pytest.raises(PermissionDenied):
        access.require(set(), access.Capability.PROPOSE)
