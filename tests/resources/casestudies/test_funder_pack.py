"""The funder pack: every report of the cohorts a funder funds, in one ZIP, in one click."""

import io
import zipfile

import pytest
from django.urls import reverse

from partnerships.models import AuditAction, AuditEvent
from resources.reports import services
from resources.reports.models import DocumentKind, DocumentStatus, FunderPack, GeneratedDocument
from tests.factories import AreaFactory
from tests.resources.casestudies.conftest import pdf_text
from tests.resources.casestudies.story import PRIVATE, SHARED_QUOTE, tell_story

REPORTS = reverse("resources:reports")
PACK = reverse("resources:funder-pack")


def _detail(pack):
    return reverse("resources:funder-pack-detail", args=[pack.pk])


def _download(pack):
    return reverse("resources:funder-pack-download", args=[pack.pk])


@pytest.fixture
def neighbour(world, story):
    """A second area in area A's cohort, so the pack holds two progress reports."""
    area = AreaFactory(name="Merton", cohort=world.area_a.cohort)
    tell_story(area, sessions=2)
    return area


def _ask(client, capture, data=None):
    """Press the button, let the worker build the pack, and follow to its page."""
    with capture(execute=True):
        response = client.post(PACK, data or {})
    assert response.status_code == 302
    return FunderPack.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def _members(body: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_funders_reports_page_offers_the_whole_pack_in_one_button(
    client, funding_funder, world
):
    client.force_login(funding_funder)

    page = client.get(REPORTS).content.decode()

    assert f'<form method="post" action="{PACK}">' in page
    assert "Download the funder pack" in page
    assert 'name="cohort"' not in page, "a funder's pack is every cohort they fund"


def test_a_programme_lead_takes_one_cohorts_pack_at_a_time(client, world):
    client.force_login(world.lead)

    page = client.get(REPORTS).content.decode()

    assert f'name="cohort" value="{world.area_a.cohort.slug}"' in page
    assert f'name="cohort" value="{world.area_b.cohort.slug}"' in page


def test_the_pack_holds_the_programme_report_every_case_study_and_each_progress_report(
    client, world, published, neighbour, funding_funder, django_capture_on_commit_callbacks
):
    client.force_login(funding_funder)

    pack = _ask(client, django_capture_on_commit_callbacks)
    response = client.get(_download(pack))

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="funder-pack-')
    members = _members(b"".join(response.streaming_content))
    cohort = world.area_a.cohort.slug
    assert sorted(name.split("/")[0] for name in members) == [
        "case-studies",
        "programme-reports",
        "progress-reports",
        "progress-reports",
    ]
    assert any(name.startswith(f"programme-reports/{cohort}-programme-report") for name in members)
    assert "case-studies/wandsworth-case-study-v1.pdf" in members
    progress = sorted(name for name in members if name.startswith("progress-reports/"))
    assert [name.split("/")[1].split("-progress")[0] for name in progress] == [
        neighbour.slug,
        world.area_a.slug,
    ]
    assert not any(world.area_b.slug in name for name in members), "an unfunded cohort"
    for name, pdf in members.items():
        text = pdf_text(pdf)
        assert not [private for private in PRIVATE if private in text], name
    assert SHARED_QUOTE in pdf_text(members["case-studies/wandsworth-case-study-v1.pdf"])
    event = AuditEvent.objects.get(action=AuditAction.DOWNLOADED)
    assert event.actor_id == funding_funder.pk
    assert event.detail["document"] == DocumentKind.FUNDER_PACK


def test_when_the_pack_is_ready_its_page_starts_the_download_by_itself(
    client, world, story, funding_funder, django_capture_on_commit_callbacks
):
    client.force_login(funding_funder)
    pack = _ask(client, django_capture_on_commit_callbacks)

    page = client.get(_detail(pack)).content.decode()
    polled = client.get(_detail(pack), headers={"HX-Request": "true"}).content.decode()

    download = _download(pack)
    assert f'<noscript><meta http-equiv="refresh" content="0; url={download}"></noscript>' in page
    assert f'href="{download}" download data-download-start' in polled
    assert "data-hx-get" not in polled


def test_while_the_pack_is_prepared_its_page_shows_progress_and_asks_again(
    client, world, story, funding_funder
):
    client.force_login(funding_funder)
    response = client.post(PACK)
    pack = FunderPack.objects.get()
    FunderPack.objects.filter(pk=pack.pk).update(
        status=DocumentStatus.BUILDING, parts_done=2, parts_total=5
    )

    assert response["Location"] == _detail(pack)
    page = client.get(_detail(pack)).content.decode()
    assert "2 of 5 parts done" in page
    assert '<progress class="app-progress" max="5" value="2">' in page
    assert f'data-hx-get="{_detail(pack)}" data-hx-trigger="every 1s"' in page
    assert f'<meta http-equiv="refresh" content="2; url={_detail(pack)}">' in page
    assert client.get(_download(pack))["Location"] == _detail(pack), "not ready: wait"


def test_pressing_again_while_it_is_prepared_follows_the_same_pack(
    client, world, story, funding_funder
):
    client.force_login(funding_funder)

    first = client.post(PACK)["Location"]
    second = client.post(PACK)["Location"]

    assert first == second
    assert FunderPack.objects.count() == 1


def test_an_unchanged_pack_is_built_once_and_a_changed_one_again(
    client, world, story, funding_funder, django_capture_on_commit_callbacks
):
    client.force_login(funding_funder)
    first = _ask(client, django_capture_on_commit_callbacks)
    documents = GeneratedDocument.objects.count()

    second = _ask(client, django_capture_on_commit_callbacks)

    assert first.pk != second.pk
    assert first.document_id == second.document_id
    assert GeneratedDocument.objects.count() == documents, "nothing was built again"
    world.area_a.focus = "Bowel screening with faith groups"
    world.area_a.save(update_fields=["focus"])
    third = _ask(client, django_capture_on_commit_callbacks)
    assert third.document_id != first.document_id
    assert GeneratedDocument.objects.filter(kind=DocumentKind.FUNDER_PACK).count() == 2


def test_building_a_pack_twice_is_harmless(
    client, world, story, funding_funder, django_capture_on_commit_callbacks
):
    client.force_login(funding_funder)
    pack = _ask(client, django_capture_on_commit_callbacks)
    built = GeneratedDocument.objects.get(kind=DocumentKind.FUNDER_PACK)

    services.funder_pack_build(pack_id=pack.pk)

    pack.refresh_from_db()
    assert pack.is_ready
    assert GeneratedDocument.objects.get(kind=DocumentKind.FUNDER_PACK).finished_at == (
        built.finished_at
    )


@pytest.mark.parametrize("persona", ["facilitator_a", "lco_a", "steering_b", "no_role"])
def test_people_who_do_not_read_reports_cannot_ask_for_a_pack(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.post(PACK).status_code == 404
    assert not FunderPack.objects.exists()


def test_a_pack_of_a_cohort_the_funder_does_not_fund_is_refused(client, world, funding_funder):
    client.force_login(funding_funder)

    refused = client.post(PACK, {"cohort": [world.area_a.cohort.slug, world.area_b.cohort.slug]})

    assert refused.status_code == 404
    assert client.post(PACK, {"cohort": "no-such-cohort"}).status_code == 404
    assert not FunderPack.objects.exists()
    client.force_login(world.lead)
    assert client.post(PACK, {"cohort": world.area_b.cohort.slug}).status_code == 302


def test_a_pack_is_found_only_by_whoever_asked_for_it_while_they_fund_it(
    client, world, story, funding_funder
):
    client.force_login(world.lead)
    client.post(PACK, {"cohort": world.area_a.cohort.slug})
    leads_pack = FunderPack.objects.get()

    client.force_login(funding_funder)
    assert client.get(_detail(leads_pack)).status_code == 404
    assert client.get(_download(leads_pack)).status_code == 404
    client.post(PACK)
    own = FunderPack.objects.exclude(pk=leads_pack.pk).get()
    assert client.get(_detail(own)).status_code == 200
    funding_funder.person.cohort_fundings.all().delete()
    assert client.get(_detail(own)).status_code == 404, "the funding has ended"
    client.logout()
    assert client.get(_detail(own))["Location"].startswith(reverse("account_login"))


def test_withdrawn_consent_throws_the_built_pack_away(
    client, world, published, funding_funder, django_capture_on_commit_callbacks
):
    from partnerships.models import ConsentDecision, ConsentMethod, ConsentUse
    from partnerships.privacy.services import consent_record
    from workshops.models import Insight

    client.force_login(funding_funder)
    pack = _ask(client, django_capture_on_commit_callbacks)
    speaker = Insight.objects.get(text=SHARED_QUOTE).speaker

    with django_capture_on_commit_callbacks(execute=True):
        consent_record(
            person=speaker,
            use=ConsentUse.CASE_STUDIES,
            decision=ConsentDecision.WITHDRAWN,
            method=ConsentMethod.VERBAL,
            wording="Please take my words out.",
            by=world.facilitator_a.person,
        )

    assert not GeneratedDocument.objects.filter(kind=DocumentKind.FUNDER_PACK).exists()
    page = client.get(_detail(pack)).content.decode()
    assert "no longer kept" in page
    assert "Prepare it again" in page
    again = _ask(client, django_capture_on_commit_callbacks)
    members = _members(b"".join(client.get(_download(again)).streaming_content))
    assert not any(SHARED_QUOTE in pdf_text(pdf) for pdf in members.values())


def test_a_pack_asked_for_while_the_broker_is_down_is_built_by_the_sweep(
    client, world, story, funding_funder, monkeypatch, django_capture_on_commit_callbacks
):
    """The pack is a row first: its page says it will be ready shortly, and the sweep
    queues it once the broker is back."""
    from kombu.exceptions import OperationalError

    from resources import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.build_funder_pack, "apply_async", broker_down)
    client.force_login(funding_funder)
    pack = _ask(client, django_capture_on_commit_callbacks)
    assert (pack.status, pack.queued_at) == (DocumentStatus.QUEUED, None)
    assert "taking longer than usual" in client.get(_detail(pack)).content.decode()

    monkeypatch.undo()
    assert services.sweep() == 1
    pack.refresh_from_db()
    assert pack.is_ready
    assert services.sweep() == 0


def test_a_pack_whose_file_has_gone_from_storage_is_offered_again_not_an_error(
    client, world, story, funding_funder, django_capture_on_commit_callbacks
):
    client.force_login(funding_funder)
    pack = _ask(client, django_capture_on_commit_callbacks)
    pack.document.file.storage.delete(pack.document.file.name)

    response = client.get(_download(pack))

    assert response["Location"] == _detail(pack)
    page = client.get(_detail(pack)).content.decode()
    assert "no longer kept" in page
    assert "Prepare it again" in page
