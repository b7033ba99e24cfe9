"""An area's budgets for each financial year, what is spent or claimed from them, and
every change to them."""

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

    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="budgets")
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


# Costs that can help people take part in a session (an interpreter, a fare, childcare,
# a ramp): such a line may be linked to what a session's attendees said they need.
TAKING_PART_CATEGORIES = (
    SpendCategory.INTERPRETATION,
    SpendCategory.TRAVEL,
    SpendCategory.CHILDCARE,
    SpendCategory.ACCESSIBILITY,
    SpendCategory.OTHER,
)


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

    @property
    def may_pay_for_taking_part(self):
        """Whether it can be linked to what a session's attendees need."""
        return self.category in TAKING_PART_CATEGORIES and self.status != SpendStatus.REJECTED


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
