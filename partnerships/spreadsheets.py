"""CSV downloads that open safely in Excel and LibreOffice."""

import csv

from django.http import HttpResponse

# Cells a spreadsheet would run as a formula (or that hide one after whitespace).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(row) -> list[str]:
    """The row as text, with a leading ' on any cell a spreadsheet would run as a formula."""
    cells = [str(value) for value in row]
    return [f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell for cell in cells]


def csv_download(filename: str):
    """An attachment response and a csv writer that neutralises every row it writes."""
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
    # A byte order mark, or Excel reads the file as Windows-1252 and mangles "–" and "’".
    response.write("\ufeff")
    return response, _SafeWriter(csv.writer(response))


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        self._writer.writerow(spreadsheet_safe(row))
