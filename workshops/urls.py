from django.urls import path

from workshops.views import notes, registrations, sessions

app_name = "workshops"

SESSION = "areas/<slug:area_slug>/sessions/<int:session_id>/"

urlpatterns = [
    path(SESSION, sessions.session_detail, name="session-detail"),
]

# Registration lists, the session notes and their PDF.
urlpatterns += [
    path(
        SESSION + "registrations/",
        registrations.registration_upload,
        name="registration-upload",
    ),
    path(
        SESSION + "registrations/<int:import_id>/",
        registrations.registration_preview,
        name="registration-preview",
    ),
    path(SESSION + "notes/", notes.session_notes, name="session-notes"),
    path(SESSION + "notes.pdf", notes.session_notes_pdf, name="session-notes-pdf"),
]
