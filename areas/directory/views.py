from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from areas.directory import selectors, services
from areas.directory.forms import DirectorySearchForm, OrganisationMergeForm
from partnerships import access, audit
from partnerships.htmx import render_page_or_partial
from partnerships.models import AuditAction

PAGE_SIZE = 25
READ_METHODS = ("GET", "HEAD")


@login_required
@require_safe
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(
        request.GET or None, q_label="Organisation name", sector_label="Sector"
    )
    organisations = selectors.organisation_directory(request.user, **form.filters())
    return _list_page(request, "directory/organisation_list.html", form, organisations)


@login_required
@require_safe
def person_list(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(
        request.GET or None, q_label="Name", sector_label="Organisation sector"
    )
    people = selectors.people_directory(request.user, **form.filters())
    return _list_page(
        request, "directory/person_list.html", form, people, each=selectors.attach_area_roles
    )


def _list_page(request, template, form, rows, *, each=None):
    """The whole page, or only its results when htmx asks as the user types."""
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    if each:
        each(page.object_list)
    context = {
        "form": form,
        "page_obj": page,
        "filtered": any(form.filters().values()),
        "sees_all": access.is_programme_lead(request.user),
    }
    return render_page_or_partial(request, template, context, partial="results")


@login_required
def organisation_detail(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.get_organisation_for(request.user, organisation_id)
    # Scope first: an outsider gets the same 404 whatever the method.
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "profile": selectors.organisation_profile(request.user, organisation),
            "can_merge": selectors.can_merge_organisations(request.user),
        },
    )


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.get_person_for(request.user, person_id)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    audit.record(AuditAction.VIEWED_PERSONAL_DATA, request=request, target=person)
    return render(
        request,
        "directory/person_detail.html",
        {"person": person, "profile": selectors.person_profile(request.user, person)},
    )


@login_required
def organisation_merge(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Choose a duplicate (GET), check what will move (GET with it), merge (POST)."""
    keep = selectors.get_organisation_for(request.user, organisation_id)
    if not selectors.can_merge_organisations(request.user):
        raise PermissionDenied("Only facilitators and programme leads can merge organisations.")
    if request.method not in (*READ_METHODS, "POST"):
        return HttpResponseNotAllowed((*READ_METHODS, "POST"))
    organisations = selectors.organisations_visible_to(request.user)
    if request.method != "POST" and ("duplicate" not in request.GET or "change" in request.GET):
        # The first visit, or back from the check page with the choice kept.
        form = OrganisationMergeForm(
            initial={"duplicate": request.GET.get("duplicate")},
            keep=keep,
            organisations=organisations,
        )
        return _merge_form(request, keep, form)

    data = request.POST if request.method == "POST" else request.GET
    form = OrganisationMergeForm(data, keep=keep, organisations=organisations)
    if not form.is_valid():
        return _merge_form(request, keep, form)
    duplicate = form.cleaned_data["duplicate"]
    preview = selectors.merge_preview(request.user, keep=keep, duplicate=duplicate)
    if preview.reaches_unseen_areas and not access.is_programme_lead(request.user):
        # A facilitator may only change records in the areas they work in.
        form.add_error(
            "duplicate",
            f"{duplicate} is also recorded in areas you do not work in. "
            "Ask a programme lead to merge these two organisations.",
        )
        return _merge_form(request, keep, form)
    if request.method != "POST":
        return render(
            request,
            "directory/organisation_merge_confirm.html",
            {
                "keep": keep,
                "duplicate": duplicate,
                "preview": preview,
                "change_url": f"{request.path}?duplicate={duplicate.pk}&change=1",
            },
        )

    try:
        result = services.organisation_merge(
            keep=keep, duplicate=duplicate, by=access.person_for(request.user)
        )
    except services.MergeRefused as refusal:
        form.add_error(None, str(refusal))
        return _merge_form(request, keep, form)
    messages.success(request, _merged_message(keep, duplicate, result))
    return redirect(reverse("directory:organisation", args=[keep.pk]))


def _merge_form(request, keep, form):
    return render(request, "directory/organisation_merge.html", {"keep": keep, "form": form})


def _merged_message(keep, duplicate, result) -> str:
    counts = [
        (result.people, "person", "people"),
        (result.seats, "steering group seat", "steering group seats"),
        (result.lco_roles, "LCO role", "LCO roles"),
        (result.payments, "budget payment", "budget payments"),
    ]
    moved = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
    message = f"{duplicate.name} has been merged into {keep.name}"
    if moved:
        listed = moved[0] if len(moved) == 1 else f"{', '.join(moved[:-1])} and {moved[-1]}"
        message += f": {listed} moved"
    message += "."
    if result.lco_areas_combined:
        message += (
            f" Both were the LCO in {', '.join(result.lco_areas_combined)}; "
            f"{keep.name}’s LCO record was kept."
        )
    return message
