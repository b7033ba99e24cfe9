from django.db import models
from django.urls import reverse

from partnerships.review.models import Suggestion


class ActionSuggestion(Suggestion):
    """A new action someone in the partnership suggests: what, why, who might own it and
    by when. Accepting it makes the action, which keeps this row as where it came from."""

    area = models.ForeignKey(
        "areas.Area", on_delete=models.CASCADE, related_name="action_suggestions"
    )
    description = models.TextField("What should be done")
    why = models.TextField("Why it matters")
    suggested_owner = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    action = models.OneToOneField(
        "workshops.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestion",
    )

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["area", "decision"])]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse(
            "workshops:action-suggestion",
            kwargs={"area_slug": self.area.slug, "suggestion_id": self.pk},
        )
