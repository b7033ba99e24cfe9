from django.urls import path

from workshops.views import attendance, items, notes, notes_and_drafts, registrations, sessions

app_name = "workshops"

AREA = "areas/<slug:area_slug>/sessions/"
SESSION = f"{AREA}<int:session_id>/"

urlpatterns = [
    path("sessions/", sessions.programme_sessions, name="programme-sessions"),
    path(AREA, sessions.session_list, name="session-list"),
    path(f"{AREA}new/", sessions.session_new, name="session-new"),
    path(SESSION, sessions.session_detail, name="session-detail"),
    path(f"{SESSION}edit/", sessions.session_edit, name="session-edit"),
    path(f"{SESSION}attendance/", attendance.attendees_add, name="attendees-add"),
    path(f"{SESSION}attendance/new/", attendance.attendee_new, name="attendee-new"),
    path(
        f"{SESSION}attendance/<int:attendance_id>/remove/",
        attendance.attendee_remove,
        name="attendee-remove",
    ),
    path(f"{SESSION}head-counts/", attendance.headcounts_save, name="headcounts"),
    path(f"{SESSION}<slug:kind>/add/", items.insight_add, name="insight-add"),
    path(f"{SESSION}heard/<int:insight_id>/", items.insight_edit, name="insight-edit"),
    path(f"{SESSION}heard/<int:insight_id>/delete/", items.insight_delete, name="insight-delete"),
    path(f"{SESSION}actions/", items.action_add, name="action-add"),
    path(f"{SESSION}actions/<int:action_id>/", items.action_edit, name="action-edit"),
    path(f"{SESSION}actions/<int:action_id>/delete/", items.action_delete, name="action-delete"),
    path(f"{SESSION}summary/", notes_and_drafts.summary_save, name="summary-save"),
    path(f"{SESSION}drafts/", notes_and_drafts.draft_save, name="draft-save"),
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

# Registration lists, the session notes and their PDF.
urlpatterns += [
    path(f"{SESSION}registrations/", registrations.registration_upload, name="registration-upload"),
    path(
        f"{SESSION}registrations/<int:import_id>/",
        registrations.registration_preview,
        name="registration-preview",
    ),
    path(f"{SESSION}notes/", notes.session_notes, name="session-notes"),
    path(f"{SESSION}notes.pdf", notes.session_notes_pdf, name="session-notes-pdf"),
]
