"""CSV downloads that are safe to open in a spreadsheet."""

# Cells a spreadsheet would run as a formula (or that hide one after whitespace).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(row: list) -> list[str]:
    """The row as text, with a leading ' on any cell a spreadsheet would run as a formula."""
    cells = [str(value) for value in row]
    return [f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell for cell in cells]
