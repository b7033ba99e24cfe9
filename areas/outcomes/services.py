"""Writes to an area's statements, indicators and evidence, one transaction per use case.

A statement is never edited in place: each save adds a full revision and moves the
statement to it, so history is only ever appended to.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from areas.models import Area
from areas.outcomes.models import (
    CaoProposal,
    CaoRevision,
    CaoStatement,
    Evidence,
    Indicator,
    Measurement,
    ProposalStatus,
)
from partnerships.models import Person
from partnerships.review import services as review
from partnerships.review.services import AlreadyDecided  # noqa: F401 (raised from here)
from partnerships.versioning import lock_versioned, save_versioned

FIRST_REASON = "First version"


class NothingChanged(Exception):
    """The submitted content is the same as what is already saved."""


@transaction.atomic
def cao_statement_create(*, area: Area, by: Person, **content) -> CaoStatement:
    statement = CaoStatement.objects.create(area=area, version=1, **content)
    CaoRevision.objects.create(
        statement=statement, number=1, reason=FIRST_REASON, author=by, **content
    )
    return statement


def _add_revision(
    statement, *, by, reason, content, restored_from=None, proposed_by=None
) -> CaoRevision:
    if content == statement.content():
        raise NothingChanged("The statement already says this.")
    save_versioned(statement, version=statement.version, **content)
    return CaoRevision.objects.create(
        statement=statement,
        number=statement.version,
        reason=reason,
        author=by,
        restored_from=restored_from,
        proposed_by=proposed_by,
        **content,
    )


@transaction.atomic
def cao_statement_revise(
    *, statement: CaoStatement, version: int, by: Person, reason: str, **content
) -> CaoRevision:
    """Save a new revision. Raises EditConflict (with the newer statement) if `version`
    is not the latest, and NothingChanged if the content is what is already saved."""
    locked = lock_versioned(CaoStatement, statement.pk, version=version)
    return _add_revision(locked, by=by, reason=reason, content=content)


@transaction.atomic
def cao_statement_restore(
    *, revision: CaoRevision, version: int, by: Person, reason: str
) -> CaoRevision:
    """Bring back an old revision's content as a new revision on top of the others."""
    locked = lock_versioned(CaoStatement, revision.statement_id, version=version)
    return _add_revision(
        locked, by=by, reason=reason, content=revision.content(), restored_from=revision.number
    )


@transaction.atomic
def cao_proposal_make(
    *, statement: CaoStatement, by: Person, version: int, reason: str, **content
) -> CaoProposal:
    """Someone in the partnership proposes a change; nothing on the statement changes yet."""
    if content == statement.content():
        raise NothingChanged("The statement already says this.")
    proposal = CaoProposal.objects.create(
        statement=statement, based_on=version, reason=reason, proposed_by=by, **content
    )
    review.facilitators_told(area=statement.area)
    return proposal


@transaction.atomic
def cao_proposal_accept(
    *, proposal: CaoProposal, by: Person, version: int, reason: str, **content
) -> CaoRevision:
    """A facilitator accepts a proposal, as it is or edited: a new revision that records
    who proposed it. Raises EditConflict if the statement moved on since the facilitator
    opened it, AlreadyDecided if someone else decided first."""
    locked = review.lock_waiting(proposal)
    statement = lock_versioned(CaoStatement, proposal.statement_id, version=version)
    revision = _add_revision(
        statement, by=by, reason=reason, content=content, proposed_by=locked.proposed_by
    )
    review.mark_decided(locked, by=by, decision=ProposalStatus.ACCEPTED, revision=revision)
    return revision


def cao_proposal_decline(*, proposal: CaoProposal, by: Person, note: str) -> CaoProposal:
    return review.suggestion_decline(suggestion=proposal, by=by, note=note)


@transaction.atomic
def indicator_create(*, area: Area, by: Person, statements=(), **fields) -> Indicator:
    indicator = Indicator.objects.create(area=area, created_by=by, **fields)
    indicator.statements.set(statements)
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, version: int, statements=(), **fields) -> Indicator:
    """Change an indicator's definition; raises EditConflict if someone else got there first."""
    locked = lock_versioned(Indicator, indicator.pk, version=version)
    save_versioned(locked, version=version, **fields)
    locked.statements.set(statements)
    return locked


def measurement_add(
    *,
    indicator: Indicator,
    by: Person,
    measured_on: date,
    value: Decimal,
    source: str,
    note: str = "",
) -> Measurement:
    return Measurement.objects.create(
        indicator=indicator,
        measured_on=measured_on,
        value=value,
        source=source,
        note=note,
        recorded_by=by,
    )


@transaction.atomic
def evidence_save(*, area: Area, by: Person, evidence=None, statements=(), **fields) -> Evidence:
    """Add a quote or story, or correct one (typically to record consent given later)."""
    if evidence is None:
        evidence = Evidence.objects.create(area=area, added_by=by, **fields)
    else:
        for name, value in fields.items():
            setattr(evidence, name, value)
        evidence.save(update_fields=list(fields))
    evidence.statements.set(statements)
    return evidence
