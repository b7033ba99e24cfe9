"""Funders' reports page, public case-study pages and the PDFs behind them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from partnerships.models import AuditAction, AuditEvent, Heartbeat
from resources.casestudies import services
from resources.reports.models import DocumentStatus, GeneratedDocument
from tests.factories import AreaFactory, CohortFactory
from tests.resources.casestudies.conftest import pdf_text
from tests.resources.casestudies.story import PRIVATE


def _public(version, name="detail"):
    return reverse(f"public-case-studies:{name}", kwargs={"token": version.case_study.public_token})


def _draft_pdf(version):
    return reverse(
        "casestudies:pdf",
        kwargs={
            "area_slug": version.case_study.area.slug,
            "case_study_id": version.case_study_id,
            "number": version.number,
        },
    )


def _download(client, url, capture):
    """Ask for a PDF, let the worker build it, and ask again for the file."""
    with capture(execute=True):
        first = client.get(url)
    assert first.status_code == 200
    return client.get(url)


def test_a_funder_sees_published_case_studies_and_reports_of_cohorts_they_fund(
    client, world, published, funding_funder
):
    unfunded = AreaFactory(cohort=CohortFactory(name="Phase 3"))
    client.force_login(funding_funder)

    page = client.get(reverse("resources:reports")).content.decode()

    assert published.title in page
    assert _public(published, "pdf") in page
    assert reverse("resources:programme-pdf", args=[world.area_a.cohort.slug]) in page
    assert reverse("resources:area-progress-pdf", args=[world.area_a.slug]) in page
    assert unfunded.name not in page
    assert "Phase 3" not in page


def test_a_funder_sees_no_draft_and_nothing_of_unfunded_cohorts(client, world, draft):
    client.force_login(world.funder)

    page = client.get(reverse("resources:reports")).content.decode()
    assert draft.title not in page
    assert client.get(_public(draft)).status_code == 404
    assert client.get(_draft_pdf(draft)).status_code == 404
    assert client.get(draft.case_study.get_absolute_url()).status_code == 404
    progress = reverse("resources:area-progress-pdf", args=[world.area_a.slug])
    assert client.get(progress).status_code == 404


def test_a_funder_of_the_cohort_still_cannot_reach_a_draft(client, world, draft, funding_funder):
    client.force_login(funding_funder)
    assert client.get(_draft_pdf(draft)).status_code == 404
    assert client.get(_public(draft)).status_code == 404
    assert client.get(_public(draft, "pdf")).status_code == 404


def test_the_reports_page_refuses_area_members(client, world):
    client.force_login(world.facilitator_a)
    assert client.get(reverse("resources:reports")).status_code == 403


def test_the_public_page_shows_a_published_case_study_without_sign_in(client, published):
    response = client.get(_public(published))

    page = response.content.decode()
    assert response.status_code == 200
    assert published.title in page
    assert _public(published, "pdf") in page
    for private in PRIVATE:
        assert private not in page


def test_drafts_and_versions_in_review_are_not_found_on_the_public_address(client, draft):
    assert client.get(_public(draft)).status_code == 404
    services.case_study_submit(version=draft, by=draft.created_by)
    assert client.get(_public(draft)).status_code == 404
    assert client.get(_public(draft, "pdf")).status_code == 404


def test_the_public_page_keeps_showing_the_published_version_while_the_next_is_drafted(
    client, published
):
    second = services.case_study_new_draft(case_study=published.case_study, by=published.created_by)
    services.case_study_update(
        version=second,
        by=second.created_by,
        seen_version=second.version,
        fields={
            **{name: getattr(second, name) for name in services.EDITABLE_FIELDS},
            "title": "Unreviewed new title",
        },
        authors=[second.created_by],
    )

    page = client.get(_public(published)).content.decode()
    assert published.title in page
    assert "Unreviewed new title" not in page


def test_a_pdf_is_built_by_the_worker_then_downloaded_with_its_name_and_logged(
    client, published, funding_funder, media_storage, django_capture_on_commit_callbacks
):
    client.force_login(funding_funder)
    url = _public(published, "pdf")

    response = _download(client, url, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{published.case_study.area.slug}-case-study-v1.pdf"'
    )
    text = pdf_text(b"".join(response.streaming_content))
    assert published.title in text
    (stored,) = media_storage.names()
    assert stored == GeneratedDocument.objects.get().file.name
    assert media_storage.is_private(stored, client)
    event = AuditEvent.objects.get(action=AuditAction.DOWNLOADED)
    assert event.actor_id == funding_funder.pk
    assert event.target_id == str(published.pk)
    assert event.area_id == published.case_study.area_id


def test_while_building_the_page_asks_again_by_itself_with_or_without_javascript(client, published):
    url = _public(published, "pdf")

    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert f'data-hx-get="{url}?waiting=1" data-hx-trigger="every 1s"' in page
    assert f'<noscript><meta http-equiv="refresh" content="2; url={url}?waiting=1"></noscript>' in (
        page
    )
    assert f'href="{url}?waiting=1"' in page, "and a link to ask again now"
    assert "being prepared" in page
    assert GeneratedDocument.objects.get().status == DocumentStatus.QUEUED
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="document-progress"')
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOADED).exists()


def test_when_ready_the_waiting_page_starts_the_download_by_itself(
    client, published, funding_funder, django_capture_on_commit_callbacks
):
    """One click: the page that waited (refreshed by itself, or polled by htmx) is told
    the file is ready and starts the download, with no second click."""
    client.force_login(funding_funder)
    url = _public(published, "pdf")
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)

    refreshed = client.get(f"{url}?waiting=1")
    polled = client.get(f"{url}?waiting=1", headers={"HX-Request": "true"}).content.decode()

    page = refreshed.content.decode()
    assert refreshed["Content-Type"].startswith("text/html")
    assert f'<noscript><meta http-equiv="refresh" content="0; url={url}"></noscript>' in page
    assert f'href="{url}" download data-download-start' in page
    assert f'href="{url}" download data-download-start' in polled
    assert "data-hx-get" not in polled
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOADED).exists()
    download = client.get(url)
    assert download["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action=AuditAction.DOWNLOADED).count() == 1


def test_htmx_is_told_when_the_file_is_ready_rather_than_sent_it(
    client, published, django_capture_on_commit_callbacks
):
    url = _public(published, "pdf")
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)

    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert "Download the PDF" in partial
    assert "data-hx-get" not in partial


def test_an_unchanged_report_is_built_once_and_a_changed_one_again(
    client, world, story, django_capture_on_commit_callbacks
):
    client.force_login(world.lead)
    url = reverse("resources:area-progress-pdf", args=[world.area_a.slug])

    assert _download(client, url, django_capture_on_commit_callbacks).status_code == 200
    assert client.get(url)["Content-Type"] == "application/pdf"
    assert GeneratedDocument.objects.count() == 1

    world.area_a.focus = "Bowel screening with faith groups"
    world.area_a.save(update_fields=["focus"])
    response = _download(client, url, django_capture_on_commit_callbacks)

    assert GeneratedDocument.objects.count() == 2
    assert "Bowel screening with faith groups" in pdf_text(b"".join(response.streaming_content))


def test_building_twice_is_harmless(published, django_capture_on_commit_callbacks):
    from resources.reports import documents
    from resources.reports.services import document_build, document_request

    with django_capture_on_commit_callbacks(execute=True):
        generated = document_request(document=documents.case_study_document(published))
    built_at = GeneratedDocument.objects.get().finished_at

    document_build(document_id=generated.pk)

    generated.refresh_from_db()
    assert generated.status == DocumentStatus.READY
    assert generated.finished_at == built_at
    assert generated.page_count >= 4


def test_the_team_reads_the_area_progress_report_and_steering_members_do_not(
    client, world, story, django_capture_on_commit_callbacks
):
    url = reverse("resources:area-progress-pdf", args=[world.area_a.slug])
    client.force_login(world.lco_a)
    assert client.get(url).status_code == 200
    client.force_login(world.steering_a)
    assert client.get(url).status_code == 404


def test_programme_reports_are_for_leads_and_the_cohorts_funders(client, world, funding_funder):
    url = reverse("resources:programme-pdf", args=[world.area_a.cohort.slug])
    other = reverse("resources:programme-pdf", args=[world.area_b.cohort.slug])
    client.force_login(funding_funder)
    assert client.get(url).status_code == 200
    assert client.get(other).status_code == 404
    client.force_login(world.facilitator_a)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["funder", "anonymous"])
def test_report_pages_read_in_a_bounded_number_of_queries(
    client, world, published, funding_funder, persona, django_assert_max_num_queries
):
    if persona == "funder":
        client.force_login(funding_funder)
        with django_assert_max_num_queries(12):
            assert client.get(reverse("resources:reports")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(_public(published)).status_code == 200


def test_a_speaker_withdrawing_case_study_consent_leaves_every_document(
    client, world, published, media_storage, django_capture_on_commit_callbacks
):
    from partnerships.models import ConsentDecision, ConsentMethod, ConsentUse
    from partnerships.privacy.services import consent_record
    from tests.resources.casestudies.story import SHARED_QUOTE
    from workshops.models import Insight

    url = _public(published, "pdf")
    assert SHARED_QUOTE in pdf_text(
        b"".join(_download(client, url, django_capture_on_commit_callbacks).streaming_content)
    )
    speaker = Insight.objects.get(text=SHARED_QUOTE).speaker

    with django_capture_on_commit_callbacks(execute=True):
        consent_record(
            person=speaker,
            use=ConsentUse.PUBLIC_PAGES,
            decision=ConsentDecision.WITHDRAWN,
            method=ConsentMethod.VERBAL,
            wording="Not on the web, please.",
            by=world.facilitator_a.person,
        )

    assert not GeneratedDocument.objects.exists()
    assert media_storage.names() == []
    assert SHARED_QUOTE not in client.get(_public(published)).content.decode()
    response = _download(client, url, django_capture_on_commit_callbacks)
    assert SHARED_QUOTE not in pdf_text(b"".join(response.streaming_content))


def test_erasing_an_author_takes_their_name_off_published_case_studies(world, published):
    from partnerships.privacy.services import person_erase

    author = world.facilitator_a.person
    name = author.full_name

    person_erase(person=author, by=world.lead.person, reason="Asked to be forgotten")

    assert name not in [a.name for a in published.authors.all()]


def test_a_pdf_asked_for_while_the_broker_is_down_is_built_by_the_sweep(
    client, published, monkeypatch, django_capture_on_commit_callbacks
):
    """The page says it will be ready shortly; the sweep queues it once the broker is back."""
    from resources import tasks
    from resources.reports.services import sweep

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.build_document, "apply_async", broker_down)
    url = _public(published, "pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)

    assert response.status_code == 200
    document = GeneratedDocument.objects.get()
    assert (document.status, document.queued_at) == (DocumentStatus.QUEUED, None)
    # The page checks again (htmx, or the refresh link) and says what is going on.
    response = client.get(url, headers={"HX-Request": "true"})
    assert "taking longer than usual, but it will be ready shortly" in response.content.decode()
    assert f'data-hx-get="{url}?waiting=1"' in response.content.decode()

    monkeypatch.undo()
    assert sweep() == 1
    assert sweep() == 0
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"


def test_a_build_whose_worker_died_is_queued_again_at_once(published, settings):
    """Three missed heartbeats, not the ten minutes a build may take, mark the worker dead;
    a build whose worker still beats is left to it."""
    from resources.reports import documents
    from resources.reports.services import document_request, sweep

    settings.WORKER_HEARTBEAT_SECONDS = 10
    a_minute_ago = timezone.now() - timedelta(minutes=1)
    Heartbeat.objects.create(name="worker:busy", seen_at=timezone.now())
    document = document_request(document=documents.case_study_document(published))
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status=DocumentStatus.BUILDING, started_at=a_minute_ago, claimed_by="worker:busy"
    )
    assert sweep() == 0

    GeneratedDocument.objects.filter(pk=document.pk).update(claimed_by="worker:gone")
    assert sweep() == 1
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY


def test_a_pdf_whose_file_has_gone_from_storage_is_built_again_not_an_error(
    client, published, django_capture_on_commit_callbacks
):
    """Media restored from an older backup can lack a built file: the next request builds
    it again instead of failing."""
    url = _public(published, "pdf")
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    document = GeneratedDocument.objects.get()
    document.file.storage.delete(document.file.name)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)

    assert response.status_code == 200
    assert "being prepared" in response.content.decode()
    assert client.get(url)["Content-Type"] == "application/pdf"
