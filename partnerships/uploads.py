"""Uploaded documents: accepted only when their first bytes prove what they are.

A file's name and the content type the browser sends are both chosen by the uploader,
so neither is trusted. Only PDFs, PNGs and JPEGs whose contents start with their format's
signature get through: an executable renamed "receipt.pdf", or an HTML page with a PNG
hidden further in, is refused.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str
    label: str


# (signature at byte 0, what the file is). Longest signature first.
SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", FileKind("image/png", ".png", "PNG")),
    (b"%PDF-", FileKind("application/pdf", ".pdf", "PDF")),
    (b"\xff\xd8\xff", FileKind("image/jpeg", ".jpg", "JPEG")),
]
_SNIFF_BYTES = max(len(signature) for signature, _kind in SIGNATURES)
# Browsers, mail scanners and proxies that guess a type read about the first kilobyte; a
# page or script hidden there (a PNG/HTML polyglot) could run if one of them served it.
MARKUP_SCAN_BYTES = 1024
_MARKUP = (b"<html", b"<!doctype", b"<script", b"<svg", b"<iframe", b"<body", b"<head")
ACCEPTED = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"


def upload_limit() -> int:
    return settings.UPLOAD_MAX_BYTES


def size_label(size: int) -> str:
    """A size in words, "5 MB" rather than "5.0 MB"."""
    return filesizeformat(size).replace(".0\xa0", "\xa0")


def sniff(upload) -> FileKind | None:
    """What the file's first bytes say it is, or None if not a PDF, PNG or JPEG."""
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    upload.seek(0)
    return next((kind for signature, kind in SIGNATURES if head.startswith(signature)), None)


def hides_markup(upload) -> bool:
    """Whether an HTML page, SVG or script sits in the file's first kilobyte."""
    upload.seek(0)
    head = upload.read(MARKUP_SCAN_BYTES).lower()
    upload.seek(0)
    return any(tag in head for tag in _MARKUP)


def check_upload(upload) -> FileKind:
    """The kind of an acceptable upload; a ValidationError naming the file otherwise."""
    limit = upload_limit()
    name = upload.name
    if not upload.size:
        raise forms.ValidationError(f"“{name}” is empty. Choose the file again.", code="empty")
    if upload.size > limit:
        raise forms.ValidationError(
            f"“{name}” is {size_label(upload.size)}. Choose a file of {size_label(limit)} or less.",
            code="too_big",
        )
    kind = sniff(upload)
    if kind is None:
        raise forms.ValidationError(
            f"“{name}” is not a PDF, PNG or JPEG file. Upload a scan or photo in one of "
            "those formats.",
            code="file_type",
        )
    if hides_markup(upload):
        raise forms.ValidationError(
            f"“{name}” has a web page or script inside it. Upload a scan or photo as a PDF, "
            "PNG or JPEG file.",
            code="markup",
        )
    return kind


class DocumentField(forms.FileField):
    """A PDF, PNG or JPEG upload; the cleaned file carries its sniffed `kind`."""

    widget = forms.FileInput(attrs={"accept": ACCEPTED})
    default_error_messages = {"invalid": "The file could not be read. Choose it again."}

    def __init__(self, **kwargs):
        # Empty files reach check_upload, whose message names them.
        super().__init__(allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial:
            upload.kind = check_upload(upload)
        return upload
