from django.contrib import admin

from areas.models import Area, Cohort


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "cohort", "stage", "is_public"]
    list_filter = ["cohort", "stage"]
    search_fields = ["name", "focus"]
    prepopulated_fields = {"slug": ["name"]}
