"""Adding people to a session's attendance from a registration list, after a preview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_http_methods

from partnerships import access
from workshops import registration, selectors
from workshops.forms import RegistrationUploadForm
from workshops.models import RegistrationImport


@login_required
@require_http_methods(["GET", "POST"])
def registration_upload(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    if request.method == "POST":
        form = RegistrationUploadForm(request.POST, request.FILES)
        if form.is_valid():
            held = registration.registration_import_create(
                session=session, by=access.person_for(request.user), table=form.cleaned_data["file"]
            )
            return redirect(
                "workshops:registration-preview",
                area_slug=session.area.slug,
                session_id=session.pk,
                import_id=held.pk,
            )
    else:
        form = RegistrationUploadForm()
    return render(
        request,
        "workshops/registration_upload.html",
        {"area": session.area, "session": session, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_preview(
    request: HttpRequest, area_slug: str, session_id: int, import_id: int
) -> HttpResponse:
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    # A list is its uploader's working copy until confirmed; nobody else works from it.
    held = get_object_or_404(
        RegistrationImport.objects.filter(
            session=session, uploaded_by=access.person_for(request.user)
        ),
        pk=import_id,
    )
    if request.method == "POST":
        added = registration.registration_import_confirm(registration_import=held)
        if added is None:
            messages.info(request, "This list had already been added to the attendance list.")
        else:
            messages.success(
                request,
                f"Added {added} {pluralize(added, 'person,people')} to the attendance list.",
            )
        return redirect(session)
    return render(
        request,
        "workshops/registration_preview.html",
        {
            "area": session.area,
            "session": session,
            "registration_import": held,
            "preview": registration.Preview.of(held),
        },
    )
