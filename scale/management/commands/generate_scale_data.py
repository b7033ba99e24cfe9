"""manage.py generate_scale_data --areas 1250: a national programme to benchmark against."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from areas.models import Area
from scale.generate import generate

# What --reset empties; CASCADE takes every table that points at these.
RESET_TABLES = [
    "partnerships_user",
    "partnerships_person",
    "partnerships_organisation",
    "partnerships_auditevent",
    "areas_cohort",
    "areas_area",
    "resources_resource",
    "django_session",
]


class Command(BaseCommand):
    help = "Generate a national-scale programme (one area per PCN) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--areas", type=int, default=1250, help="How many areas (default 1,250)."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--bench-accounts",
            type=int,
            default=40,
            help="Programme leads, and steering chairs with known sign-ins, for load tests.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty people, areas and the library first (PostgreSQL only).",
        )

    def handle(self, *args, areas, seed, bench_accounts, reset, **options):
        # The generated sign-ins share a password and two-factor keys anyone can work out
        # from this repository, so they belong only in a benchmark's own database.
        if not (settings.DEBUG or settings.BENCH_MODE):
            raise CommandError(
                "generate_scale_data only runs with DJANGO_DEBUG=true or BENCH_MODE=true, "
                "because its sign-ins have a published password; point DATABASE_URL at a "
                "benchmark database and use `make bench`."
            )
        if areas < 1:
            raise CommandError("--areas must be at least 1.")
        if reset:
            self._reset()
        elif Area.objects.exists():
            raise CommandError(
                "The database already has areas. Use --reset to replace them "
                "(this deletes every person, area and resource)."
            )
        counts, seconds = generate(
            areas=areas,
            seed=seed,
            bench_accounts=min(bench_accounts, areas),
            progress=lambda message: self.stdout.write(message),
        )
        width = max(len(label) for label in counts)
        for label, count in counts.items():
            self.stdout.write(f"  {label:<{width}}  {count:>10,}")
        total = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {areas:,} areas, {total:,} rows in {seconds:.1f} s "
                f"({total / seconds:,.0f} rows/s)."
            )
        )

    def _reset(self):
        if connection.vendor != "postgresql":
            raise CommandError("--reset needs PostgreSQL; start from a fresh SQLite file instead.")
        with connection.cursor() as cursor:
            # Check deferred foreign keys now: TRUNCATE refuses tables with pending checks.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(RESET_TABLES)} RESTART IDENTITY CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
