"""How long funders' PDFs take: built in the worker, downloaded from the cache; and how
their pages break at national scale.

Run with: pytest tests/perf/test_report_pdfs.py -m perf -s  (prints the figures).
The first document a process builds also pays for loading WeasyPrint and the fonts; a
worker does that once, so each benchmark warms up before it measures.

The generated programmes are 200 areas in one cohort for the funder pack and 1,250 areas
(one per primary care network) for the page-break check; REPORT_PACK_AREAS and
REPORT_LAYOUT_AREAS make them smaller for a quick run.
"""

import os
import statistics
import time

import pytest
from django.urls import reverse

from areas.models import Area, Cohort
from partnerships.models import AreaRole, Person, ProgrammeRole
from partnerships.pdf import html_to_pdf
from resources.casestudies import services
from resources.reports import documents
from resources.reports.models import CohortFunding, GeneratedDocument
from resources.reports.services import (
    document_build,
    document_request,
    funder_pack_build,
    funder_pack_request,
)
from scale.generate import generate
from tests.factories import AreaFactory, user_with_role
from tests.pdfs import every_kind, page_break_problems, pdfinfo
from tests.resources.casestudies.story import tell_story

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

CASE_STUDY_BUDGET_S = 2.0
CACHED_DOWNLOAD_BUDGET_MS = 50
CACHED_PACK_BUDGET_MS = 100
PROGRAMME_BUDGET_S = 15.0
PACK_BUDGET_S = 20.0
LARGE_PACK_BUDGET_S = 300.0
AREAS = 12
PACK_AREAS = int(os.environ.get("REPORT_PACK_AREAS", 200))
LAYOUT_AREAS = int(os.environ.get("REPORT_LAYOUT_AREAS", 1250))

TIPS = "\n\n".join(
    "Start with the people who use the service, and pay for their time. "
    "Meet where they already meet: village halls, mosques, family hubs. " * 4
    for _ in range(4)
)


@pytest.fixture
def published(world, django_capture_on_commit_callbacks):
    tell_story(world.area_a, sessions=8)
    version = services.case_study_start(
        area=world.area_a, by=world.facilitator_a.person, title="Screening with community leaders"
    )
    fields = {name: getattr(version, name) for name in services.EDITABLE_FIELDS}
    services.case_study_update(
        version=version,
        by=version.created_by,
        seen_version=version.version,
        fields={**fields, "tips": TIPS, "next_steps": TIPS},
        authors=[version.created_by],
    )
    services.case_study_submit(version=version, by=version.created_by)
    return services.case_study_approve(version=version, by=world.lead.person)


def test_a_case_study_pdf_builds_in_under_two_seconds(published):
    html = documents.case_study_document(published).html
    html_to_pdf(html)  # warm-up: WeasyPrint and fonts load once per worker
    timings, pages = [], 0
    for _ in range(5):
        started = time.perf_counter()
        _, pages = html_to_pdf(html)
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    print(f"\ncase study: {pages} pages, 3 charts, median {median:.2f} s over 5 builds")
    assert pages >= 5
    assert median < CASE_STUDY_BUDGET_S


def test_a_cached_case_study_downloads_in_under_50_ms(
    client, published, django_capture_on_commit_callbacks
):
    url = reverse("public-case-studies:pdf", kwargs={"token": published.case_study.public_token})
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    assert GeneratedDocument.objects.get().is_ready
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        response = client.get(url)
        b"".join(response.streaming_content)
        timings.append((time.perf_counter() - started) * 1000)
    median = statistics.median(timings)
    print(f"\ncached download: median {median:.1f} ms, worst {max(timings):.1f} ms over 20")
    assert response["Content-Type"] == "application/pdf"
    assert median < CACHED_DOWNLOAD_BUDGET_MS


def test_a_programme_report_for_twelve_areas_builds_in_under_fifteen_seconds(world):
    cohort = world.area_a.cohort
    tell_story(world.area_a)
    for number in range(AREAS - 1):
        tell_story(AreaFactory(name=f"Place {number}", cohort=cohort))
    html_to_pdf("<p>warm-up</p>")

    started = time.perf_counter()
    generated = document_request(document=documents.programme_document(cohort))
    document_build(document_id=generated.pk)
    elapsed = time.perf_counter() - started

    generated.refresh_from_db()
    print(f"\nprogramme report: {AREAS} areas, {generated.page_count} pages, {elapsed:.2f} s")
    assert generated.is_ready
    assert elapsed < PROGRAMME_BUDGET_S


def _publish(area, *, by, approver, title="What changed"):
    version = services.case_study_start(area=area, by=by, title=title)
    services.case_study_submit(version=version, by=by)
    return services.case_study_approve(version=version, by=approver)


def _built_pack(funder, cohort):
    html_to_pdf("<p>warm-up</p>")
    started = time.perf_counter()
    pack = funder_pack_request(person=funder.person, cohorts=[cohort])
    funder_pack_build(pack_id=pack.pk)
    elapsed = time.perf_counter() - started
    pack.refresh_from_db()
    return pack, elapsed


def test_a_funder_pack_for_a_cohort_of_twelve_areas_builds_in_under_twenty_seconds(client, world):
    cohort = world.area_a.cohort
    tell_story(world.area_a)
    for number in range(AREAS - 1):
        tell_story(AreaFactory(name=f"Place {number}", cohort=cohort))
    _publish(world.area_a, by=world.facilitator_a.person, approver=world.lead.person)
    CohortFunding.objects.create(funder=world.funder.person, cohort=cohort)

    pack, elapsed = _built_pack(world.funder, cohort)

    print(f"\nfunder pack: {AREAS} areas, {pack.parts_total - 1} documents, {elapsed:.1f} s")
    assert pack.is_ready
    assert elapsed < PACK_BUDGET_S
    client.force_login(world.funder)
    url = reverse("resources:funder-pack-download", args=[pack.pk])
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        response = client.get(url)
        b"".join(response.streaming_content)
        timings.append((time.perf_counter() - started) * 1000)
    median = statistics.median(timings)
    print(f"cached pack download: median {median:.1f} ms, worst {max(timings):.1f} ms over 20")
    assert response["Content-Type"] == "application/zip"
    assert median < CACHED_PACK_BUDGET_MS


@pytest.fixture
def two_workers(transactional_db, settings, monkeypatch, tmp_path):
    """Two Celery workers on a Redis of the test's own, as production runs more than one:
    a pack builds its documents side by side on both."""
    from django.db import connection

    from tests.integration.conftest import RedisServer, Worker, queue_tasks_on

    broker = RedisServer(tmp_path / "redis")
    queue_tasks_on(broker.url, monkeypatch)
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{connection.settings_dict['NAME']}"
        ),
        "REDIS_URL": broker.url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    workers = [Worker(env, f"--hostname=reports-{number}@%h") for number in range(2)]
    yield workers
    for worker in workers:
        worker.stop()
    broker.stop()


def test_a_funder_pack_for_two_hundred_generated_areas_builds_in_under_five_minutes(
    two_workers,
):
    generate(areas=PACK_AREAS, seed=2026, bench_accounts=1)
    cohort = Cohort.objects.order_by("pk").first()
    Area.objects.update(cohort=cohort)
    lead = Person.objects.filter(programme_role=ProgrammeRole.LEAD).first()
    for area in Area.objects.order_by("pk")[:3]:
        author = user_with_role(area, AreaRole.FACILITATOR).person
        _publish(area, by=author, approver=lead)
    funder = user_with_role(programme_role=ProgrammeRole.FUNDER)
    CohortFunding.objects.create(funder=funder.person, cohort=cohort)

    started = time.perf_counter()
    pack = funder_pack_request(person=funder.person, cohorts=[cohort])
    while time.perf_counter() - started < LARGE_PACK_BUDGET_S * 2:
        pack.refresh_from_db()
        if pack.is_ready or pack.status == "failed":
            break
        time.sleep(1)
    elapsed = time.perf_counter() - started

    print(
        f"\nfunder pack: {PACK_AREAS} generated areas, {pack.parts_total - 1} documents, "
        f"{pack.document.file.size / 1_000_000:.1f} MB, {elapsed:.0f} s with 2 workers"
    )
    assert pack.is_ready
    assert elapsed < LARGE_PACK_BUDGET_S


def test_every_kind_breaks_its_pages_cleanly_at_national_scale(db):
    """The page-break check of tests/test_pdfs.py on a programme of 1,250 areas: the
    programme report of a whole cohort, and the learning brief across every area."""
    started = time.perf_counter()
    generate(areas=LAYOUT_AREAS, seed=2026, bench_accounts=1)
    generated = time.perf_counter() - started
    area = Area.objects.select_related("cohort").order_by("pk").first()
    lead = Person.objects.filter(programme_role=ProgrammeRole.LEAD).first()
    author = user_with_role(area, AreaRole.FACILITATOR).person
    version = _publish(area, by=author, approver=lead)
    funder = user_with_role(programme_role=ProgrammeRole.FUNDER)
    for cohort in Cohort.objects.all():
        CohortFunding.objects.create(funder=funder.person, cohort=cohort)
    lead.memberships.create(area=area, role=AreaRole.FACILITATOR)
    session = area.sessions.filter(status="written_up").order_by("-starts_at").first()

    started = time.perf_counter()
    pdfs = every_kind(area=area, version=version, session=session, lead=lead.user, funder=funder)
    built = time.perf_counter() - started

    pages = {kind: pdfinfo(pdf)["Pages"] for kind, pdf in pdfs.items()}
    print(f"\n{LAYOUT_AREAS} areas generated in {generated:.0f} s; PDFs built in {built:.0f} s")
    print("pages: " + ", ".join(f"{kind} {count}" for kind, count in pages.items()))
    problems = {kind: page_break_problems(pdf) for kind, pdf in pdfs.items()}
    assert {kind: found for kind, found in problems.items() if found} == {}
