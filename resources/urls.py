from django.urls import path

from resources.views import reports

app_name = "resources"

urlpatterns = [
    path("", reports.reports, name="reports"),
]
