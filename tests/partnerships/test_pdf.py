import subprocess

import pytest
from django.template import engines

from partnerships.pdf import render_pdf, static_files_fetcher


def _text_of(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _info_of(pdf: bytes) -> str:
    return subprocess.run(
        ["pdfinfo", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def document_template(tmp_path, settings):
    (tmp_path / "document.html").write_text(
        '{% extends "pdf/base.html" %}'
        "{% block title %}Notes for {{ place }}{% endblock %}"
        "{% block author %}Ada Facilitator{% endblock %}"
        "{% block body %}<h1>Notes for {{ place }}</h1>"
        '<p>Heard in the hall.</p><img src="https://tracker.example/pixel.png" alt="">'
        "{% endblock %}"
    )
    settings.TEMPLATES[0]["DIRS"] = [*settings.TEMPLATES[0]["DIRS"], tmp_path]
    engines._engines = {}
    engines.__dict__.pop("templates", None)
    yield "document.html"
    engines.__dict__.pop("templates", None)
    engines._engines = {}


def test_a_template_becomes_an_a4_pdf_with_its_title_and_author(document_template):
    pdf = render_pdf(document_template, {"place": "Crewe"})

    assert pdf.startswith(b"%PDF-")
    assert "Heard in the hall." in _text_of(pdf)
    info = _info_of(pdf)
    assert "Title:           Notes for Crewe" in info
    assert "Author:          Ada Facilitator" in info
    assert "pts (A4)" in info


def test_documents_cannot_fetch_from_the_network_or_disk():
    fetcher = static_files_fetcher()
    for address in (
        "https://tracker.example/pixel.png",
        "file:///etc/passwd",
        "https://document.invalid/static/../../etc/passwd",
        "https://document.invalid/media/upload.png",
    ):
        with pytest.raises(ValueError, match="only use the platform's static files"):
            fetcher.fetch(address)


def test_documents_load_the_projects_stylesheet():
    response = static_files_fetcher().fetch("https://document.invalid/static/css/pdf.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_documents_are_laid_out_with_the_print_stylesheet(document_template):
    text = _text_of(render_pdf(document_template, {"place": "Crewe"}))

    # The running header and the page numbers come from pdf.css.
    assert text.count("Notes for Crewe") == 2
    assert "Page 1 of 1" in text
