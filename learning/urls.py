from django.urls import path

from learning.views import explorer, tagging

app_name = "learning"

urlpatterns = [
    path("", explorer.explorer, name="explorer"),
    path("insights.csv", explorer.explorer_csv, name="explorer-csv"),
    path("brief.pdf", explorer.brief_pdf, name="brief-pdf"),
    path("tag/", tagging.tagging, name="tagging"),
    path("themes/", tagging.themes, name="themes"),
]
