"""Registration lists from CSV: read the file, say what would happen to each row, and add
the people to a session's attendance only when the facilitator confirms.

Exports from events and video-call tools name their columns differently, so columns are
recognised by their headings. An email address is matched only to someone the
facilitator can already see. An address on anyone else's record is not linked to it, nor
saved (addresses are unique): that row becomes someone new, and the other record is
neither named nor opened to the facilitator.
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from partnerships.models import Organisation, Person
from workshops.models import Attendance, RegistrationImport, Session
from workshops.selectors import people_known_to

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
# Video-call exports put a summary of the meeting above the list of people.
HEADER_SEARCH_ROWS = 30
NAME_LENGTH = Person._meta.get_field("full_name").max_length
EMAIL_LENGTH = Person._meta.get_field("email").max_length

# Headings each kind of column goes by, compared in lower case with punctuation as spaces.
COLUMN_HEADINGS = {
    "name": {
        "name",
        "full name",
        "attendee name",
        "participant name",
        "display name",
        "your name",
        "name original name",
    },
    "first_name": {"first name", "firstname", "first", "forename", "given name"},
    "last_name": {"last name", "lastname", "surname", "family name"},
    "email": {
        "email",
        "email address",
        "e mail",
        "e mail address",
        "user email",
        "attendee email",
        "participant email",
    },
    "organisation": {
        "organisation",
        "organization",
        "organisation name",
        "organization name",
        "company",
        "company name",
        "employer",
        "org",
    },
}
ZOOM_NAME_HEADING = "name original name"
# Zoom writes "Shown name (Original name)" for anyone who renamed themselves in the call.
ZOOM_RENAMED = re.compile(r"^.*\S\s*\((?P<original>[^()]*\S[^()]*)\)$")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_NOT_CSV = (
    "This is not a CSV file. Save the list from your spreadsheet or events tool as CSV "
    "(comma-separated values) and upload that file."
)
_ENCODING_HELP = (
    "The file's characters could not be read. Open it in your spreadsheet, save it as "
    "“CSV UTF-8”, and upload it again."
)


_HELD_ELSEWHERE = (
    "This email address is already on a record in another part of the programme, so they "
    "are added as someone new and the email address is not saved with them."
)


class RegistrationFileError(Exception):
    """Something wrong with the file as a whole; the message says what to do about it."""


class RowOutcome(models.TextChoices):
    EXISTING = "existing", "On the platform already"
    NEW = "new", "New person"
    ATTENDING = "attending", "Already on the attendance list"
    DUPLICATE = "duplicate", "Duplicate"
    ERROR = "error", "Not added"
    BLANK = "blank", "Blank row"


TO_ADD = {RowOutcome.EXISTING, RowOutcome.NEW}


@dataclass
class CsvRow:
    number: int
    name: str = ""
    email: str = ""
    organisation: str = ""
    blank: bool = False


@dataclass
class CsvTable:
    """A registration list as read from the file, before anything is looked up."""

    file_name: str
    headings: dict[str, str]
    rows: list[CsvRow]
    encoding_note: str = ""


# Reading the file -----------------------------------------------------------------------


def read_upload(upload) -> CsvTable:
    """Read an uploaded file, or raise RegistrationFileError saying what is wrong with it."""
    return parse_csv(upload_bytes(upload), file_name=upload.name)


def upload_bytes(upload) -> bytes:
    """An uploaded list's contents, unless it is too large to read (RegistrationFileError)."""
    if upload.size > MAX_FILE_BYTES:
        raise RegistrationFileError(
            f"The file is {filesizeformat(upload.size)}. Upload a file of "
            f"{filesizeformat(MAX_FILE_BYTES)} or less, or split the list into smaller files."
        )
    return upload.read()


def parse_csv(data: bytes, *, file_name: str = "") -> CsvTable:
    if not data.strip():
        raise RegistrationFileError("The file is empty. Choose the file with the list in it.")
    text, encoding_note = decode_text(data)
    records = read_records(text)
    header_index = _header_index(records)
    header = records[header_index]
    headings = _headings(header)
    zoom = "name" in headings and heading_key(header[headings["name"]]) == ZOOM_NAME_HEADING
    # Numbered as a spreadsheet numbers its rows, so people can find them in the file.
    rows = [
        _row(record, number, headings, zoom=zoom)
        for number, record in enumerate(records[header_index + 1 :], start=header_index + 2)
    ]
    people = sum(not row.blank for row in rows)
    if people == 0:
        raise RegistrationFileError("The file has column headings but no people listed under them.")
    if people > MAX_ROWS:
        raise RegistrationFileError(
            f"The file lists {people:,} people. Upload at most {MAX_ROWS:,} at a time."
        )
    return CsvTable(
        file_name=file_name,
        headings={kind: header[index].strip() for kind, index in headings.items()},
        rows=rows,
        encoding_note=encoding_note,
    )


def decode_text(data: bytes) -> tuple[str, str]:
    """The file's text, and a note if it had to be read as something other than UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" and Teams' attendance downloads are UTF-16.
        try:
            return _check_text(data.decode("utf-16")), ""
        except UnicodeDecodeError:
            raise RegistrationFileError(_ENCODING_HELP) from None
    if data.startswith(b"PK\x03\x04"):
        raise RegistrationFileError(
            "This is an Excel workbook or another zipped file, not a CSV file. In Excel, "
            "choose Save a copy, then the format “CSV UTF-8”, and upload that file."
        )
    if b"\x00" in data or data.startswith(b"%PDF"):
        raise RegistrationFileError(_NOT_CSV)
    try:
        return _check_text(data.decode("utf-8-sig")), ""
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise RegistrationFileError(_ENCODING_HELP) from None
    return _check_text(text), (
        "The file was not saved as UTF-8, so it was read as Windows-1252, the encoding "
        "older versions of Excel use. Check that letters with accents look right."
    )


def _check_text(text: str) -> str:
    # A stray control character can appear in a real list; many of them mean the bytes
    # were never text.
    if len(CONTROL_CHARACTERS.findall(text)) > len(text) / 100:
        raise RegistrationFileError(_NOT_CSV)
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
        raise RegistrationFileError(
            "The file could not be read as CSV: one cell runs on for pages, which usually "
            "means a quote mark was never closed. Save the list from your spreadsheet as "
            "CSV and upload it again."
        ) from None


def heading_key(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", heading.lower()).strip()


def _headings(record: list[str]) -> dict[str, int]:
    """Which column holds each kind of value: the first whose heading is one we know."""
    found = {}
    for index, heading in enumerate(record):
        key = heading_key(heading)
        for kind, known in COLUMN_HEADINGS.items():
            if key in known and kind not in found:
                found[kind] = index
    return found


def _has_names(headings: dict[str, int]) -> bool:
    return "name" in headings or "first_name" in headings


def _header_index(records: list[list[str]]) -> int:
    non_blank = [i for i, record in enumerate(records) if any(cell.strip() for cell in record)]
    if not non_blank:
        raise RegistrationFileError("The file is empty. Choose the file with the list in it.")
    for index in non_blank[:HEADER_SEARCH_ROWS]:
        if _has_names(_headings(records[index])):
            return index
    found = ", ".join(f"“{cell.strip()}”" for cell in records[non_blank[0]] if cell.strip())
    raise RegistrationFileError(
        f"The file has no column of names. Its columns are: {found}. It needs a column "
        "headed “Name”, or columns headed “First name” and “Last name”; columns headed "
        "“Email” and “Organisation” are used too."
    )


def _cell(record: list[str], headings: dict[str, int], kind: str) -> str:
    index = headings.get(kind)
    if index is None or index >= len(record):
        return ""
    return " ".join(record[index].split())


def _row(record: list[str], number: int, headings: dict[str, int], *, zoom: bool) -> CsvRow:
    if not any(cell.strip() for cell in record):
        return CsvRow(number=number, blank=True)
    name = _cell(record, headings, "name")
    renamed = ZOOM_RENAMED.match(name) if zoom else None
    if renamed:
        name = renamed["original"].strip()
    if not name:
        parts = [_cell(record, headings, "first_name"), _cell(record, headings, "last_name")]
        name = " ".join(part for part in parts if part)
    return CsvRow(
        number=number,
        name=name,
        email=_cell(record, headings, "email").lower(),
        organisation=_cell(record, headings, "organisation"),
    )


# What would happen to each row -----------------------------------------------------------


def _name_columns(headings: dict[str, str]) -> str:
    if "name" in headings:
        return f"the “{headings['name']}” column"
    names = [f"“{headings[kind]}”" for kind in ("first_name", "last_name") if kind in headings]
    return "the " + " and ".join(names) + (" columns" if len(names) > 1 else " column")


def _row_problem(row: CsvRow, headings: dict[str, str]) -> str:
    if not row.name:
        return f"No name in {_name_columns(headings)}."
    if len(row.name) > NAME_LENGTH:
        return f"The name in {_name_columns(headings)} is longer than {NAME_LENGTH} characters."
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            return f"“{row.email}” in the “{headings['email']}” column is not an email address."
        if len(row.email) > EMAIL_LENGTH:
            return f"The email address is longer than {EMAIL_LENGTH} characters."
    return ""


def assess(table: CsvTable, *, session: Session, viewer) -> list[dict]:
    """Each row of `table` with what confirming would do with it, ready to store as JSON.

    `viewer` is the uploading user: only people they can already see are matched.
    """
    emails = {row.email for row in table.rows if row.email}
    by_email = {
        person.email.lower(): person
        for person in Person.objects.annotate(email_lower=Lower("email")).filter(
            email_lower__in=emails
        )
    }
    known_ids = set(
        people_known_to(viewer)
        .filter(pk__in=[person.pk for person in by_email.values()])
        .values_list("pk", flat=True)
    )
    attending = dict(
        Attendance.objects.filter(session=session).values_list("person_id", "person__full_name")
    )
    attending_names = {name.lower() for name in attending.values()}
    organisation_names = {row.organisation.lower() for row in table.rows if row.organisation}
    organisations = {
        organisation.name.lower(): organisation
        for organisation in Organisation.objects.annotate(name_lower=Lower("name")).filter(
            name_lower__in=organisation_names
        )
    }
    seen_emails: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    assessed = []
    for row in table.rows:
        if row.blank:
            assessed.append({"number": row.number, "outcome": RowOutcome.BLANK})
            continue
        entry = {
            "number": row.number,
            "name": row.name,
            "email": row.email,
            "organisation": row.organisation,
            "outcome": RowOutcome.NEW,
            "message": "",
            "warnings": [],
            "person_id": None,
            "organisation_id": None,
            "known_as": "",
            "email_held_elsewhere": False,
        }
        assessed.append(entry)
        problem = _row_problem(row, table.headings)
        if problem:
            entry.update(outcome=RowOutcome.ERROR, message=problem)
            continue
        name_key = row.name.lower()
        first = seen_emails.get(row.email) if row.email else seen_names.get(name_key)
        if first:
            entry.update(outcome=RowOutcome.DUPLICATE, message=f"The same person as row {first}.")
            continue
        if row.email:
            seen_emails[row.email] = row.number
        seen_names.setdefault(name_key, row.number)

        person = by_email.get(row.email)
        if person is not None and person.pk not in known_ids:
            person = None
            entry["email_held_elsewhere"] = True
            entry["warnings"].append(_HELD_ELSEWHERE)
        # Without an email address, the name is all there is to recognise someone by.
        if person is not None:
            attends = person.pk in attending
        else:
            attends = not row.email and name_key in attending_names
        if attends:
            entry["outcome"] = RowOutcome.ATTENDING
            continue
        if person:
            entry.update(
                outcome=RowOutcome.EXISTING, person_id=person.pk, known_as=person.full_name
            )
        if row.organisation:
            organisation = organisations.get(row.organisation.lower())
            if organisation:
                entry["organisation_id"] = organisation.pk
            else:
                entry["warnings"].append(
                    f"“{row.organisation}” is not on the platform, so this attendance is "
                    "recorded without an organisation."
                )
        if table.encoding_note and not (row.name + row.organisation).isascii():
            entry["warnings"].append(table.encoding_note)
    return assessed


@dataclass
class Preview:
    """What the preview page shows of a stored list: its rows, and how many of each kind."""

    rows: list[dict]
    counts: dict[str, int]
    blank_rows: int

    @classmethod
    def of(cls, registration_import: RegistrationImport) -> "Preview":
        rows = [
            {**row, "label": RowOutcome(row["outcome"]).label}
            for row in registration_import.rows
            if row["outcome"] != RowOutcome.BLANK
        ]
        counts = {outcome.value: 0 for outcome in RowOutcome}
        for row in registration_import.rows:
            counts[row["outcome"]] += 1
        return cls(rows=rows, counts=counts, blank_rows=counts.pop(RowOutcome.BLANK))

    @property
    def to_add(self) -> int:
        return sum(self.counts[outcome] for outcome in TO_ADD)

    @property
    def problems(self) -> list[dict]:
        return [row for row in self.rows if row["outcome"] == RowOutcome.ERROR]


# Writes ---------------------------------------------------------------------------------


@transaction.atomic
def registration_import_create(
    *, session: Session, by: Person, table: CsvTable
) -> RegistrationImport:
    """Hold a read file for preview. The uploader's earlier unconfirmed lists are dropped:
    uploading again is how they start again, and nobody else works from them."""
    RegistrationImport.objects.filter(
        session=session, uploaded_by=by, confirmed_at__isnull=True
    ).delete()
    return RegistrationImport.objects.create(
        session=session,
        uploaded_by=by,
        file_name=table.file_name[: RegistrationImport._meta.get_field("file_name").max_length],
        rows=assess(table, session=session, viewer=by.user),
    )


@transaction.atomic
def registration_import_confirm(*, registration_import: RegistrationImport) -> int | None:
    """Add the list's people to the session; the number added, or None if already done.

    The import row is locked, so a double submit or a second tab waits and then finds it
    confirmed. People and attendances are looked up again here, since someone may have
    been added between the preview and the confirmation.
    """
    locked = RegistrationImport.objects.select_for_update().get(pk=registration_import.pk)
    if locked.confirmed_at is not None:
        return None
    rows = [row for row in locked.rows if row["outcome"] in TO_ADD]
    # An organisation may have been merged into another since the preview.
    organisations = set(
        Organisation.objects.filter(
            pk__in={row["organisation_id"] for row in rows if row["organisation_id"]}
        ).values_list("pk", flat=True)
    )
    for row in rows:
        if row["organisation_id"] not in organisations:
            row["organisation_id"] = None
    people = _people_for_rows(rows, viewer=locked.uploaded_by.user)
    already = set(
        Attendance.objects.filter(session_id=locked.session_id).values_list("person_id", flat=True)
    )
    wanted = {}
    for row, (person_id, own_organisation_id) in people:
        if person_id not in already:
            # The organisation the file names, even if unknown (then none); theirs if it names none.
            wanted[person_id] = (
                row["organisation_id"] if row["organisation"] else own_organisation_id
            )
    Attendance.objects.bulk_create(
        [
            Attendance(session_id=locked.session_id, person_id=person_id, organisation_id=org_id)
            for person_id, org_id in wanted.items()
        ],
        ignore_conflicts=True,
    )
    locked.confirmed_at = timezone.now()
    locked.save(update_fields=["confirmed_at"])
    return len(wanted)


def _people_for_rows(rows: list[dict], *, viewer) -> list[tuple[dict, tuple[int, int | None]]]:
    """Each row to add with its person, as (id, their own organisation id).

    Looked up again, since addresses may have come or gone since the preview, and still
    only among the people `viewer` can see. Someone matched at preview who has since
    been deleted, or has changed address, is not found again and not added.
    """
    # Lists previewed before addresses held elsewhere were marked are checked here alike.
    withheld = [row.get("email_held_elsewhere", False) for row in rows]
    emails = [row["email"] for row, held in zip(rows, withheld, strict=True) if not held]
    holders = {
        email: (pk, organisation_id)
        for email, pk, organisation_id in Person.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
        .values_list("email_lower", "pk", "organisation_id")
    }
    known = set(
        people_known_to(viewer)
        .filter(pk__in=[pk for pk, _ in holders.values()])
        .values_list("pk", flat=True)
    )
    found, to_create = [], []
    for row, held in zip(rows, withheld, strict=True):
        holder = None if held else holders.get(row["email"])
        if holder is not None and holder[0] in known:
            found.append((row, holder))
        elif holder is not None or held:
            to_create.append((row, ""))
        elif row["outcome"] == RowOutcome.NEW:
            to_create.append((row, row["email"]))
    created = _create_people([_new_person(row, email) for row, email in to_create])
    return found + [
        (row, (person.pk, person.organisation_id))
        for (row, _), person in zip(to_create, created, strict=True)
    ]


def _create_people(people: list[Person]) -> list[Person]:
    try:
        with transaction.atomic():
            return Person.objects.bulk_create(people)
    except IntegrityError:
        # An address was taken by someone else's record since it was looked up: that
        # person is recorded without it, as for any address held elsewhere.
        return [_create_person(person) for person in people]


def _create_person(person: Person) -> Person:
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        person.pk, person.email = None, ""
        person.save()
    return person


def _new_person(row: dict, email: str) -> Person:
    return Person(full_name=row["name"], email=email, organisation_id=row["organisation_id"])
