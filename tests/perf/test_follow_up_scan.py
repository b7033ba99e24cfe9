"""The follow-up scan at the scale of a long-running programme: 500,000 actions.

Run with `pytest -m perf tests/perf` against PostgreSQL. The actions are written with
COPY; the scan must find what is due in a fixed number of set-based statements and
finish in under five seconds.
"""

import datetime as dt
import random
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships.models import AreaRole, Membership, Person
from tests.factories import AreaFactory
from workshops.followups import planning
from workshops.models import Action, ActionStatus, FollowUp, FollowUpKind, FollowUpOptOut

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

ACTIONS = 500_000
AREAS = 50
OWNERS = 20_000
SCAN_SECONDS = 5


def copy_rows(table, columns, rows):
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


@pytest.fixture
def programme(db):
    """Fifty areas, each with two facilitators; 20,000 owners; 500,000 actions due over
    two years, two in five of them done."""
    if connection.vendor != "postgresql":
        pytest.skip("The benchmark is for PostgreSQL.")
    areas = AreaFactory.create_batch(AREAS)
    now = timezone.now()
    copy_rows(
        "partnerships_person",
        ["full_name", "email", "phone", "job_title", "programme_role", "created_at"],
        (
            (f"Owner {n}", f"owner{n}@example.org", "", "", "", now)
            for n in range(OWNERS + 2 * AREAS)
        ),
    )
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    owners, facilitators = people[:OWNERS], people[OWNERS:]
    Membership.objects.bulk_create(
        Membership(person_id=person, area=areas[n // 2], role=AreaRole.FACILITATOR)
        for n, person in enumerate(facilitators)
    )
    FollowUpOptOut.objects.bulk_create(
        FollowUpOptOut(person_id=person, kind=FollowUpKind.REMINDERS) for person in owners[::50]
    )
    today = timezone.localdate()
    created = now - dt.timedelta(days=400)
    randomness = random.Random(5)
    statuses = [*ActionStatus.values, ActionStatus.DONE]
    copy_rows(
        "workshops_action",
        [
            "area_id",
            "description",
            "owner_id",
            "due_on",
            "status",
            "blocked_reason",
            "version",
            "owner_link_nonce",
            "created_at",
            "updated_at",
        ],
        (
            (
                areas[n % AREAS].pk,
                f"Action {n}",
                owners[randomness.randrange(OWNERS)],
                today + dt.timedelta(days=randomness.randint(-365, 365)),
                statuses[randomness.randrange(len(statuses))],
                "",
                1,
                f"{n:032x}",
                created,
                created,
            )
            for n in range(ACTIONS)
        ),
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE partnerships_person, partnerships_membership, workshops_action")
    return today


def test_the_reminder_scan_over_half_a_million_actions(programme):
    today = programme
    assert Action.objects.count() == ACTIONS

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        planned = planning.plan_reminders(today=today)
        first = time.perf_counter() - started
    started = time.perf_counter()
    again = planning.plan_reminders(today=today)
    second = time.perf_counter() - started
    started = time.perf_counter()
    digests = planning.plan_digests(week_of=today)
    digest_time = time.perf_counter() - started

    print(
        f"\nReminder scan over {ACTIONS:,} actions: {first:.2f} s, {len(queries)} queries, "
        f"{planned:,} emails owed; run again: {second:.2f} s, {again} new. "
        f"Weekly digests: {digests:,} in {digest_time:.2f} s."
    )
    assert planned > 1000
    assert again == 0
    assert len(queries) <= 4
    assert first < SCAN_SECONDS
    assert FollowUp.objects.count() == planned + digests
