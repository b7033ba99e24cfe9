"""Cross-cutting themes, and the links that tag what areas heard and agreed with them.

The links live here rather than on the workshops models, so the sessions app knows
nothing of the learning read across every area.
"""

from django.db import models
from django.utils import timezone


class Theme(models.Model):
    """A theme the programme sees across areas, kept small and edited by programme leads."""

    name = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class InsightTheme(models.Model):
    """A barrier, idea or quote tagged with a theme."""

    insight = models.ForeignKey(
        "workshops.Insight", on_delete=models.CASCADE, related_name="theme_links"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="insight_links")
    tagged_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tagged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["insight", "theme"], name="insight_theme_once"),
        ]

    def __str__(self):
        return f"{self.theme} on insight {self.insight_id}"


class ActionTheme(models.Model):
    """A follow-up action tagged with a theme."""

    action = models.ForeignKey(
        "workshops.Action", on_delete=models.CASCADE, related_name="theme_links"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="action_links")
    tagged_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tagged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "theme"], name="action_theme_once"),
        ]

    def __str__(self):
        return f"{self.theme} on action {self.action_id}"
