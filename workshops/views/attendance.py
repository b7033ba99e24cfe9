"""Who came to a session: named attendees, people added on the spot, and head-counts."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from partnerships import access
from partnerships.resubmit import login_required_keeping_post
from workshops import selectors, services
from workshops.forms import AttendeesForm, HeadcountsForm, NewAttendeeForm
from workshops.models import Attendance
from workshops.views.page import render_session_page, section_saved


def _attendance_saved(request, session, message):
    return section_saved(
        request, session, section="attendance", anchor="attendance", message=message
    )


@login_required_keeping_post(what="Add people to who came to a session")
@require_POST
def attendees_add(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    form = AttendeesForm(
        request.POST, people=selectors.area_people(session.area), prefix="attendees"
    )
    if not form.is_valid():
        return render_session_page(
            request, session, bound={"attendees_form": form}, section="attendance"
        )
    added = services.attendees_add(session=session, people=form.cleaned_data["people"])
    return _attendance_saved(
        request, session, f"{added} {'person' if added == 1 else 'people'} added to who came."
    )


@login_required_keeping_post(what="Add someone new to who came to a session")
@require_POST
def attendee_new(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    form = NewAttendeeForm(
        request.POST,
        organisations=selectors.area_organisations(session.area),
        prefix="new-attendee",
    )
    if not form.is_valid():
        return render_session_page(
            request, session, bound={"new_attendee_form": form}, section="attendance"
        )
    attendance, outcome = services.attendee_add_new(
        session=session, by=access.person_for(request.user), **form.cleaned_data
    )
    return _attendance_saved(request, session, _NEW_ATTENDEE_MESSAGES[outcome](attendance.person))


_NEW_ATTENDEE_MESSAGES = {
    services.NewAttendee.CREATED: lambda person: f"{person} added to who came.",
    services.NewAttendee.KNOWN: lambda person: (
        f"That email address is already known, so {person} was added."
    ),
    # Said without naming anyone: the record with the address is not one the user sees.
    services.NewAttendee.ADDRESS_HELD_ELSEWHERE: lambda person: (
        f"{person} added to who came. The email address was not saved with them: it is "
        "already on a record in another part of the programme, which stays separate."
    ),
}


@login_required_keeping_post(what="Take someone off who came to a session")
@require_POST
def attendee_remove(
    request: HttpRequest, area_slug: str, session_id: int, attendance_id: int
) -> HttpResponse:
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    attendance = (
        Attendance.objects.filter(session=session, pk=attendance_id)
        .select_related("person")
        .first()
    )
    if attendance is None:
        return _attendance_saved(request, session, "That person had already been removed.")
    services.attendance_remove(attendance=attendance)
    return _attendance_saved(request, session, f"{attendance.person} removed from who came.")


@login_required_keeping_post(what="Save a session's head-counts")
@require_POST
def headcounts_save(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    form = HeadcountsForm(request.POST, prefix="headcounts")
    if not form.is_valid():
        return render_session_page(
            request, session, bound={"headcounts_form": form}, section="attendance"
        )
    services.headcounts_save(
        session=session,
        counts=form.counts(),
        lived_experience=form.cleaned_data["lived_experience"],
    )
    session.refresh_from_db(fields=["lived_experience_headcount"])
    return _attendance_saved(request, session, "Head-counts saved.")
