"""Distribution lists: contacts added by hand or read from CSV, previewed, then confirmed.

Files are read as registration lists are (workshops/registration.py): the same encodings,
delimiters and friendly errors. Every row is checked for itself, and its problems name
the row and the column as a spreadsheet shows them. Addresses are compared in lower case;
one already on the list, twice in the file, or unsubscribed is not added.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils import timezone

from partnerships.models import Person
from workshops.cascades.models import Contact, ContactImport, ContactList, EmailUnsubscribe
from workshops.registration import (
    HEADER_SEARCH_ROWS,
    MAX_ROWS,
    RegistrationFileError,
    decode_text,
    heading_key,
    read_records,
    upload_bytes,
)

EMAIL_LENGTH = Contact._meta.get_field("email").max_length
NAME_LENGTH = Contact._meta.get_field("name").max_length
ORGANISATION_LENGTH = Contact._meta.get_field("organisation").max_length

COLUMN_HEADINGS = {
    "email": {"email", "email address", "e mail", "e mail address", "contact email"},
    "name": {"name", "full name", "contact name", "contact"},
    "first_name": {"first name", "firstname", "forename", "given name"},
    "last_name": {"last name", "lastname", "surname", "family name"},
    "organisation": {
        "organisation",
        "organization",
        "organisation name",
        "organization name",
        "group",
        "network",
        "company",
    },
}


class ContactFileError(RegistrationFileError):
    """Something wrong with the file as a whole; the message says what to do about it."""


class ContactOutcome(models.TextChoices):
    NEW = "new", "Will be added"
    ON_LIST = "on_list", "Already on this list"
    DUPLICATE = "duplicate", "Duplicate"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed: never emailed"
    ERROR = "error", "Not added"
    BLANK = "blank", "Blank row"


@dataclass
class ContactTable:
    file_name: str
    headings: dict[str, str]
    rows: list[dict]


def normalise_email(email: str) -> str:
    return email.strip().lower()


def read_upload(upload) -> ContactTable:
    """Read an uploaded file, or raise RegistrationFileError (or its ContactFileError)."""
    return parse_csv(upload_bytes(upload), file_name=upload.name)


def parse_csv(data: bytes, *, file_name: str = "") -> ContactTable:
    if not data.strip():
        raise ContactFileError("The file is empty. Choose the file with the contacts in it.")
    try:
        text, _ = decode_text(data)
        records = read_records(text)
    except RegistrationFileError as error:
        raise ContactFileError(str(error)) from None
    header_index, columns = _header(records)
    header = records[header_index]
    rows = [
        _row(record, number, columns)
        for number, record in enumerate(records[header_index + 1 :], start=header_index + 2)
    ]
    listed = sum(not row["blank"] for row in rows)
    if listed == 0:
        raise ContactFileError("The file has column headings but no contacts listed under them.")
    if listed > MAX_ROWS:
        raise ContactFileError(
            f"The file lists {listed:,} contacts. Upload at most {MAX_ROWS:,} at a time."
        )
    headings = {kind: header[index].strip() for kind, index in columns.items()}
    return ContactTable(file_name=file_name, headings=headings, rows=rows)


def _columns(record: list[str]) -> dict[str, int]:
    found = {}
    for index, heading in enumerate(record):
        key = heading_key(heading)
        for kind, known in COLUMN_HEADINGS.items():
            if key in known and kind not in found:
                found[kind] = index
    return found


def _header(records: list[list[str]]) -> tuple[int, dict[str, int]]:
    non_blank = [i for i, record in enumerate(records) if any(cell.strip() for cell in record)]
    if not non_blank:
        raise ContactFileError("The file is empty. Choose the file with the contacts in it.")
    for index in non_blank[:HEADER_SEARCH_ROWS]:
        columns = _columns(records[index])
        if "email" in columns:
            return index, columns
    found = ", ".join(f"“{cell.strip()}”" for cell in records[non_blank[0]] if cell.strip())
    raise ContactFileError(
        f"The file has no column of email addresses. Its columns are: {found}. It needs a "
        "column headed “Email”; columns headed “Name” and “Organisation” are used too."
    )


def _cell(record: list[str], columns: dict[str, int], kind: str) -> str:
    index = columns.get(kind)
    if index is None or index >= len(record):
        return ""
    return " ".join(record[index].split())


def _row(record: list[str], number: int, columns: dict[str, int]) -> dict:
    if not any(cell.strip() for cell in record):
        return {"number": number, "blank": True}
    name = _cell(record, columns, "name") or " ".join(
        part
        for part in (_cell(record, columns, "first_name"), _cell(record, columns, "last_name"))
        if part
    )
    return {
        "number": number,
        "blank": False,
        "email": normalise_email(_cell(record, columns, "email")),
        "name": name,
        "organisation": _cell(record, columns, "organisation"),
    }


def _problems(row: dict, headings: dict[str, str]) -> list[str]:
    """Every problem with the row, each naming its row and column."""
    where = f"Row {row['number']}, “{{}}” column"
    problems = []
    if not row["email"]:
        problems.append(f"{where.format(headings['email'])}: enter an email address.")
    else:
        try:
            validate_email(row["email"])
        except ValidationError:
            problems.append(
                f"{where.format(headings['email'])}: “{row['email']}” is not an email address."
            )
        else:
            if len(row["email"]) > EMAIL_LENGTH:
                problems.append(
                    f"{where.format(headings['email'])}: the address is longer than "
                    f"{EMAIL_LENGTH} characters."
                )
    name_heading = headings.get("name") or headings.get("first_name")
    if name_heading and len(row["name"]) > NAME_LENGTH:
        problems.append(
            f"{where.format(name_heading)}: the name is longer than {NAME_LENGTH} characters."
        )
    if "organisation" in headings and len(row["organisation"]) > ORGANISATION_LENGTH:
        problems.append(
            f"{where.format(headings['organisation'])}: the organisation is longer than "
            f"{ORGANISATION_LENGTH} characters."
        )
    return problems


def unsubscribed(emails) -> set[str]:
    return set(EmailUnsubscribe.objects.filter(email__in=emails).values_list("email", flat=True))


def assess(table: ContactTable, *, contact_list: ContactList) -> list[dict]:
    """Each row with what confirming would do with it, ready to store as JSON."""
    emails = {row["email"] for row in table.rows if not row["blank"] and row["email"]}
    on_list = set(
        Contact.objects.filter(contact_list=contact_list, email__in=emails).values_list(
            "email", flat=True
        )
    )
    gone = unsubscribed(emails)
    seen: dict[str, int] = {}
    assessed = []
    for row in table.rows:
        if row["blank"]:
            assessed.append({"number": row["number"], "outcome": ContactOutcome.BLANK})
            continue
        entry = {key: row[key] for key in ("number", "email", "name", "organisation")}
        entry |= {"outcome": ContactOutcome.NEW, "messages": []}
        assessed.append(entry)
        problems = _problems(row, table.headings)
        if problems:
            entry.update(outcome=ContactOutcome.ERROR, messages=problems)
        elif row["email"] in seen:
            entry.update(
                outcome=ContactOutcome.DUPLICATE,
                messages=[f"The same address as row {seen[row['email']]}."],
            )
        elif row["email"] in gone:
            entry.update(
                outcome=ContactOutcome.UNSUBSCRIBED,
                messages=["This address unsubscribed from cascades and is never emailed again."],
            )
        elif row["email"] in on_list:
            entry["outcome"] = ContactOutcome.ON_LIST
        if row["email"] and entry["outcome"] != ContactOutcome.ERROR:
            seen.setdefault(row["email"], row["number"])
    return assessed


@dataclass
class Preview:
    rows: list[dict]
    counts: dict[str, int]

    @classmethod
    def of(cls, contact_import: ContactImport) -> "Preview":
        counts = {outcome.value: 0 for outcome in ContactOutcome}
        for row in contact_import.rows:
            counts[row["outcome"]] += 1
        rows = [
            {**row, "label": ContactOutcome(row["outcome"]).label}
            for row in contact_import.rows
            if row["outcome"] != ContactOutcome.BLANK
        ]
        return cls(rows=rows, counts=counts)

    @property
    def to_add(self) -> int:
        return self.counts[ContactOutcome.NEW]

    @property
    def problems(self) -> list[dict]:
        return [row for row in self.rows if row["outcome"] == ContactOutcome.ERROR]


@transaction.atomic
def contact_import_create(
    *, contact_list: ContactList, by: Person, table: ContactTable, basis: str, basis_note: str
) -> ContactImport:
    """Hold a read file for preview; the uploader's earlier unconfirmed files are dropped."""
    ContactImport.objects.filter(
        contact_list=contact_list, uploaded_by=by, confirmed_at__isnull=True
    ).delete()
    return ContactImport.objects.create(
        contact_list=contact_list,
        uploaded_by=by,
        file_name=table.file_name[: ContactImport._meta.get_field("file_name").max_length],
        basis=basis,
        basis_note=basis_note,
        rows=assess(table, contact_list=contact_list),
    )


@transaction.atomic
def contact_import_confirm(*, contact_import: ContactImport) -> int | None:
    """Add the file's new contacts; how many were added, or None if it was confirmed before.

    The import row is locked, so a second click waits and then finds it confirmed; the
    list's unique constraint drops an address added by hand since the preview, and
    unsubscribes are checked again.
    """
    locked = ContactImport.objects.select_for_update().get(pk=contact_import.pk)
    if locked.confirmed_at is not None:
        return None
    rows = [row for row in locked.rows if row["outcome"] == ContactOutcome.NEW]
    gone = unsubscribed({row["email"] for row in rows})
    contacts = Contact.objects.filter(contact_list_id=locked.contact_list_id)
    before = contacts.count()
    Contact.objects.bulk_create(
        [
            Contact(
                contact_list_id=locked.contact_list_id,
                email=row["email"],
                name=row["name"],
                organisation=row["organisation"],
                basis=locked.basis,
                basis_note=locked.basis_note,
                added_by_id=locked.uploaded_by_id,
            )
            for row in rows
            if row["email"] not in gone
        ],
        ignore_conflicts=True,
    )
    locked.confirmed_at = timezone.now()
    locked.save(update_fields=["confirmed_at"])
    return contacts.count() - before
