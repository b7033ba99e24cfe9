"""Adding and changing resources, and matching an area's focus to themes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas.selectors import get_area_for
from partnerships import access
from resources import selectors, services
from resources.forms import FocusThemesForm, ResourceForm
from resources.models import Resource, can_edit_library
from resources.views.library import with_resource


def _require_editor(request):
    if not can_edit_library(request.user):
        raise PermissionDenied("Only facilitators and programme leads change the library.")


@login_required
@require_http_methods(["GET", "POST"])
def resource_new(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        resource = services.resource_create(by=access.person_for(request.user), **_fields(form))
        messages.success(request, f"“{resource.title}” is in the library.")
        return redirect(resource)
    return render(request, "resources/resource_form.html", {"form": form, "resource": None})


@login_required
@with_resource
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, resource: Resource) -> HttpResponse:
    _require_editor(request)
    form = ResourceForm(
        request.POST or None,
        request.FILES or None,
        resource=resource,
        initial=ResourceForm.initial_for(resource),
    )
    if request.method == "POST" and form.is_valid():
        services.resource_update(
            resource=resource,
            remove_file=form.cleaned_data.get("remove_file", False),
            **_fields(form),
        )
        messages.success(request, f"Your changes to “{resource.title}” are saved.")
        return redirect(resource)
    return render(request, "resources/resource_form.html", {"form": form, "resource": resource})


def _fields(form):
    data = form.cleaned_data
    return {
        "title": data["title"],
        "summary": data["summary"],
        "resource_type": data["resource_type"],
        "url": data["url"],
        "upload": data["upload"] or None,
        "themes": data["themes"],
        "stages": data["stages"],
        "publisher": data["publisher"],
        "published_on": data["published_on"],
        "is_public": data["is_public"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def area_focus_themes(request: HttpRequest, area_slug: str) -> HttpResponse:
    """The area's facilitators say which themes its focus touches."""
    area = get_area_for(request.user, area_slug)
    if not access.can_manage(request.user, area):
        raise PermissionDenied("Only the area's facilitators can do this.")
    form = FocusThemesForm(request.POST or None, initial={"themes": selectors.focus_themes(area)})
    if request.method == "POST" and form.is_valid():
        services.area_set_focus_themes(area=area, themes=form.cleaned_data["themes"])
        messages.success(request, f"The themes of {area}’s focus are saved.")
        return redirect(area)
    return render(request, "resources/area_focus_themes.html", {"area": area, "form": form})
