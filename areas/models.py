"""Cohorts and the areas whose partnerships the programme supports."""

from django.db import models
from django.urls import reverse
from django.utils import timezone

from partnerships import access


class Cohort(models.Model):
    """A wave of the programme, e.g. the 2021–2023 cohort or phase 2."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)
    funder_credit = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            "How reports credit the cohort's funder, e.g. “Funded by The National Lottery "
            "Community Fund”. Left blank, reports print no credit."
        ),
    )

    class Meta:
        ordering = ["starts_on", "name"]

    def __str__(self):
        return self.name


class Stage(models.TextChoices):
    """The four kinds of support; where an area's partnership is now."""

    GETTING_STARTED = "getting_started", "Getting started"
    NEXT_LEVEL = "next_level", "Getting to the next level"
    MAKING_IT_STICK = "making_it_stick", "Making it stick"
    GETTING_UNSTUCK = "getting_unstuck", "Getting unstuck"


class AreaQuerySet(models.QuerySet):
    def visible_to(self, user, *, roles=None, funded=False):
        return self.filter(access.area_scope(user, roles=roles, funded=funded))


class Area(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="areas")
    focus = models.CharField(
        max_length=300, help_text="The one tangible issue the partnership has chosen to work on."
    )
    summary = models.TextField(blank=True, help_text="The focus and local context in plain words.")
    geography = models.CharField(
        max_length=300, blank=True, help_text="Neighbourhoods, towns or PCNs the work covers."
    )
    stage = models.CharField(max_length=32, choices=Stage.choices, default=Stage.GETTING_STARTED)
    is_public = models.BooleanField(
        default=True, help_text="Show the area's name and focus on the public programme page."
    )
    shares_what_we_did = models.BooleanField(
        default=False,
        help_text="Publish a page of what the partnership heard and has done, for anyone.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("areas:detail", kwargs={"area_slug": self.slug})


class StageChange(models.Model):
    """When and why an area moved between the four kinds of support. Never edited."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(max_length=32, choices=Stage.choices)
    reason = models.TextField()
    changed_by = models.ForeignKey(
        "partnerships.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at"]
        get_latest_by = "changed_at"

    def __str__(self):
        return f"{self.area} → {self.get_stage_display()}"


class Seat(models.TextChoices):
    """The part a member plays at the steering group's table."""

    CHAIR = "chair", "Chair"
    MEMBER = "member", "Member"
    LIVED_EXPERIENCE = "lived_experience", "Community leader / lived experience"
    NHS = "nhs", "NHS representative"
    LOCAL_AUTHORITY = "local_authority", "Local authority representative"
    VCSE = "vcse", "VCSE representative"


class SteeringMemberQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)


class SteeringMember(models.Model):
    """A seat on an area's steering group. Leaving ends the row; it is never deleted."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="steering_members")
    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="steering_seats"
    )
    seat = models.CharField(max_length=32, choices=Seat.choices, default=Seat.MEMBER)
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="steering_seats",
        help_text="Who they represent at the table, if anyone.",
    )
    joined_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)
    left_reason = models.CharField(max_length=300, blank=True)
    added_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SteeringMemberQuerySet.as_manager()

    class Meta:
        ordering = ["person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "person"],
                condition=models.Q(left_on__isnull=True),
                name="steering_member_once_per_area",
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_seat_display()}) in {self.area}"


class SubGroup(models.Model):
    """A few steering members who lead one strand of the area's work."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="sub_groups")
    name = models.CharField(max_length=120)
    activity = models.CharField(max_length=300, help_text="The one activity this group leads.")
    lead = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    members = models.ManyToManyField("partnerships.Person", blank=True, related_name="sub_groups")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="sub_group_name_unique_in_area"),
        ]

    def __str__(self):
        return self.name


class LocalCoordinatingOrganisation(models.Model):
    """An organisation that supports community involvement in the area and cascades notes."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="lcos")
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, related_name="lco_roles"
    )
    coordinator = models.ForeignKey(
        "partnerships.Person", on_delete=models.PROTECT, related_name="lco_roles"
    )
    designated_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = "local coordinating organisation"
        constraints = [
            models.UniqueConstraint(fields=["area", "organisation"], name="lco_once_per_area"),
        ]

    def __str__(self):
        return f"{self.organisation} (LCO for {self.area})"


# Whether someone agreed to their words being shared. The evidence of an area's plan
# (outcomes/) and the quotes heard in sessions (workshops) share it.
class Consent(models.TextChoices):
    NONE = "none", "No consent yet"
    VERBAL = "verbal", "Verbal consent"
    WRITTEN = "written", "Written consent"


# Each sub-domain keeps its models in its own folder; they are imported here so that Django
# finds them in this app, and so that `from areas.models import Budget` still works (as
# does migration 0004's `areas.models.receipt_path`).
from areas.budgets.models import (  # noqa: E402, F401
    Budget,
    BudgetEvent,
    BudgetEventKind,
    BudgetKind,
    PaymentMethod,
    SpendCategory,
    SpendLine,
    SpendStatus,
    receipt_path,
)
from areas.outcomes.models import (  # noqa: E402, F401
    IN_FORCE,
    CaoContent,
    CaoProposal,
    CaoRevision,
    CaoStatement,
    CaoStatus,
    Direction,
    Evidence,
    EvidenceKind,
    Indicator,
    IndicatorKind,
    Measurement,
    ProposalStatus,
    Unit,
    format_number,
)
from areas.pulse.models import Pulse, PulseAnswer, PulseInvitation, PulseMessage  # noqa: E402, F401
