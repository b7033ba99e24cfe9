"""Reading lists of people from CSV uploads: every encoding and delimiter people send,
every way a file can be unusable told in words, and the preview's summary."""

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from partnerships import csv_import
from partnerships.csv_import import CsvFileError, CsvUploadField, ListShape, Preview

SHAPE = ListShape(
    columns={
        "name": {"name", csv_import.ZOOM_NAME_HEADING},
        "first_name": {"first name"},
        "last_name": {"last name"},
        "email": {"email", "e mail address"},
        "organisation": {"organisation"},
    },
    header_kinds=("name", "first_name"),
    items="guests",
    empty_message="The file is empty. Choose the guest list.",
    needed="names",
    needed_help="It needs a column headed “Name”.",
)


def _parse(content, **kwargs) -> csv_import.CsvTable:
    data = content if isinstance(content, bytes) else content.encode()
    return csv_import.parse(data, SHAPE, **kwargs)


def _refusal(content) -> str:
    with pytest.raises(CsvFileError) as refused:
        _parse(content)
    return str(refused.value)


def _people(table):
    return [(row.number, row.name, row.email, row.organisation) for row in table.rows]


# Encodings ----------------------------------------------------------------------------


def test_a_utf8_file_with_a_byte_order_mark_reads_its_first_heading():
    table = _parse("\ufeffName,Email\nAda Achebe,ada@example.org\n".encode())

    assert table.headings == {"name": "Name", "email": "Email"}
    assert _people(table) == [(2, "Ada Achebe", "ada@example.org", "")]
    assert table.encoding_note == ""


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read(encoding):
    text = "Name\tEmail\nBimpe Bello\tb@example.org\n"
    data = text.encode(encoding)
    if encoding != "utf-16":
        data = "\ufeff".encode(encoding) + data

    assert _people(_parse(data)) == [(2, "Bimpe Bello", "b@example.org", "")]


def test_windows_1252_is_read_with_a_note_for_the_rows_it_may_have_got_wrong():
    table = _parse(
        "Name,Organisation\nZoë Østergaard,Café Ørsted\nMo Khan,Age UK\n".encode("cp1252")
    )

    accented, plain = table.rows
    assert (accented.name, accented.organisation) == ("Zoë Østergaard", "Café Ørsted")
    assert table.encoding_note.startswith("The file was not saved as UTF-8")
    assert csv_import.encoding_warnings(
        table.encoding_note, accented.name, accented.organisation
    ) == [table.encoding_note]
    assert csv_import.encoding_warnings(table.encoding_note, plain.name, plain.email) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Name\nJonah \x81\x8d Jones\n", "The file's characters could not be read."),
        (b"\xff\xfeN\x00a\x00\x00\xd8", "The file's characters could not be read."),
        (b"PK\x03\x04\x14\x00\x06\x00", "This is an Excel workbook or another zipped file"),
        (b"%PDF-1.7\n%\xe2\xe3", "This is not a CSV file."),
        (b"Name\x00,Email\n", "This is not a CSV file."),
        (b"Name\n" + b"\x01\x02\x03\x04 " * 50, "This is not a CSV file."),
    ],
    ids=["undecodable", "broken-utf16", "zip", "pdf", "nul-byte", "control-characters"],
)
def test_bytes_that_are_not_a_csv_file_are_refused(content, message):
    assert _refusal(content).startswith(message)


def test_a_stray_control_character_in_a_real_list_is_kept():
    table = _parse("Name\n" + "Carys Cole\n" * 20 + "Dai\x0bDavies\n")

    assert table.rows[-1].name == "Dai Davies"


# Delimiters, headings and cells --------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_sniffed(delimiter):
    table = _parse(f"Name{delimiter}Email\nEsi Eze{delimiter}esi@example.org\n")

    assert _people(table) == [(2, "Esi Eze", "esi@example.org", "")]


def test_headings_match_by_alias_whatever_their_case_and_punctuation():
    table = _parse("NAME,E-Mail  Address,Organisation\nFola Fern,F@Example.org,NHS\n")

    assert table.headings == {
        "name": "NAME",
        "email": "E-Mail  Address",
        "organisation": "Organisation",
    }
    assert _people(table) == [(2, "Fola Fern", "f@example.org", "NHS")]


def test_the_first_column_of_a_kind_is_used():
    table = _parse("Name,Email,Email\nGus Grant,gus@example.org,other@example.org\n")

    assert table.rows[0].email == "gus@example.org"


def test_the_header_is_found_below_a_summary_and_rows_keep_their_spreadsheet_numbers():
    table = _parse("Meeting,Topic\n123,Partnership day\n\nName,Email\nHana Hale,h@example.org\n")

    assert _people(table) == [(5, "Hana Hale", "h@example.org", "")]


def test_a_header_further_down_than_a_summary_would_be_is_not_looked_for():
    preamble = "".join(f"Line {n}\n" for n in range(csv_import.HEADER_SEARCH_ROWS))

    message = _refusal(preamble + "Name\nIvo Ince\n")

    assert message == (
        "The file has no column of names. Its columns are: “Line 0”. It needs a column "
        "headed “Name”."
    )


def test_names_are_joined_from_first_and_last_and_zoom_renames_are_undone():
    joined = _parse("First name,Last name\nJin,Jones\n,Kaur\n")
    zoom = _parse("Name (Original Name),Email\nJ - Leeds (Jo Lee),jo@example.org\nMo (he/him),\n")

    assert [row.name for row in joined.rows] == ["Jin Jones", "Kaur"]
    assert [row.name for row in zoom.rows] == ["Jo Lee", "he/him"]


def test_cells_lose_extra_white_space_and_short_rows_read_as_empty():
    table = _parse("Name,Email,Organisation\n  Lola \t  Lane ,  LOLA@example.org \nMax\n")

    assert _people(table) == [
        (2, "Lola Lane", "lola@example.org", ""),
        (3, "Max", "", ""),
    ]


def test_blank_rows_are_kept_as_blank_and_not_counted():
    table = _parse("Name\n\nNia\n , \n")

    assert [(row.number, row.blank) for row in table.rows] == [
        (2, True),
        (3, False),
        (4, True),
    ]


def test_cells_that_look_like_spreadsheet_formulas_are_kept_as_text():
    # Nothing is evaluated on the way in; CSV downloads neutralise them on the way out.
    table = _parse('Name,Organisation\n"=HYPERLINK(""http://evil.example"",""x"")",@SUM(A1)\n')

    assert _people(table) == [(2, '=HYPERLINK("http://evil.example","x")', "", "@SUM(A1)")]


# Whole-file problems --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty. Choose the guest list."),
        (b" \r\n\t\n", "The file is empty. Choose the guest list."),
        (b"\n,,\n\n , \n", "The file is empty. Choose the guest list."),
        ("Name,Email\n", "The file has column headings but no guests listed under them."),
        ("Name,Email\n,\n\n", "The file has column headings but no guests listed under them."),
        (
            "Ticket, Email ,,Diet\n1,a@example.org,,None\n",
            "The file has no column of names. Its columns are: “Ticket”, “Email”, “Diet”. "
            "It needs a column headed “Name”.",
        ),
        (
            'Name\n"Oli' + "x" * 140_000,
            "The file could not be read as CSV: one cell runs on for pages",
        ),
    ],
    ids=[
        "empty",
        "white-space",
        "blank-rows",
        "header-only",
        "header-and-blanks",
        "no-name-column",
        "unclosed-quote",
    ],
)
def test_a_file_that_cannot_be_used_says_why(content, message):
    assert _refusal(content).startswith(message)


def test_at_most_the_row_limit_is_read_and_blank_rows_do_not_count():
    at_limit = "Name\n" + "Pia Price\n\n" * csv_import.MAX_ROWS

    assert len(_parse(at_limit).rows) == 2 * csv_import.MAX_ROWS
    assert _refusal(at_limit + "One more\n") == (
        "The file lists 1,001 guests. Upload at most 1,000 at a time."
    )


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read():
    upload = SimpleUploadedFile("big.csv", b"Name\n" + b"Quinn\n" * 20)

    with pytest.raises(CsvFileError) as refused:
        csv_import.read_upload(upload, SHAPE, max_bytes=100)

    assert str(refused.value) == (
        "The file is 125\xa0bytes. Upload a file of 100\xa0bytes or less, or split the list "
        "into smaller files."
    )
    assert upload.tell() == 0


def test_an_upload_within_the_limit_is_read_with_its_name():
    table = csv_import.read_upload(SimpleUploadedFile("guests.csv", b"Name\nRia\n"), SHAPE)

    assert (table.file_name, _people(table)) == ("guests.csv", [(2, "Ria", "", "")])


# The form field --------------------------------------------------------------------------


class _GuestsForm(forms.Form):
    file = CsvUploadField(
        read=lambda upload: csv_import.read_upload(upload, SHAPE),
        empty_message=SHAPE.empty_message,
        label="Guest list",
    )


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "Choose a CSV file to upload."),
        ({"file": SimpleUploadedFile("e.csv", b"")}, "The file is empty. Choose the guest list."),
        (
            {"file": SimpleUploadedFile("h.csv", b"Name\n")},
            "The file has column headings but no guests listed under them.",
        ),
    ],
    ids=["no-file", "empty", "header-only"],
)
def test_the_upload_field_shows_the_files_problem_next_to_it(files, message):
    form = _GuestsForm(data={}, files=files)

    assert not form.is_valid()
    assert form.errors["file"] == [message]


def test_the_upload_field_cleans_to_the_table_read_and_accepts_only_csv():
    form = _GuestsForm(data={}, files={"file": SimpleUploadedFile("g.csv", b"Name\nSam\n")})

    assert form.is_valid()
    assert _people(form.cleaned_data["file"]) == [(2, "Sam", "", "")]
    assert 'accept=".csv,.txt,text/csv"' in str(form["file"])


# The preview ----------------------------------------------------------------------------


class _Outcome(models.TextChoices):
    IN = "in", "Coming"
    OUT = "out", "Not coming"
    ERROR = csv_import.ERROR, "Not added"
    BLANK = csv_import.BLANK, "Blank row"


class _Preview(Preview):
    outcomes = _Outcome
    adds = frozenset({_Outcome.IN})
    colours = {_Outcome.IN: "green", _Outcome.ERROR: "red"}
    summary_lines = {
        _Outcome.IN: ("{} guest coming", "{} guests coming"),
        _Outcome.OUT: ("{} not coming",) * 2,
    }
    columns = (("Row", "number"), ("Name", "name"))

    def notes(self, row):
        return row.get("notes", [])

    def problem_lines(self, row):
        return [f"Row {row['number']}: no name."]


ROWS = [
    {"number": 2, "name": "Tam", "outcome": "in"},
    {"number": 3, "name": "Uma", "outcome": "in", "notes": ["Check her name"]},
    {"number": 4, "outcome": "blank"},
    {"number": 5, "name": "", "outcome": "error"},
    {"number": 6, "name": "Viv", "outcome": "out"},
]


def test_the_preview_counts_each_outcome_and_says_so_in_words():
    preview = _Preview(ROWS)

    assert preview.counts == {"in": 2, "out": 1, "error": 1}
    assert (preview.blank_rows, preview.to_add) == (1, 2)
    assert preview.summary == [
        "2 guests coming",
        "1 not coming",
        "1 row with a problem",
        "1 blank row skipped",
    ]
    assert preview.problems == ["Row 5: no name."]
    assert [row["number"] for row in preview.problem_rows] == [5]


def test_the_preview_shows_every_row_but_the_blank_ones_with_its_tag_and_notes():
    rows = _Preview(ROWS).rows

    assert [(row["cells"], row["label"], row["colour"], row["notes"]) for row in rows] == [
        ([("Row", 2), ("Name", "Tam")], "Coming", "green", []),
        ([("Row", 3), ("Name", "Uma")], "Coming", "green", ["Check her name"]),
        ([("Row", 5), ("Name", "–")], "Not added", "red", []),
        ([("Row", 6), ("Name", "Viv")], "Not coming", "grey", []),
    ]


def test_a_preview_with_nothing_to_say_says_nothing():
    preview = _Preview([{"number": 2, "outcome": "blank"}, {"number": 3, "outcome": "blank"}])

    assert (preview.rows, preview.problems, preview.to_add) == ([], [], 0)
    assert preview.summary == ["2 blank rows skipped"]
