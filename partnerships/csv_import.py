"""Lists of people read from CSV uploads, and previewed before anything is saved.

Registration lists (workshops/registration.py) and distribution lists
(workshops/cascades/contacts.py) are read here alike. Exports from spreadsheets, events
and video-call tools come in several encodings and delimiters and name their columns
differently, so columns are recognised by their headings, and every problem with the
file as a whole is told in words that say what to do about it. Each importer says which
headings it knows (a `ListShape`); what happens to each row is its own business, shown
through a `Preview`.

Cells are kept as text, never evaluated: a cell that looks like a spreadsheet formula is
a name like any other here, and every CSV the platform writes neutralises it
(partnerships/spreadsheets.py).
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass

from django import forms
from django.template.defaultfilters import filesizeformat

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
# Video-call exports put a summary of the meeting above the list of people.
HEADER_SEARCH_ROWS = 30
# The kinds of column a list of people may have.
KINDS = ("name", "first_name", "last_name", "email", "organisation")
ZOOM_NAME_HEADING = "name original name"
# Zoom writes "Shown name (Original name)" for anyone who renamed themselves in the call.
ZOOM_RENAMED = re.compile(r"^.*\S\s*\((?P<original>[^()]*\S[^()]*)\)$")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Outcomes every importer's rows may have: a problem to correct, and nothing at all.
ERROR, BLANK = "error", "blank"

_NOT_CSV = (
    "This is not a CSV file. Save the list from your spreadsheet or events tool as CSV "
    "(comma-separated values) and upload that file."
)
_ENCODING_HELP = (
    "The file's characters could not be read. Open it in your spreadsheet, save it as "
    "“CSV UTF-8”, and upload it again."
)
_CP1252_NOTE = (
    "The file was not saved as UTF-8, so it was read as Windows-1252, the encoding older "
    "versions of Excel use. Check that letters with accents look right."
)
_CHOOSE = "Choose a CSV file to upload."


class CsvFileError(Exception):
    """Something wrong with the file as a whole; the message says what to do about it."""


@dataclass(frozen=True)
class ListShape:
    """What an importer's files look like, and how to name what is missing from them."""

    # Headings each kind of column (one of KINDS) goes by, compared by `heading_key`.
    columns: dict[str, set[str]]
    # The header is the first row with a column of one of these kinds.
    header_kinds: tuple[str, ...]
    # What the rows are, in the plural ("people").
    items: str
    # What to tell someone whose file has nothing in it.
    empty_message: str
    # The column a file must have ("names"), and which headings it may go by.
    needed: str
    needed_help: str


@dataclass
class CsvRow:
    number: int
    name: str = ""
    email: str = ""
    organisation: str = ""
    blank: bool = False


@dataclass
class CsvTable:
    """A list as read from the file, before anything is looked up."""

    file_name: str
    # The file's own heading of each kind of column it has.
    headings: dict[str, str]
    rows: list[CsvRow]
    encoding_note: str = ""


def encoding_warnings(encoding_note: str, *cells: str) -> list[str]:
    """The file's encoding note, for a row whose cells have letters it may have got wrong."""
    return [encoding_note] if encoding_note and not "".join(cells).isascii() else []


# Reading the file -----------------------------------------------------------------------


def read_upload(upload, shape: ListShape, *, max_bytes: int = MAX_FILE_BYTES) -> CsvTable:
    """Read an uploaded file, or raise CsvFileError saying what is wrong with it."""
    if upload.size > max_bytes:
        raise CsvFileError(
            f"The file is {filesizeformat(upload.size)}. Upload a file of "
            f"{filesizeformat(max_bytes)} or less, or split the list into smaller files."
        )
    return parse(upload.read(), shape, file_name=upload.name)


def parse(data: bytes, shape: ListShape, *, file_name: str = "") -> CsvTable:
    if not data.strip():
        raise CsvFileError(shape.empty_message)
    text, encoding_note = decode_text(data)
    records = read_records(text)
    header_index, columns = _header(records, shape)
    header = records[header_index]
    headings = {kind: header[index].strip() for kind, index in columns.items()}
    zoom = heading_key(headings.get("name", "")) == ZOOM_NAME_HEADING
    # Numbered as a spreadsheet numbers its rows, so people can find them in the file.
    rows = [
        _row(record, number, columns, zoom=zoom)
        for number, record in enumerate(records[header_index + 1 :], start=header_index + 2)
    ]
    listed = sum(not row.blank for row in rows)
    if listed == 0:
        raise CsvFileError(f"The file has column headings but no {shape.items} listed under them.")
    if listed > MAX_ROWS:
        raise CsvFileError(
            f"The file lists {listed:,} {shape.items}. Upload at most {MAX_ROWS:,} at a time."
        )
    return CsvTable(file_name=file_name, headings=headings, rows=rows, encoding_note=encoding_note)


def decode_text(data: bytes) -> tuple[str, str]:
    """The file's text, and a note if it had to be read as something other than UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" and Teams' attendance downloads are UTF-16.
        try:
            return _check_text(data.decode("utf-16")), ""
        except UnicodeDecodeError:
            raise CsvFileError(_ENCODING_HELP) from None
    if data.startswith(b"PK\x03\x04"):
        raise CsvFileError(
            "This is an Excel workbook or another zipped file, not a CSV file. In Excel, "
            "choose Save a copy, then the format “CSV UTF-8”, and upload that file."
        )
    if b"\x00" in data or data.startswith(b"%PDF"):
        raise CsvFileError(_NOT_CSV)
    try:
        return _check_text(data.decode("utf-8-sig")), ""
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise CsvFileError(_ENCODING_HELP) from None
    return _check_text(text), _CP1252_NOTE


def _check_text(text: str) -> str:
    # A stray control character can appear in a real list; many of them mean the bytes
    # were never text.
    if len(CONTROL_CHARACTERS.findall(text)) > len(text) / 100:
        raise CsvFileError(_NOT_CSV)
    return text


def read_records(text: str) -> list[list[str]]:
    try:
        delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        # In the csv module's default, forgiving mode this means a cell too long for any
        # name or address: usually a quote mark opened and never closed.
        raise CsvFileError(
            "The file could not be read as CSV: one cell runs on for pages, which usually "
            "means a quote mark was never closed. Save the list from your spreadsheet as "
            "CSV and upload it again."
        ) from None


def heading_key(heading: str) -> str:
    """A heading in lower case with its punctuation as spaces: "E-mail" reads "e mail"."""
    return re.sub(r"[^a-z0-9]+", " ", heading.lower()).strip()


def _columns(record: list[str], shape: ListShape) -> dict[str, int]:
    """Which column holds each kind of value: the first whose heading is one we know."""
    found = {}
    for index, heading in enumerate(record):
        key = heading_key(heading)
        for kind, known in shape.columns.items():
            if key in known and kind not in found:
                found[kind] = index
    return found


def _header(records: list[list[str]], shape: ListShape) -> tuple[int, dict[str, int]]:
    non_blank = [i for i, record in enumerate(records) if any(cell.strip() for cell in record)]
    if not non_blank:
        raise CsvFileError(shape.empty_message)
    for index in non_blank[:HEADER_SEARCH_ROWS]:
        columns = _columns(records[index], shape)
        if any(kind in columns for kind in shape.header_kinds):
            return index, columns
    found = ", ".join(f"“{cell.strip()}”" for cell in records[non_blank[0]] if cell.strip())
    raise CsvFileError(
        f"The file has no column of {shape.needed}. Its columns are: {found}. {shape.needed_help}"
    )


def _cell(record: list[str], columns: dict[str, int], kind: str) -> str:
    index = columns.get(kind)
    if index is None or index >= len(record):
        return ""
    return " ".join(record[index].split())


def _row(record: list[str], number: int, columns: dict[str, int], *, zoom: bool) -> CsvRow:
    if not any(cell.strip() for cell in record):
        return CsvRow(number=number, blank=True)
    name = _cell(record, columns, "name")
    renamed = ZOOM_RENAMED.match(name) if zoom else None
    if renamed:
        name = renamed["original"].strip()
    if not name:
        parts = [_cell(record, columns, "first_name"), _cell(record, columns, "last_name")]
        name = " ".join(part for part in parts if part)
    return CsvRow(
        number=number,
        name=name,
        email=_cell(record, columns, "email").lower(),
        organisation=_cell(record, columns, "organisation"),
    )


class CsvUploadField(forms.FileField):
    """A list to preview: cleaning reads the file with `read` (an importer's read_upload),
    so the file's problems show next to the field."""

    widget = forms.FileInput(attrs={"accept": ".csv,.txt,text/csv"})

    def __init__(self, *, read, empty_message: str, **kwargs):
        errors = {"required": _CHOOSE, "invalid": _CHOOSE, "empty": empty_message}
        super().__init__(error_messages=errors, **kwargs)
        self.read = read

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        try:
            return self.read(upload)
        except CsvFileError as error:
            raise forms.ValidationError(str(error)) from None


# The preview ----------------------------------------------------------------------------


class Preview:
    """What a preview page shows of a held list: how many rows have each outcome, the
    problems to correct, and every row with what confirming would do with it.

    An importer subclasses it to name its outcomes (a TextChoices with ERROR and BLANK
    among them), those that confirming adds, the tag colour of each, a line of summary
    for each and the columns of its rows.
    """

    outcomes: type
    adds: frozenset = frozenset()
    colours: dict = {}
    # Each outcome's summary line, singular and plural, with {} for the count.
    summary_lines: dict[str, tuple[str, str]] = {}
    # (heading, key) of each column of a row shown before "What happens".
    columns: tuple[tuple[str, str], ...] = ()

    def __init__(self, rows: list[dict]):
        self.counts = {outcome.value: 0 for outcome in self.outcomes}
        for row in rows:
            self.counts[row["outcome"]] += 1
        self.blank_rows = self.counts.pop(BLANK)
        self.rows = [self._shown(row) for row in rows if row["outcome"] != BLANK]

    @classmethod
    def of(cls, held) -> "Preview":
        """The preview of an import model's held rows."""
        return cls(held.rows)

    def _shown(self, row: dict) -> dict:
        return {
            **row,
            "label": self.outcomes(row["outcome"]).label,
            "colour": self.colours.get(row["outcome"], "grey"),
            "cells": [(heading, row.get(key) or "–") for heading, key in self.columns],
            "notes": self.notes(row),
        }

    def notes(self, row: dict) -> list[str]:
        """What the page says under a row's outcome."""
        return []

    def problem_lines(self, row: dict) -> list[str]:
        """A refused row's problems, each naming its row."""
        return []

    @property
    def to_add(self) -> int:
        return sum(self.counts[outcome] for outcome in self.adds)

    @property
    def problem_rows(self) -> list[dict]:
        return [row for row in self.rows if row["outcome"] == ERROR]

    @property
    def problems(self) -> list[str]:
        return [line for row in self.problem_rows for line in self.problem_lines(row)]

    @property
    def summary(self) -> list[str]:
        lines = {
            **self.summary_lines,
            ERROR: ("{} row with a problem", "{} rows with a problem"),
            BLANK: ("{} blank row skipped", "{} blank rows skipped"),
        }
        counts = {**self.counts, BLANK: self.blank_rows}
        return [
            (singular, plural)[counts[outcome] != 1].format(counts[outcome])
            for outcome, (singular, plural) in lines.items()
            if counts[outcome]
        ]
