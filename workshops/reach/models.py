"""Reach and inclusion: what a person needs to take part, the communities an area's
focus is for, how many people from each came, and what the budget paid for."""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from partnerships.models import ConsentMethod


class Interpreter(models.TextChoices):
    NONE = "", "No interpreter"
    SPOKEN = "spoken", "An interpreter for their preferred language"
    BSL = "bsl", "A British Sign Language (BSL) interpreter"


class SupportNeeds(models.Model):
    """What one person has said would help them take part, kept only because they chose
    to tell us. Withdrawing consent deletes the row: nothing of it is kept."""

    person = models.OneToOneField(
        "partnerships.Person", on_delete=models.CASCADE, related_name="support_needs"
    )
    preferred_language = models.CharField(max_length=60, blank=True)
    interpreter = models.CharField(
        max_length=16, choices=Interpreter.choices, blank=True, default=Interpreter.NONE
    )
    access_needs = models.TextField(blank=True)
    transport_help = models.BooleanField(default=False)
    childcare_help = models.BooleanField(default=False)
    # How they agreed: online when they recorded it themselves, as a facilitator heard it.
    consent_method = models.CharField(max_length=16, choices=ConsentMethod.choices)
    recorded_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The area whose facilitator recorded it (none when the person did): who may act for them.
    recorded_in = models.ForeignKey(
        "areas.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "support needs"

    def __str__(self):
        return f"What {self.person} needs to take part"

    @property
    def phrases(self) -> list[str]:
        """What they need, in short sentences, for the people planning a session."""
        said = []
        if self.preferred_language:
            said.append(f"Prefers {self.preferred_language}.")
        if self.interpreter == Interpreter.BSL:
            said.append("Needs a BSL interpreter.")
        elif self.interpreter == Interpreter.SPOKEN:
            said.append("Needs an interpreter.")
        if self.transport_help:
            said.append("Would come with help with transport.")
        if self.childcare_help:
            said.append("Would come with help with childcare.")
        if self.access_needs:
            said.append(f"Access: {self.access_needs}")
        return said


class NamedCommunity(models.Model):
    """A community an area's focus is for, named specifically (never "hard to reach")."""

    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="communities")
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    # No longer one the area counts; its past counts stay in the area's reach.
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "named communities"
        constraints = [
            models.UniqueConstraint("area", Lower("name"), name="named_community_once_per_area"),
        ]

    def __str__(self):
        return self.name


class CommunityHeadcount(models.Model):
    """How many people at a session were from one named community, as the facilitator
    counted the room: nobody is labelled, so nobody's ethnicity or language is recorded."""

    session = models.ForeignKey(
        "workshops.Session", on_delete=models.CASCADE, related_name="community_headcounts"
    )
    community = models.ForeignKey(
        NamedCommunity, on_delete=models.CASCADE, related_name="headcounts"
    )
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["community__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "community"], name="community_headcount_once"
            ),
        ]

    def __str__(self):
        return f"{self.count} from {self.community}"


class SupportKind(models.TextChoices):
    """What a budget line paid for so that people could come."""

    INTERPRETER = "interpreter", "Interpreter"
    BSL = "bsl", "BSL interpreter"
    TRANSPORT = "transport", "Transport"
    CHILDCARE = "childcare", "Childcare"
    ACCESS = "access", "Access needs"


class SupportCost(models.Model):
    """A claim or spend in the area's budget, linked to the session and need it paid for."""

    session = models.ForeignKey(
        "workshops.Session", on_delete=models.CASCADE, related_name="support_costs"
    )
    # A line pays for one thing at one session.
    line = models.OneToOneField(
        "areas.SpendLine", on_delete=models.CASCADE, related_name="support_cost"
    )
    kind = models.CharField(max_length=16, choices=SupportKind.choices)
    linked_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "pk"]
        indexes = [models.Index(fields=["session", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.session_id}"
