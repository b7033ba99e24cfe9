from django.contrib import admin

from resources.models import Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    """Programme staff add or rename the themes resources are filed under."""

    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["focus_areas"]
