"""The resource library: the programme's toolkits, reports, blogs and the like."""

from datetime import date
from urllib.parse import urlsplit

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import URLValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from areas.models import Stage
from partnerships import access
from partnerships.models import AreaRole
from resources.files import KINDS, FileKind


class Theme(models.Model):
    """A subject resources are filed under, e.g. "measuring impact"."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    # The themes an area's focus touches, chosen by its facilitators; the area page
    # recommends resources on them.
    focus_areas = models.ManyToManyField("areas.Area", blank=True, related_name="focus_themes")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ResourceType(models.TextChoices):
    TOOLKIT = "toolkit", "Toolkit"
    # What an area's partnership makes and offers to the library (resources.outputs).
    CHARTER = "charter", "Charter"
    TRAINING = "training", "Training package"
    REPORT = "report", "Report"
    INFOGRAPHIC = "infographic", "Infographic"
    GUIDE = "guide", "Guide"
    BLOG = "blog", "Blog post"
    VIDEO = "video", "Video"
    TEMPLATE = "template", "Template"


def can_edit_library(user) -> bool:
    """Facilitators of any area and programme leads add and edit resources."""
    return access.is_programme_lead(user) or access.holds_any_role(user, [AreaRole.FACILITATOR])


def sees_whole_library(user) -> bool:
    """Anyone working in an area, and programme leads; funders and others see public ones."""
    return access.is_programme_lead(user) or access.holds_any_role(user, AreaRole)


# Newest first, undated last. Written as an expression rather than DESC NULLS LAST so the
# same index serves it on PostgreSQL and SQLite, which cannot index NULLS LAST.
NEWEST_FIRST = Coalesce("published_on", models.Value(date.min)).desc()


class ResourceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if sees_whole_library(user) else self.public()

    def public(self):
        return self.filter(is_public=True)


class Resource(models.Model):
    """One thing to read, watch or use: a link, or a file uploaded to the platform."""

    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=600)
    resource_type = models.CharField("type", max_length=20, choices=ResourceType.choices)
    url = models.URLField(
        "link", max_length=500, blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    # Stored under a random name; served only through the library's download view.
    file = models.FileField(upload_to="resources/%Y/%m/", blank=True)
    # What the file's bytes say it is (never its name or the browser's word for it).
    file_type = models.CharField(max_length=100, blank=True)
    file_size = models.PositiveIntegerField(null=True, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="resources")
    publisher = models.CharField(max_length=200)
    published_on = models.DateField(null=True, blank=True)
    is_public = models.BooleanField(
        default=False, help_text="Show it in the public library, to people who are not signed in."
    )
    created_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Title and summary as PostgreSQL text-search lexemes, refreshed by the services that
    # save a resource. Always empty on SQLite, which searches another way (see search.py).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = [NEWEST_FIRST, "title", "pk"]
        indexes = [
            GinIndex(fields=["search_vector"], name="resource_search_vector"),
            # The library's default order, so a page of it is read straight off the index.
            models.Index(NEWEST_FIRST, "title", "id", name="resource_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(file=""))
                | (~models.Q(url="") & models.Q(file="")),
                name="resource_link_or_file",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:detail", kwargs={"resource_id": self.pk})

    @property
    def stages(self) -> list[Stage]:
        """The kinds of support it helps with, in the programme's order."""
        chosen = {link.stage for link in self.stage_links.all()}
        return [stage for stage in Stage if stage.value in chosen]

    @property
    def file_kind(self) -> FileKind | None:
        return KINDS.get(self.file_type)

    @property
    def download_name(self) -> str:
        """A safe file name for downloads: the title, and the extension its bytes call for."""
        return f"{slugify(self.title)[:80] or 'resource'}.{self.file_kind.extension}"

    @property
    def link_host(self) -> str:
        """The site a link goes to, so people know where they are heading."""
        return urlsplit(self.url).hostname or ""


class ResourceStage(models.Model):
    """One of the four kinds of support a resource helps with."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="stage_links")
    stage = models.CharField(max_length=32, choices=Stage.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "stage"], name="resource_stage_once"),
        ]
        indexes = [models.Index(fields=["stage", "resource"], name="resource_stage_lookup")]

    def __str__(self):
        return f"{self.resource} — {self.get_stage_display()}"


class SessionUse(models.Model):
    """A resource used in one of an area's sessions ("we used this at the workshop")."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="session_uses")
    session = models.ForeignKey(
        "workshops.Session", on_delete=models.CASCADE, related_name="resource_uses"
    )
    added_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "session"], name="resource_used_once"),
        ]

    def __str__(self):
        return f"{self.resource} at {self.session}"


# The models of the app's subpackages, so Django finds them.
from resources.casestudies.models import (  # noqa: E402
    CaseStudy,
    CaseStudyAuthor,
    CaseStudyVersion,
    SectionComment,
)
from resources.outputs.models import OutputSubmission  # noqa: E402
from resources.reports.models import CohortFunding, FunderPack, GeneratedDocument  # noqa: E402

__all__ = [
    "CaseStudy",
    "CaseStudyAuthor",
    "CaseStudyVersion",
    "CohortFunding",
    "FunderPack",
    "GeneratedDocument",
    "OutputSubmission",
    "Resource",
    "ResourceStage",
    "SectionComment",
    "SessionUse",
    "Theme",
]
