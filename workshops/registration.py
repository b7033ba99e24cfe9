"""Registration lists from CSV: read the file, say what would happen to each row, and add
the people to a session's attendance only when the facilitator confirms.

Exports from events and video-call tools name their columns differently, so columns are
recognised by their headings. An email address is matched only to someone the
facilitator can already see. An address on anyone else's record is not linked to it, nor
saved (addresses are unique): that row becomes someone new, and the other record is
neither named nor opened to the facilitator.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from partnerships import csv_import
from partnerships.csv_import import MAX_FILE_BYTES, CsvTable
from partnerships.models import Organisation, Person
from workshops.models import Attendance, RegistrationImport, Session
from workshops.selectors import people_known_to

NAME_LENGTH = Person._meta.get_field("full_name").max_length
EMAIL_LENGTH = Person._meta.get_field("email").max_length

REGISTRATION_LIST = csv_import.ListShape(
    # Headings each kind of column goes by, compared in lower case with punctuation as spaces.
    columns={
        "name": {
            "name",
            "full name",
            "attendee name",
            "participant name",
            "display name",
            "your name",
            csv_import.ZOOM_NAME_HEADING,
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
    },
    header_kinds=("name", "first_name"),
    items="people",
    empty_message="The file is empty. Choose the file with the list in it.",
    needed="names",
    needed_help=(
        "It needs a column headed “Name”, or columns headed “First name” and “Last name”; "
        "columns headed “Email” and “Organisation” are used too."
    ),
)

_HELD_ELSEWHERE = (
    "This email address is already on a record in another part of the programme, so they "
    "are added as someone new and the email address is not saved with them."
)


class RowOutcome(models.TextChoices):
    EXISTING = "existing", "On the platform already"
    NEW = "new", "New person"
    ATTENDING = "attending", "Already on the attendance list"
    DUPLICATE = "duplicate", "Duplicate"
    ERROR = csv_import.ERROR, "Not added"
    BLANK = csv_import.BLANK, "Blank row"


TO_ADD = {RowOutcome.EXISTING, RowOutcome.NEW}


def read_upload(upload) -> CsvTable:
    """Read an uploaded file, or raise CsvFileError saying what is wrong with it."""
    return csv_import.read_upload(upload, REGISTRATION_LIST, max_bytes=MAX_FILE_BYTES)


def parse_csv(data: bytes, *, file_name: str = "") -> CsvTable:
    return csv_import.parse(data, REGISTRATION_LIST, file_name=file_name)


# What would happen to each row -----------------------------------------------------------


def _name_columns(headings: dict[str, str]) -> str:
    if "name" in headings:
        return f"the “{headings['name']}” column"
    names = [f"“{headings[kind]}”" for kind in ("first_name", "last_name") if kind in headings]
    return "the " + " and ".join(names) + (" columns" if len(names) > 1 else " column")


def _row_problem(row: csv_import.CsvRow, headings: dict[str, str]) -> str:
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
        entry["warnings"] += csv_import.encoding_warnings(
            table.encoding_note, row.name, row.email, row.organisation
        )
    return assessed


class Preview(csv_import.Preview):
    outcomes = RowOutcome
    adds = frozenset(TO_ADD)
    colours = {RowOutcome.NEW: "green", RowOutcome.EXISTING: "blue", RowOutcome.ERROR: "red"}
    summary_lines = {
        RowOutcome.NEW: ("{} person new to the platform", "{} people new to the platform"),
        RowOutcome.EXISTING: (
            "{} person already on the platform",
            "{} people already on the platform",
        ),
        RowOutcome.ATTENDING: ("{} already on the attendance list",) * 2,
        RowOutcome.DUPLICATE: ("{} listed twice",) * 2,
    }
    columns = (
        ("Row", "number"),
        ("Name", "name"),
        ("Email", "email"),
        ("Organisation", "organisation"),
    )

    def notes(self, row: dict) -> list[str]:
        recorded = [f"Recorded as {row['known_as']}"] if row.get("known_as") else []
        message = [row["message"]] if row.get("message") else []
        return recorded + message + row.get("warnings", [])

    def problem_lines(self, row: dict) -> list[str]:
        return [f"Row {row['number']}: {row['message']}"]


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
