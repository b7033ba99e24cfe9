"""The first programme lead of a new instance: one command, one link, then two-factor."""

import io
import re
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import is_mfa_enabled
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from partnerships.models import AreaRole, AuditAction, AuditEvent, Person, ProgrammeRole, User
from tests.factories import MembershipFactory, PersonFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "steering-the-programme-2026"


def _create_lead(*args):
    out = io.StringIO()
    call_command("create_programme_lead", *args, stdout=out)
    [url] = re.findall(r"https?://\S+", out.getvalue())
    return out.getvalue(), urlsplit(url).path


def _choose_password(client, link):
    return client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})


def _code_for(secret):
    if 30 - time.time() % 30 < 3:
        time.sleep(3)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_the_link_signs_a_new_lead_in_once_and_leads_to_two_factor_set_up(client, world):
    output, link = _create_lead("helen@partnerships.example.org", "--name", "Helen Ashworth")

    assert "Helen Ashworth <helen@partnerships.example.org> is a programme lead" in output
    user = User.objects.get(email="helen@partnerships.example.org")
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    person = Person.objects.get(user=user)
    assert (person.full_name, person.programme_role) == ("Helen Ashworth", ProgrammeRole.LEAD)

    assert client.get(link).status_code == 200
    response = _choose_password(client, link)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    # Home sends a lead without a second factor to set one up, without asking for the
    # password chosen a moment ago.
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    secret = response.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": _code_for(secret)})
    assert response.status_code == 302
    assert is_mfa_enabled(user)
    assert client.get(reverse("home"))["Location"] == reverse("areas:list")

    # The link is spent, for this browser and for anyone else who has it.
    client.logout()
    assert client.get(link).status_code == 410
    response = client.post(link, {"password1": "another-password-99", "password2": "x"})
    assert response.status_code == 410
    assert "_auth_user_id" not in client.session


def test_an_expired_link_is_refused(client, settings):
    _, link = _create_lead("late@partnerships.example.org")
    with time_machine.travel(timezone.now() + timedelta(minutes=settings.SIGN_IN_LINK_MINUTES + 1)):
        assert client.get(link).status_code == 410
        assert _choose_password(client, link).status_code == 410
    assert "_auth_user_id" not in client.session
    assert not User.objects.get(email="late@partnerships.example.org").has_usable_password()


def test_a_changed_link_is_refused(client):
    _, link = _create_lead("lead@partnerships.example.org")
    assert client.get(link.replace(":", ";", 1)).status_code == 410
    assert client.get(link[:-5] + "AAAA/").status_code == 410


def test_a_weak_password_is_explained_next_to_the_field(client):
    _, link = _create_lead("lead@partnerships.example.org")
    response = client.post(link, {"password1": "password", "password2": "password"})
    assert response.status_code == 200
    assert "This password is too common" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(link).status_code == 200


def test_an_existing_person_is_promoted_not_duplicated(world):
    steering = world.steering_a
    output, _ = _create_lead(steering.email.upper(), "--admin")

    assert "Existing account" in output
    person = Person.objects.get(email__iexact=steering.email)
    assert person.user == steering
    assert person.programme_role == ProgrammeRole.LEAD
    steering.refresh_from_db()
    assert (steering.is_staff, steering.is_superuser) == (True, True)
    assert User.objects.filter(email__iexact=steering.email).count() == 1


def test_a_recorded_participant_gets_an_account_on_their_record():
    participant = PersonFactory(email="joy@partnerships.example.org", full_name="Joy Mbeki")
    MembershipFactory(person=participant, role=AreaRole.STEERING_MEMBER)

    _create_lead("joy@partnerships.example.org")

    participant.refresh_from_db()
    assert participant.user.email == "joy@partnerships.example.org"
    assert (participant.full_name, participant.programme_role) == ("Joy Mbeki", ProgrammeRole.LEAD)


def test_an_account_with_a_second_factor_is_still_asked_for_its_code(client):
    lead = user_with_role(programme_role=ProgrammeRole.LEAD)
    _, link = _create_lead(lead.email)

    response = _choose_password(client, link)

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("email", "message"),
    [("not-an-email", "is not an email address"), ("gone@example.org", "deactivated")],
)
def test_the_command_refuses_what_it_cannot_do(email, message):
    UserFactory(email="gone@example.org", is_active=False)
    with pytest.raises(CommandError, match=message):
        call_command("create_programme_lead", email, stdout=io.StringIO())


def test_the_appointment_is_in_the_audit_log_without_a_name(db):
    _create_lead("helen@partnerships.example.org", "--name", "Helen Ashworth", "--admin")

    person = Person.objects.get(email="helen@partnerships.example.org")
    [entry] = AuditEvent.objects.filter(action=AuditAction.LEAD_APPOINTED)
    assert (entry.target_id, entry.target_label) == (str(person.pk), f"Person {person.pk}")
    assert entry.actor_id is None
    assert entry.detail == {"by": "create_programme_lead", "new_account": True, "admin": True}
