"""Browser features no page uses (camera, microphone, location, payment, USB…) are
switched off by a Permissions-Policy header on every response, so no script on a page,
even one that got past the Content Security Policy, can ask for them."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.browser import assert_accessible, sign_in
from tests.security.discovery import crawl
from tests.security.figures import report

# What the header must always deny, whatever else is added to it.
NEVER_USED = {"camera", "microphone", "geolocation", "payment", "usb", "serial", "hid"}


def _denied(header: str) -> set[str]:
    """The features a Permissions-Policy header allows to no one: `camera=()`."""
    parts = (part.strip().partition("=") for part in header.split(",") if header)
    return {feature for feature, _, allowed in parts if allowed == "()"}


def test_every_response_denies_the_features_the_site_never_uses(client, planted):
    client.force_login(planted.lead)
    headers = {page.url: page.permissions_policy for page in crawl(client, planted.urls).pages}
    client.logout()
    for url in ("/programme/", "/static/css/app.css", "/nowhere/"):
        headers[url] = client.get(url).get("Permissions-Policy", "")

    without = [url for url, header in headers.items() if not NEVER_USED.issubset(_denied(header))]
    report(
        "Permissions-Policy",
        f"{len(headers)} responses (pages, downloads, a static file, a 404), "
        f"{sum(not allowed for allowed in settings.PERMISSIONS_POLICY.values())} features "
        f"denied, without it {len(without)}",
    )
    assert not without


@pytest.mark.e2e
def test_chromium_knows_every_feature_named_and_allows_none_of_them(page, world):
    sign_in(page, world.steering_a.email)
    page.goto(reverse("areas:detail", args=[world.area_a.slug]))
    known = set(page.evaluate("document.featurePolicy.features()"))
    denied = {feature for feature, allowed in settings.PERMISSIONS_POLICY.items() if not allowed}

    assert denied <= known, f"not features Chromium knows: {denied - known}"
    allowed = page.evaluate(
        "(features) => features.filter((f) => document.featurePolicy.allowsFeature(f))",
        sorted(denied),
    )
    assert allowed == []
    # What pages do use stays allowed: htmx's requests, and this site's own scripts.
    assert page.evaluate("document.featurePolicy.allowsFeature('sync-xhr')")
    # The calendar address's copy button writes to the clipboard; nothing may read it.
    assert page.evaluate("document.featurePolicy.allowsFeature('clipboard-write')")
    assert not page.evaluate("document.featurePolicy.allowsFeature('clipboard-read')")
    assert_accessible(page)
