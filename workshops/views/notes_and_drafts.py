"""The write-up of a session, and the drafts kept while anything on its page is typed."""

import re

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from partnerships import access
from partnerships.resubmit import login_required_keeping_post
from partnerships.versioning import EditConflict
from workshops import selectors, services
from workshops.forms import SummaryForm
from workshops.views.page import posted_draft_token, render_session_page, section_saved

# Form keys the session page uses; anything else is refused rather than stored.
DRAFT_KEY_PATTERN = r"^(session|summary|action-new|insight-new-[a-z]+|(insight|action)-\d+)$"
DRAFT_MAX_FIELDS = 20
DRAFT_MAX_CHARACTERS = 20_000


@login_required_keeping_post(what="Save a session's notes")
@require_POST
def summary_save(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    form = SummaryForm(request.POST, prefix="summary")
    if form.is_valid():
        try:
            services.summary_save(
                session=session,
                by=access.person_for(request.user),
                version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"],
                written_up=form.cleaned_data["written_up"],
                draft_token=posted_draft_token(request),
            )
        except EditConflict as error:
            form.rebase(error.current)
            session.refresh_from_db()
        else:
            session.refresh_from_db()
            return section_saved(
                request, session, section="summary", anchor="notes", message="Notes saved."
            )
    return render_session_page(request, session, bound={"summary_form": form}, section="summary")


def draft_save(request: HttpRequest, area_slug: str, session_id: int) -> HttpResponse:
    """Autosave: keep the fields of one form as typed. Answers JSON, never a sign-in page.

    The page's script shows the answer; 401 tells it the sign-in has expired, so it can
    keep the words on the device and say what will happen on saving.
    """
    if not request.user.is_authenticated:
        if request.method != "POST":
            return redirect_to_login(request.get_full_path())
        return JsonResponse({"error": "signed-out"}, status=401)
    if request.method != "POST":
        return JsonResponse({"error": "post-only"}, status=405)
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    form_key = request.POST.get("form_key", "")
    fields = {name: value for name, value in request.POST.items() if name not in _NOT_FIELDS}
    if (
        not re.fullmatch(DRAFT_KEY_PATTERN, form_key)
        or len(fields) > DRAFT_MAX_FIELDS
        or sum(len(value) for value in fields.values()) > DRAFT_MAX_CHARACTERS
    ):
        return JsonResponse({"error": "not-a-draft"}, status=400)
    person = access.person_for(request.user)
    if request.POST.get("discard"):
        services.draft_discard(session=session, by=person, form_key=form_key)
        messages.info(request, "Your unsaved words have been discarded.")
        if request.htmx:
            return HttpResponseClientRefresh()
        return redirect(session)
    try:
        draft = services.draft_save(
            session=session,
            by=person,
            form_key=form_key,
            data=fields,
            draft_token=posted_draft_token(request),
        )
    except services.StaleDraft:
        return JsonResponse({"error": "already-saved"}, status=409)
    return JsonResponse({"saved_at": draft.saved_at.isoformat()})


_NOT_FIELDS = {"csrfmiddlewaretoken", "form_key", "discard", "draft_token"}
