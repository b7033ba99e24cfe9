"""Writes about a person's rights: consent decisions, their export, and erasure."""

import csv
import io
import json
import secrets
import zipfile
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

from partnerships import audit
from partnerships.models import AuditAction, ConsentDecision, ConsentRecord, Person
from partnerships.privacy import registry
from partnerships.privacy.selectors import SELF, ExportScope
from partnerships.spreadsheets import spreadsheet_safe


@transaction.atomic
def consent_record(
    *, person: Person, use: str, decision: str, method: str, wording: str, by, request=None
) -> ConsentRecord:
    """Add one decision. A withdrawal takes effect everywhere at once: quote querysets read
    the latest record, and documents already built from the person's words are discarded."""
    record = ConsentRecord.objects.create(
        person=person,
        use=use,
        decision=decision,
        method=method,
        wording=wording,
        recorded_by=by,
    )
    withdrawn = decision == ConsentDecision.WITHDRAWN
    if withdrawn:
        registry.discard_derived_documents(person)
    audit.record(
        AuditAction.CONSENT_WITHDRAWN if withdrawn else AuditAction.CONSENT_RECORDED,
        request=request,
        target=person,
        use=use,
        method=method,
    )
    return record


def _csv_text(rows: list[dict]) -> str:
    """The rows as CSV, guarded like every other CSV the platform gives out."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        values = ["" if row.get(column) is None else row[column] for column in columns]
        writer.writerow(spreadsheet_safe(values))
    return out.getvalue()


def person_export(*, person: Person, by, scope: ExportScope, request=None) -> bytes:
    """What `scope` may hold about `person`, as a zip: one JSON file and one CSV per kind
    of record. Complete for the person and programme leads; a facilitator's holds what
    their areas hold. Audited with its scope."""
    sections = [
        section for section in registry.sections() if scope.areas is None or section.in_area_exports
    ]
    holds_words = capfirst(scope.holds)
    holds = f"{holds_words} about this person"
    data = {
        "exported_at": timezone.now(),
        "person_id": person.pk,
        "holds": holds,
        "sections": {},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for section in sections:
            rows = section.export(person, scope.areas)
            data["sections"][section.key] = {"title": section.title, "records": rows}
            archive.writestr(
                f"csv/{section.key}.csv",
                _csv_text(json.loads(json.dumps(rows, cls=DjangoJSONEncoder))),
            )
        archive.writestr("everything.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2))
        archive.writestr("README.txt", _README.format(holds=holds))
    areas = sorted(scope.areas) if scope.areas is not None else None
    audit.record(
        AuditAction.EXPORTED,
        request=request,
        user=_user_of(by),
        target=person,
        area=areas[0] if areas and len(areas) == 1 else None,
        label=f"{holds_words} about person {person.pk}"
        + (", their own copy" if scope.kind == SELF else ""),
        scope=scope.kind,
        areas=areas,
        sections=[section.key for section in sections],
    )
    return buffer.getvalue()


_README = """\
{holds}, from the Health Partnerships platform.

everything.json  all of it, in one machine-readable file
csv/             the same records, one spreadsheet per kind of record

Dates and times are in ISO 8601 (UTC).
"""


def new_pseudonym() -> str:
    return f"Participant {secrets.token_hex(2).upper()}"


class ErasureRefused(Exception):
    """The erasure cannot go ahead; the message says why."""


@dataclass
class ErasureResult:
    pseudonym: str
    changed: dict[str, int]
    documents_discarded: int


@transaction.atomic
def person_erase(*, person: Person, by: Person | None, reason: str, request=None) -> ErasureResult:
    """Remove a person's personal data everywhere, keeping counts.

    Each app erases its own records (quotes removed, free text cleared); the person row
    stays, under a pseudonym, so attendance rows, headcounts and payments still add up.
    An account is closed and its sign-ins ended.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        raise ErasureRefused("This person’s data has already been erased.")
    if by is not None and by.pk == person.pk:
        raise ErasureRefused("You cannot erase your own record. Ask a programme lead.")
    pseudonym = new_pseudonym()
    changed = {section.key: section.erase(person, pseudonym) for section in registry.sections()}
    documents = registry.discard_derived_documents(person)
    person.full_name = pseudonym
    person.email = ""
    person.phone = ""
    person.job_title = ""
    person.erased_at = timezone.now()
    person.save(update_fields=["full_name", "email", "phone", "job_title", "erased_at"])
    if person.user_id:
        _close_account(person.user)
    audit.record(
        AuditAction.ERASED,
        request=request,
        user=_user_of(by),
        target=person,
        label=pseudonym,
        reason=reason,
        changed=changed,
    )
    return ErasureResult(pseudonym, changed, documents)


def _user_of(person: Person | None):
    return person.user if person is not None and person.user_id else None


def _close_account(user) -> None:
    # An inactive user with a new password hash is signed out of every session at its
    # next request: Django checks both on each one.
    user.email = f"erased-{user.pk}@erased.invalid"
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["email", "is_active", "password"])
    EmailAddress.objects.filter(user=user).delete()
