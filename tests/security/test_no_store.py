"""Nothing a signed-in person is shown, and no private download, is kept by a browser's
cache or a proxy: every such response says `Cache-Control: no-store`.

Every routed page, and every page and download linked from them (discovery), is fetched
by each role entitled to area A's objects; the pages whose address is the credential
(the access matrix's exempt routes) are fetched signed out, as their holder would.
Public pages and static files, the same for every signed-out visitor, keep their caching.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse
from playwright.sync_api import expect

from tests.browser import assert_accessible, sign_in
from tests.security.area_a_objects import EXEMPT_PREFIXES
from tests.security.discovery import SKIP_PATHS, crawl, routed_patterns
from tests.security.figures import report
from tests.security.open_addresses import addresses_that_are_the_credential, public_pages

# Everyone with a role that area A's objects are for; between them they open every page.
RIGHTFUL = ["lead", "facilitator_a", "lco_a", "steering_a", "funder"]
# Routes the crawl never opens (the health check waits on the broker and holds no data).
SKIPPED = tuple(path.lstrip("/") for path in SKIP_PATHS)


def _route(url: str) -> str:
    return resolve(urlsplit(url).path).route


def _opened(statuses: set[int]) -> bool:
    return bool(statuses) and (200 in statuses or statuses <= {301, 302, 404, 405})


def test_every_page_and_download_a_signed_in_person_gets_is_not_stored(client, planted):
    answered: dict[str, set[int]] = {}
    stored = []
    fetched = downloads = 0
    for persona in RIGHTFUL:
        client.force_login(getattr(planted, persona))
        for page in crawl(client, planted.urls).pages:
            fetched += 1
            downloads += page.status == 200 and not page.is_html
            answered.setdefault(_route(page.url), set()).add(page.status)
            if "no-store" not in page.cache_control:
                stored.append((persona, page.url, page.status, page.cache_control))
    # Guards the crawl: every route it may open was opened, and showed someone a page
    # unless all it does for a GET is send them on (a redirect, or 405 to a POST-only one).
    unseen = [
        route
        for route, _, _ in routed_patterns()
        if not route.startswith(SKIPPED) and not _opened(answered.get(route, set()))
    ]
    report(
        "no-store (signed in)",
        f"{fetched} responses to {len(RIGHTFUL)} roles ({downloads} downloads) over "
        f"{len(answered)} routes, without no-store {len(stored)}",
    )
    assert not unseen
    assert not stored, stored[:10]


def test_pages_whose_address_is_the_credential_are_not_stored(
    client, planted, django_capture_on_commit_callbacks
):
    addresses = addresses_that_are_the_credential(planted)
    own_rules = {"accounts/", "admin/"}
    assert set(addresses) == set(EXEMPT_PREFIXES) - own_rules, "a new exempt route to add"
    stored = []
    for route, urls in addresses.items():
        for url in urls:
            # A PDF is built by the worker while the first answer asks to wait.
            with django_capture_on_commit_callbacks(execute=True):
                first = client.get(url)
            for response in (first, client.get(url)):
                assert response.status_code == 200, (url, response.status_code)
                if "no-store" not in response.get("Cache-Control", ""):
                    stored.append((route, url, response.get("Cache-Control")))
    assert not stored


def test_signing_in_and_resetting_a_password_are_not_stored(client, db):
    for name in ("account_login", "account_reset_password"):
        assert "no-store" in client.get(reverse(name))["Cache-Control"], name


def test_public_pages_and_static_files_keep_their_caching_for_signed_out_visitors(client, db):
    for url in [*public_pages(), "/static/css/app.css"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url
    assert "max-age" in client.get("/static/css/app.css")["Cache-Control"]


def test_public_pages_are_not_stored_once_someone_is_signed_in(client, world):
    pages = public_pages()
    client.force_login(world.steering_a)
    for url in pages:
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_pages_that_change_the_address_keep_no_copy_in_the_browser(client, planted):
    """htmx saves the page in the browser's storage before it changes the address, unless
    the page says data-hx-history="false"; every page holding partnership data says so."""
    client.force_login(planted.lead)
    kept = [
        page.url
        for page in crawl(client, planted.urls, search_terms=["a"]).of_kind("is_html")
        if b"data-hx-push-url" in page.body and b'data-hx-history="false"' not in page.body
    ]
    assert not kept


@pytest.mark.e2e
def test_searching_the_directory_leaves_no_copy_of_it_in_the_browser(page, world):
    person = world.steering_a.person
    sign_in(page, world.facilitator_a.email, two_factor=True)
    page.goto(reverse("directory:people"))

    page.get_by_label("Name").fill(person.full_name)
    page.wait_for_url("**/directory/people/?q=*")
    page.get_by_role("link", name=person.full_name).click()
    page.wait_for_url(f"**{reverse('directory:person', args=[person.pk])}")
    page.go_back()

    expect(page.get_by_role("link", name=person.full_name)).to_be_visible()
    # htmx keeps its snapshots in sessionStorage, which outlives signing out in that tab.
    stored = page.evaluate("JSON.stringify([sessionStorage, localStorage])")
    assert "htmx-history-cache" not in stored
    assert person.full_name not in stored
    assert_accessible(page)
