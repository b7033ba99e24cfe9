from django.urls import path

from resources.views import reports

app_name = "resources"

urlpatterns = [
    path("", reports.reports, name="reports"),
    path("cohorts/<slug:cohort_slug>/pdf/", reports.programme_pdf, name="programme-pdf"),
    path("areas/<slug:area_slug>/pdf/", reports.area_progress_pdf, name="area-progress-pdf"),
]
