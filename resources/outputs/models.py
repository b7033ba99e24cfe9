from django.db import models
from django.urls import reverse

from partnerships.review.models import Suggestion
from resources.models import ResourceType


class OutputSubmission(Suggestion):
    """An output offered to the library, as a link or a file whose bytes were checked.

    Accepting publishes it as a resource that credits the person who offered it; the
    submission keeps what they sent, so an edit on the way in stays visible.
    """

    area = models.ForeignKey(
        "areas.Area", on_delete=models.CASCADE, related_name="output_submissions"
    )
    title = models.CharField(max_length=200)
    resource_type = models.CharField("type", max_length=20, choices=ResourceType.choices)
    description = models.TextField(max_length=600)
    url = models.URLField("link", max_length=500, blank=True)
    # Stored under a random name, served only through the submission's own download.
    file = models.FileField(upload_to="outputs/%Y/%m/", blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    file_size = models.PositiveIntegerField(null=True, blank=True)
    resource = models.OneToOneField(
        "resources.Resource",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submission",
    )

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["area", "decision"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(file=""))
                | (~models.Q(url="") & models.Q(file="")),
                name="output_link_or_file",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:output", kwargs={"area_slug": self.area.slug, "output_id": self.pk})
