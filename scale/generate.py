"""Builds a national programme: one area per primary care network, every app's records.

Everything comes from one seeded `random.Random`, and dates count from today, so the
same seed on the same day gives the same programme.
"""

import datetime as dt
import random
import time
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from areas.models import Cohort
from scale import accounts, budgets, community, library, outcomes, sessions
from scale.writer import Writer
from workshops.models import BarrierType

COHORTS = 6
AREAS_PER_FLUSH = 20
RESOURCES_PER_AREA = 2


@dataclass
class Context:
    rng: random.Random
    writer: Writer
    now: dt.datetime
    password_hash: str
    barrier_types: list[int]
    bench_accounts: int

    @property
    def today(self) -> dt.date:
        return timezone.localdate(self.now)

    @staticmethod
    def days(n) -> dt.timedelta:
        return dt.timedelta(days=n)

    @staticmethod
    def hours(n) -> dt.timedelta:
        return dt.timedelta(hours=n)

    @staticmethod
    def date(year, month, day) -> dt.date:
        return dt.date(year, month, day)

    @staticmethod
    def aware(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def generate(*, areas: int, seed: int, bench_accounts: int, progress=lambda message: None):
    """Write the programme; returns the row counts per model and the seconds taken."""
    started = time.monotonic()
    today = timezone.localdate()
    ctx = Context(
        rng=random.Random(seed),
        writer=Writer(),
        now=timezone.make_aware(dt.datetime.combine(today, dt.time(9))),
        password_hash=make_password(accounts.PASSWORD, salt="benchaccounts"),
        barrier_types=list(BarrierType.objects.order_by("pk").values_list("pk", flat=True)),
        bench_accounts=bench_accounts,
    )
    cohorts = [
        ctx.writer.add(
            Cohort,
            name=f"Wave {n + 1}",
            slug=f"wave-{n + 1}",
            starts_on=today - ctx.days(900 - 150 * n),
        )
        for n in range(min(COHORTS, areas))
    ]
    facilitators = accounts.add_facilitators(ctx, areas)
    accounts.add_leads(ctx, bench_accounts)
    for number in range(areas):
        own = facilitators[number // accounts.AREAS_PER_FACILITATOR]
        # One area in five shares a second facilitator, as busy places do.
        team = [own] if ctx.rng.random() < 0.8 else [own, ctx.rng.choice(facilitators)]
        plan = community.add_area(
            ctx, number, cohorts[number % len(cohorts)], list(dict.fromkeys(team))
        )
        held = sessions.add_sessions(ctx, plan)
        sessions.add_actions(ctx, plan, held)
        outcomes.add_outcomes(ctx, plan)
        budgets.add_budgets(ctx, plan)
        if (number + 1) % AREAS_PER_FLUSH == 0:
            ctx.writer.flush()
            progress(f"{number + 1:,} of {areas:,} areas ({time.monotonic() - started:.0f} s)")
    library.add_resources(ctx, areas * RESOURCES_PER_AREA)
    ctx.writer.flush()
    library.index_resources()
    _analyze()
    return dict(sorted(ctx.writer.counts.items())), time.monotonic() - started


def _analyze():
    """Fresh planner statistics, as autovacuum would give a real database in time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
