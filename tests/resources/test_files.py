"""What an uploaded file is comes from its bytes, never its name or its claimed type."""

import pytest
from django.core.exceptions import ValidationError

from resources import files
from tests.resources import samples


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [
        (samples.PDF_BYTES, "report.pdf", files.PDF),
        (samples.PNG_BYTES, "chart.png", files.PNG),
        (samples.JPEG_BYTES, "photo.jpeg", files.JPEG),
        (samples.DOCX_BYTES, "guide.docx", files.DOCX),
        (samples.PPTX_BYTES, "slides.pptx", files.PPTX),
        # A real document with the wrong name is still that document.
        (samples.PDF_BYTES, "report.docx", files.PDF),
    ],
)
def test_documents_and_images_are_recognised_by_their_bytes(content, name, kind):
    assert files.identify(samples.upload(content, name)) == kind


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (samples.ELF_BYTES, "The selected file is a program, not a document."),
        (samples.MZ_BYTES, "The selected file is a program, not a document."),
        (b"#!/bin/sh\nrm -rf ~\n", "The selected file is a program, not a document."),
        (samples.OLD_WORD_BYTES, "The selected file is in an old Office format."),
        (samples.DOCM_BYTES, "The selected file contains macros."),
        (samples.PLAIN_ZIP_BYTES, "The selected file is a ZIP archive."),
        (b"PK\x03\x04 not really a zip", "The selected file is damaged"),
        (b"Just some notes in plain text.", "The selected file must be a PDF, Word document"),
    ],
)
def test_anything_else_is_refused_with_a_reason_even_when_named_pdf(content, message):
    with pytest.raises(ValidationError) as refused:
        files.identify(samples.upload(content, "report.pdf", "application/pdf"))
    assert refused.value.messages[0].startswith(message)


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings):
    settings.RESOURCE_UPLOAD_MAX_BYTES = 2 * 1_048_576
    big = samples.upload(samples.PDF_BYTES + bytes(2 * 1_048_576))
    with pytest.raises(ValidationError) as refused:
        files.identify(big)
    assert refused.value.messages == ["The selected file must be smaller than 2 MB"]


def test_identifying_leaves_the_file_ready_to_save():
    upload = samples.upload(samples.DOCX_BYTES, "guide.docx")
    files.identify(upload)
    assert upload.read() == samples.DOCX_BYTES
