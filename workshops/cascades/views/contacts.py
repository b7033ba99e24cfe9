"""The LCO's distribution lists: the lists, each list's contacts, and contacts from CSV.

Contacts are personal data: every page that shows them is recorded in the audit log.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_http_methods

from partnerships import access, audit
from partnerships.models import AuditAction
from partnerships.resubmit import login_required_keeping_post
from workshops.cascades import contacts, selectors, services
from workshops.cascades.forms import ContactForm, ContactListForm, ContactUploadForm


def _audit(request, contact_list, label):
    audit.record(
        AuditAction.VIEWED_PERSONAL_DATA,
        request=request,
        target=contact_list,
        label=label,
        area=contact_list.area,
    )


@login_required_keeping_post(what="Set up a distribution list")
@require_http_methods(["GET", "POST"])
def contact_lists(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = selectors.get_cascade_area_for(request.user, area_slug)
    form = ContactListForm(request.POST or None, initial={"kind": "network"})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.contact_list_create(
                area=area, by=access.person_for(request.user), **form.cleaned_data
            )
        except services.ContactRefused as refused:
            form.add_error("name", str(refused))
        else:
            messages.success(request, f"“{created.name}” has been set up. Add its contacts.")
            return redirect(created)
    return render(
        request,
        "workshops/cascades/lists.html",
        {"area": area, "lists": list(selectors.contact_lists(area)), "form": form},
    )


@login_required_keeping_post(what="Add a contact to a distribution list")
@require_http_methods(["GET", "POST"])
def contact_list(request: HttpRequest, area_slug: str, list_id: int) -> HttpResponse:
    area = selectors.get_cascade_area_for(request.user, area_slug)
    chosen = selectors.get_contact_list(area, list_id)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.contact_add(
                contact_list=chosen, by=access.person_for(request.user), **form.cleaned_data
            )
        except services.ContactRefused as refused:
            form.add_error("email", str(refused))
        else:
            messages.success(request, f"{added.email} has been added to “{chosen.name}”.")
            return redirect(chosen)
    _audit(request, chosen, f"Contacts on {chosen.name}")
    return render(
        request,
        "workshops/cascades/list_detail.html",
        {
            "area": area,
            "contact_list": chosen,
            "contacts": selectors.list_contacts(chosen),
            "form": form,
        },
    )


@login_required_keeping_post(what="Take a contact off a distribution list")
@require_http_methods(["POST"])
def contact_remove(request: HttpRequest, area_slug: str, list_id: int, contact_id: int):
    area = selectors.get_cascade_area_for(request.user, area_slug)
    chosen = selectors.get_contact_list(area, list_id)
    contact = get_object_or_404(chosen.contacts, pk=contact_id)
    services.contact_remove(contact=contact)
    messages.success(request, f"{contact.email} has been taken off “{chosen.name}”.")
    return redirect(chosen)


@login_required_keeping_post(what="Upload contacts for a distribution list")
@require_http_methods(["GET", "POST"])
def contact_import(request: HttpRequest, area_slug: str, list_id: int) -> HttpResponse:
    area = selectors.get_cascade_area_for(request.user, area_slug)
    chosen = selectors.get_contact_list(area, list_id)
    form = ContactUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        held = contacts.contact_import_create(
            contact_list=chosen,
            by=access.person_for(request.user),
            table=form.cleaned_data["file"],
            basis=form.cleaned_data["basis"],
            basis_note=form.cleaned_data["basis_note"],
        )
        return redirect(
            "workshops:contact-import-preview",
            area_slug=area.slug,
            list_id=chosen.pk,
            contact_import_id=held.pk,
        )
    return render(
        request,
        "workshops/cascades/import_upload.html",
        {"area": area, "contact_list": chosen, "form": form},
    )


@login_required_keeping_post(what="Add uploaded contacts to a distribution list")
@require_http_methods(["GET", "POST"])
def contact_import_preview(
    request: HttpRequest, area_slug: str, list_id: int, contact_import_id: int
) -> HttpResponse:
    area = selectors.get_cascade_area_for(request.user, area_slug)
    chosen = selectors.get_contact_list(area, list_id)
    held = selectors.get_contact_import(chosen, access.person_for(request.user), contact_import_id)
    if request.method == "POST":
        added = contacts.contact_import_confirm(contact_import=held)
        if added is None:
            messages.info(request, "This file had already been added to the list.")
        else:
            messages.success(
                request, f"Added {added} {pluralize(added, 'contact,contacts')} to “{chosen.name}”."
            )
        return redirect(chosen)
    _audit(request, chosen, f"Contacts read from {held.file_name} for {chosen.name}")
    return render(
        request,
        "workshops/cascades/import_preview.html",
        {
            "area": area,
            "contact_list": chosen,
            "contact_import": held,
            "preview": contacts.Preview.of(held),
        },
    )
