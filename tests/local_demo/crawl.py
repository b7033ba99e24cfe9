"""Walk the demo programme as each of its people, following every link, and list the
pages that failed. Run by tests/local_demo/test_sqlite.py in a process of its own, with
the settings `make run` uses (SQLite, no Redis)."""

import os
import re
import sys
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnerships.settings")

import django  # after the path and settings above

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402

PAGES_EACH = 400
SAME_VIEW_AT_MOST = 2  # pages of one view: enough to reach every view in the budget
SKIPPED = ("logout", "sign-out", "erase", "delete", "withdraw")
LINK = re.compile(r'href="(/[^"#]*)"')


def walk(email: str) -> tuple[int, list[str]]:
    client = Client(raise_request_exception=True)
    client.force_login(get_user_model().objects.get(email=email))
    queue, seen, views, failures = ["/"], set(), Counter(), []
    while queue and sum(views.values()) < PAGES_EACH:
        url = queue.pop(0)
        if url in seen or url.startswith(("/static/", "/media/")):
            continue
        seen.add(url)
        try:
            view = resolve(url.split("?")[0]).view_name
        except Resolver404:
            continue
        if views[view] >= SAME_VIEW_AT_MOST or any(word in view for word in SKIPPED):
            continue
        views[view] += 1
        try:
            response = client.get(url)
        except Exception as error:  # every failure is reported, not raised
            failures.append(f"{email} {url}: {traceback.format_exception_only(error)[-1]}")
            continue
        if response.status_code >= 500:
            failures.append(f"{email} {url}: {response.status_code}")
        elif response.status_code in (301, 302) and response["Location"].startswith("/"):
            queue.insert(0, response["Location"])
        elif response.status_code == 200 and "html" in response.get("Content-Type", ""):
            page = response.content.decode()
            queue += [href.replace("&amp;", "&") for href in LINK.findall(page)]
    return sum(views.values()), failures


if __name__ == "__main__":
    for email in sys.argv[1:]:
        pages, failures = walk(email)
        print(f"{email}: {pages} pages")
        for failure in failures:
            print(f"FAILED {failure}")
