"""Distribution lists: contacts added by hand or read from CSV, previewed, then confirmed.

Files are read as registration lists are (partnerships/csv_import.py): the same encodings,
delimiters and friendly errors. Every row is checked for itself, and its problems name
the row and the column as a spreadsheet shows them. Addresses are compared in lower case;
one already on the list, twice in the file, or unsubscribed is not added.
"""

from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils import timezone

from partnerships import csv_import
from partnerships.models import Person
from workshops.cascades.models import Contact, ContactImport, ContactList, EmailUnsubscribe

EMAIL_LENGTH = Contact._meta.get_field("email").max_length
NAME_LENGTH = Contact._meta.get_field("name").max_length
ORGANISATION_LENGTH = Contact._meta.get_field("organisation").max_length

CONTACT_LIST = csv_import.ListShape(
    columns={
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
    },
    header_kinds=("email",),
    items="contacts",
    empty_message="The file is empty. Choose the file with the contacts in it.",
    needed="email addresses",
    needed_help=(
        "It needs a column headed “Email”; columns headed “Name” and “Organisation” are used too."
    ),
)


class ContactOutcome(models.TextChoices):
    NEW = "new", "Will be added"
    ON_LIST = "on_list", "Already on this list"
    DUPLICATE = "duplicate", "Duplicate"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed: never emailed"
    ERROR = csv_import.ERROR, "Not added"
    BLANK = csv_import.BLANK, "Blank row"


@dataclass
class ContactTable(csv_import.CsvTable):
    """A contact list as read from the file, its rows as the dicts they are stored as."""

    rows: list[dict]


def normalise_email(email: str) -> str:
    return email.strip().lower()


def read_upload(upload) -> ContactTable:
    """Read an uploaded file, or raise CsvFileError saying what is wrong with it."""
    return _contact_table(csv_import.read_upload(upload, CONTACT_LIST))


def parse_csv(data: bytes, *, file_name: str = "") -> ContactTable:
    return _contact_table(csv_import.parse(data, CONTACT_LIST, file_name=file_name))


def _contact_table(table: csv_import.CsvTable) -> ContactTable:
    return ContactTable(**{**vars(table), "rows": [asdict(row) for row in table.rows]})


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
        else:
            entry["messages"] = csv_import.encoding_warnings(
                table.encoding_note, row["email"], row["name"], row["organisation"]
            )
        if row["email"] and entry["outcome"] != ContactOutcome.ERROR:
            seen.setdefault(row["email"], row["number"])
    return assessed


class Preview(csv_import.Preview):
    outcomes = ContactOutcome
    adds = frozenset({ContactOutcome.NEW})
    colours = {ContactOutcome.NEW: "green", ContactOutcome.ERROR: "red"}
    summary_lines = {
        ContactOutcome.NEW: ("{} to add",) * 2,
        ContactOutcome.ON_LIST: ("{} already on this list",) * 2,
        ContactOutcome.DUPLICATE: ("{} listed twice",) * 2,
        ContactOutcome.UNSUBSCRIBED: ("{} unsubscribed, never emailed",) * 2,
    }
    columns = (
        ("Row", "number"),
        ("Email", "email"),
        ("Name", "name"),
        ("Organisation", "organisation"),
    )

    def notes(self, row: dict) -> list[str]:
        return row["messages"]

    def problem_lines(self, row: dict) -> list[str]:
        return row["messages"]


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
