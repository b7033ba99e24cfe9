"""The demo's sign-ins have a published password and two-factor key: never outside debug."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from partnerships import demo_data
from partnerships.models import User
from scale import accounts

pytestmark = pytest.mark.django_db


def test_load_demo_refuses_without_debug_and_creates_no_one():
    with pytest.raises(CommandError, match="create_programme_lead"):
        call_command("load_demo", stdout=io.StringIO())
    assert not User.objects.exists()


def test_load_demo_exits_with_an_error_and_one_sentence_on_a_production_instance():
    # A database nothing answers on: the refusal must come before any connection.
    env = {**os.environ, "DJANGO_DEBUG": "false", "DATABASE_URL": "postgres://x@127.0.0.1:1/x"}
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert "DJANGO_DEBUG" in line
    assert "create_programme_lead" in line


def test_load_demo_loads_with_debug_on(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert User.objects.filter(email="lead@demo.example").exists()
    assert "partnership-demo-2026" in out.getvalue()


def test_the_scale_generator_refuses_without_debug_or_bench_mode(settings):
    settings.BENCH_MODE = False
    with pytest.raises(CommandError, match="BENCH_MODE"):
        call_command("generate_scale_data", areas=1, stdout=io.StringIO())
    assert not User.objects.exists()


@pytest.mark.parametrize("flag", ["DEBUG", "BENCH_MODE"])
def test_the_scale_generator_runs_for_the_bench_or_in_debug(settings, flag):
    setattr(settings, flag, True)
    call_command("generate_scale_data", areas=1, bench_accounts=1, stdout=io.StringIO())
    assert User.objects.filter(email=accounts.lead_email(0)).exists()


def test_every_published_sign_in_is_at_a_domain_the_deploy_check_looks_for():
    from partnerships.checks import PUBLISHED_PASSWORD_DOMAINS

    published = [login["email"] for login in demo_data.load("areas", "programme")["logins"]] + [
        accounts.lead_email(0),
        accounts.facilitator_email(0),
        accounts.steering_email(0),
    ]
    assert all(email.rsplit("@", 1)[1] in PUBLISHED_PASSWORD_DOMAINS for email in published)
