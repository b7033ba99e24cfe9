"""The resource library, routed from the project URLconf at /library/."""

from django.urls import path

from resources.views import editing, library

app_name = "library"

urlpatterns = [
    path("", library.library, name="index"),
    path("public/", library.public_library, name="public"),
    path("new/", editing.resource_new, name="new"),
    path("<int:resource_id>/", library.resource_detail, name="detail"),
    path("<int:resource_id>/edit/", editing.resource_edit, name="edit"),
    path("<int:resource_id>/file/", library.resource_file, name="file"),
    path("<int:resource_id>/sessions/", library.resource_session_use, name="session-use"),
    path("areas/<slug:area_slug>/themes/", editing.area_focus_themes, name="area-themes"),
]
