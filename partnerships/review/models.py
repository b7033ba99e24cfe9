"""What every suggestion shares: who made it, and what a facilitator decided about it."""

from django.db import models
from django.utils import timezone

from partnerships.models import OutboxRow


class ReviewStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a facilitator"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Suggestion(models.Model):
    """Someone in the partnership suggests; one of the area's facilitators accepts (as it
    is or edited) or declines it with a reason the person who suggested it reads."""

    proposed_by = models.ForeignKey(
        "partnerships.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.WAITING
    )
    decided_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def is_waiting(self) -> bool:
        return self.decision == ReviewStatus.WAITING


class ReviewEmailPurpose(models.TextChoices):
    WAITING = "waiting", "Suggestions waiting for a facilitator"
    DECIDED = "decided", "Decisions on someone's suggestions"


class ReviewEmail(OutboxRow):
    """One morning's email to one person: what waits for their review, or what became of
    their suggestions. Written when a suggestion is made or decided, at most one a person,
    purpose and morning, so ten suggestions in a day make one email, not ten."""

    purpose = models.CharField(max_length=16, choices=ReviewEmailPurpose.choices)
    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="review_emails"
    )
    # The morning it is sent; what it lists is read then, not when the row was written.
    key_date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "person", "key_date"], name="review_email_once_a_morning"
            )
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} for {self.person_id} on {self.key_date}"
