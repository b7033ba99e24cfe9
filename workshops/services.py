"""Writes to sessions and everything logged at them, one function per use case."""

import enum

from django.db import IntegrityError, transaction
from django.utils import timezone

from partnerships.models import Person
from partnerships.versioning import save_versioned
from workshops.actions import tracking
from workshops.followups import planning
from workshops.models import (
    Action,
    Attendance,
    Draft,
    Insight,
    SectorHeadcount,
    Session,
    SessionStatus,
)
from workshops.selectors import people_known_to


class StaleDraft(Exception):
    """The words come from a form that has already been saved."""


def _draft_row(*, session: Session, by: Person, form_key: str) -> Draft:
    """The person's draft row for a form, created if missing and locked until commit."""
    Draft.objects.bulk_create(
        [Draft(session=session, person=by, form_key=form_key)], ignore_conflicts=True
    )
    return Draft.objects.select_for_update().get(session=session, person=by, form_key=form_key)


def _discard_draft(*, session: Session, by: Person, form_key: str, draft_token: str = ""):
    """Forget the words kept for a form that has been saved, and remember which form it was."""
    if not draft_token:
        Draft.objects.filter(session=session, person=by, form_key=form_key).delete()
        return
    # One upsert: it waits for the row's lock like draft_save's select_for_update, so an
    # autosave of the same form is written either before it (and emptied) or after it
    # (and refused as spent).
    Draft.objects.bulk_create(
        [Draft(session=session, person=by, form_key=form_key, data={}, spent_token=draft_token)],
        update_conflicts=True,
        unique_fields=["session", "person", "form_key"],
        update_fields=["data", "spent_token"],
    )


@transaction.atomic
def session_create(*, area, by: Person, facilitators, **fields) -> Session:
    session = Session.objects.create(area=area, created_by=by, updated_by=by, **fields)
    session.facilitators.set(facilitators)
    return session


@transaction.atomic
def session_update(*, session: Session, by: Person, version, facilitators, **fields) -> Session:
    becomes_written_up = (
        fields.get("status") == SessionStatus.WRITTEN_UP
        and session.status != SessionStatus.WRITTEN_UP
    )
    if fields.get("status") == SessionStatus.WRITTEN_UP and not session.written_up_at:
        fields["written_up_at"] = timezone.now()
    save_versioned(session, version=version, by=by, **fields)
    session.facilitators.set(facilitators)
    _discard_draft(session=session, by=by, form_key="session")
    if becomes_written_up:
        planning.plan_session_summary(session=session)
    return session


@transaction.atomic
def summary_save(
    *,
    session: Session,
    by: Person,
    version,
    summary: str,
    written_up: bool,
    draft_token: str = "",
):
    fields = {"summary": summary.strip()}
    if written_up and session.status != SessionStatus.WRITTEN_UP:
        fields.update(status=SessionStatus.WRITTEN_UP, written_up_at=timezone.now())
    save_versioned(session, version=version, by=by, **fields)
    _discard_draft(session=session, by=by, form_key="summary", draft_token=draft_token)
    if fields.get("status") == SessionStatus.WRITTEN_UP:
        planning.plan_session_summary(session=session)
    return session


def attendees_add(*, session: Session, people) -> int:
    """Add people to the attendance list; anyone already on it is left as they are."""
    existing = set(session.attendances.values_list("person_id", flat=True))
    new = [
        Attendance(session=session, person=person, organisation_id=person.organisation_id)
        for person in people
        if person.pk not in existing
    ]
    Attendance.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


class NewAttendee(enum.Enum):
    """What recording someone new at a session turned out to be."""

    CREATED = "created"
    # The email address is that of someone the recorder can already see.
    KNOWN = "known"
    # The address is on a record the recorder cannot see, so it was not kept.
    ADDRESS_HELD_ELSEWHERE = "address held elsewhere"


@transaction.atomic
def attendee_add_new(
    *,
    session: Session,
    by: Person,
    full_name: str,
    email: str,
    organisation,
    lived_experience: bool,
) -> tuple[Attendance, NewAttendee]:
    """Record someone who came, matching their email address only to people `by` can see.

    An address on anyone else's record is not linked to it, nor saved (addresses are
    unique): the attendee is recorded apart under the name typed, and the other record
    stays as hidden as it was. Joining the two would need that person's agreement.
    """
    outcome = NewAttendee.CREATED
    holder = Person.objects.filter(email__iexact=email).first() if email else None
    if holder is not None and people_known_to(by.user).filter(pk=holder.pk).exists():
        person, outcome = holder, NewAttendee.KNOWN
    else:
        if holder is not None:
            email, outcome = "", NewAttendee.ADDRESS_HELD_ELSEWHERE
        try:
            with transaction.atomic():
                person = Person.objects.create(
                    full_name=full_name, email=email, organisation=organisation
                )
        except IntegrityError:
            # Someone else's record took the address a moment ago.
            person = Person.objects.create(full_name=full_name, organisation=organisation)
            outcome = NewAttendee.ADDRESS_HELD_ELSEWHERE
    attendance, _ = Attendance.objects.get_or_create(
        session=session,
        person=person,
        defaults={
            "organisation": person.organisation or organisation,
            "lived_experience": lived_experience,
        },
    )
    return attendance, outcome


def attendance_remove(*, attendance: Attendance) -> None:
    attendance.delete()


@transaction.atomic
def headcounts_save(*, session: Session, counts: dict[str, int], lived_experience: int | None):
    """Replace the session's head-counts; a sector left at 0 has no row."""
    SectorHeadcount.objects.filter(session=session).delete()
    SectorHeadcount.objects.bulk_create(
        SectorHeadcount(session=session, sector=sector, count=count)
        for sector, count in counts.items()
        if count
    )
    Session.objects.filter(pk=session.pk).update(lived_experience_headcount=lived_experience)


@transaction.atomic
def insight_add(
    *, session: Session, by: Person, kind: str, draft_token: str = "", **fields
) -> Insight:
    insight = Insight.objects.create(
        session=session, kind=kind, created_by=by, updated_by=by, **fields
    )
    _discard_draft(session=session, by=by, form_key=f"insight-new-{kind}", draft_token=draft_token)
    return insight


@transaction.atomic
def insight_update(
    *, insight: Insight, by: Person, version, draft_token: str = "", **fields
) -> Insight:
    save_versioned(insight, version=version, by=by, **fields)
    _discard_draft(
        session=insight.session, by=by, form_key=f"insight-{insight.pk}", draft_token=draft_token
    )
    return insight


def insight_delete(*, insight: Insight) -> None:
    insight.delete()


@transaction.atomic
def action_add(*, session: Session, by: Person, draft_token: str = "", **fields) -> Action:
    action = Action.objects.create(
        area=session.area, session=session, created_by=by, updated_by=by, **fields
    )
    tracking.action_created(action=action, by=by)
    _discard_draft(session=session, by=by, form_key="action-new", draft_token=draft_token)
    return action


@transaction.atomic
def action_update(
    *, action: Action, session: Session, by: Person, version, draft_token: str = "", **fields
) -> Action:
    owner_before, due_before = action.owner, action.due_on
    save_versioned(action, version=version, by=by, **fields)
    tracking.action_changed(action=action, owner_before=owner_before, due_before=due_before, by=by)
    _discard_draft(session=session, by=by, form_key=f"action-{action.pk}", draft_token=draft_token)
    return action


def action_delete(*, action: Action) -> None:
    action.delete()


@transaction.atomic
def draft_save(
    *, session: Session, by: Person, form_key: str, data: dict, draft_token: str = ""
) -> Draft:
    """Keep what someone is typing; the latest keystrokes win.

    An autosave sent just before its form was saved can arrive just after: it would bring
    the saved words back as a draft (and a second copy on the next save), so StaleDraft.
    """
    draft = _draft_row(session=session, by=by, form_key=form_key)
    if draft_token and draft.spent_token == draft_token:
        raise StaleDraft
    draft.data, draft.saved_at = data, timezone.now()
    draft.save(update_fields=["data", "saved_at"])
    return draft


def draft_discard(*, session: Session, by: Person, form_key: str) -> None:
    _discard_draft(session=session, by=by, form_key=form_key)
