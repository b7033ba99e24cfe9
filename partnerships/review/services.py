"""The writes every kind of suggestion shares: deciding it once, and the emails it owes."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from partnerships.models import AreaRole, Membership, Person
from partnerships.review.models import ReviewEmail, ReviewEmailPurpose, ReviewStatus, Suggestion

# The hour review emails go out: one a morning gathers everything since the last.
EMAIL_HOUR = 8


class AlreadyDecided(Exception):
    """Another facilitator accepted or declined the suggestion first."""

    def __init__(self, suggestion):
        super().__init__(f"{suggestion!r} was {suggestion.decision} already.")
        self.suggestion = suggestion
        # The name the statement proposals have always used.
        self.proposal = suggestion


class Refused(Exception):
    """Accepting could not go ahead as asked; the message tells the facilitator why and
    what to do, shown on the accept form, whose input is kept."""


def lock_waiting(suggestion: Suggestion) -> Suggestion:
    """The suggestion locked for deciding; AlreadyDecided if someone decided first."""
    locked = type(suggestion).objects.select_for_update().get(pk=suggestion.pk)
    if not locked.is_waiting:
        raise AlreadyDecided(locked)
    return locked


def mark_decided(locked: Suggestion, *, by: Person, decision: str, note: str = "", **fields):
    """Record the decision (and `fields`, e.g. what accepting made) on a locked suggestion,
    and tell the person who suggested it the next morning."""
    values = {
        "decision": decision,
        "decided_by": by,
        "decided_at": timezone.now(),
        "decision_note": note,
        **fields,
    }
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save(update_fields=list(values))
    if locked.proposed_by_id:
        _email_next_morning(ReviewEmailPurpose.DECIDED, [locked.proposed_by_id])
    return locked


@transaction.atomic
def suggestion_decline(*, suggestion: Suggestion, by: Person, note: str) -> Suggestion:
    return mark_decided(lock_waiting(suggestion), by=by, decision=ReviewStatus.DECLINED, note=note)


def facilitators_told(*, area) -> None:
    """A suggestion waits in `area`: its facilitators hear of it in the next morning's
    email, which lists everything then waiting for them."""
    facilitators = Membership.objects.filter(area=area, role=AreaRole.FACILITATOR).exclude(
        person__email=""
    )
    _email_next_morning(
        ReviewEmailPurpose.WAITING, facilitators.values_list("person_id", flat=True)
    )


def next_morning(now: dt.datetime | None = None) -> dt.datetime:
    """The next EMAIL_HOUR o'clock, local time, strictly after `now`."""
    now = timezone.localtime(now)
    morning = now.replace(hour=EMAIL_HOUR, minute=0, second=0, microsecond=0)
    return morning if morning > now else morning + dt.timedelta(days=1)


def _email_next_morning(purpose: str, person_ids) -> None:
    send_after = next_morning()
    ReviewEmail.objects.bulk_create(
        [
            ReviewEmail(
                purpose=purpose, person_id=pk, key_date=send_after.date(), send_after=send_after
            )
            for pk in set(person_ids)
        ],
        ignore_conflicts=True,
    )
