"""Signing in: rate limits, verified email, password reset — allauth as configured here."""

import datetime as dt
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _sign_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client):
    user = UserFactory()
    for _ in range(5):
        _sign_in(client, user.email, "wrong-password")
    response = _sign_in(client, user.email)
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_many_sign_in_attempts_from_one_address_get_the_429_page(client):
    statuses = [_sign_in(client, f"n{i}@example.org", "x").status_code for i in range(31)]
    assert statuses[-1] == 429
    assert "Too many attempts" in _sign_in(client, "late@example.org").content.decode()


def test_an_unverified_email_cannot_sign_in(client):
    user = UserFactory()
    EmailAddress.objects.filter(user=user).update(verified=False)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True
    )
    assert "account/verification_sent.html" in [t.name for t in response.templates]
    assert "_auth_user_id" not in client.session
    [email] = mail.outbox
    assert email.to == [user.email]


def test_password_reset_sends_a_working_link(client):
    user = UserFactory()
    PersonFactory(user=user, email=user.email)
    client.post(reverse("account_reset_password"), {"email": user.email})
    [email] = mail.outbox
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", email.body).group(1)
    form_url = client.get(link)["Location"]
    new_password = "a-brand-new-password-77"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def _ask_for_a_reset(client, email):
    return client.post(reverse("account_reset_password"), {"email": email})


def test_a_reset_for_an_address_with_no_account_says_accounts_come_by_invitation(client):
    user = UserFactory()
    PersonFactory(user=user, email=user.email)

    known = _ask_for_a_reset(client, user.email)
    unknown = _ask_for_a_reset(client, "stranger@example.org")

    # The page says the same whether or not the address has an account.
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    reset, stranger = mail.outbox
    assert (reset.to, stranger.to) == ([user.email], ["stranger@example.org"])
    assert "/accounts/password/reset/key/" in reset.body
    assert stranger.subject == (
        "[Partnerships] No Health Partnerships account uses this email address"
    )
    assert "People join Health Partnerships by invitation" in stranger.body
    assert "the address the invitation was sent to" in stranger.body
    assert "ignore this email" in stranger.body
    assert "signup" not in stranger.body
    assert "sign up" not in stranger.body.lower()
    assert "http" not in stranger.body


def test_resets_for_one_address_are_limited_per_hour_not_per_minute(client):
    with time_machine.travel("2026-03-02 10:00", tick=False) as traveller:
        for _ in range(5):
            _ask_for_a_reset(client, "stranger@example.org")
        traveller.shift(dt.timedelta(minutes=5))
        _ask_for_a_reset(client, "stranger@example.org")
        traveller.shift(dt.timedelta(hours=1))
        _ask_for_a_reset(client, "stranger@example.org")

    assert len(mail.outbox) == 6


def test_forbidden_page_is_styled(client, world):
    client.force_login(world.steering_a)
    response = client.get(reverse("areas:invitation-new", args=[world.area_a.slug]))
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


def test_a_sign_in_ends_after_the_absolute_limit_however_active(client, world, settings):
    client.force_login(world.steering_a)
    assert client.get(reverse("home")).status_code == 302
    session = client.session
    session["signed_in_at"] -= settings.SESSION_ABSOLUTE_SECONDS + 1
    session.save()

    response = client.get(reverse("areas:detail", args=[world.area_a.slug]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
