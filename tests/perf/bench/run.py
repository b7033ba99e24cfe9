"""`make bench`: the key pages at national scale, through gunicorn, under load.

Steps: make sure the bench database exists, is migrated and holds a generated programme
of the asked size (generating it if not); serve the app with gunicorn (2 sync workers
unless --workers says otherwise, persistent database connections, Redis cache, DEBUG off,
BENCH_MODE on); sign the benchmark accounts in through the real sign-in and two-factor
forms; load each page with locust at each number of users; run the other benchmarks in
tests/perf; print one report and write it to var/bench/results.md.

The bench database is its own (BENCH_DATABASE_URL, by default partnerships_bench): it is
only ever replaced if it is empty or holds generated data.

With --scenario live it plays partnership days instead (see live.py): phones, walls and
moderators in rooms open at once, and every item counted in and out.
"""

import argparse
import csv
import json
import os
import platform
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from tests.perf.bench import live  # noqa: E402 - found through the path just set

VENV = ROOT / ".venv" / "bin"
OUT = ROOT / "var" / "bench"
ACCOUNTS_PER_PERSONA = 8  # 24 sign-ins stay under the login rate limit of 30 a minute
P95_BUDGET_MS = 150
RATIO_BUDGET = 0.25  # of the signed-in baseline's throughput, for each key page
BASELINE_FLOOR_BUDGET = 0.35  # of the floor's throughput, for the signed-in baseline
WORKER_RSS_BUDGET_MB = 250
WRITE_P95_BUDGET_MS = 80
SEARCHES = ["community", "screening", "partn", "measuring impact", "older people", "toolkit"]

# page key → (what it is, persona). The floor and the baseline are measured first.
PAGES = {
    "floor": ("Floor: the middleware alone, signed out", "facilitator"),
    "baseline": ("Baseline: minimal signed-in view", "facilitator"),
    "dashboard": ("Programme dashboard", "lead"),
    "area": ("Area page", "facilitator"),
    "session": ("Session page", "facilitator"),
    "my_actions": ("My actions", "steering"),
    "action_board": ("Area action board", "facilitator"),
    "library_search": ("Resource search", "facilitator"),
    "cao_as_of": ("CAO statements as of a date", "lead"),
    "add_action": ("Session page: add an action (htmx)", "facilitator"),
    "add_barrier": ("Session page: add a barrier (htmx)", "facilitator"),
}
# Pages that post (each a url and its form's fields), answered by the list they changed.
WRITES = {"add_action", "add_barrier"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=1250)
    parser.add_argument(
        "--scenario",
        choices=["pages", "live"],
        default="pages",
        help="The key pages (the default), or live partnership days.",
    )
    parser.add_argument("--users", default="8,32", help="Concurrent users, comma-separated.")
    parser.add_argument(
        "--seconds", type=int, help="Length of each load run (20 s; 120 s for live days)."
    )
    parser.add_argument(
        "--live-runs",
        default="1x100,5x60",
        help="Live days to play, comma-separated: rooms x phones in each room.",
    )
    parser.add_argument("--walls", type=int, default=100, help="Walls following the rooms.")
    parser.add_argument("--moderators", type=int, default=3, help="Moderators in each room.")
    parser.add_argument(
        "--paced-users",
        type=int,
        default=8,
        help="Users for the paced run, each pausing between requests as a person does (0: none).",
    )
    parser.add_argument(
        "--think", type=float, default=1.0, help="Mean pause of a paced user, in seconds."
    )
    parser.add_argument("--port", type=int, default=8403)
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn sync workers (production runs 3)."
    )
    parser.add_argument(
        "--pages",
        default=",".join(PAGES),
        help="Pages to measure, comma-separated (every one by default; keep floor and baseline "
        "for the ratios).",
    )
    parser.add_argument("--skip-perf-tests", action="store_true")
    args = parser.parse_args()
    live_day = args.scenario == "live"
    args.seconds = args.seconds or (120 if live_day else 20)
    OUT.mkdir(parents=True, exist_ok=True)
    env = live.server_env(server_env()) if live_day else server_env()
    os.environ.update(env)

    import django

    django.setup()
    ensure_database(env["DATABASE_URL"])
    manage("migrate", "--noinput", "-v0", env=env)
    generator = ensure_programme(args.areas, env)
    vacuum(env["DATABASE_URL"])
    base = f"http://127.0.0.1:{args.port}"
    if live_day:
        play_live_days(args, env, base, generator)
        return
    plans = plan_urls()
    pages = [page for page in args.pages.split(",") if page]
    results, paced = [], []

    def measure(page, users, think=0.0) -> Result:
        warm_up(base, plans[page])
        result = load(base, page, users, args.seconds, think=think)
        print(f"  {result.line()}", flush=True)
        return result

    with gunicorn(args.port, env, args.workers) as server:
        sign_in_all(base, plans)
        (OUT / "plan.json").write_text(json.dumps(plans))
        for users in [int(n) for n in args.users.split(",")]:
            results += [measure(page, users) for page in pages]
        if args.paced_users:
            paced = [measure(page, args.paced_users, args.think) for page in pages]
        memory = server.workers_rss_mb()
    perf_tests = [] if args.skip_perf_tests else run_perf_tests(env)
    report = render_report(args, generator, results, paced, perf_tests, memory)
    (OUT / "results.md").write_text(report)
    print("\n" + report)


def play_live_days(args, env, base, generator):
    from django.utils import timezone

    with gunicorn(args.port, env, args.workers):
        results = [
            live.run_once(base, live.LiveRun.parse(text), args, OUT, sign_in)
            for text in args.live_runs.split(",")
        ]
    report = f"Data: {args.areas:,} areas; {generator}.\n" + live.report(
        results, args, machine(), f"{timezone.now():%Y-%m-%d %H:%M}"
    )
    (OUT / "live-results.md").write_text(report)
    print("\n" + report)


def server_env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "partnerships.settings",
        "DATABASE_URL": os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/partnerships_bench"
        ),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "WHITENOISE_USE_FINDERS": "true",
        "DB_CONN_MAX_AGE": "600",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "rediscache://127.0.0.1:6379/5"),
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "EMAIL_URL": "consolemail://",
        "BENCH_MODE": "true",
    }


def manage(*arguments, env, capture=False):
    command = [str(VENV / "python"), str(ROOT / "manage.py"), *arguments]
    if capture:
        return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    subprocess.run(command, env=env, check=True)
    return ""


def ensure_database(url: str):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def vacuum(url: str):
    """VACUUM (ANALYZE) the bench database, as autovacuum keeps a production one.

    Without it, a database written by COPY has no visibility map until autovacuum gets to
    it (never, on a server running without autovacuum, or whose statistics were reset): every
    index-only scan then reads the table as well. The dashboard's counts of open actions
    took 24 ms instead of 3. Seconds on a database already vacuumed.
    """
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE)")


def ensure_programme(areas: int, env) -> str:
    """Generate the programme unless the database already holds one of this size."""
    from areas.models import Area
    from partnerships.models import User
    from scale import accounts

    generated = User.objects.filter(email=accounts.lead_email(0)).exists()
    if generated and Area.objects.count() == areas:
        return f"reused the {areas:,} areas already generated"
    if Area.objects.exists() and not generated:
        sys.exit("The bench database holds areas that were not generated; set BENCH_DATABASE_URL.")
    print(f"Generating {areas:,} areas…", flush=True)
    output = manage("generate_scale_data", "--areas", str(areas), "--reset", env=env, capture=True)
    print(output, flush=True)
    return output.strip().splitlines()[-1]


def plan_urls() -> dict:
    """Each page's accounts and, for each, the URLs that account may see."""
    from django.urls import reverse
    from django.utils import timezone

    from areas.models import Area
    from partnerships.models import AreaRole, Membership
    from scale import accounts
    from workshops.models import Session, SessionStatus
    from workshops.selectors import area_people

    today = timezone.localdate()
    dates = [today - timedelta(days=days) for days in (0, 90, 365)]
    plans = {page: [] for page in PAGES}
    # A small programme has fewer facilitators (one for every three areas) than that.
    facilitators = (
        Membership.objects.filter(
            person__email__endswith="@bench.example", role=AreaRole.FACILITATOR
        )
        .values("person")
        .distinct()
        .count()
    )
    for number in range(min(ACCOUNTS_PER_PERSONA, facilitators)):
        lead = accounts.lead_email(number)
        plans["dashboard"].append({"email": lead, "urls": [reverse("areas:list")]})
        plans["cao_as_of"].append(
            {
                "email": lead,
                "urls": [f"{reverse('areas:statements-as-of')}?on={day}" for day in dates],
            }
        )
        steering = accounts.steering_email(number)
        plans["my_actions"].append({"email": steering, "urls": [reverse("workshops:my-actions")]})
        facilitator = accounts.facilitator_email(number)
        slugs = list(
            Membership.objects.filter(
                person__email=facilitator, role=AreaRole.FACILITATOR
            ).values_list("area__slug", flat=True)
        )
        sessions = Session.objects.filter(
            area__slug__in=slugs, status=SessionStatus.WRITTEN_UP
        ).values_list("area__slug", "pk")
        per_page = {
            "floor": ["/bench/floor/"],
            "baseline": ["/bench/baseline/"],
            "area": [reverse("areas:detail", args=[slug]) for slug in slugs],
            "session": [reverse("workshops:session-detail", args=pair) for pair in sessions],
            "action_board": [reverse("workshops:action-board", args=[slug]) for slug in slugs],
            "library_search": [f"{reverse('library:index')}?q={q}" for q in SEARCHES],
        }
        for page, urls in per_page.items():
            plans[page].append({"email": facilitator, "urls": urls})
        # Owners without an email address: the bench measures the write, not the email
        # the owner is sent (eager here, a Celery task in production).
        owners = {
            area.slug: area_people(area).filter(email="").values_list("pk", flat=True).first()
            for area in Area.objects.filter(slug__in=slugs)
        }
        action_posts = [
            [
                reverse("workshops:action-add", args=[slug, pk]),
                {"new-action-description": "Ring the pantry", "new-action-owner": owners[slug]},
            ]
            for slug, pk in sessions
        ]
        barrier_posts = [
            [
                reverse("workshops:insight-add", args=[slug, pk, "barrier"]),
                {"new-barrier-text": "The letters use words nobody uses"},
            ]
            for slug, pk in sessions
        ]
        plans["add_action"].append({"email": facilitator, "posts": action_posts})
        plans["add_barrier"].append({"email": facilitator, "posts": barrier_posts})
    for account in plans["floor"]:
        account["signed_out"] = True
    return plans


class gunicorn:
    def __init__(self, port, env, workers=2):
        self.port, self.env, self.workers = port, env, workers

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(VENV / "gunicorn"),
                "partnerships.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        for _ in range(60):
            try:
                if requests.get(f"http://127.0.0.1:{self.port}/healthz", timeout=10).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.__exit__()
        sys.exit("gunicorn did not answer /healthz")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def workers_rss_mb(self) -> list[float]:
        """Each worker's resident memory now, in MB (Linux: read from /proc)."""
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        sizes = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            rss_kb = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1))
            sizes.append(rss_kb / 1024)
        return sizes


def sign_in_all(base, plans):
    """Sign each account in once, through the real forms; pages share the sessions."""
    from scale import totp

    cookies = {}
    for accounts in plans.values():
        for account in accounts:
            if account.get("signed_out"):
                account["cookie"] = ""
                continue
            email = account["email"]
            if email not in cookies:
                cookies[email] = sign_in(base, email, totp)
            account["cookie"] = cookies[email]


def sign_in(base, email, totp) -> str:
    from scale.accounts import PASSWORD

    browser = requests.Session()
    login = f"{base}/accounts/login/"
    browser.get(login)
    response = browser.post(
        login,
        data={
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            "login": email,
            "password": PASSWORD,
        },
        headers={"Referer": login},
    )
    if "/2fa/authenticate/" in response.url:
        response = browser.post(
            response.url,
            data={
                "csrfmiddlewaretoken": browser.cookies["csrftoken"],
                "code": totp.code_for(totp.secret_for(email)),
            },
            headers={"Referer": response.url},
        )
    check = browser.get(f"{base}/bench/baseline/", allow_redirects=False)
    if check.status_code != 200:
        sys.exit(f"Could not sign {email} in (the baseline answered {check.status_code}).")
    return "; ".join(f"{name}={value}" for name, value in browser.cookies.items())


def warm_up(base, accounts):
    """Compile templates and open each worker's database connection before measuring."""
    for account in accounts[:2]:
        for url in account.get("urls", [])[:2]:
            for _ in range(2):
                headers = {"Cookie": account["cookie"]} if account["cookie"] else {}
                requests.get(base + url, headers=headers, timeout=60)


@dataclass
class Result:
    page: str
    users: int
    requests: int
    failures: int
    p50: float
    p95: float
    p99: float
    rps: float
    queries_max: int
    queries_mean: float
    think: float = 0

    def line(self):
        pace = "paced" if self.think else "users"
        return (
            f"{PAGES[self.page][0]:<36} {self.users:>3} {pace}  p50 {self.p50:>5.0f} ms  "
            f"p95 {self.p95:>5.0f} ms  p99 {self.p99:>5.0f} ms  {self.rps:>6.1f} req/s  "
            f"{self.queries_max:>3} queries  {self.failures} failed"
        )


def load(base, page, users, seconds, *, think=0.0) -> Result:
    """`users` requesting the page for `seconds`: back to back, or with `think` seconds'
    pause on average (uniformly half to one and a half times it) as people do."""
    name = f"{page}-{users}" + ("-paced" if think else "")
    prefix = OUT / name
    queries_file = OUT / f"{name}-queries.json"
    with open(f"{prefix}.log", "w") as log:  # locust's own summary and any errors
        subprocess.run(
            [
                str(VENV / "locust"),
                "-f",
                str(Path(__file__).with_name("locustfile.py")),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                "--host",
                base,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "ERROR",
            ],
            env={
                **os.environ,
                "BENCH_PLAN": str(OUT / "plan.json"),
                "BENCH_PAGE": page,
                "BENCH_THINK_SECONDS": str(think),
                "BENCH_QUERIES_OUT": str(queries_file),
            },
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    with open(f"{prefix}_stats.csv") as stats:
        row = next(r for r in csv.DictReader(stats) if r["Name"] == page)
    counts = json.loads(queries_file.read_text()) or [0]
    return Result(
        page=page,
        users=users,
        requests=int(row["Request Count"]),
        failures=int(row["Failure Count"]),
        p50=float(row["50%"]),
        p95=float(row["95%"]),
        p99=float(row["99%"]),
        rps=float(row["Requests/s"]),
        queries_max=max(counts),
        queries_mean=sum(counts) / len(counts),
        think=think,
    )


def run_perf_tests(env) -> list[dict]:
    """The other benchmarks (tests/perf), each with the figures it prints."""
    junit = OUT / "perf-tests.xml"
    subprocess.run(
        [
            str(VENV / "pytest"),
            "-m",
            "perf",
            str(ROOT / "tests" / "perf"),
            "-q",
            "-p",
            "no:randomly",
            f"--junitxml={junit}",
            "-o",
            "junit_logging=system-out",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_DEBUG": "true", "BENCH_MODE": "false"},
        check=False,
    )
    tests = []
    for case in ET.parse(junit).getroot().iter("testcase"):
        failed = case.find("failure") is not None or case.find("error") is not None
        out = case.find("system-out")
        lines = [
            line for line in (out.text if out is not None else "").splitlines() if line.strip()
        ]
        tests.append(
            {
                "name": f"{case.get('classname', '').rsplit('.', 1)[-1]}::{case.get('name')}",
                "seconds": float(case.get("time", 0)),
                "passed": not failed and case.find("skipped") is None,
                "skipped": case.find("skipped") is not None,
                "output": [line for line in lines if not re.match(r"^-+ Captured .*-+$", line)],
            }
        )
    return tests


def machine() -> str:
    from django.db import connection

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1024 / 1024:.1f} GB memory, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"PostgreSQL {postgres}"
    )


def render_report(args, generator, results, paced, perf_tests, memory) -> str:
    from django.utils import timezone

    baseline = {r.users: r.rps for r in results if r.page == "baseline"}
    floor = {r.users: r.rps for r in results if r.page == "floor"}
    lines = [
        f"Run {timezone.now():%Y-%m-%d %H:%M} UTC on {machine()}.",
        f"Data: {args.areas:,} areas; {generator}.",
        f"Each page: {args.seconds} s of closed-loop load per user count; gunicorn with "
        f"{args.workers} sync "
        "workers; persistent database connections; the load generator on the same machine.",
        "",
        "| page | users | p50 ms | p95 ms | p99 ms | req/s | × floor | × baseline | "
        "queries/request | failed | within budget |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        ratio = r.rps / baseline[r.users] if baseline.get(r.users) else 0
        of_floor = r.rps / floor[r.users] if floor.get(r.users) else 0
        queries = (
            f"{r.queries_max}"
            if r.queries_max == round(r.queries_mean)
            else (f"{r.queries_mean:.1f} (max {r.queries_max})")
        )
        verdict = "—"
        if r.page == "baseline" and r.users == 8:
            verdict = (
                "yes"
                if of_floor >= BASELINE_FLOOR_BUDGET
                else f"**no**: < {BASELINE_FLOOR_BUDGET:.0%} of the floor"
            )
        elif r.page in WRITES and r.users == 8:
            misses = [f"p95 ≥ {WRITE_P95_BUDGET_MS} ms"] if r.p95 >= WRITE_P95_BUDGET_MS else []
            if r.queries_max > 12:
                misses.append("more than 12 queries")
            if r.failures:
                misses.append("failures")
            verdict = "yes" if not misses else "**no**: " + ", ".join(misses)
        elif r.page != "floor" and r.users == 8:
            misses = []
            if r.p95 >= P95_BUDGET_MS:
                misses.append(f"p95 ≥ {P95_BUDGET_MS} ms")
            if ratio < RATIO_BUDGET:
                misses.append(f"< {RATIO_BUDGET:.0%} of baseline")
            if r.failures:
                misses.append("failures")
            verdict = "yes" if not misses else "**no**: " + ", ".join(misses)
        lines.append(
            f"| {PAGES[r.page][0]} | {r.users} | {r.p50:.0f} | {r.p95:.0f} | {r.p99:.0f} | "
            f"{r.rps:.1f} | {of_floor:.1%} | {ratio:.0%} | {queries} | {r.failures} | {verdict} |"
        )
    if paced:
        lines += [
            "",
            f"At a person's pace: {args.paced_users} users, each pausing {args.think / 2:g}–"
            f"{args.think * 3 / 2:g} s between requests ({args.seconds} s a page).",
            "",
            "| page | p50 ms | p95 ms | p99 ms | requests | req/s | failed | p95 within budget |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for r in paced:
            verdict = "—"
            if r.page not in ("floor", "baseline"):
                budget = WRITE_P95_BUDGET_MS if r.page in WRITES else P95_BUDGET_MS
                verdict = "yes" if r.p95 < budget and not r.failures else "**no**"
            lines.append(
                f"| {PAGES[r.page][0]} | {r.p50:.0f} | {r.p95:.0f} | {r.p99:.0f} | "
                f"{r.requests} | {r.rps:.1f} | {r.failures} | {verdict} |"
            )
    if memory:
        sizes = ", ".join(f"{size:.0f}" for size in memory)
        verdict = "within" if max(memory) < WORKER_RSS_BUDGET_MB else "**over**"
        lines += [
            "",
            f"Resident memory of each gunicorn worker after the runs: {sizes} MB "
            f"({verdict} the budget of {WORKER_RSS_BUDGET_MB} MB a worker).",
        ]
    if perf_tests:
        lines += ["", "Other benchmarks (`pytest -m perf tests/perf`):", ""]
        for test in perf_tests:
            state = "passed" if test["passed"] else ("skipped" if test["skipped"] else "FAILED")
            lines.append(f"- `{test['name']}` — {state} in {test['seconds']:.1f} s")
            lines += [f"  - {line.strip()}" for line in test["output"] if line.strip()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
