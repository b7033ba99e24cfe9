"""A live partnership day under load: phones, walls and moderators (see live.py).

LIVE_PLAN names the rooms (code, queue and wall addresses, signed-in cookies of each
room's facilitator) and how many of each user to run; what was sent, acknowledged and
seen is written to LIVE_RESULTS when the run ends.
"""

import html
import itertools
import json
import os
import random
import re
import time
from collections import defaultdict

from locust import FastHttpUser, between, constant, events, task

with open(os.environ["LIVE_PLAN"]) as plan_file:
    PLAN = json.load(plan_file)
ROOMS = PLAN["rooms"]
WORDS = {
    "barrier": [
        "The bus stops running at six",
        "Letters from the surgery are only in English",
        "You can only book by phone at eight",
        "Nobody explains what the test is for",
        "The clinic is two buses away",
        "I cannot take time off work",
    ],
    "idea": [
        "the surgery opened one evening a week",
        "community leaders rang people before their appointment",
        "letters came in the languages people read",
        "there was a screening day at the mosque",
    ],
    "story": [
        "I threw the letter away because I could not read it.",
        "My mum never went because nobody explained it.",
        "When the nurse spoke Tetum I finally understood.",
    ],
}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CLIENT_ID = re.compile(r'name="client_id" value="([0-9a-f-]+)"')
ON_WALL = re.compile(r"(\d+) things? on the wall")
ITEM = re.compile(r'id="item-(\d+)"')

_numbers = defaultdict(itertools.count)
acknowledged, attempted = set(), set()
counts = defaultdict(int)
# Per room: when each acceptance was answered, in order.
accepted_at = defaultdict(list)
# Per wall: when it first answered, and when it first showed the k-th accepted item.
walls_seen = []


def _room(kind: str) -> dict:
    return ROOMS[next(_numbers[kind]) % len(ROOMS)]


class Phone(FastHttpUser):
    fixed_count = PLAN["phones"]
    wait_time = between(5, 15)

    def on_start(self):
        self.room = _room("phone")
        self.rng = random.Random()
        self.client.get(f"/live/{self.room['code']}/", name="phone: room")

    @task
    def send(self):
        kind = self.rng.choice(["barrier", "barrier", "idea", "story"])
        url = f"/live/{self.room['code']}/{kind}/"
        form = self.client.get(url, name="phone: form")
        data = {
            "csrfmiddlewaretoken": CSRF.search(form.text).group(1),
            "client_id": CLIENT_ID.search(form.text).group(1),
            "text": self.rng.choice(WORDS[kind]),
        }
        if kind == "barrier":
            data["barrier_type"] = ""
        if kind == "story":
            data.update(naming="role", role="a resident of the town", sharing="reports")
        self._send(url, data)
        # A dropped connection: the phone's queue sends the same item again.
        if self.rng.random() < 0.1:
            counts["resent"] += 1
            self._send(url, data)

    def _send(self, url, data):
        counts["sent"] += 1
        attempted.add(data["client_id"])
        with self.client.post(
            url, data=data, name="phone: send", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 302:
                acknowledged.add(data["client_id"])
            else:
                counts["refused"] += 1
                response.failure(f"{url} answered {response.status_code}")


class Wall(FastHttpUser):
    """The projector page's poll: If-None-Match with the version it shows."""

    fixed_count = PLAN["walls"]
    wait_time = constant(1.5)

    def on_start(self):
        self.room = _room("wall")
        number = next(_numbers["wall-account"])
        self.cookie = self.room["cookies"][number % len(self.room["cookies"])]
        self.etag = None
        self.seen = []
        self.since = [None]
        walls_seen.append((self.room["id"], self.since, self.seen))

    @task
    def poll(self):
        headers = {"Cookie": self.cookie, "HX-Request": "true"}
        if self.etag:
            headers["If-None-Match"] = self.etag
        with self.client.get(
            f"{self.room['wall']}?section=wall&group=type",
            name="wall: poll",
            headers=headers,
            catch_response=True,
        ) as response:
            counts["wall_polls"] += 1
            if response.status_code == 304:
                counts["wall_unchanged"] += 1
                return
            if response.status_code != 200:
                response.failure(f"wall answered {response.status_code}")
                return
            self.etag = response.headers.get("ETag")
            shown = int(ON_WALL.search(response.text).group(1))
            now = time.time()
            self.since[0] = self.since[0] or now
            self.seen.extend([now] * max(shown - len(self.seen), 0))


class Moderator(FastHttpUser):
    """Reads the queue and accepts an item, each moderator of a room taking a different
    one (the first, second or third waiting), as people sharing a queue do."""

    fixed_count = PLAN["moderators"]
    wait_time = between(1, 2)

    def on_start(self):
        self.room = _room("moderator")
        self.slot = next(_numbers[f"slot-{self.room['id']}"])
        self.cookie = self.room["cookies"][self.slot % len(self.room["cookies"])]
        self.csrf = re.search(r"csrftoken=([^;]+)", self.cookie).group(1)

    @task
    def moderate(self):
        headers = {"Cookie": self.cookie, "HX-Request": "true"}
        queue = self.client.get(self.room["queue"], name="moderator: queue", headers=headers)
        items = ITEM.findall(queue.text)
        if not items:
            return
        pk = items[min(self.slot, len(items) - 1)]
        data = {f"item-{pk}-theme": ""}
        text = re.search(rf'name="item-{pk}-text"[^>]*>(.*?)</textarea>', queue.text, re.S)
        if text:
            kind = re.search(rf'name="item-{pk}-kind".*?value="(\w+)" selected', queue.text, re.S)
            data.update(
                {
                    f"item-{pk}-text": html.unescape(text.group(1)).strip(),
                    f"item-{pk}-kind": kind.group(1),
                    f"item-{pk}-barrier_type": "",
                }
            )
        url = self.room["queue"].replace("queue/", f"items/{pk}/accept/")
        with self.client.post(
            url,
            data=data,
            name="moderator: accept",
            headers={**headers, "X-CSRFToken": self.csrf},
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"accept answered {response.status_code}")
            elif "Someone else dealt with that item first" not in response.text:
                accepted_at[self.room["id"]].append(time.time())


@events.quitting.add_listener
def _write_results(environment, **kwargs):
    delays = []
    for room_id, (since,), seen in walls_seen:
        accepted = accepted_at[room_id]
        # Only what was accepted while the wall was up (walls start over the first few
        # seconds); the wall can show an item a moment before its acceptance is answered.
        delays += [
            max(at - accepted[k], 0.0)
            for k, at in enumerate(seen)
            if k < len(accepted) and since is not None and accepted[k] > since
        ]
    with open(os.environ["LIVE_RESULTS"], "w") as out:
        json.dump(
            {
                "acknowledged": sorted(acknowledged),
                "attempted": sorted(attempted),
                "sent": counts["sent"],
                "resent": counts["resent"],
                "refused": counts["refused"],
                "wall_polls": counts["wall_polls"],
                "wall_unchanged": counts["wall_unchanged"],
                "wall_delays": delays,
                "accepted_per_room": {str(k): len(v) for k, v in accepted_at.items()},
            },
            out,
        )
