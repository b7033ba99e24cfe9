"""Pages that answer htmx with a part of themselves: which part, and the Vary header."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from partnerships import htmx


@pytest.fixture
def rendered(monkeypatch):
    """The template each response was rendered from."""
    chosen = []

    def render(request, template, context):
        chosen.append(template)
        return HttpResponse()

    monkeypatch.setattr(htmx, "render", render)
    return chosen


def _request(**headers):
    request = RequestFactory().get("/", headers=headers)
    request.htmx = HtmxDetails(request)
    return request


def test_a_plain_request_gets_the_page_and_is_told_it_varies(rendered):
    response = htmx.render_page_or_partial(_request(), "page.html", {}, partial="results")

    assert rendered == ["page.html"]
    assert response["Vary"] == "HX-Request"


def test_htmx_gets_the_partial(rendered):
    htmx.render_page_or_partial(_request(HX_Request="true"), "page.html", {}, partial="results")

    assert rendered == ["page.html#results"]


def test_a_history_restore_gets_the_whole_page(rendered):
    request = _request(HX_Request="true", HX_History_Restore_Request="true")

    htmx.render_page_or_partial(request, "page.html", {}, partial="results")

    assert rendered == ["page.html"]


def test_with_a_target_only_a_request_for_that_target_gets_the_partial(rendered):
    for target in ("results", "filters"):
        response = htmx.render_page_or_partial(
            _request(HX_Request="true", HX_Target=target),
            "page.html",
            {},
            partial="htmx-results",
            target="results",
        )
        assert response["Vary"] == "HX-Request, HX-Target"

    assert rendered == ["page.html#htmx-results", "page.html"]
