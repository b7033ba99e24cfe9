"""CSV downloads that open cleanly in Excel and cannot run formulas on the reader's machine."""

from django.http import HttpResponse

# Cells a spreadsheet would run as a formula (or that hide one after whitespace).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_response(filename: str) -> HttpResponse:
    """An attachment response for `filename`, ready for a csv.writer."""
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
    # A byte order mark, or Excel reads the file as Windows-1252 and mangles "–" and "’".
    response.write("\ufeff")
    return response


def spreadsheet_safe(row: list) -> list[str]:
    """The row as text, with a leading ' on any cell a spreadsheet would run as a formula."""
    cells = [str(value) for value in row]
    return [f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell for cell in cells]
