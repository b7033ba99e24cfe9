"""Session lists, planning a session and changing its details, and its own page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas import selectors as area_selectors
from areas.models import Area
from partnerships import access
from partnerships.resubmit import login_required_keeping_post
from partnerships.versioning import EditConflict
from workshops import selectors, services
from workshops.forms import SessionForm
from workshops.models import Session, SessionFormat, SessionKind, SessionStatus
from workshops.views.page import (
    SECTIONS,
    TEMPLATE,
    draft_initial,
    render_session_page,
    session_panels,
)

SESSIONS_PER_PAGE = 25


class SessionFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind", choices=[("", "All kinds"), *SessionKind.choices], required=False
    )
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any status"), *SessionStatus.choices], required=False
    )
    start = forms.DateField(label="From", required=False)
    end = forms.DateField(label="To", required=False)
    area = forms.ModelChoiceField(
        label="Area", queryset=Area.objects.none(), required=False, empty_label="All areas"
    )

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        if areas is None:
            del self.fields["area"]
        else:
            self.fields["area"].queryset = areas

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", "The “to” date must be the same as or after the “from” date.")
        return cleaned

    def apply(self, sessions):
        if not self.is_valid():
            return sessions
        data = self.cleaned_data
        if data["kind"]:
            sessions = sessions.filter(kind=data["kind"])
        if data["status"]:
            sessions = sessions.filter(status=data["status"])
        if data["start"]:
            sessions = sessions.filter(starts_at__date__gte=data["start"])
        if data["end"]:
            sessions = sessions.filter(starts_at__date__lte=data["end"])
        if data.get("area"):
            sessions = sessions.filter(area=data["area"])
        return sessions


def _session_list(request, sessions, *, template, context):
    page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, template, {**context, "page_obj": page, "sessions": page.object_list})


@login_required
def session_list(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = area_selectors.get_area_for(request.user, area_slug)
    form = SessionFilterForm(request.GET or None)
    sessions = form.apply(selectors.list_sessions(Session.objects.filter(area=area)))
    return _session_list(
        request,
        sessions,
        template="workshops/session_list.html",
        context={
            "area": area,
            "form": form,
            "can_edit": access.can_manage(request.user, area),
            "can_log_meetings": access.can(request.user, access.Capability.LOG_MEETINGS, area),
        },
    )


@login_required
def programme_sessions(request: HttpRequest) -> HttpResponse:
    """Every session the user may see, across their areas (all areas for programme leads)."""
    areas = Area.objects.visible_to(request.user)
    form = SessionFilterForm(request.GET or None, areas=areas)
    sessions = form.apply(selectors.list_sessions(Session.objects.visible_to(request.user)))
    return _session_list(
        request,
        sessions.select_related("area"),
        template="workshops/programme_sessions.html",
        context={"form": form},
    )


def _logging_area(request, area_slug):
    """The area and whether the user logs only meetings there (not running the area).

    404 outside the area; 403 for roles in it that may do neither.
    """
    area = area_selectors.get_area_for(request.user, area_slug)
    roles = access.roles_in(request.user, area)
    if access.can_manage(request.user, area, roles=roles):
        return area, False
    if access.can(request.user, access.Capability.LOG_MEETINGS, area, roles=roles):
        return area, True
    raise PermissionDenied("Only the area's facilitators can plan sessions.")


def _editable_session(request, area_slug, session_id):
    """The session and whether the user changes it as its meeting's logger.

    Facilitators change any session; steering group members and LCO coordinators the
    meetings they logged themselves. 404 outside the area, 403 for anything else in it.
    """
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    if access.can_manage(request.user, session.area, roles=roles):
        return session, False
    if selectors.logged_by(session, request.user, roles=roles):
        return session, True
    raise PermissionDenied("Only the area's facilitators and a meeting's logger can change it.")


@login_required_keeping_post(what="Add a session")
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, meetings_only = _logging_area(request, area_slug)
    form = SessionForm(
        request.POST or None,
        area=area,
        meetings_only=meetings_only,
        initial={
            "kind": SessionKind.STEERING_MEETING if meetings_only else SessionKind.PARTNERSHIP_DAY,
            "format": SessionFormat.IN_PERSON,
            "status": SessionStatus.HELD if meetings_only else SessionStatus.PLANNED,
        },
    )
    if request.method == "POST" and form.is_valid():
        session = services.session_create(
            area=area, by=access.person_for(request.user), **form.session_fields()
        )
        messages.success(request, f"“{session.title}” has been added.")
        return redirect(session)
    return render(
        request,
        "workshops/session_form.html",
        {"area": area, "form": form, "meetings_only": meetings_only},
    )


@login_required_keeping_post(what="Change a session")
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session, meetings_only = _editable_session(request, area_slug, session_id)
    person = access.person_for(request.user)
    conflict = None
    if request.method == "POST":
        form = SessionForm(request.POST, area=session.area, meetings_only=meetings_only)
        if form.is_valid():
            try:
                services.session_update(
                    session=session,
                    by=person,
                    version=form.cleaned_data["version"],
                    **form.session_fields(),
                )
            except EditConflict as error:
                conflict = error.current
                form.rebase(conflict)
            else:
                messages.success(request, "The session’s details have been saved.")
                return redirect(session)
    else:
        drafts = selectors.drafts_for(session, person)
        form = SessionForm(
            area=session.area,
            meetings_only=meetings_only,
            initial={**SessionForm.initial_for(session), **draft_initial(drafts, "session", "")},
        )
    return render(
        request,
        "workshops/session_form.html",
        {
            "area": session.area,
            "session": session,
            "form": form,
            "conflict": conflict,
            "meetings_only": meetings_only,
        },
    )


@login_required
def session_detail(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session = selectors.get_session_for(request.user, area_slug, session_id)
    section = request.GET.get("section")
    if request.htmx and section == "similar-work":
        panels = session_panels(request, session)
        return render(request, f"{TEMPLATE}#similar-work", {"session": session, "panels": panels})
    return render_session_page(
        request,
        session,
        section=section if section in SECTIONS else None,
        opened=request.GET.get("add"),
    )
