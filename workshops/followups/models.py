"""The follow-up emails the platform owes people, the kinds each person has turned off,
and each person's private calendar address."""

from django.db import models
from django.utils import timezone

from partnerships.models import OutboxRow, OutboxStatus
from workshops.models import new_nonce


class FollowUpPurpose(models.TextChoices):
    ASSIGNED = "assigned", "New action"
    DUE_SOON = "due_soon", "Due soon"
    DUE_TODAY = "due_today", "Due today"
    OVERDUE = "overdue", "Overdue"
    ESCALATION = "escalation", "Overdue, to facilitators"
    SUMMARY = "summary", "What we agreed"
    DIGEST = "digest", "Weekly digest"
    CASCADE_DUE = "cascade_due", "Session waiting to be cascaded"


class FollowUpKind(models.TextChoices):
    """The kinds of email a person can turn off, each covering one or more purposes."""

    ASSIGNED = "assigned", "When an action is given to me"
    REMINDERS = "reminders", "Reminders before and on the due date"
    OVERDUE = "overdue", "Weekly nudges when an action of mine is overdue"
    ESCALATION = "escalation", "Actions still overdue in areas I facilitate"
    SUMMARY = "summary", "What we agreed, after a session I came to is written up"
    DIGEST = "digest", "A weekly list of my open actions"
    CASCADE = "cascade", "Sessions in my area still waiting to be cascaded"


# Each kind as the thing to stop, in an email's footer and on the unsubscribe page.
KIND_TO_STOP = {
    FollowUpKind.ASSIGNED: "emails when an action is given to you",
    FollowUpKind.REMINDERS: "reminders before and on due dates",
    FollowUpKind.OVERDUE: "weekly nudges about your overdue actions",
    FollowUpKind.ESCALATION: "emails about overdue actions in areas you facilitate",
    FollowUpKind.SUMMARY: "“what we agreed” emails after sessions",
    FollowUpKind.DIGEST: "the weekly list of your open actions",
    FollowUpKind.CASCADE: "reminders about sessions waiting to be cascaded",
}

KIND_OF_PURPOSE = {
    FollowUpPurpose.ASSIGNED: FollowUpKind.ASSIGNED,
    FollowUpPurpose.DUE_SOON: FollowUpKind.REMINDERS,
    FollowUpPurpose.DUE_TODAY: FollowUpKind.REMINDERS,
    FollowUpPurpose.OVERDUE: FollowUpKind.OVERDUE,
    FollowUpPurpose.ESCALATION: FollowUpKind.ESCALATION,
    FollowUpPurpose.SUMMARY: FollowUpKind.SUMMARY,
    FollowUpPurpose.DIGEST: FollowUpKind.DIGEST,
    FollowUpPurpose.CASCADE_DUE: FollowUpKind.CASCADE,
}


# A follow-up moves through the states of every outbox row.
FollowUpStatus = OutboxStatus


class FollowUp(OutboxRow):
    """An email the platform owes someone: the outbox row comes first, the sending after.

    The unique constraints make each email exist once whoever plans it and however
    often; a worker claims a row with one conditional UPDATE before sending it, so two
    workers, a retried task or a rerun schedule never send it twice.
    """

    purpose = models.CharField(max_length=16, choices=FollowUpPurpose.choices)
    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="follow_ups"
    )
    action = models.ForeignKey(
        "workshops.Action",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    session = models.ForeignKey(
        "workshops.Session",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    key_date = models.DateField(
        help_text="What makes the email distinct: the due date, the day the action was "
        "given, or the Monday of the week a nudge or digest belongs to."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "action", "person", "key_date"],
                condition=models.Q(action__isnull=False),
                name="follow_up_once_per_action",
            ),
            models.UniqueConstraint(
                fields=["purpose", "session", "person", "key_date"],
                condition=models.Q(session__isnull=False),
                name="follow_up_once_per_session",
            ),
            models.UniqueConstraint(
                fields=["purpose", "person", "key_date"],
                condition=models.Q(action__isnull=True, session__isnull=True),
                name="follow_up_once_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(action__isnull=True) | models.Q(session__isnull=True),
                name="follow_up_about_an_action_or_a_session",
            ),
        ]
        indexes = [
            models.Index(
                fields=["send_after"],
                condition=models.Q(status="pending"),
                name="follow_up_waiting_idx",
            ),
            models.Index(
                fields=["claimed_at"],
                condition=models.Q(status="sending"),
                name="follow_up_claimed_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} for {self.person_id} ({self.get_status_display()})"

    @property
    def kind(self):
        return KIND_OF_PURPOSE[self.purpose]


class FollowUpOptOut(models.Model):
    """A kind of follow-up email one person has turned off. No row means they get it."""

    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="follow_up_opt_outs"
    )
    kind = models.CharField(max_length=16, choices=FollowUpKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="follow_up_opt_out_once"),
        ]

    def __str__(self):
        return f"{self.person_id} turned off {self.kind}"


class CalendarFeed(models.Model):
    """A person's private calendar address. A new nonce makes the old address stop working."""

    person = models.OneToOneField(
        "partnerships.Person", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    nonce = models.CharField(max_length=32, default=new_nonce)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Calendar of {self.person_id}"
