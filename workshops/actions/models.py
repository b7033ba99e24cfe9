"""The actions a partnership agrees, each owned by one person in the area, and the history
of what happened to each."""

from django.db import models
from django.urls import reverse
from django.utils import timezone

from partnerships import access
from workshops.models import new_nonce


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    BLOCKED = "blocked", "Blocked"
    DONE = "done", "Done"


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user, *, roles=None):
        return self.filter(access.area_scope(user, roles=roles, field="area"))

    def open(self):
        return self.exclude(status=ActionStatus.DONE)


class Action(models.Model):
    """A follow-up the partnership agreed, owned by one person in the area."""

    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="actions")
    session = models.ForeignKey(
        "workshops.Session",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    description = models.TextField()
    owner = models.ForeignKey(
        "partnerships.Person", on_delete=models.PROTECT, related_name="owned_actions"
    )
    due_on = models.DateField(null=True, blank=True)
    sub_group = models.ForeignKey(
        "areas.SubGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    status = models.CharField(
        max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    blocked_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    # Part of every owner link's signature: a new nonce withdraws the links already sent.
    owner_link_nonce = models.CharField(max_length=32, default=new_nonce)
    created_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["area", "status", "due_on"]),
            models.Index(fields=["owner", "status"]),
            # The follow-up scan reads open actions by due date, a few days at a time.
            models.Index(
                fields=["due_on"],
                condition=~models.Q(status="done"),
                name="action_open_due_idx",
            ),
            # The programme dashboard counts each area's open and overdue actions.
            models.Index(
                fields=["area", "due_on"],
                condition=~models.Q(status="done"),
                name="action_open_area_due_idx",
            ),
        ]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse(
            "workshops:action-detail", kwargs={"area_slug": self.area.slug, "action_id": self.pk}
        )

    @property
    def is_open(self):
        return self.status != ActionStatus.DONE

    def days_overdue(self, today) -> int:
        return days_overdue(self.status, self.due_on, today)


def days_overdue(status: str, due_on, today) -> int:
    """Whole days past the due date on `today`; 0 when done, undated or not yet due."""
    if status == ActionStatus.DONE or due_on is None or due_on >= today:
        return 0
    return (today - due_on).days


class ActionEventKind(models.TextChoices):
    CREATED = "created", "Created"
    STATUS = "status", "Status changed"
    NOTE = "note", "Progress note"
    REASSIGNED = "reassigned", "Reassigned"
    DUE_DATE = "due_date", "Due date changed"
    LINK_OPENED = "link_opened", "Owner link opened"
    LINK_REFUSED = "link_refused", "Owner link refused"
    LINK_REVOKED = "link_revoked", "Owner link withdrawn"
    OWNER_EMAIL_ADDED = "owner_email", "Owner’s email address added"


class ActionEvent(models.Model):
    """One thing that happened to an action. Append-only: rows are never changed.

    Names and values are copied in as text, so the history still reads true after the
    people or choices it mentions change.
    """

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=ActionEventKind.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via_owner_link = models.BooleanField(default=False)
    old_value = models.CharField(max_length=200, blank=True)
    new_value = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["action", "at"], name="action_event_history_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.action_id}"
