"""Browsing the library: search and filters, a resource's page and where it was used, its file."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from partnerships import access
from partnerships.caching import public_page
from partnerships.htmx import render_page_or_partial
from resources import selectors, services
from resources.forms import SessionUseForm, read_filters
from resources.models import Resource, Theme, can_edit_library, sees_whole_library

# The id the htmx attributes in templates/resources/library.html point at.
RESULTS_ID = "library-results"
PAGE_SIZE = 20


def with_resource(view):
    """Passes the view the resource its URL names, if the visitor may see it.

    Looked up before anything else, so the answer is the same whatever the method:
    404 for a signed-in person, and sign-in for a signed-out visitor, for any resource
    that is not public, whether or not it exists.
    """

    @wraps(view)
    def wrapper(request, resource_id, *args, **kwargs):
        try:
            resource = selectors.get_resource_for(request.user, resource_id)
        except Http404:
            if request.user.is_authenticated:
                raise
            return redirect_to_login(request.get_full_path())
        return view(request, resource, *args, **kwargs)

    return wrapper


@login_required
@require_safe
def library(request: HttpRequest) -> HttpResponse:
    """Everything the person may see: the whole library if they work in an area."""
    return _library_page(request, Resource.objects.visible_to(request.user), public=False)


@public_page
@require_safe
def public_library(request: HttpRequest) -> HttpResponse:
    """The resources marked public, for anyone, signed in or not."""
    return _library_page(request, Resource.objects.public(), public=True)


def _library_page(request, resources, *, public):
    """The whole page, or just its results when the htmx search form asks for them."""
    themes = list(Theme.objects.all())
    filters, form = read_filters(request.GET, themes=themes)
    results = selectors.library(resources, **filters)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.attach_labels(page.object_list)
    action_url = reverse("library:public" if public else "library:index")
    context = {
        "form": form,
        "page_obj": page,
        "filters": filters,
        "is_filtered": any(filters.values()),
        "public": public,
        "action_url": action_url,
        "results_id": RESULTS_ID,
        "can_edit": not public and can_edit_library(request.user),
    }
    return render_page_or_partial(
        request, "resources/library.html", context, partial="htmx-results", target=RESULTS_ID
    )


@public_page
@with_resource
@require_safe
def resource_detail(request: HttpRequest, resource: Resource) -> HttpResponse:
    return _detail_page(request, resource)


@login_required
@with_resource
@require_POST
def resource_session_use(request: HttpRequest, resource: Resource) -> HttpResponse:
    """Record that the resource was used in one of the person's sessions."""
    if not sees_whole_library(request.user):
        raise PermissionDenied("Only people working in an area record where a resource was used.")
    form = SessionUseForm(request.POST, sessions=selectors.sessions_to_mark(request.user, resource))
    if form.is_valid():
        session = form.cleaned_data["session"]
        services.resource_mark_used(
            resource=resource, session=session, by=access.person_for(request.user)
        )
        messages.success(request, f"Recorded: used at “{session.title}”.")
        return redirect(f"{resource.get_absolute_url()}#used")
    return _detail_page(request, resource, use_form=form)


def _detail_page(request, resource, *, use_form=None):
    user = request.user
    signed_in = user.is_authenticated
    # Where a resource was used is partnership business: for people working in an area.
    works_in_an_area = signed_in and sees_whole_library(user)
    if works_in_an_area and use_form is None:
        sessions = selectors.sessions_to_mark(user, resource)
        use_form = SessionUseForm(sessions=sessions) if sessions.exists() else None
    return render(
        request,
        "resources/resource_detail.html",
        {
            "resource": resource,
            "can_edit": signed_in and can_edit_library(user),
            "library_url": reverse("library:index" if signed_in else "library:public"),
            "works_in_an_area": works_in_an_area,
            "uses": selectors.sessions_used_in(user, resource) if works_in_an_area else [],
            "use_form": use_form,
        },
    )


@public_page
@with_resource
@require_safe
def resource_file(request: HttpRequest, resource: Resource) -> FileResponse:
    """The uploaded file, as the type its bytes were found to be, always as a download.

    Files never come straight from MEDIA_URL: this view is the only way to them, so the
    same rule decides who sees a resource and who gets its file.
    """
    if not resource.file:
        raise Http404("This resource is a link, not a file.")
    try:
        stream = resource.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file is no longer stored.") from missing
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=resource.download_name,
        content_type=resource.file_type,
    )
    return response
