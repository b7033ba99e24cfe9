"""How long each kind of record is kept, and what happens after: one table.

The clean-up job (`apply`, run daily by Celery beat and by `manage.py apply_retention`)
and the public privacy page both read `RETENTION`, so what the page promises is what
the job does. Models are named by label, not imported, so the core stays below the apps.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from partnerships import audit
from partnerships.models import AuditAction

DELETE = "delete"
ERASE = "erase"
KEEP = "keep"


@dataclass(frozen=True)
class RetentionRule:
    record_type: str
    model: str
    date_field: str
    days: int
    action: str
    # What happens, in plain words, as the privacy page shows it.
    outcome: str
    # Narrows the rows the rule applies to; `cutoff` is the moment older than which they go.
    select: Callable[[QuerySet, object], QuerySet] = lambda rows, cutoff: rows

    @property
    def period(self) -> str:
        years, days = divmod(self.days, 365)
        if years and not days:
            return "1 year" if years == 1 else f"{years} years"
        return "1 day" if self.days == 1 else f"{self.days} days"

    def due(self, now) -> QuerySet:
        """The rows past their time, as of `now`."""
        cutoff = now - timedelta(days=self.days)
        rows = apps.get_model(self.model).objects.filter(**{f"{self.date_field}__lt": cutoff})
        return self.select(rows, cutoff)


def _inactive_participants(people, cutoff):
    # Only participants without an account, in no role and not seen since the cutoff.
    return (
        people.filter(user__isnull=True, erased_at__isnull=True)
        .exclude(memberships__isnull=False)
        .exclude(steering_seats__isnull=False)
        .exclude(lco_roles__isnull=False)
        .exclude(attendances__session__starts_at__gte=cutoff)
    )


RETENTION: list[RetentionRule] = [
    RetentionRule(
        "Participants who no longer take part",
        "partnerships.Person",
        "created_at",
        3 * 365,
        ERASE,
        "Three years after the last session they came to, their name, email and phone "
        "are replaced by a pseudonym and their quotes are removed. Attendance counts stay.",
        select=_inactive_participants,
    ),
    RetentionRule(
        "Quotes nobody agreed to share",
        "workshops.Insight",
        "created_at",
        365,
        DELETE,
        "Deleted if consent was never recorded.",
        select=lambda rows, cutoff: rows.filter(kind="quote", consent="none"),
    ),
    RetentionRule(
        "What phones sent at a partnership day that was not used",
        "workshops.RoomItem",
        "sent_at",
        90,
        DELETE,
        "Deleted if a facilitator did not accept it into the session’s record.",
        select=lambda rows, cutoff: rows.filter(status__in=["waiting", "set_aside"]),
    ),
    RetentionRule(
        "Phones that joined a partnership day, and their votes",
        "workshops.RoomPhone",
        "joined_at",
        90,
        DELETE,
        "Deleted. The head-counts they added to and the ranking of ideas stay with the session.",
    ),
    RetentionRule(
        "What people told us would help them take part",
        "workshops.SupportNeeds",
        "recorded_at",
        2 * 365,
        DELETE,
        "Deleted two years after it was last recorded or changed; the person can tell us "
        "again. Deleted at once if they withdraw their agreement.",
    ),
    RetentionRule(
        "Registration lists waiting to be confirmed",
        "workshops.RegistrationImport",
        "created_at",
        30,
        DELETE,
        "Deleted; the people on a confirmed list are already recorded as attendees.",
    ),
    RetentionRule(
        "Unsent drafts of forms",
        "workshops.Draft",
        "saved_at",
        30,
        DELETE,
        "Deleted.",
    ),
    RetentionRule(
        "Forms sent after a sign-in ended",
        "partnerships.HeldPost",
        "held_at",
        1,
        DELETE,
        "Kept for the person who wrote it to send after signing in again; deleted a day "
        "later if they have not.",
    ),
    RetentionRule(
        "Records of follow-up emails",
        "workshops.FollowUp",
        "created_at",
        365,
        DELETE,
        "Deleted once sent, failed or no longer needed.",
        select=lambda rows, cutoff: rows.exclude(status__in=["pending", "sending"]),
    ),
    RetentionRule(
        "Invitations nobody used",
        "partnerships.Invitation",
        "expires_at",
        90,
        DELETE,
        "Deleted, with the email address they were sent to.",
        select=lambda rows, cutoff: rows.filter(accepted_at__isnull=True),
    ),
    RetentionRule(
        "Sign-in sessions",
        "sessions.Session",
        "expire_date",
        1,
        DELETE,
        "Deleted a day after they expire.",
    ),
    RetentionRule(
        "Payments and claims, with receipts",
        "areas.SpendLine",
        "spent_on",
        6 * 365,
        KEEP,
        "Kept for six years, as financial records must be; then reviewed by a programme lead.",
    ),
    RetentionRule(
        "Consent records",
        "partnerships.ConsentRecord",
        "recorded_at",
        6 * 365,
        KEEP,
        "Kept, to show what was agreed; then reviewed by a programme lead, and kept longer "
        "only while their words are still in use.",
    ),
    RetentionRule(
        "The audit log",
        "partnerships.AuditEvent",
        "at",
        6 * 365,
        KEEP,
        "Removed by the database administrator. The platform itself can never change or delete it.",
    ),
]


@dataclass
class RetentionOutcome:
    rule: RetentionRule
    count: int


def apply(*, dry_run: bool, now=None, rules=None) -> list[RetentionOutcome]:
    """Apply every rule that removes something (or only count, on a dry run); audited."""
    # Imported here: erasing walks the registry, which the apps fill once they are ready.
    from partnerships.privacy.services import person_erase

    now = now or timezone.now()
    outcomes = []
    for rule in rules or RETENTION:
        if rule.action == KEEP:
            continue
        with transaction.atomic():
            due = rule.due(now)
            if dry_run:
                count = due.count()
            elif rule.action == ERASE:
                people = list(due.distinct())
                for person in people:
                    person_erase(person=person, by=None, reason="retention")
                count = len(people)
            else:
                count = (
                    due.model.objects.filter(pk__in=due.values("pk"))
                    .delete()[1]
                    .get(due.model._meta.label, 0)
                )
        outcomes.append(RetentionOutcome(rule, count))
    audit.record(
        AuditAction.RETENTION_APPLIED,
        label="Retention dry run" if dry_run else "Retention clean-up",
        dry_run=dry_run,
        counts={outcome.rule.record_type: outcome.count for outcome in outcomes},
    )
    return outcomes
