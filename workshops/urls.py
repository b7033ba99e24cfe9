from django.urls import path

from workshops.views import sessions

app_name = "workshops"

SESSION = "areas/<slug:area_slug>/sessions/<int:session_id>/"

urlpatterns = [
    path(SESSION, sessions.session_detail, name="session-detail"),
]
