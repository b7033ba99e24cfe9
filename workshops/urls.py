from django.urls import include, path

from workshops.actions.views import action_page, board, my_actions
from workshops.cascades.views import cascades, contacts
from workshops.suggestions import views as suggestions
from workshops.views import (
    attendance,
    follow_up_settings,
    items,
    notes,
    notes_and_drafts,
    owner_link,
    registrations,
    report_back,
    sessions,
    sign_in_sheet,
)

app_name = "workshops"

AREA = "areas/<slug:area_slug>/sessions/"
SESSION = f"{AREA}<int:session_id>/"
ACTIONS = "areas/<slug:area_slug>/actions/"
ACTION = f"{ACTIONS}<int:action_id>/"

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

# Registration lists, the sign-in sheet, the session notes and their PDF.
urlpatterns += [
    path(f"{SESSION}registrations/", registrations.registration_upload, name="registration-upload"),
    path(
        f"{SESSION}registrations/<int:import_id>/",
        registrations.registration_preview,
        name="registration-preview",
    ),
    path(f"{SESSION}sign-in-sheet/", sign_in_sheet.sign_in_sheet, name="sign-in-sheet"),
    path(f"{SESSION}notes/", notes.session_notes, name="session-notes"),
    path(f"{SESSION}notes.pdf", notes.session_notes_pdf, name="session-notes-pdf"),
]

# Actions after they are agreed: each person's own, an area's board, each action's page,
# and the follow-up emails about them.
urlpatterns += [
    path("actions/", my_actions.my_actions, name="my-actions"),
    path("actions/emails/", follow_up_settings.follow_up_preferences, name="follow-up-preferences"),
    path("actions/calendar/", follow_up_settings.calendar_settings, name="calendar-settings"),
    path("actions/update/<str:token>/", owner_link.owner_link, name="owner-link"),
    path("emails/unsubscribe/<str:token>/", follow_up_settings.unsubscribe, name="unsubscribe"),
    path("calendar/<str:token>.ics", follow_up_settings.calendar_ics, name="calendar-ics"),
    path(ACTIONS, board.action_board, name="action-board"),
    path(f"{ACTIONS}done/", board.action_board_done, name="action-board-done"),
    path(f"{ACTIONS}suggestions/", suggestions.action_suggestions, name="action-suggestions"),
    path(f"{ACTIONS}suggest/", suggestions.action_suggest, name="action-suggest"),
    path(
        f"{ACTIONS}suggestions/<int:suggestion_id>/",
        suggestions.action_suggestion,
        name="action-suggestion",
    ),
    path("areas/<slug:area_slug>/actions.csv", board.action_board_csv, name="action-board-csv"),
    path(ACTION, action_page.action_detail, name="action-detail"),
    path(f"{ACTION}progress/", my_actions.action_progress, name="action-progress"),
    path(f"{ACTION}owner/", action_page.action_reassign, name="action-reassign"),
    path(f"{ACTION}owner/email/", action_page.owner_email_add, name="owner-email-add"),
    path(
        f"{ACTION}owner-link/withdraw/",
        action_page.owner_link_withdraw,
        name="owner-link-withdraw",
    ),
    path(
        f"{ACTION}emails/<int:follow_up_id>/retry/",
        action_page.follow_up_retry,
        name="follow-up-retry",
    ),
]

# Cascades of session notes by the area's LCO, the distribution lists they go to, and the
# two addresses that work without signing in: the share page and the unsubscribe link.
LISTS = "areas/<slug:area_slug>/contacts/"
LIST = f"{LISTS}<int:list_id>/"
urlpatterns += [
    path("areas/<slug:area_slug>/cascades/", cascades.cascade_waiting, name="cascade-waiting"),
    path(f"{SESSION}cascade/", cascades.cascade, name="cascade"),
    path(f"{SESSION}cascade/share/", cascades.cascade_share_link, name="cascade-share-link"),
    path("cascades/shared/<str:token>/", cascades.cascade_shared, name="cascade-share"),
    path(
        "cascades/unsubscribe/<str:token>/",
        cascades.cascade_unsubscribe,
        name="cascade-unsubscribe",
    ),
    path(LISTS, contacts.contact_lists, name="contact-lists"),
    path(LIST, contacts.contact_list, name="contact-list"),
    path(
        f"{LIST}contacts/<int:contact_id>/remove/",
        contacts.contact_remove,
        name="contact-remove",
    ),
    path(f"{LIST}import/", contacts.contact_import, name="contact-import"),
    path(
        f"{LIST}import/<int:contact_import_id>/",
        contacts.contact_import_preview,
        name="contact-import-preview",
    ),
]

# Reporting back to everyone who came: the page anyone with its short link opens, the
# facilitator's page that hands it out, and each area's public record, if it shares one.
urlpatterns += [
    path("r/<str:token>/", report_back.report_back, name="report-back"),
    path(
        "r/<str:token>/large-print/",
        report_back.report_back,
        {"size": "large"},
        name="report-back-large",
    ),
    path(f"{SESSION}report-back/", report_back.report_back_manage, name="report-back-manage"),
    path(
        "areas/<slug:area_slug>/together/", report_back.together_settings, name="together-settings"
    ),
    path("together/<slug:area_slug>/", report_back.together, name="together"),
]

# The live room of a partnership day: its controls, moderation queue and wall, and the
# pages phones and table hosts open.
urlpatterns += [path("", include("workshops.live.urls"))]

# Reach and inclusion: what people need to take part, and the communities an area counts.
urlpatterns += [path("", include("workshops.reach.urls"))]
