"""Cohorts and the areas whose partnerships the programme supports."""

import secrets
from decimal import Decimal
from pathlib import PurePath

from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from areas.budgets.money import (
    MONEY_FIELD,
    financial_year_bounds,
    financial_year_label,
)
from partnerships import access
from partnerships.models import ConsentUse
from partnerships.privacy.consent import exclude_withdrawn, latest_decision
from partnerships.review.models import ReviewStatus, Suggestion


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


class CaoStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CURRENT = "current", "Current"
    ACHIEVED = "achieved", "Achieved"
    RETIRED = "retired", "Retired"


# The statuses that make a statement part of an area's plan, as shown "as of" a date:
# an achieved statement is still part of the story a funder reads.
IN_FORCE = (CaoStatus.CURRENT, CaoStatus.ACHIEVED)


class CaoContent(models.Model):
    """The words of a Challenge–Action–Outcome statement: what every revision records in full."""

    title = models.CharField(
        max_length=150, help_text="A short name for the statement, for lists and reports."
    )
    challenge = models.TextField(help_text="The problem, who it affects and where.")
    actions = models.TextField(help_text="What the partnership will do about it.")
    outcome = models.TextField(help_text="The change the partnership expects to see.")
    status = models.CharField(max_length=16, choices=CaoStatus.choices, default=CaoStatus.DRAFT)
    as_of = models.DateField(help_text="The date the statement describes the plan at.")

    CONTENT_FIELDS = ("title", "challenge", "actions", "outcome", "status", "as_of")

    class Meta:
        abstract = True

    def content(self) -> dict:
        return {name: getattr(self, name) for name in self.CONTENT_FIELDS}


class CaoStatement(CaoContent):
    """An area's Challenge–Action–Outcome statement.

    The row carries the content of its latest revision, and `version` is that revision's
    number: an edit names the version it started from, so a second writer is caught.
    """

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="cao_statements")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = "CAO statement"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "areas:outcomes:statement",
            kwargs={"area_slug": self.area.slug, "statement_id": self.pk},
        )


class CaoRevision(CaoContent):
    """One saved version of a statement, in full. Rows are only ever added, never changed."""

    statement = models.ForeignKey(CaoStatement, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    reason = models.TextField()
    author = models.ForeignKey(
        "partnerships.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    restored_from = models.PositiveIntegerField(
        null=True, blank=True, help_text="The number of the revision this one brought back."
    )
    # Someone else in the partnership who proposed the change a facilitator accepted.
    proposed_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        get_latest_by = "number"
        verbose_name = "CAO revision"
        constraints = [
            models.UniqueConstraint(fields=["statement", "number"], name="cao_revision_number"),
        ]

    def __str__(self):
        return f"{self.statement_id} revision {self.number}"


# The review step every kind of suggestion shares (partnerships/review).
ProposalStatus = ReviewStatus


class CaoProposal(CaoContent, Suggestion):
    """A change to a statement that someone in the partnership proposed, with their reason,
    for a facilitator to accept (as it is or edited), or decline with a word of why.

    Accepting adds a revision that records who proposed it; the proposal keeps the words
    as they were proposed, so an edit on the way in stays visible.
    """

    statement = models.ForeignKey(CaoStatement, on_delete=models.CASCADE, related_name="proposals")
    # The revision the proposer read when they wrote their change.
    based_on = models.PositiveIntegerField()
    reason = models.TextField()
    revision = models.OneToOneField(
        CaoRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposal"
    )

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = "CAO proposal"
        indexes = [models.Index(fields=["statement", "decision"])]

    def __str__(self):
        return f"Proposal for {self.statement_id} ({self.get_decision_display()})"


class IndicatorKind(models.TextChoices):
    PROCESS = "process", "Process measure"
    OUTCOME = "outcome", "Outcome measure"


class Unit(models.TextChoices):
    COUNT = "count", "A number of people or things"
    PERCENTAGE = "percentage", "A percentage"


class Direction(models.TextChoices):
    UP = "up", "Up is good"
    DOWN = "down", "Down is good"


class Indicator(models.Model):
    """Something an area counts to show progress: people trained, referrals, uptake."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=16, choices=IndicatorKind.choices)
    unit = models.CharField(max_length=16, choices=Unit.choices)
    unit_label = models.CharField(
        max_length=60, blank=True, help_text="What is counted, e.g. receptionists or referrals."
    )
    definition = models.TextField(
        blank=True, help_text="How the figure is counted and where it comes from."
    )
    direction = models.CharField(max_length=8, choices=Direction.choices, default=Direction.UP)
    baseline_value = models.DecimalField(max_digits=12, decimal_places=2)
    baseline_on = models.DateField()
    target_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    target_on = models.DateField(null=True, blank=True)
    statements = models.ManyToManyField(CaoStatement, blank=True, related_name="indicators")
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        "partnerships.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="indicator_name_unique_in_area"),
            models.CheckConstraint(
                condition=models.Q(target_value__isnull=True, target_on__isnull=True)
                | models.Q(target_value__isnull=False, target_on__isnull=False),
                name="indicator_target_value_and_date",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "areas:outcomes:indicator",
            kwargs={"area_slug": self.area.slug, "indicator_id": self.pk},
        )

    @property
    def is_percentage(self) -> bool:
        return self.unit == Unit.PERCENTAGE

    @property
    def has_target(self) -> bool:
        return self.target_value is not None

    def format_value(self, value) -> str:
        """A value as people say it: "42 receptionists", "71.5%", "29,508"."""
        number = format_number(value)
        if self.is_percentage:
            return f"{number}%"
        return f"{number} {self.unit_label}" if self.unit_label else number


def format_number(value) -> str:
    """A decimal without needless places and with thousands separators: 29,508 or 71.5."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


class Measurement(models.Model):
    """One value of an indicator on a date. Added, never edited, so the trend stays honest."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=2)
    source = models.CharField(
        max_length=200, help_text="Where the figure comes from, e.g. the practice's register."
    )
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        "partnerships.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["measured_on", "recorded_at", "pk"]

    def __str__(self):
        return f"{self.indicator_id}: {self.value} on {self.measured_on}"


class Consent(models.TextChoices):
    NONE = "none", "No consent yet"
    VERBAL = "verbal", "Verbal consent"
    WRITTEN = "written", "Written consent"


class EvidenceQuerySet(models.QuerySet):
    def consented(self, use=ConsentUse.CASE_STUDIES):
        """Items agreed to, less those whose speaker has since withdrawn consent for `use`
        (evidence goes into reports and case studies)."""
        return exclude_withdrawn(
            self.exclude(consent=Consent.NONE), person_field="speaker", use=use
        )

    def with_speaker_consent(self, use=ConsentUse.CASE_STUDIES):
        """Each item with `speaker_consent`: its speaker's latest decision on `use`."""
        return self.annotate(speaker_consent=latest_decision("speaker", use))


class QualitativeEvidence(models.Model):
    """Someone's words, with who said them and whether they agreed to them being shared.

    Evidence added directly and quotes heard in sessions (in `workshops`) share these
    fields and the same rule: without consent, only the area's facilitators see them,
    and they never leave the platform in a report.
    """

    text = models.TextField()
    attributed_to = models.CharField(
        max_length=200, help_text="A name, or a description such as “a community leader”."
    )
    is_anonymised = models.BooleanField(
        default=False, help_text="The name has been changed or left out."
    )
    consent = models.CharField(max_length=16, choices=Consent.choices, default=Consent.NONE)
    consent_on = models.DateField(null=True, blank=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_consented(self) -> bool:
        return self.consent != Consent.NONE

    @property
    def attribution(self) -> str:
        return f"{self.attributed_to} (name changed)" if self.is_anonymised else self.attributed_to


class EvidenceKind(models.TextChoices):
    QUOTE = "quote", "A short quote"
    STORY = "story", "A story"


class Evidence(QualitativeEvidence):
    """A quote or story an area has gathered, linked to the statements it speaks to."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=16, choices=EvidenceKind.choices, default=EvidenceKind.QUOTE)
    # Who said it, when they are on the platform: their consent decisions then apply.
    speaker = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    collected_on = models.DateField(help_text="When it was said or written.")
    statements = models.ManyToManyField(CaoStatement, blank=True, related_name="evidence")
    added_by = models.ForeignKey(
        "partnerships.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-collected_on", "-created_at", "-pk"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent=Consent.NONE, consent_on__isnull=True)
                | (~models.Q(consent=Consent.NONE) & models.Q(consent_on__isnull=False)),
                name="evidence_consent_has_a_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.attribution}"


class BudgetKind(models.TextChoices):
    """The two small budgets each area's LCOs hold."""

    COMMUNITY_INVOLVEMENT = "community_involvement", "Community involvement budget"
    LCO = "lco", "LCO budget"


class SpendStatus(models.TextChoices):
    """A claim waits for a facilitator; only approved spending counts as spent."""

    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


def _total(status):
    return Coalesce(
        Sum("lines__amount", filter=Q(lines__status=status)),
        Decimal("0"),
        output_field=models.DecimalField(**MONEY_FIELD),
    )


class BudgetQuerySet(models.QuerySet):
    def with_totals(self):
        """Each budget with `spent` (approved lines) and `committed` (claims waiting)."""
        return self.annotate(
            spent=_total(SpendStatus.APPROVED), committed=_total(SpendStatus.PENDING)
        )


class Budget(models.Model):
    """One of an area's budgets for one financial year, and how much it was given."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="budgets")
    kind = models.CharField(max_length=32, choices=BudgetKind.choices)
    financial_year = models.PositiveSmallIntegerField(
        help_text="The year it starts in: 2026 is 1 April 2026 to 31 March 2027."
    )
    allocated = models.DecimalField(**MONEY_FIELD, default=Decimal("0"))
    # Raised on every change of the allocation, so two facilitators changing it at once
    # see each other's change instead of silently overwriting it.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["-financial_year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "kind", "financial_year"], name="budget_once_per_area_and_year"
            ),
            models.CheckConstraint(
                condition=Q(allocated__gte=0), name="budget_allocation_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year_label}"

    def get_absolute_url(self):
        return reverse(
            "areas:budget-detail", kwargs={"area_slug": self.area.slug, "budget_id": self.pk}
        )

    @property
    def year_label(self):
        return financial_year_label(self.financial_year)

    @property
    def starts_on(self):
        return financial_year_bounds(self.financial_year)[0]

    @property
    def ends_on(self):
        return financial_year_bounds(self.financial_year)[1]

    # The figures below need the annotations of BudgetQuerySet.with_totals().
    @property
    def remaining(self):
        return self.allocated - self.spent

    @property
    def remaining_after_claims(self):
        """What would remain if every claim waiting were approved."""
        return self.remaining - self.committed

    @property
    def percent_used(self) -> int:
        """Whole per cent of the allocation spent (100 for anything spent from nothing)."""
        if not self.allocated:
            return 100 if self.spent else 0
        return int(self.spent * 100 / self.allocated)


class SpendCategory(models.TextChoices):
    TRAVEL = "travel", "Travel"
    TIME = "time", "Time or honorarium for lived-experience participants"
    VENUE = "venue", "Venue"
    REFRESHMENTS = "refreshments", "Refreshments"
    CHILDCARE = "childcare", "Childcare"
    INTERPRETATION = "interpretation", "Interpretation or BSL"
    ACCESSIBILITY = "accessibility", "Accessibility"
    OTHER = "other", "Other"


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    VOUCHER = "voucher", "Voucher"
    CASH = "cash", "Cash"


def receipt_path(line, filename):
    """A random name, so a receipt's file name says nothing about who or what it is for."""
    return f"receipts/{secrets.token_hex(16)}{PurePath(filename).suffix.lower()}"


class SpendLine(models.Model):
    """Money spent from a budget, or claimed from it on a participant's behalf.

    Paid to exactly one of: a person on the platform, an organisation, or a named
    participant who is not on the platform (whose name is kept only here).
    """

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="lines")
    spent_on = models.DateField("date")
    category = models.CharField(max_length=32, choices=SpendCategory.choices)
    payee_person = models.ForeignKey(
        "partnerships.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="spend_lines",
    )
    payee_organisation = models.ForeignKey(
        "partnerships.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="spend_lines",
    )
    payee_name = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(**MONEY_FIELD)
    description = models.CharField(max_length=500)
    receipt = models.FileField(upload_to=receipt_path, blank=True, max_length=200)
    receipt_type = models.CharField(max_length=40, blank=True)
    status = models.CharField(
        max_length=16, choices=SpendStatus.choices, default=SpendStatus.PENDING
    )
    recorded_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    paid_on = models.DateField(null=True, blank=True)
    payment_method = models.CharField(max_length=16, choices=PaymentMethod.choices, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-spent_on", "-pk"]
        indexes = [models.Index(fields=["budget", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="spend_line_amount_positive"),
            models.CheckConstraint(
                condition=Q(
                    payee_person__isnull=False, payee_organisation__isnull=True, payee_name=""
                )
                | Q(payee_person__isnull=True, payee_organisation__isnull=False, payee_name="")
                | (
                    Q(payee_person__isnull=True, payee_organisation__isnull=True)
                    & ~Q(payee_name="")
                ),
                name="spend_line_one_payee",
            ),
            models.CheckConstraint(
                condition=Q(paid_on__isnull=True, payment_method="")
                | (Q(paid_on__isnull=False, status=SpendStatus.APPROVED) & ~Q(payment_method="")),
                name="spend_line_paid_only_when_approved",
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()}: {self.payee}"

    @property
    def payee(self) -> str:
        if self.payee_person_id:
            return self.payee_person.full_name
        if self.payee_organisation_id:
            return self.payee_organisation.name
        return self.payee_name

    @property
    def is_pending(self):
        return self.status == SpendStatus.PENDING

    @property
    def is_waiting_to_be_paid(self):
        return self.status == SpendStatus.APPROVED and self.paid_on is None

    @property
    def is_open(self):
        """Whether it can still be changed: waiting for approval, or approved but unpaid."""
        return self.is_pending or self.is_waiting_to_be_paid


class BudgetEventKind(models.TextChoices):
    ALLOCATION_SET = "allocation_set", "Allocation set"
    ALLOCATION_CHANGED = "allocation_changed", "Allocation changed"
    SPEND_RECORDED = "spend_recorded", "Spending recorded"
    CLAIM_RECORDED = "claim_recorded", "Claim recorded"
    LINE_EDITED = "line_edited", "Line changed"
    APPROVED = "approved", "Claim approved"
    REJECTED = "rejected", "Claim rejected"
    PAID = "paid", "Payment recorded"
    OVERRIDE = "override", "Allowed over the allocation"


class BudgetEvent(models.Model):
    """One change to a budget or its spending: the budget's history.

    Only ever added: database triggers refuse every UPDATE and DELETE (see the
    migration), and the rows it points at are protected from deletion.
    """

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="events")
    line = models.ForeignKey(
        SpendLine, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(max_length=32, choices=BudgetEventKind.choices)
    # The allocation or line amount after the change (for an override, how far over).
    amount = models.DecimalField(**MONEY_FIELD, null=True, blank=True)
    previous_amount = models.DecimalField(**MONEY_FIELD, null=True, blank=True)
    reason = models.TextField(blank=True)
    detail = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey("partnerships.Person", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["budget", "-at"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.budget})"


# The partnership health pulse keeps its models in its own folder; imported here so that
# Django finds them in this app.
from areas.pulse.models import Pulse, PulseAnswer, PulseInvitation, PulseMessage  # noqa: E402, F401
