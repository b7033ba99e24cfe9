"""The partnership health pulse: a short anonymous survey of the steering group.

Who was asked and whether their link was used (PulseInvitation) is kept apart from what
was answered (PulseAnswer): an answer names no person, no link and no time, and its id is
random, so not even the order the answers came in is kept.
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from partnerships.models import OutboxRow


class PulseAudience(models.TextChoices):
    STEERING = "steering", "The steering group"
    EVERYONE = "everyone", "The steering group and everyone who has come to a session"


class Pulse(models.Model):
    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="pulses")
    audience = models.CharField(max_length=16, choices=PulseAudience.choices)
    opened_by = models.ForeignKey(
        "partnerships.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["area"], condition=Q(closed_at__isnull=True), name="one_open_pulse_per_area"
            ),
        ]

    def __str__(self):
        return f"Pulse of {self.opened_at:%B %Y}"

    def get_absolute_url(self):
        return reverse("areas:pulse-detail", args=[self.area.slug, self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class PulseInvitation(models.Model):
    """One single-use link to the pulse: for a person, or a slip printed for the room.

    It records that the link was used, never when, nor which answer it gave."""

    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        "partnerships.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pulse_invitations",
    )
    used = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pulse", "person"],
                condition=Q(person__isnull=False),
                name="pulse_invitation_once_per_person",
            ),
        ]

    def __str__(self):
        return f"Pulse link {self.pk}"


class PulseChannel(models.TextChoices):
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"


class PulseMessage(OutboxRow):
    """An email or text carrying one invitation's link: an outbox row, so nobody is sent
    their link twice, and a worker that dies while sending loses none."""

    invitation = models.ForeignKey(
        PulseInvitation, on_delete=models.CASCADE, related_name="messages"
    )
    channel = models.CharField(max_length=8, choices=PulseChannel.choices)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "channel"], name="pulse_message_once_per_channel"
            ),
        ]
        indexes = [
            models.Index(
                fields=["send_after"],
                condition=Q(status="pending"),
                name="pulse_message_waiting_idx",
            ),
        ]

    def __str__(self):
        return f"Pulse {self.get_channel_display()} {self.pk} ({self.get_status_display()})"


_SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class PulseAnswer(models.Model):
    """What one person answered: no person, no link, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="answers")
    trust = models.PositiveSmallIntegerField(validators=_SCORE)
    vision = models.PositiveSmallIntegerField(validators=_SCORE)
    involved = models.PositiveSmallIntegerField(validators=_SCORE)
    worth_time = models.PositiveSmallIntegerField(validators=_SCORE)
    better = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(trust__range=(1, 5))
                & Q(vision__range=(1, 5))
                & Q(involved__range=(1, 5))
                & Q(worth_time__range=(1, 5)),
                name="pulse_answer_scores_1_to_5",
            ),
        ]

    def __str__(self):
        return f"Answer to pulse {self.pulse_id}"
