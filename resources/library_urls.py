"""The resource library, routed from the project URLconf at /library/."""

from django.urls import path

from resources.outputs import views as outputs
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
    path("areas/<slug:area_slug>/outputs/", outputs.output_list, name="outputs"),
    path("areas/<slug:area_slug>/outputs/new/", outputs.output_new, name="output-new"),
    path("areas/<slug:area_slug>/outputs/<int:output_id>/", outputs.output_detail, name="output"),
    path(
        "areas/<slug:area_slug>/outputs/<int:output_id>/file/",
        outputs.output_file,
        name="output-file",
    ),
]
