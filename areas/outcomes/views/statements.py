"""Challenge–Action–Outcome statements: read them, revise them, compare and restore revisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from areas import selectors as area_selectors
from areas.outcomes import selectors, services
from areas.outcomes.diff import compare_content
from areas.outcomes.forms import CaoRevisionForm, CaoStatementForm, CompareForm, RestoreForm
from areas.outcomes.models import CaoStatus
from partnerships import access
from partnerships.versioning import EditConflict


@login_required
@require_http_methods(["GET", "POST"])
def statement_new(request: HttpRequest, area_slug: str) -> HttpResponse:
    area, roles = area_selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    form = CaoStatementForm(
        request.POST or None,
        initial={"status": CaoStatus.DRAFT, "as_of": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        statement = services.cao_statement_create(
            area=area, by=access.person_for(request.user), **form.content()
        )
        messages.success(request, f"“{statement.title}” has been saved.")
        return redirect(statement)
    return render(request, "areas/outcomes/statement_form.html", {"area": area, "form": form})


@login_required
def statement_detail(request: HttpRequest, area_slug: str, statement_id: int) -> HttpResponse:
    area, roles = area_selectors.get_area_and_roles_for(request.user, area_slug)
    can_manage = access.can_manage(request.user, area, roles=roles)
    statement = selectors.get_statement(area, statement_id)
    revisions = list(selectors.statement_revisions(statement))
    return render(
        request,
        "areas/outcomes/statement_detail.html",
        {
            "area": area,
            "statement": statement,
            "can_manage": can_manage,
            "can_propose": access.can(request.user, access.Capability.PROPOSE, area, roles=roles),
            "proposals": list(selectors.waiting_proposals(statement)),
            "revisions": revisions,
            "compare_form": CompareForm(
                initial={"old": max(statement.version - 1, 1), "new": statement.version},
                revisions=revisions,
            ),
            "indicators": list(selectors.statement_indicators(statement)),
            "evidence": list(
                selectors.statement_evidence(statement, include_unconsented=can_manage)
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def statement_edit(request: HttpRequest, area_slug: str, statement_id: int) -> HttpResponse:
    area, roles = area_selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    statement = selectors.get_statement(area, statement_id)
    conflict = None
    if request.method == "POST":
        form = CaoRevisionForm(request.POST)
        if form.is_valid():
            try:
                revision = services.cao_statement_revise(
                    statement=statement,
                    version=form.cleaned_data["version"],
                    by=access.person_for(request.user),
                    reason=form.cleaned_data["reason"],
                    **form.content(),
                )
            except EditConflict as error:
                conflict = _conflict(error.current, form)
                form = conflict["form"]
            except services.NothingChanged:
                form.add_error(None, "Nothing has changed. Change the statement, or cancel.")
            else:
                messages.success(
                    request, f"“{revision.title}” has been saved as revision {revision.number}."
                )
                return redirect(statement)
    else:
        form = CaoRevisionForm(initial={**statement.content(), "version": statement.version})
    return render(
        request,
        "areas/outcomes/statement_form.html",
        {"area": area, "statement": statement, "form": form, "conflict": conflict},
    )


def _conflict(statement, form) -> dict:
    """What the second of two editors sees: the newer revision, how their own text differs
    from it, and their form kept as typed, now based on the newer revision."""
    theirs = selectors.latest_revision(statement)
    data = form.data.copy()
    data["version"] = theirs.number
    rebased = CaoRevisionForm(data)
    rebased.is_valid()
    who = theirs.author.full_name if theirs.author else "Someone"
    at = timezone.localtime(theirs.created_at)
    rebased.add_error(
        None,
        f"{who} saved a new version of this statement at {at:%H:%M} "
        "while you were editing. Your changes are not saved yet. Compare them with theirs "
        "below, then save again to replace their version with yours, or cancel.",
    )
    return {
        "theirs": theirs,
        "diffs": compare_content(theirs.content(), form.content()),
        "form": rebased,
    }


@login_required
def statement_compare(request: HttpRequest, area_slug: str, statement_id: int) -> HttpResponse:
    area = area_selectors.get_area_for(request.user, area_slug)
    statement = selectors.get_statement(area, statement_id)
    revisions = list(selectors.statement_revisions(statement))
    by_number = {revision.number: revision for revision in revisions}
    chosen = {"old": max(statement.version - 1, 1), "new": statement.version}
    form = CompareForm(request.GET, revisions=revisions)
    # A link with numbers that do not exist (edited by hand) shows the latest change instead.
    if form.is_valid():
        chosen = form.cleaned_data
    else:
        form = CompareForm(initial=chosen, revisions=revisions)
    old, new = by_number[chosen["old"]], by_number[chosen["new"]]
    diffs = compare_content(old.content(), new.content())
    return render(
        request,
        "areas/outcomes/compare.html",
        {
            "area": area,
            "statement": statement,
            "form": form,
            "old": old,
            "new": new,
            "old_label": f"Revision {old.number}",
            "new_label": f"Revision {new.number}",
            "changed": [diff for diff in diffs if diff.diff.changed],
            "unchanged": [diff.label for diff in diffs if not diff.diff.changed],
        },
    )


@login_required
def revision_detail(
    request: HttpRequest, area_slug: str, statement_id: int, revision_number: int
) -> HttpResponse:
    area = area_selectors.get_area_for(request.user, area_slug)
    statement = selectors.get_statement(area, statement_id)
    revision = selectors.get_revision(statement, revision_number)
    can_restore = access.can_manage(request.user, area) and revision.number != statement.version
    form = RestoreForm(initial={"version": statement.version}) if can_restore else None
    return _render_revision(request, area, statement, revision, form)


@login_required
@require_POST
def revision_restore(
    request: HttpRequest, area_slug: str, statement_id: int, revision_number: int
) -> HttpResponse:
    area, roles = area_selectors.get_area_and_roles_for(request.user, area_slug)
    access.require(roles, access.Capability.MANAGE)
    statement = selectors.get_statement(area, statement_id)
    revision = selectors.get_revision(statement, revision_number)
    form = RestoreForm(request.POST)
    if form.is_valid():
        try:
            restored = services.cao_statement_restore(
                revision=revision,
                version=form.cleaned_data["version"],
                by=access.person_for(request.user),
                reason=form.cleaned_data["reason"],
            )
        except EditConflict as error:
            statement = error.current
            form = RestoreForm({**form.cleaned_data, "version": statement.version})
            form.is_valid()
            form.add_error(
                None,
                f"Someone saved revision {statement.version} while you were reading this page. "
                "Look at what it says before you bring this version back.",
            )
        except services.NothingChanged:
            form.add_error(None, "The statement already says exactly this. Nothing to bring back.")
        else:
            messages.success(
                request,
                f"Revision {revision.number} has been brought back as revision {restored.number}.",
            )
            return redirect(statement)
    return _render_revision(request, area, statement, revision, form)


def _render_revision(request, area, statement, revision, restore_form) -> HttpResponse:
    return render(
        request,
        "areas/outcomes/revision_detail.html",
        {
            "area": area,
            "statement": statement,
            "revision": revision,
            "restore_form": restore_form,
        },
    )
