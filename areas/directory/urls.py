from django.urls import path

from areas.directory import views

app_name = "directory"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisations"),
    path(
        "organisations/<int:organisation_id>/",
        views.organisation_detail,
        name="organisation",
    ),
    path(
        "organisations/<int:organisation_id>/merge/",
        views.organisation_merge,
        name="organisation-merge",
    ),
    path("people/", views.person_list, name="people"),
    path("people/<int:person_id>/", views.person_detail, name="person"),
]
