"""Outputs offered to the library by the people in an area's partnership: anyone with the
PROPOSE capability offers one, the area's facilitators publish it (as offered or edited)
or decline it, saying why. Everyone in the area may read the offers and their files;
nobody outside it finds them (404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from areas import selectors as area_selectors
from partnerships import access
from partnerships.review.pages import review_page, suggestions_page
from resources import files
from resources.outputs import services
from resources.outputs.forms import AcceptOutputForm, OutputForm
from resources.outputs.models import OutputSubmission


def _submission(request, area_slug, output_id):
    area = area_selectors.get_area_for(request.user, area_slug)
    submission = get_object_or_404(
        OutputSubmission.objects.filter(area=area).select_related(
            "area", "proposed_by", "decided_by", "resource"
        ),
        pk=output_id,
    )
    return area, submission


@login_required
def output_list(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = area_selectors.get_area_for(request.user, area_slug)
    return suggestions_page(
        request,
        area=area,
        suggestions=OutputSubmission.objects.filter(area=area),
        template="resources/outputs/list.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def output_new(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = area_selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.PROPOSE)
    form = OutputForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        submission = services.output_submit(
            area=area,
            by=access.person_for(request.user),
            title=data["title"],
            summary=data["summary"],
            resource_type=data["resource_type"],
            url=data["url"],
            upload=data["upload"],
        )
        messages.success(request, "Thank you. It has gone to the area’s facilitators.")
        return redirect(submission)
    return render(request, "resources/outputs/form.html", {"area": area, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def output_detail(request: HttpRequest, area_slug: str, output_id: int) -> HttpResponse:
    area, submission = _submission(request, area_slug, output_id)

    def accept_form(*bound):
        return AcceptOutputForm(*bound, initial=AcceptOutputForm.initial_for(submission))

    def accept(form, by):
        data = form.cleaned_data
        resource = services.output_accept(
            submission=submission,
            by=by,
            **{name: data[name] for name in form.fields},
        )
        return "Published in the library, crediting who offered it.", resource

    return review_page(
        request,
        suggestion=submission,
        can_decide=access.can_manage(request.user, area),
        accept_form=accept_form,
        accept=accept,
        template="resources/outputs/detail.html",
        context={"area": area, "file_kind": files.KINDS.get(submission.file_type)},
    )


@login_required
def output_file(request: HttpRequest, area_slug: str, output_id: int) -> HttpResponse:
    """The offered file, as the type its bytes were found to be, always as a download.

    Found before the method is checked, so outsiders get 404 whatever they send."""
    _, submission = _submission(request, area_slug, output_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if not submission.file:
        raise Http404("This output is a link, not a file.")
    try:
        stream = submission.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file is no longer stored.") from missing
    kind = files.KINDS[submission.file_type]
    return FileResponse(
        stream,
        as_attachment=True,
        filename=f"{slugify(submission.title)[:80] or 'output'}.{kind.extension}",
        content_type=submission.file_type,
    )
