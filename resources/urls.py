from django.urls import path

from resources.views import reports

app_name = "resources"

urlpatterns = [
    path("", reports.reports, name="reports"),
    path("cohorts/<slug:cohort_slug>/pdf/", reports.programme_pdf, name="programme-pdf"),
    path("areas/<slug:area_slug>/pdf/", reports.area_progress_pdf, name="area-progress-pdf"),
    path("pack/", reports.funder_pack, name="funder-pack"),
    path("packs/<int:pack_id>/", reports.funder_pack_detail, name="funder-pack-detail"),
    path(
        "packs/<int:pack_id>/download/",
        reports.funder_pack_download,
        name="funder-pack-download",
    ),
]
