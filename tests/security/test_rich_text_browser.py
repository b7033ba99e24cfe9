"""In a real browser, no stored payload runs, and the Content Security Policy stops any
inline script that got through."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser import sign_in
from tests.security.figures import report
from tests.security.planting import plant_everywhere
from tests.security.xss import ALL_PAYLOADS, PAYLOADS

pytestmark = pytest.mark.e2e


def _script_sources(policy: str) -> list[str]:
    for directive in policy.split(";"):
        name, *sources = directive.split()
        if name == "script-src":
            return sources
    return []


def test_no_payload_runs_in_chromium_and_inline_script_is_blocked(page, planted):
    plant_everywhere(PAYLOADS, long_text=ALL_PAYLOADS)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, planted.lead.email, two_factor=True, check=lambda page: None)

    # A busy machine can take a while over the largest pages.
    page.set_default_navigation_timeout(30_000)
    opened = 0
    for url in planted.urls:
        # Only pages can run a script: downloads and POST-only addresses are passed over.
        answer = page.request.get(url)
        if not (answer.ok and "text/html" in answer.headers.get("content-type", "")):
            continue
        try:
            page.goto(url)
        except PlaywrightError as error:
            # A document's progress page the first time, its PDF once built.
            if "Download is starting" in str(error):
                continue
            raise
        opened += 1

    home = page.context.new_page()
    home.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    policy = home.goto("/").headers["content-security-policy"]
    inline_ran = home.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.inlineScriptRan = true";
            document.body.appendChild(script);
            return window.inlineScriptRan === true;
        }"""
    )
    report(
        "rich text (Chromium)",
        f"{opened} pages opened with {len(PAYLOADS)} payloads stored, dialogs {len(dialogs)}, "
        f"inline script ran: {inline_ran}",
    )
    assert opened > len(planted.urls) // 2
    assert not dialogs, dialogs
    assert "'unsafe-inline'" not in _script_sources(policy)
    assert not inline_ran
