"""What an area's partnership plans and how it shows progress: Challenge–Action–Outcome
statements with their revisions and proposals, the indicators it counts, and the evidence
(quotes and stories) it gathers."""

from django.db import models
from django.urls import reverse
from django.utils import timezone

# Evidence shares one consent vocabulary with the quotes heard in sessions.
from areas.models import Consent
from partnerships.models import ConsentUse
from partnerships.privacy.consent import exclude_withdrawn, latest_decision
from partnerships.review.models import ReviewStatus, Suggestion


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

    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="cao_statements")
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

    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="indicators")
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

    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="evidence")
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
