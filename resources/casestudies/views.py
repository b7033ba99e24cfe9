"""Writing, reviewing and reading an area's case studies, inside the area."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from areas import selectors as area_selectors
from partnerships import access
from partnerships.versioning import EditConflict
from resources.casestudies import comments, selectors, services
from resources.casestudies.forms import CaseStudyForm, CaseStudyStartForm, SectionCommentForm
from resources.casestudies.models import SectionComment
from resources.reports import documents
from resources.reports.responses import document_response
from resources.reports.selectors import AREA_REPORT_ROLES


def _editor(request, area):
    if not selectors.can_edit(request.user, area):
        raise PermissionDenied(
            "Only the area's facilitators and programme leads write case studies."
        )
    return access.person_for(request.user)


@login_required
def case_study_list(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = area_selectors.get_area_and_roles_for(request.user, area_slug)
    return render(
        request,
        "resources/casestudies/list.html",
        {
            "area": area,
            "case_studies": selectors.area_case_studies(area),
            "can_edit": selectors.can_edit(request.user, area, roles=roles),
            "reads_progress_report": bool(roles & AREA_REPORT_ROLES),
            "form": CaseStudyStartForm(),
        },
    )


@login_required
def case_study_new(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = area_selectors.get_area_for(request.user, area_slug)
    person = _editor(request, area)
    form = CaseStudyStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        version = services.case_study_start(area=area, by=person, title=form.cleaned_data["title"])
        messages.success(
            request,
            "Case study started. Its sections are filled in from the area's data: "
            "edit them into your story.",
        )
        return redirect(
            "casestudies:edit", area_slug=area.slug, case_study_id=version.case_study_id
        )
    return render(request, "resources/casestudies/new.html", {"area": area, "form": form})


@login_required
def case_study_detail(request: HttpRequest, area_slug: str, case_study_id: int) -> HttpResponse:
    case_study = selectors.get_case_study_for(request.user, area_slug, case_study_id)
    return _detail_page(request, case_study)


def _detail_page(request, case_study, *, comment_form=None, status=200):
    area = case_study.area
    versions = selectors.case_study_versions(case_study)
    shown = versions[0]
    person = access.person_for(request.user)
    roles = access.roles_in(request.user, area)
    can_edit = selectors.can_edit(request.user, area, roles=roles)
    sections = selectors.rendered_sections(shown)
    can_comment = not shown.is_published and access.can(
        request.user, access.Capability.PROPOSE, area, roles=roles
    )
    section_threads = comments.threads(shown) if can_comment or can_edit else {}
    forms = {}
    if can_comment:
        forms = {name: SectionCommentForm.slot(name) for name, _, _ in sections}
        for thread in section_threads.values():
            for comment in thread.open:
                forms[comment.pk] = SectionCommentForm.slot(comment.section, comment.pk)
    if comment_form is not None:
        forms[_reply_to(comment_form.data) or comment_form.data.get("section")] = comment_form
    for thread in section_threads.values():
        for comment in [*thread.open, *thread.resolved]:
            comment.reply_form = forms.get(comment.pk)
            comment.can_resolve = comments.may_resolve(comment, person=person, is_author=can_edit)
    return render(
        request,
        "resources/casestudies/detail.html",
        {
            "commented_sections": [
                (name, heading, text, section_threads.get(name), forms.get(name))
                for name, heading, text in sections
            ],
            "can_comment": can_comment,
            "person": person,
            "comment_form": comment_form,
            "page_forms": [comment_form] if comment_form is not None else [],
            "area": area,
            "case_study": case_study,
            "versions": versions,
            "shown": shown,
            "sections": selectors.rendered_sections(shown),
            "figures": selectors.display_figures(shown),
            "editors": selectors.editors(shown),
            "can_edit": can_edit,
            "can_approve": can_edit and not services.wrote(shown, person),
            "has_open_version": any(not version.is_published for version in versions),
        },
        status=status,
    )


@login_required
@require_POST
def comment_add(request: HttpRequest, area_slug: str, case_study_id: int) -> HttpResponse:
    case_study = selectors.get_case_study_for(request.user, area_slug, case_study_id)
    access.require(access.roles_in(request.user, case_study.area), access.Capability.PROPOSE)
    form = SectionCommentForm.slot(
        request.POST.get("section", ""), _reply_to(request.POST), data=request.POST
    )
    if not form.is_valid():
        return _detail_page(request, case_study, comment_form=form, status=400)
    data = form.cleaned_data
    try:
        comment = comments.comment_add(
            version=selectors.case_study_versions(case_study)[0],
            by=access.person_for(request.user),
            section=data["section"],
            body=data["body"],
            reply_to=data["reply_to"],
        )
    except comments.NotOpen as refused:
        messages.info(request, str(refused))
        return redirect(case_study)
    messages.success(request, "Your comment is with the authors.")
    return redirect(f"{case_study.get_absolute_url()}#comments-{comment.section}")


def _reply_to(data) -> int | None:
    reply_to = data.get("reply_to", "")
    return int(reply_to) if reply_to.isdigit() else None


@login_required
@require_POST
def comment_resolve(
    request: HttpRequest, area_slug: str, case_study_id: int, comment_id: int
) -> HttpResponse:
    case_study = selectors.get_case_study_for(request.user, area_slug, case_study_id)
    comment = get_object_or_404(
        SectionComment.objects.filter(version__case_study=case_study, reply_to=None),
        pk=comment_id,
    )
    person = access.person_for(request.user)
    if not comments.may_resolve(
        comment, person=person, is_author=selectors.can_edit(request.user, case_study.area)
    ):
        raise PermissionDenied("Only the authors and the comment's writer resolve it.")
    if comments.comment_resolve(comment=comment, by=person):
        messages.success(request, "Resolved. The comment is folded away under the section.")
    return redirect(f"{case_study.get_absolute_url()}#comments-{comment.section}")


@login_required
def case_study_edit(request: HttpRequest, area_slug: str, case_study_id: int) -> HttpResponse:
    case_study = selectors.get_case_study_for(request.user, area_slug, case_study_id)
    area = case_study.area
    person = _editor(request, area)
    version = selectors.open_version(case_study)
    if version.status != "draft":
        messages.warning(request, "This version is in review. Send it back to draft to change it.")
        return redirect(case_study)
    people = selectors.possible_authors(area)
    form = CaseStudyForm(
        request.POST or None, people=people, initial=CaseStudyForm.initial_for(version)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.case_study_update(
                version=version,
                by=person,
                seen_version=form.cleaned_data["version"],
                fields=form.cleaned_data,
                authors=form.cleaned_data["authors"],
            )
        except EditConflict as conflict:
            form.rebase(conflict.current)
        else:
            messages.success(request, "Case study saved.")
            return redirect(case_study)
    return render(
        request,
        "resources/casestudies/edit.html",
        {
            "area": area,
            "case_study": case_study,
            "version": version,
            "form": form,
            "figures": selectors.display_figures(version),
        },
    )


def _workflow_step(request, area_slug, case_study_id, step, done_message):
    case_study = selectors.get_case_study_for(request.user, area_slug, case_study_id)
    person = _editor(request, case_study.area)
    try:
        step(case_study, person)
    except services.WorkflowError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done_message)
    return redirect(case_study)


@login_required
@require_POST
def case_study_submit(request: HttpRequest, area_slug: str, case_study_id: int) -> HttpResponse:
    return _workflow_step(
        request,
        area_slug,
        case_study_id,
        lambda study, person: services.case_study_submit(
            version=selectors.open_version(study), by=person
        ),
        "Sent for review. Another facilitator of the area or a programme lead can now approve it.",
    )


@login_required
@require_POST
def case_study_approve(request: HttpRequest, area_slug: str, case_study_id: int) -> HttpResponse:
    return _workflow_step(
        request,
        area_slug,
        case_study_id,
        lambda study, person: services.case_study_approve(
            version=selectors.open_version(study), by=person
        ),
        "Approved and published. Funders and the public can now read this version.",
    )


@login_required
@require_POST
def case_study_return(request: HttpRequest, area_slug: str, case_study_id: int) -> HttpResponse:
    return _workflow_step(
        request,
        area_slug,
        case_study_id,
        lambda study, person: services.case_study_return(
            version=selectors.open_version(study), by=person
        ),
        "Sent back to draft.",
    )


@login_required
@require_POST
def case_study_new_draft(request: HttpRequest, area_slug: str, case_study_id: int) -> HttpResponse:
    return _workflow_step(
        request,
        area_slug,
        case_study_id,
        lambda study, person: services.case_study_new_draft(case_study=study, by=person),
        "A new draft has been started from the published version.",
    )


@login_required
def case_study_pdf(
    request: HttpRequest, area_slug: str, case_study_id: int, number: int
) -> HttpResponse:
    """Any version's PDF for the area's team; drafts are marked as drafts on every page."""
    case_study = selectors.get_case_study_for(request.user, area_slug, case_study_id)
    version = selectors.get_version(case_study, number)
    return document_response(
        request,
        documents.case_study_document(version),
        target=version,
        area=case_study.area,
        back_url=case_study.get_absolute_url(),
    )
