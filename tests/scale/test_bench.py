"""What the benchmark server adds, and that an ordinary server has none of it."""

import importlib

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import clear_url_caches

from partnerships import urls
from partnerships.models import Person
from scale import totp
from scale.bench import QueryCountMiddleware

pytestmark = pytest.mark.django_db


def test_an_ordinary_server_has_no_bench_views_and_no_query_count(client, world):
    client.force_login(world.steering_a)
    assert client.get("/bench/baseline/").status_code == 404
    assert client.get("/bench/floor/").status_code == 404
    assert "X-Query-Count" not in client.get("/actions/").headers


@pytest.fixture
def bench_urls(settings):
    """The URLs as a BENCH_MODE server builds them (the URLconf reads the setting at import)."""
    settings.BENCH_MODE = True
    importlib.reload(urls)
    clear_url_caches()
    yield
    settings.BENCH_MODE = False
    importlib.reload(urls)
    clear_url_caches()


def test_the_floor_reads_no_session_user_or_database(client, bench_urls, django_assert_num_queries):
    """Asked without a session cookie, as the benchmark asks it, through every middleware."""
    with django_assert_num_queries(0):
        response = client.get("/bench/floor/")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_the_query_count_header_counts_every_statement_behind_a_response():
    def two_queries(request):
        Person.objects.count()
        Person.objects.exists()
        return HttpResponse("ok")

    response = QueryCountMiddleware(two_queries)(RequestFactory().get("/"))
    assert response["X-Query-Count"] == "2"


def test_codes_follow_rfc_6238():
    # RFC 6238, appendix B: the SHA-1 secret "12345678901234567890" at 59 s gives 287082.
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert totp.code_for(secret, at=59) == "287082"
    assert totp.code_for(secret, at=1111111109) == "081804"
