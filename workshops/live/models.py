"""A partnership day's live room: what phones and table hosts send, and how it was used.

Nothing sent reaches the session's record, or any page but the moderation queue, until a
facilitator accepts it; then it becomes an ordinary `Insight`, so the notes, the cascade
and the learning across areas pick it up like anything typed in afterwards.
"""

import uuid

from django.db import models
from django.utils import timezone

from partnerships.models import Sector
from workshops.live import codes
from workshops.models import InsightKind, new_nonce


class LiveRoom(models.Model):
    """A session's room: its join code, how long the code works, and the room's vote.

    One room per session. Opening it again (the next morning of a two-day event, say)
    gives it a new code, so a code shared after the day never works again.
    """

    session = models.OneToOneField(
        "workshops.Session", on_delete=models.CASCADE, related_name="live_room"
    )
    code = models.CharField(max_length=codes.LENGTH, unique=True)
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The end of the day it was opened: the code stops working then, even if nobody
    # remembered to close the room.
    expires_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Part of every table host link's signature: a new nonce withdraws every link given out.
    host_nonce = models.CharField(max_length=32, default=new_nonce)
    votes_per_phone = models.PositiveSmallIntegerField(default=3)
    vote_opened_at = models.DateTimeField(null=True, blank=True)
    vote_closed_at = models.DateTimeField(null=True, blank=True)
    # The ideas in the order the room ranked them, kept with the session when the vote
    # closes: [{"insight": id, "text": "…", "votes": n}, …].
    vote_result = models.JSONField(default=list, blank=True)
    # Raised by every change the wall shows, so an unchanged wall answers "not modified".
    wall_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "live room"

    def __str__(self):
        return f"Live room of {self.session}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.closed_at is None and now < self.expires_at

    @property
    def vote_is_open(self) -> bool:
        return self.vote_opened_at is not None and self.vote_closed_at is None

    @property
    def display_code(self) -> str:
        return codes.display(self.code)


class RoomPhone(models.Model):
    """One phone in one room, known only by the random id in its signed cookie.

    It holds what the person chose to say about themselves (never a name), which the
    session's head-counts add up, and it is what the room's votes are counted against.
    """

    room = models.ForeignKey(LiveRoom, on_delete=models.CASCADE, related_name="phones")
    key = models.CharField(max_length=32)
    sector = models.CharField(max_length=32, choices=Sector.choices, blank=True)
    lived_experience = models.BooleanField(null=True, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["room", "key"], name="room_phone_once"),
        ]

    def __str__(self):
        return f"Phone {self.pk} in room {self.room_id}"


class Naming(models.TextChoices):
    """How someone sharing a story asked to be named."""

    NAME = "name", "By name"
    ROLE = "role", "By who they are"
    NONE = "none", "Not named"


class Sharing(models.TextChoices):
    """What someone sharing a story agreed their words may be used for."""

    REPORTS = "reports", "Notes and reports"
    NOTES = "notes", "Notes only"
    NONE = "none", "The area team only"


class ItemStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    ACCEPTED = "accepted", "Accepted"
    MERGED = "merged", "Merged"
    SET_ASIDE = "set_aside", "Set aside"


class RoomItem(models.Model):
    """Something sent from the room: a barrier, an idea, a decision or a story.

    `client_id` is made by the sending page, so a phone that sends again after a dropped
    connection gets the item it already sent, never a second one.
    """

    room = models.ForeignKey(LiveRoom, on_delete=models.CASCADE, related_name="items")
    phone = models.ForeignKey(
        RoomPhone, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    client_id = models.UUIDField(default=uuid.uuid4)
    kind = models.CharField(max_length=16, choices=InsightKind.choices)
    # Kept exactly as written, in whatever language it was written.
    text = models.TextField()
    barrier_type = models.ForeignKey(
        "workshops.BarrierType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set when a table host sent it.
    table = models.PositiveSmallIntegerField(null=True, blank=True)
    # Stories only: how the person asked to be named and what they agreed to, in the
    # words they were shown, at the moment they sent it.
    naming = models.CharField(max_length=8, choices=Naming.choices, blank=True)
    name = models.CharField(max_length=100, blank=True)
    role = models.CharField(max_length=120, blank=True)
    sharing = models.CharField(max_length=8, choices=Sharing.choices, blank=True)
    consent_wording = models.TextField(blank=True)
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=16, choices=ItemStatus.choices, default=ItemStatus.WAITING)
    # What it became (accepted) or joined (merged); it lives as long as that does.
    insight = models.ForeignKey(
        "workshops.Insight",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="room_items",
    )
    # A story's speaker, recorded when it is accepted: their consent records hang on it.
    speaker = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["room", "client_id"], name="room_item_once"),
        ]
        indexes = [
            models.Index(fields=["room", "status", "sent_at"], name="room_item_queue_idx"),
            models.Index(fields=["insight"], name="room_item_insight_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} from room {self.room_id}: {self.text[:60]}"

    @property
    def is_story(self) -> bool:
        return self.kind == InsightKind.QUOTE

    @property
    def attribution(self) -> str:
        """How the speaker is named wherever the story is quoted."""
        if self.naming == Naming.NAME:
            return self.name
        if self.naming == Naming.ROLE:
            return self.role
        return ""


class RoomVote(models.Model):
    """One phone's vote for one of the room's ideas."""

    room = models.ForeignKey(LiveRoom, on_delete=models.CASCADE, related_name="votes")
    phone = models.ForeignKey(RoomPhone, on_delete=models.CASCADE, related_name="votes")
    insight = models.ForeignKey(
        "workshops.Insight", on_delete=models.CASCADE, related_name="room_votes"
    )
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["phone", "insight"], name="room_vote_once"),
        ]

    def __str__(self):
        return f"Vote for {self.insight_id} in room {self.room_id}"
