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
    def visible_to(self, user, *, roles=None):
        return self.filter(access.area_scope(user, roles=roles))


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
    created_at = models.DateTimeField(default=timezone.now)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("areas:detail", kwargs={"area_slug": self.slug})
