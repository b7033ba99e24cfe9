"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

A plugin of the whole suite (see tests/conftest.py), so journeys in any folder share one
browser: a second Playwright instance cannot start inside the first one's event loop.
"""

import importlib
import os
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tests.factories import PASSWORD, current_totp_code

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SOURCE = (Path(settings.BASE_DIR) / "node_modules/axe-core/axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Rules axe-core keeps off by default as "experimental" that WCAG 2.2 AA still asks for:
# a control's visible label must be part of its accessible name (2.5.3 Label in Name).
AXE_EXTRA_RULES = {"label-content-name-mismatch": {"enabled": True}}


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


# Data that migrations seed: browser tests empty every table after each test, so these
# are seeded again before each one.
SEEDING_MIGRATIONS = [
    "workshops.migrations.0002_barrier_taxonomy",
    "learning.migrations.0002_seed_themes",
    "resources.migrations.0002_seed_themes",
]


@pytest.fixture(autouse=True)
def seeded_by_migrations(request):
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        for module in SEEDING_MIGRATIONS:
            importlib.import_module(module).seed(django_apps, None)


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch_for_errors(page)
    yield page
    context.close()


# The browser's note about a failed document, and htmx's notes about a request it gave up
# because the page moved on (a search overtaken by a click); real failures still show as
# htmx:responseError, htmx:sendError or a failed sub-resource.
BENIGN_CONSOLE_ERRORS = ("Failed to load resource", "htmx:sendAbort", "htmx:afterRequest")


def watch_for_errors(page):
    """Collect script and CSP errors, and sub-resources (CSS, JS, images) that failed.

    The document itself may be an error page on purpose (a 404), so only its
    sub-resources are checked, and the console's own note about that is set aside.
    """
    page.console_errors = []

    def on_console(message):
        if message.type == "error" and not message.text.startswith(BENIGN_CONSOLE_ERRORS):
            page.console_errors.append(message.text)

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            page.console_errors.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    return page


def settled(page):
    """Wait until the page has loaded the document a click may have navigated to.

    A click does not wait for the navigation it starts; checking the page in that moment
    finds no document, or one being replaced. Waiting for the URL to stop changing and
    the document to load closes that gap.
    """
    for _ in range(3):
        url = page.url
        page.wait_for_load_state()
        try:
            if page.evaluate("document.readyState") == "complete" and page.url == url:
                return
        except PlaywrightError:
            pass  # the document went away under the check: it was navigating
        page.wait_for_timeout(100)
    page.wait_for_load_state()


def axe_violations(page) -> list[dict]:
    """What axe-core finds on the page as it is now (rule, impact, first few nodes)."""
    settled(page)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE + "\n;true")
    return page.evaluate(
        """async ([tags, rules]) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, rules});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5),
            }));
        }""",
        [AXE_TAGS, AXE_EXTRA_RULES],
    )


def assert_accessible(page):
    """Run axe-core on the page as it is now: no violations, and no CSP or script errors."""
    violations = axe_violations(page)
    assert violations == [], f"axe-core on {page.url}: {violations}"
    assert page.console_errors == [], f"console errors on {page.url}: {page.console_errors}"


def resize(page, width, height=800):
    """Change the viewport, and wait until the header has fitted its navigation to it.

    With JavaScript, the NHS.UK header moves the items that no longer fit into its
    "More" menu on the next animation frame after a resize; measuring before then finds
    them still in a row wider than the screen (its resize observer can take one frame
    more). Without JavaScript they wrap at once.
    """
    page.set_viewport_size({"width": width, "height": height})
    if page.evaluate("document.body.classList.contains('nhsuk-frontend-supported')"):
        page.evaluate(
            "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
        )


def fits(page, width):
    """No sideways scrolling at this width."""
    settled(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


# Screenshots to look at, when SCREENSHOTS names a folder.
SHOTS = os.environ.get("SCREENSHOTS")


def shoot(page, name):
    """A full-page screenshot into the SCREENSHOTS folder, when one is named."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def phone(browser, live_server, *, width=390, javascript=False):
    """A page in a new phone-sized context of its own, without JavaScript unless asked."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": 800},
        java_script_enabled=javascript,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return watch_for_errors(page)


def sign_in(page, email, *, two_factor=False, check=assert_accessible):
    """Sign in through the real form, checking each page it passes through."""
    page.goto("/accounts/login/")
    check(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if two_factor:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        check(page)
        page.get_by_label("Code").fill(current_totp_code())
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
