from django.urls import path

from areas.programme import views

urlpatterns = [
    path("", views.dashboard, name="list"),
    path("export.csv", views.dashboard_csv, name="list-csv"),
]
