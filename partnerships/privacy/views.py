"""A person's consent, the export of everything held about them, and their erasure.

Every page here holds personal data: never cached, and every visit is audited.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from partnerships import access, audit
from partnerships.models import AuditAction, ConsentUse
from partnerships.privacy import selectors, services
from partnerships.privacy.consent import current_consents
from partnerships.privacy.forms import STANDARD_WORDING, ConsentForm, EraseForm

READ = ("GET", "HEAD")
READ_WRITE = (*READ, "POST")


@login_required
def person_consent(request: HttpRequest, person_id: int) -> HttpResponse:
    # Scope first: an outsider gets the same 404 whatever the method.
    person, area_ids = selectors.get_subject_for(request.user, person_id)
    if request.method not in READ_WRITE:
        return HttpResponseNotAllowed(READ_WRITE)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if person.erased_at is not None:
            raise PermissionDenied("This person's data has been erased.")
        record = services.consent_record(
            person=person, by=access.person_for(request.user), request=request, **form.cleaned_data
        )
        messages.success(
            request,
            f"Recorded: {record.get_decision_display().lower()} for "
            f"{record.get_use_display().lower()}.",
        )
        return redirect(reverse("person-consent", args=[person.pk]))
    if request.method != "POST":
        audit.record(AuditAction.VIEWED_PERSONAL_DATA, request=request, target=person)
    current = current_consents(person)
    return render(
        request,
        "privacy/person_consent.html",
        {
            "person": person,
            "form": form,
            "current": [(label, current[use]) for use, label in ConsentUse.choices],
            "history": person.consents.select_related("recorded_by"),
            "wordings": [(ConsentUse(use).label, words) for use, words in STANDARD_WORDING.items()],
            "erase_refusal": selectors.erase_refusal(request.user, person, area_ids),
        },
    )


@login_required
def person_export(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _ = selectors.get_subject_for(request.user, person_id)
    if request.method not in READ:
        return HttpResponseNotAllowed(READ)
    archive = services.person_export(
        person=person, by=access.person_for(request.user), request=request
    )
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}-data.zip"'
    return response


@login_required
def person_erase(request: HttpRequest, person_id: int) -> HttpResponse:
    person, area_ids = selectors.get_subject_for(request.user, person_id)
    if request.method not in READ_WRITE:
        return HttpResponseNotAllowed(READ_WRITE)
    refusal = selectors.erase_refusal(request.user, person, area_ids)
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            result = services.person_erase(
                person=person,
                by=access.person_for(request.user),
                reason="request",
                request=request,
            )
        except services.ErasureRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request, f"Their personal data has been erased. They are now {result.pseudonym}."
            )
            return redirect(reverse("person-consent", args=[person.pk]))
    return render(
        request,
        "privacy/person_erase.html",
        {
            "person": person,
            "form": form,
            "refusal": refusal,
        },
        status=403 if refusal and request.method == "POST" else 200,
    )
