from django.contrib import admin

from partnerships.models import Person, ProgrammeRole
from resources.models import CohortFunding, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    """Programme staff add or rename the themes resources are filed under."""

    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["focus_areas"]


@admin.register(CohortFunding)
class CohortFundingAdmin(admin.ModelAdmin):
    """Programme staff record which cohorts each funder funds: that is what they may read."""

    list_display = ["funder", "cohort", "created_at"]
    list_filter = ["cohort"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "funder":
            kwargs["queryset"] = Person.objects.filter(programme_role=ProgrammeRole.FUNDER)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
