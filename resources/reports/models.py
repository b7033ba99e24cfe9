"""Who funds which cohort, and the PDFs built for funders, cached by their content."""

from datetime import timedelta

from django.db import models
from django.utils import timezone

# A PDF takes a few seconds to build; one still waiting after this is held up.
LATE_AFTER = timedelta(seconds=30)


class CohortFunding(models.Model):
    """A funder funds a cohort: they see its published case studies and reports."""

    funder = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="cohort_fundings"
    )
    cohort = models.ForeignKey("areas.Cohort", on_delete=models.CASCADE, related_name="fundings")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cohort", "funder"]
        constraints = [
            models.UniqueConstraint(fields=["funder", "cohort"], name="cohort_funded_once"),
        ]

    def __str__(self):
        return f"{self.funder} funds {self.cohort}"


class DocumentKind(models.TextChoices):
    CASE_STUDY = "case_study", "Case study"
    AREA_PROGRESS = "area_progress", "Area progress report"
    PROGRAMME = "programme", "Programme report"
    FUNDER_PACK = "funder_pack", "Funder pack"


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for the worker"
    BUILDING = "building", "Being built"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class GeneratedDocument(models.Model):
    """A PDF built from one exact rendering of a report's HTML.

    The hash of that HTML is the cache key: asking again for a report whose content has
    not changed finds this row and downloads at once; any change makes a new row.
    """

    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    # The areas whose people the document may quote (a programme report or a funder pack
    # quotes several): erasing a person, or their withdrawing consent, discards every
    # document of their areas.
    areas = models.ManyToManyField("areas.Area", blank=True, related_name="+")
    content_hash = models.CharField(max_length=64, unique=True)
    html = models.TextField()
    filename = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    status = models.CharField(
        max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    file = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    build_seconds = models.FloatField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When a build was last put on the queue, or None if the broker could not take it:
    # the sweep queues a waiting row again if the broker never had it or lost it.
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # The worker process building it (partnerships.heartbeats.worker_name()).
    claimed_by = models.CharField(max_length=200, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_ready(self) -> bool:
        return self.status == DocumentStatus.READY

    @property
    def is_late(self) -> bool:
        return _is_late(self)

    @property
    def content_type(self) -> str:
        return "application/zip" if self.kind == DocumentKind.FUNDER_PACK else "application/pdf"


class FunderPack(models.Model):
    """One request for a funder pack: every report of some cohorts in one ZIP.

    What the pack holds is only known once a worker has drawn each document, so the
    request is a row of its own that shows the worker's progress; the ZIP itself is a
    GeneratedDocument keyed by the hash of its documents, so an unchanged pack is built
    once however often it is asked for.
    """

    requested_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="funder_packs"
    )
    cohorts = models.ManyToManyField("areas.Cohort", related_name="+")
    status = models.CharField(
        max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    parts_done = models.PositiveIntegerField(default=0)
    parts_total = models.PositiveIntegerField(null=True, blank=True)
    document = models.ForeignKey(
        GeneratedDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # As for GeneratedDocument: when last queued (None if the broker could not take it),
    # and the worker process building it, so the sweep can queue it again.
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=200, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Funder pack {self.pk} ({self.get_status_display()})"

    @property
    def is_ready(self) -> bool:
        return self.status == DocumentStatus.READY and self.document_id is not None

    @property
    def is_late(self) -> bool:
        return _is_late(self)

    @property
    def title(self) -> str:
        return "Funder pack"


def _is_late(build) -> bool:
    """Still waiting well after it was queued, or never queued: the worker or the broker
    is behind or down, and the sweep will queue it again."""
    if build.status not in (DocumentStatus.QUEUED, DocumentStatus.BUILDING):
        return False
    return build.queued_at is None or timezone.now() - build.queued_at > LATE_AFTER
