from django.urls import include, path

from areas import views

app_name = "areas"

urlpatterns = [
    path("", include("areas.programme.urls")),
    path("<slug:area_slug>/", views.area_detail, name="detail"),
    path("<slug:area_slug>/invitations/new/", views.invitation_new, name="invitation-new"),
    path(
        "<slug:area_slug>/invitations/<int:invitation_id>/withdraw/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
]
