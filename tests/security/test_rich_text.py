"""Script written into any text, Markdown or not, comes back as words, never as markup.

Every free-text column of every table is filled with script payloads (all of them at
once in the long text columns, where Markdown is written), then every page the programme
lead can reach is read for markup that would run.
"""

from tests.security.discovery import crawl
from tests.security.figures import report
from tests.security.planting import plant_everywhere
from tests.security.xss import ALL_PAYLOADS, PAYLOADS, script_markup


def test_no_page_turns_stored_text_into_script(client, planted):
    cells = plant_everywhere(PAYLOADS, long_text=ALL_PAYLOADS)
    client.force_login(planted.lead)
    pages = crawl(client, planted.urls).of_kind("is_html")
    found = {page.url: script_markup(page.body.decode()) for page in pages}
    found = {url: markup for url, markup in found.items() if markup}
    # The payloads reached the pages (escaped), so a clean result means they were handled.
    carrying = sum("alert(" in page.body.decode() for page in pages)
    report(
        "rich text (server)",
        f"{len(PAYLOADS)} payloads in {cells} text cells, {len(pages)} pages read "
        f"({carrying} showing payloads), pages with live script markup {len(found)}",
    )
    assert carrying > len(pages) // 4
    assert not found, found
