import time

import pytest
from django.urls import reverse

from partnerships.models import AreaRole
from resources.casestudies import services
from resources.reports.models import DocumentStatus, GeneratedDocument
from tests.factories import user_with_role
from tests.resources.casestudies.conftest import pdf_text
from tests.resources.casestudies.story import PRIVATE, tell_story

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shared_media(settings, monkeypatch):
    """The worker writes the PDF where the web process will read it."""
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))


def test_a_case_study_pdf_is_built_by_the_worker_and_then_downloaded(
    world, shared_media, celery_worker_process, client
):
    """Page → on_commit → Redis → worker → file → the same page serves it."""
    tell_story(world.area_a)
    approver = user_with_role(world.area_a, AreaRole.FACILITATOR)
    version = services.case_study_start(
        area=world.area_a, by=world.facilitator_a.person, title="Screening with leaders"
    )
    services.case_study_submit(version=version, by=version.created_by)
    services.case_study_approve(version=version, by=approver.person)
    url = reverse("public-case-studies:pdf", kwargs={"token": version.case_study.public_token})

    assert "being prepared" in client.get(url).content.decode()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if GeneratedDocument.objects.filter(status=DocumentStatus.READY).exists():
            break
        time.sleep(0.2)

    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(response.streaming_content))
    assert "Screening with leaders" in text
    assert not any(private in text for private in PRIVATE)
    assert GeneratedDocument.objects.get().build_seconds > 0


def test_a_funder_pack_is_built_by_the_worker_and_downloads_after_one_click(
    world, shared_media, celery_worker_process, client
):
    """Button → on_commit → Redis → worker builds each report and the ZIP → the page,
    polled as htmx polls it, says ready and names the file to start downloading."""
    import io
    import zipfile

    from resources.reports.models import CohortFunding

    tell_story(world.area_a)
    CohortFunding.objects.create(funder=world.funder.person, cohort=world.area_a.cohort)
    client.force_login(world.funder)

    page = client.post(reverse("resources:funder-pack"))["Location"]
    deadline = time.monotonic() + 120
    polled = ""
    while time.monotonic() < deadline and "data-download-start" not in polled:
        time.sleep(0.5)
        polled = client.get(page, headers={"HX-Request": "true"}).content.decode()

    assert "data-download-start" in polled
    download = page + "download/"
    response = client.get(download)
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        names = archive.namelist()
        texts = [pdf_text(archive.read(name)) for name in names]
    assert [name.split("/")[0] for name in names] == ["programme-reports", "progress-reports"]
    assert not any(private in text for text in texts for private in PRIVATE)
