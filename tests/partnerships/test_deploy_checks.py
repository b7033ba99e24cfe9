"""`manage.py check --deploy`: what an operator is told before going live."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.db import connection

from partnerships import checks
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _ids(messages):
    return [message.id for message in messages]


@pytest.mark.parametrize("email", ["lead@demo.example", "Lead-0@Bench.Example"])
def test_a_sign_in_with_a_published_password_fails_the_check(email):
    UserFactory(email=email)
    [error] = checks.no_published_sign_ins(None)
    assert error.id == "partnerships.E001"
    assert error.is_serious()
    assert email in error.msg


def test_real_people_pass_the_published_sign_in_check():
    UserFactory(email="helen@partnerships.example.org")
    assert checks.no_published_sign_ins(None) == []


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    ],
)
def test_email_that_is_never_delivered_fails_the_check(settings, backend):
    settings.EMAIL_BACKEND = backend
    assert _ids(checks.email_is_delivered(None)) == ["partnerships.E002"]


def test_smtp_passes_the_email_check(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert checks.email_is_delivered(None) == []


@pytest.mark.parametrize("url", ["http://partnerships.example.org", "partnerships.example.org"])
def test_a_site_url_that_is_not_https_fails_the_check(settings, url):
    settings.SITE_URL = url
    assert _ids(checks.site_url_is_https(None)) == ["partnerships.E003"]


def test_an_https_site_url_passes(settings):
    settings.SITE_URL = "https://partnerships.example.org"
    assert checks.site_url_is_https(None) == []


def test_the_site_still_named_example_com_fails_the_check(settings):
    Site.objects.filter(pk=settings.SITE_ID).update(domain="example.com", name="example.com")
    assert _ids(checks.site_matches_site_url(None)) == ["partnerships.E004"]


def test_migrate_names_the_site_from_site_url_and_site_name_every_time(settings):
    Site.objects.filter(pk=settings.SITE_ID).update(domain="example.com", name="example.com")
    settings.SITE_URL = "https://partnerships.example.org"
    settings.SITE_NAME = "Connecting Health Communities"

    call_command("migrate", verbosity=0)
    call_command("migrate", verbosity=0)

    [site] = Site.objects.all()
    assert (site.domain, site.name) == (
        "partnerships.example.org",
        "Connecting Health Communities",
    )
    assert checks.site_matches_site_url(None) == []


def test_behind_a_proxy_without_its_count_the_check_warns(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_COUNT = 0
    assert _ids(checks.client_address_behind_a_proxy(None)) == ["partnerships.W003"]
    settings.TRUSTED_PROXY_COUNT = 1
    assert checks.client_address_behind_a_proxy(None) == []


def _check_deploy(**overrides):
    database = settings.DATABASES["default"]
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SECRET_KEY": "x7!kq2vN#pL9mR4tW8zB1cF6hJ3sD5gA0eY-uI_oP+lK=nM$w2Qe9rT4yU6i",
        "DJANGO_ALLOWED_HOSTS": "partnerships.example.org",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{connection.settings_dict['NAME']}"
        ),
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "EMAIL_URL": "smtp+tls://mailer:secret@mail.example.org:587",
        "SITE_URL": "https://partnerships.example.org",
        "TRUSTED_PROXY_COUNT": "1",
        **overrides,
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=settings.BASE_DIR)
    return subprocess.run(
        [*manage, "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


@pytest.mark.django_db(transaction=True)
def test_production_settings_after_migrate_pass_the_deploy_check():
    result = _check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db(transaction=True)
def test_email_to_the_console_fails_the_deploy_check():
    result = _check_deploy(EMAIL_URL="consolemail://")
    assert result.returncode == 1
    assert "partnerships.E002" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_a_production_database_with_the_demo_loaded_fails_the_deploy_check():
    UserFactory(email="lead@demo.example")
    result = _check_deploy()
    assert result.returncode == 1
    assert "partnerships.E001" in result.stderr
