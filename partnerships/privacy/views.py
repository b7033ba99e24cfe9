"""A person's consent, the export of what is held about them, and their erasure; and a
signed-in person's own copy of everything held about them.

Every page here holds personal data: never cached, and every visit is audited.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from partnerships import access, audit
from partnerships.models import AuditAction, ConsentUse
from partnerships.privacy import registry, selectors, services
from partnerships.privacy.consent import current_consents, nameable_recorders, recorder_label
from partnerships.privacy.forms import STANDARD_WORDING, ConsentForm, EraseForm

READ = ("GET", "HEAD")
READ_WRITE = (*READ, "POST")


@login_required
def person_consent(request: HttpRequest, person_id: int) -> HttpResponse:
    # Scope first: an outsider gets the same 404 whatever the method.
    subject = selectors.get_subject_for(request.user, person_id)
    person = subject.person
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
    history = list(person.consents.select_related("recorded_by"))
    named = nameable_recorders(history, subject.scope.areas)
    return render(
        request,
        "privacy/person_consent.html",
        {
            "person": person,
            "form": form,
            "current": [(label, current[use]) for use, label in ConsentUse.choices],
            "history": [
                (record, recorder_label(record, named, elsewhere="someone outside your areas"))
                for record in history
            ],
            "wordings": [(ConsentUse(use).label, words) for use, words in STANDARD_WORDING.items()],
            "export_holds": subject.scope.holds,
            "complete_export": subject.scope.areas is None,
            "erase_refusal": selectors.erase_refusal(request.user, subject),
        },
    )


@login_required
def person_export(request: HttpRequest, person_id: int) -> HttpResponse:
    subject = selectors.get_subject_for(request.user, person_id)
    if request.method not in READ:
        return HttpResponseNotAllowed(READ)
    archive = services.person_export(
        person=subject.person,
        by=access.person_for(request.user),
        scope=subject.scope,
        request=request,
    )
    return _zip(archive, f"person-{subject.person.pk}-data.zip")


@login_required
def person_erase(request: HttpRequest, person_id: int) -> HttpResponse:
    subject = selectors.get_subject_for(request.user, person_id)
    person = subject.person
    if request.method not in READ_WRITE:
        return HttpResponseNotAllowed(READ_WRITE)
    refusal = selectors.erase_refusal(request.user, subject)
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


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """What the platform holds about the signed-in person, and their copy of all of it."""
    if request.method not in READ:
        return HttpResponseNotAllowed(READ)
    return render(
        request,
        "privacy/my_data.html",
        {
            "person": access.person_for(request.user),
            "sections": [section.title for section in registry.sections()],
        },
    )


@login_required
def my_data_export(request: HttpRequest) -> HttpResponse:
    if request.method not in READ:
        return HttpResponseNotAllowed(READ)
    person = access.person_for(request.user)
    if person is None:
        raise Http404("We hold no record about you.")
    archive = services.person_export(
        person=person, by=person, scope=selectors.OWN_DATA, request=request
    )
    return _zip(archive, "my-data.zip")


def _zip(archive: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
