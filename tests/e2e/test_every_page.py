"""Every page the journeys reach, for every role: it reflows on a 320 px phone (WCAG 1.4.10),
axe-core finds nothing at 320 and 1280 px, and the Nu HTML Checker finds no error.

One crawl feeds all three checks (it is the slow part); each is its own subtest, so a
failure in one still lets the others report.
"""

import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from tests.browser import axe_violations, resize, watch_for_errors
from tests.e2e.every_page import PERSONAS, SIGNED_OUT, journey_pages, populate

PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
VNU = Path(settings.BASE_DIR) / "node_modules/vnu-jar/build/dist/vnu.jar"

# Errors the checker reports that are not this project's to fix, each with its reason.
_STACKED_TABLE = (
    'NHS.UK frontend\'s responsive table (role="table" on the table) puts ARIA table roles on '
    "its rows and cells so they keep their table semantics when a phone stacks them as "
    'blocks; the checker refuses any role there. Allowed only inside role="table" tables, '
    "which test_every_page_reflows_is_accessible_and_valid checks for itself."
)
VALID_HTML_ALLOWED: dict[str, str] = {
    f"The “role” attribute must not be used on a “{cell}” element which has a “table” ancestor": (
        _STACKED_TABLE
    )
    for cell in ("tr", "th", "td")
}


class _RolesOutsideStackedTables(HTMLParser):
    """Rows and cells with an ARIA role whose table is not an NHS.UK responsive table."""

    def __init__(self):
        super().__init__()
        self.tables: list[str | None] = []
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append(attrs.get("role"))
        elif tag in {"tr", "th", "td"} and "role" in attrs and self.tables[-1:] != ["table"]:
            self.found.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "table" and self.tables:
            self.tables.pop()


def _roles_outside_stacked_tables(html: str) -> list[str]:
    parser = _RolesOutsideStackedTables()
    parser.feed(html)
    return parser.found


def _sign_in_context(browser, client, live_server, world, persona):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    if persona != SIGNED_OUT:
        client.force_login(getattr(world, persona))
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    return context


def _browse(browser, client, live_server, world, pages):
    """Open each page at 320 px and at 1280 px: (widths at 320, axe findings)."""
    widths, findings = {}, []
    by_persona: dict[str, list] = {}
    for page_info in pages:
        by_persona.setdefault(page_info.persona, []).append(page_info)
    for persona, persona_pages in by_persona.items():
        context = _sign_in_context(browser, client, live_server, world, persona)
        tab = watch_for_errors(context.new_page())
        tab.set_default_timeout(10_000)
        for page_info in persona_pages:
            tab.set_viewport_size(PHONE)
            tab.goto(page_info.url)
            widths[(persona, page_info.url)] = tab.evaluate("document.documentElement.scrollWidth")
            for viewport in (PHONE, DESKTOP):
                resize(tab, viewport["width"], viewport["height"])
                for violation in axe_violations(tab):
                    findings.append((persona, viewport["width"], page_info.url, violation))
            findings.extend((persona, "console", tab.url, e) for e in tab.console_errors)
            tab.console_errors.clear()
        context.close()
    return widths, findings


def _html_errors(pages, folder: Path):
    """One run of the Nu HTML Checker over every page's HTML: errors not allowed."""
    files = {}
    for number, page_info in enumerate(pages):
        path = folder / f"page-{number}.html"
        path.write_text(page_info.html)
        files[str(path.resolve())] = page_info
    # The checker writes its JSON report to stderr and exits 1 when it finds errors.
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    assert messages == [] or result.returncode == 1, result.stderr[:500]
    errors = []
    for message in messages:
        page_info = files[urlsplit(message["url"]).path]
        if not any(allowed in message["message"] for allowed in VALID_HTML_ALLOWED):
            errors.append((page_info.persona, page_info.url, message["message"]))
    return errors


def test_every_page_reflows_is_accessible_and_valid(
    browser, live_server, client, world, subtests, tmp_path
):
    populate(world)
    pages = journey_pages(client, world)
    personas = {page_info.persona for page_info in pages}
    # Guards the discovery: every role, and the pages a crawl of area A reaches.
    assert personas == {*PERSONAS, SIGNED_OUT}
    assert len(pages) > 200

    widths, findings = _browse(browser, client, live_server, world, pages)
    with subtests.test("no page scrolls sideways at 320 px"):
        widest = max(widths.items(), key=lambda item: item[1])
        too_wide = sorted(
            ((width, *key) for key, width in widths.items() if width > PHONE["width"]),
            reverse=True,
        )
        assert not too_wide, f"{len(too_wide)} of {len(widths)} pages wider: {too_wide}"
        assert widest[1] == PHONE["width"]
    with subtests.test("axe-core finds nothing at 320 and 1280 px"):
        assert not findings, f"{len(findings)} findings: {findings[:30]}"
    with subtests.test("the Nu HTML Checker finds no error"):
        errors = _html_errors(pages, tmp_path)
        errors += [
            (page_info.persona, page_info.url, f"role outside a role=table table: {tag}")
            for page_info in pages
            for tag in _roles_outside_stacked_tables(page_info.html)
        ]
        assert not errors, f"{len(errors)} errors: {errors[:40]}"
