"""Receipts: only real PDFs, PNGs and JPEGs get in, and only the budget team gets them out."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from areas.models import SpendLine
from partnerships.models import AuditAction, AuditEvent
from partnerships.uploads import DocumentField, check_upload
from tests.areas.budgets.factories import (
    ELF_BYTES,
    JPEG_BYTES,
    MZ_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    BudgetFactory,
    SpendLineFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [
        ("ticket.pdf", PDF_BYTES, "application/pdf", ".pdf"),
        ("photo.png", PNG_BYTES, "image/png", ".png"),
        ("photo.jpeg", JPEG_BYTES, "image/jpeg", ".jpg"),
        # What the file is decides, not what it is called.
        ("scan", PNG_BYTES, "image/png", ".png"),
    ],
)
def test_documents_are_known_by_their_first_bytes(name, content, content_type, extension):
    kind = check_upload(SimpleUploadedFile(name, content, "application/octet-stream"))
    assert (kind.content_type, kind.extension) == (content_type, extension)


@pytest.mark.parametrize(
    ("content", "browser_says"),
    [
        (ELF_BYTES, "application/pdf"),
        (MZ_BYTES, "application/pdf"),
        # An HTML page with a PNG inside it, which some browsers would render as a page.
        (b"<html><script>alert(1)</script>" + PNG_BYTES, "image/png"),
        (b" " + PDF_BYTES, "application/pdf"),
        (b"%PDF", "application/pdf"),
    ],
)
def test_anything_else_is_refused_whatever_its_name(content, browser_says):
    with pytest.raises(forms.ValidationError) as refused:
        check_upload(SimpleUploadedFile("receipt.pdf", content, browser_says))
    assert refused.value.messages == [
        "“receipt.pdf” is not a PDF, PNG or JPEG file. Upload a scan or photo in one of "
        "those formats."
    ]


def test_an_empty_or_oversized_file_is_refused_by_name(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(forms.ValidationError, match=r"“empty\.pdf” is empty"):
        DocumentField().clean(SimpleUploadedFile("empty.pdf", b""))
    with pytest.raises(forms.ValidationError) as too_big:
        DocumentField().clean(SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 2048))
    # The number and its unit are kept on one line with a no-break space.
    assert too_big.value.messages == ["“big.pdf” is 2\xa0KB. Choose a file of 1\xa0KB or less."]


def _claim(budget, receipt):
    day = budget.starts_on + timedelta(days=2)
    return {
        "spent_on_day": day.day,
        "spent_on_month": day.month,
        "spent_on_year": day.year,
        "category": "travel",
        "payee_name": "Amara Evans",
        "amount": "12.00",
        "description": "Train fare",
        "receipt": receipt,
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("receipt.pdf", MZ_BYTES, "is not a PDF"),
        ("huge.pdf", PDF_BYTES + b"0" * 4096, "or less"),
    ],
)
def test_a_refused_receipt_keeps_the_claim_unsaved(
    client, world, settings, media_storage, name, content, message
):
    settings.UPLOAD_MAX_BYTES = 2048
    receipt = SimpleUploadedFile(name, content, "application/pdf")
    budget = BudgetFactory(area=world.area_a)
    client.force_login(world.lco_a)

    response = client.post(
        reverse("areas:line-new", args=[world.area_a.slug, budget.pk]),
        _claim(budget, receipt),
    )

    assert response.status_code == 200
    error = response.context["form"].errors["receipt"][0]
    assert name in error
    assert message in error
    assert "Train fare" in response.content.decode()
    assert not SpendLine.objects.exists()
    assert media_storage.names() == []


def test_a_receipt_is_stored_privately_and_downloaded_by_the_budget_team(
    client, world, media_storage
):
    budget = BudgetFactory(area=world.area_a)
    client.force_login(world.lco_a)
    client.post(
        reverse("areas:line-new", args=[world.area_a.slug, budget.pk]),
        _claim(budget, SimpleUploadedFile("Amara's ticket.png", PNG_BYTES, "text/html")),
    )
    line = SpendLine.objects.get()
    (stored,) = media_storage.names()
    assert stored == line.receipt.name
    assert "Amara" not in stored
    assert stored.endswith(".png")
    assert media_storage.is_private(stored, client)

    url = reverse("areas:line-receipt", args=[world.area_a.slug, line.pk])
    response = client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG_BYTES
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    download = AuditEvent.objects.get(action=AuditAction.DOWNLOADED)
    assert (download.actor_id, download.area_id) == (world.lco_a.pk, world.area_a.pk)

    client.force_login(world.steering_a)
    assert client.get(url).status_code == 404
    client.force_login(world.lco_b)
    assert client.get(url).status_code == 404


def test_pages_link_to_the_checked_download_never_to_the_media_folder(
    client, world, settings, media_storage
):
    line = SpendLineFactory(budget=BudgetFactory(area=world.area_a), with_receipt=True)
    client.force_login(world.facilitator_a)

    pages = [
        client.get(line.budget.get_absolute_url()),
        client.get(reverse("areas:line-edit", args=[world.area_a.slug, line.pk])),
        client.get(reverse("areas:line-approve", args=[world.area_a.slug, line.pk])),
    ]

    for page in pages:
        body = page.content.decode()
        assert reverse("areas:line-receipt", args=[world.area_a.slug, line.pk]) in body
        assert settings.MEDIA_URL not in body
        assert line.receipt.name not in body


def test_a_line_without_a_receipt_has_nothing_to_download(client, world):
    line = SpendLineFactory(budget=BudgetFactory(area=world.area_a), amount=Decimal("3.00"))
    client.force_login(world.facilitator_a)
    assert (
        client.get(reverse("areas:line-receipt", args=[world.area_a.slug, line.pk])).status_code
        == 404
    )
