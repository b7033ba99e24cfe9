"""A case study and its numbered versions.

A published version is frozen: its words, authors and figures never change, so the PDF
a funder downloaded last year can be rebuilt exactly. Editing after publication starts
the next version as a draft; at most one version of a case study is unpublished.
"""

import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone


def new_public_token():
    return secrets.token_urlsafe(18)


class CaseStudyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"


# The programme's shape for telling an area's story, in the order it is told:
# (field name, heading, what the section is for).
SECTIONS = [
    (
        "problem",
        "The problem and local context",
        "What the partnership set out to tackle, where and for whom.",
    ),
    (
        "involved",
        "Who was involved",
        "The organisations, sectors and people with lived experience who took part.",
    ),
    ("what_we_did", "What we did", "The sessions held and the work the partnership agreed."),
    ("barriers", "Barriers heard", "What people said gets in the way."),
    ("since", "What has happened since", "The actions completed and the changes made."),
    (
        "achieved",
        "What the partnership achieved",
        "The difference made, with the figures that show it.",
    ),
    ("tips", "Tips for others", "What another place could learn from this one."),
    ("next_steps", "Next steps", "What happens now, and who is doing it."),
]
SECTION_NAMES = [name for name, _, _ in SECTIONS]


class CaseStudy(models.Model):
    """An area's case study across its versions; the public token names it on the web."""

    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="case_studies")
    # Unguessable, so a public page can exist only for someone given its address.
    public_token = models.CharField(max_length=32, unique=True, default=new_public_token)
    created_by = models.ForeignKey(
        "partnerships.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "case studies"

    def __str__(self):
        return f"Case study {self.pk} of {self.area}"

    def get_absolute_url(self):
        return reverse(
            "casestudies:detail",
            kwargs={"area_slug": self.area.slug, "case_study_id": self.pk},
        )

    def get_public_url(self):
        return reverse("public-case-studies:detail", kwargs={"token": self.public_token})


class CaseStudyVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CaseStudyStatus.PUBLISHED)

    def unpublished(self):
        return self.exclude(status=CaseStudyStatus.PUBLISHED)


class CaseStudyVersion(models.Model):
    """One numbered version of a case study: its words, who wrote it and who approved it."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=16, choices=CaseStudyStatus.choices, default=CaseStudyStatus.DRAFT
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True, help_text="One or two sentences for the cover.")
    problem = models.TextField(blank=True)
    involved = models.TextField(blank=True)
    what_we_did = models.TextField(blank=True)
    barriers = models.TextField(blank=True)
    since = models.TextField(blank=True)
    achieved = models.TextField(blank=True)
    tips = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    # The area's figures as they stood when the version was published (see
    # resources.casestudies.figures); empty while a draft, which shows them live.
    figures = models.JSONField(default=dict, blank=True)
    # Optimistic concurrency: an edit names the version of the row it started from.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        "partnerships.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        "partnerships.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    objects = CaseStudyVersionQuerySet.as_manager()

    class Meta:
        ordering = ["case_study", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_study", "number"], name="case_study_version_number"
            ),
            models.UniqueConstraint(
                fields=["case_study"],
                condition=~models.Q(status="published"),
                name="case_study_one_open_version",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | models.Q(published_at__isnull=False, approved_by__isnull=False),
                name="case_study_published_is_approved",
            ),
        ]

    def __str__(self):
        return f"{self.title} (version {self.number})"

    @property
    def is_published(self) -> bool:
        return self.status == CaseStudyStatus.PUBLISHED

    @property
    def sections(self) -> list[tuple[str, str, str]]:
        """(name, heading, text) for each section, in the programme's order."""
        return [(name, heading, getattr(self, name)) for name, heading, _ in SECTIONS]


class CaseStudyAuthor(models.Model):
    """Someone who wrote a version, named as they were then: role and organisation."""

    version = models.ForeignKey(CaseStudyVersion, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "partnerships.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "person"], name="case_study_author_once"),
        ]

    def __str__(self):
        return self.name

    @property
    def described(self) -> str:
        return ", ".join(part for part in (self.name, self.role, self.organisation) if part)


class CaseStudyEdit(models.Model):
    """One saved change to a version's words, recorded by the platform, not the editor.

    Everyone with an edit of a version wrote part of it, so they may not approve it. The
    authors list is what the editors choose to show; this is what they did, and taking a
    name off that list takes nobody out of this one.
    """

    version = models.ForeignKey(CaseStudyVersion, on_delete=models.CASCADE, related_name="edits")
    person = models.ForeignKey(
        "partnerships.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now)
    # The fields the edit changed (title, summary and section names).
    sections = models.JSONField(default=list)

    class Meta:
        ordering = ["version", "edited_at", "pk"]
        indexes = [models.Index(fields=["version", "person"])]

    def __str__(self):
        return f"{self.person} edited {self.version} at {self.edited_at:%Y-%m-%d %H:%M}"


class SectionComment(models.Model):
    """A comment on one section of a case study's draft, by anyone in the partnership, for
    its authors; or a reply to one. Comments stay with the draft: no PDF or public page
    reads them. Resolving a comment folds it and its replies away."""

    version = models.ForeignKey(CaseStudyVersion, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(max_length=20, choices=[(n, h) for n, h, _ in SECTIONS])
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(max_length=2000)
    written_by = models.ForeignKey(
        "partnerships.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["written_at", "pk"]
        indexes = [models.Index(fields=["version", "section"])]

    def __str__(self):
        return f"Comment on {self.section} of {self.version}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None
