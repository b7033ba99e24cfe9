"""`make run` serves the demo programme from SQLite, with no Redis: every page its people
reach by following links must work there as it does on PostgreSQL."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

CRAWL = Path(__file__).with_name("crawl.py")
PEOPLE = [
    f"{who}@demo.example"
    for who in ("facilitator", "steering", "lco", "community", "lead", "funder")
]


def test_every_page_of_the_demo_works_on_sqlite(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DJANGO_DEBUG": "true",
        # Signed in by the test client, as the two-factor step is tested elsewhere.
        "MFA_REQUIRED": "false",
    }
    (settings.BASE_DIR / "var" / "broker").mkdir(parents=True, exist_ok=True)
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]

    def run(*command):
        return subprocess.run(
            command, env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
        ).stdout

    run(*manage, "migrate", "--noinput")
    run(*manage, "load_demo")
    report = run(sys.executable, str(CRAWL), *PEOPLE)

    assert "FAILED" not in report, report
    pages = {line.split(":")[0]: int(line.split()[1]) for line in report.splitlines()}
    assert set(pages) == set(PEOPLE)
    assert min(pages.values()) >= 30, report
