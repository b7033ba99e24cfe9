"""Hardened defaults: sessions, re-authentication, rate limits, headers, the deploy check."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from partnerships import checks

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-for-tests"


@pytest.fixture
def member(world):
    user = world.steering_a
    user.set_password(PASSWORD)
    user.save()
    return user


def _sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_the_session_key_changes_at_sign_in(client, member):
    client.get(reverse("account_login"))
    before = client.session.session_key
    _sign_in(client, member)
    assert client.session.get(SESSION_KEY) == str(member.pk)
    assert client.session.session_key != before


def test_signing_out_ends_the_session_on_the_server(client, member):
    _sign_in(client, member)
    old_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("account_logout"))
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    assert stolen.get(reverse("workshops:my-actions")).status_code == 302


def test_a_password_change_signs_out_other_sessions(member):
    elsewhere = Client()
    elsewhere.force_login(member)
    member.set_password("another-long-password-now")
    member.save()
    response = elsewhere.get(reverse("workshops:my-actions"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_deactivating_an_account_signs_it_out(member):
    elsewhere = Client()
    elsewhere.force_login(member)
    member.is_active = False
    member.save()
    assert elsewhere.get(reverse("workshops:my-actions")).status_code == 302


def test_changing_email_asks_for_the_password_again(client, member, settings):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    _sign_in(client, member)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "new-address@example.org"}
    )
    assert response.status_code == 302
    assert reverse("account_reauthenticate") in response["Location"]


def test_two_factor_changes_ask_for_the_password_again(client, world, settings):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    client.force_login(world.facilitator_a)
    response = client.get(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert "reauthenticate" in response["Location"]


def test_idle_and_absolute_limits(settings):
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    # The idle limit slides with use (tests/partnerships/test_signed_in.py), by a save at
    # most every five minutes.
    assert settings.SESSION_REFRESH_SECONDS == 5 * 60
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60


def test_repeated_failed_sign_ins_are_refused(client, member):
    cache.clear()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": member.email, "password": "wrong-one"})
    # Even the right password is refused while the limit holds.
    response = _sign_in(client, member)
    assert "Too many failed login attempts" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_rate_limits_use_the_shared_redis_cache_when_there_is_one():
    """Each web process would otherwise count guesses on its own."""
    import subprocess
    import sys

    probe = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", probe],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_DEBUG": "true",
            "REDIS_URL": "redis://127.0.0.1:6379/6",
        },
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
    )
    assert "RedisCache" in result.stdout


def test_a_per_process_cache_fails_the_deploy_check(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [warning.id for warning in checks.shared_cache_for_rate_limits(None)] == [
        "partnerships.W001"
    ]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    assert checks.shared_cache_for_rate_limits(None) == []


def test_turning_reauthentication_off_fails_the_deploy_check(settings):
    settings.ACCOUNT_REAUTHENTICATION_REQUIRED = False
    assert [warning.id for warning in checks.reauthentication_required(None)] == [
        "partnerships.W002"
    ]


def test_every_response_carries_the_security_headers(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get(reverse("privacy"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_personal_data_pages_are_never_stored(client, world):
    client.force_login(world.facilitator_a)
    person = world.steering_a.person
    for url in (
        reverse("directory:person", args=[person.pk]),
        reverse("person-consent", args=[person.pk]),
        reverse("person-erase", args=[person.pk]),
    ):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_the_privacy_page_is_public_and_in_the_footer(client):
    response = client.get(reverse("privacy"))
    assert response.status_code == 200
    page = response.content.decode()
    for heading in ("What we hold", "lawful bases", "Who can see it", "How long we keep it"):
        assert heading in page
    assert f'href="{reverse("privacy")}"' in client.get(reverse("accessibility")).content.decode()
