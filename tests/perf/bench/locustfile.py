"""One page under load: the signed-in users and URLs come from the plan `run.py` writes.

BENCH_PLAN names a JSON file with, for the page in BENCH_PAGE, its persona's signed-in
accounts: each one's session cookie and the URLs it may request (one chosen at random
each time, so the load spreads over areas, sessions and searches); the floor's accounts
have no cookie and ask signed out. Pages that write have "posts" instead of URLs: each a
URL and the form's fields, sent as htmx sends them. Each simulated user
keeps one account; with more users than accounts, accounts are shared like open tabs.
Users request back to back, or with BENCH_THINK_SECONDS they pause between requests.
The X-Query-Count header of every response is collected and written to
BENCH_QUERIES_OUT when the run ends.
"""

import itertools
import json
import os
import random
import re
from urllib.parse import urlencode

from locust import FastHttpUser, between, constant, events, task

with open(os.environ["BENCH_PLAN"]) as plan_file:
    PLAN = json.load(plan_file)[os.environ["BENCH_PAGE"]]
_accounts = itertools.cycle(PLAN)
_query_counts = []
# Back to back (0), or pausing about this many seconds between requests as a person does.
THINK = float(os.environ.get("BENCH_THINK_SECONDS", "0"))


class PageUser(FastHttpUser):
    wait_time = between(THINK / 2, THINK * 3 / 2) if THINK else constant(0)

    def on_start(self):
        account = next(_accounts)
        self.cookie = account["cookie"]
        self.urls, self.posts = account.get("urls"), account.get("posts")
        self.rng = random.Random()

    @task
    def page(self):
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if self.posts:
            url, fields = self.rng.choice(self.posts)
            token = re.search(r"csrftoken=([^;]+)", self.cookie).group(1)
            request = self.client.post(
                url,
                data=urlencode(fields),
                headers={
                    **headers,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-CSRFToken": token,
                    "HX-Request": "true",
                },
                name=os.environ["BENCH_PAGE"],
                allow_redirects=False,
                catch_response=True,
            )
        else:
            url = self.rng.choice(self.urls)
            request = self.client.get(
                url,
                name=os.environ["BENCH_PAGE"],
                headers=headers,
                allow_redirects=False,
                catch_response=True,
            )
        with request as response:
            if response.status_code != 200:
                response.failure(f"{url} answered {response.status_code}")
                return
            count = response.headers.get("X-Query-Count")
            if count is not None:
                _query_counts.append(int(count))


@events.quitting.add_listener
def _write_query_counts(environment, **kwargs):
    with open(os.environ["BENCH_QUERIES_OUT"], "w") as out:
        json.dump(_query_counts, out)
