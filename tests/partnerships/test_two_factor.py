import pytest
from django.urls import reverse

from partnerships.models import AreaRole, ProgrammeRole
from tests.factories import PASSWORD, MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _person_without_two_factor(**person_fields):
    user = UserFactory()
    person = PersonFactory(user=user, email=user.email, **person_fields)
    return user, person


@pytest.mark.parametrize("role", [AreaRole.FACILITATOR])
def test_area_roles_with_personal_data_must_set_up_two_factor(client, world, role):
    user, person = _person_without_two_factor()
    MembershipFactory(person=person, area=world.area_a, role=role)
    client.force_login(user)
    response = client.get(world.area_a.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_programme_leads_must_set_up_two_factor(client):
    user, _ = _person_without_two_factor(programme_role=ProgrammeRole.LEAD)
    client.force_login(user)
    assert client.get(reverse("areas:list"))["Location"] == reverse("mfa_activate_totp")


def test_the_set_up_page_itself_is_reachable(client):
    user, _ = _person_without_two_factor(programme_role=ProgrammeRole.LEAD)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")
    # Adding an authenticator is a sensitive change: allauth asks for the password again.
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))


@pytest.mark.parametrize(
    "role", [AreaRole.STEERING_MEMBER, AreaRole.LCO_COORDINATOR, AreaRole.COMMUNITY_MEMBER]
)
def test_other_roles_are_not_forced(client, world, role):
    user, person = _person_without_two_factor()
    MembershipFactory(person=person, area=world.area_a, role=role)
    client.force_login(user)
    assert client.get(world.area_a.get_absolute_url()).status_code == 200


def test_facilitator_with_two_factor_goes_through(client, world):
    client.force_login(world.facilitator_a)
    assert client.get(world.area_a.get_absolute_url()).status_code == 200


def test_sign_in_asks_a_facilitator_for_the_code(client, world):
    response = client.post(
        reverse("account_login"), {"login": world.facilitator_a.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")


def test_staff_need_two_factor_for_the_admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")
