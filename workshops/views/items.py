"""The session page's lists of things heard and actions agreed: add, edit and delete.

With htmx an addition sends its new row and a fresh form (`added.py`), and an edit or a
deletion swaps its list in place; without JavaScript, editing and deleting an item each
have a small page of their own.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from partnerships import access
from partnerships.resubmit import login_required_keeping_post
from partnerships.versioning import EditConflict
from workshops import selectors, services
from workshops.forms import ActionForm, InsightForm
from workshops.models import Action, Insight, InsightKind
from workshops.views.added import action_added, addition_refused, insight_added
from workshops.views.page import (
    TEMPLATE,
    draft_initial,
    keyed,
    posted_draft_token,
    render_session_page,
    section_saved,
)


def _insight_kind(kind: str) -> str:
    if kind not in InsightKind.values:
        raise Http404("No such list on a session.")
    return kind


def _insight_section(kind):
    return {"section": f"insight-{kind}", "anchor": f"{kind}s"}


@login_required_keeping_post(what="Add a barrier, idea, decision or quote to a session")
@require_POST
def insight_add(request: HttpRequest, area_slug: str, session_id: int, kind: str):
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    kind = _insight_kind(kind)
    form = InsightForm(
        request.POST,
        kind=kind,
        people=selectors.area_people(session.area),
        prefix=f"new-{kind}",
    )
    if not form.is_valid():
        if request.htmx:
            return addition_refused(
                request, session, roles=roles, form_name=f"{kind}_form", form=form
            )
        return render_session_page(request, session, bound={f"{kind}_form": form})
    insight = services.insight_add(
        session=session,
        by=access.person_for(request.user),
        kind=kind,
        draft_token=posted_draft_token(request),
        **form.insight_fields(),
    )
    message = f"{insight.get_kind_display()} added."
    if request.htmx:
        return insight_added(request, session, insight, roles=roles, message=message)
    return section_saved(request, session, **_insight_section(kind), message=message)


@login_required_keeping_post(what="Change a barrier, idea, decision or quote")
@require_http_methods(["GET", "POST"])
def insight_edit(request: HttpRequest, area_slug: str, session_id: int, insight_id: int):
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    insight = session.insights.select_related("barrier_type", "updated_by").filter(pk=insight_id)
    insight = insight.first()
    if insight is None:
        return _already_gone(request, session)
    return _edit_item(
        request,
        session,
        item=insight,
        form=InsightForm(
            request.POST or None,
            kind=insight.kind,
            people=selectors.area_people(session.area),
            prefix=f"insight-{insight.pk}",
            initial=_initial(request, session, insight, InsightForm.initial_for(insight)),
        ),
        save=lambda form, by: services.insight_update(
            insight=insight,
            by=by,
            version=form.cleaned_data["version"],
            draft_token=posted_draft_token(request),
            **form.insight_fields(),
        ),
        **_insight_section(insight.kind),
        noun=insight.get_kind_display(),
    )


@login_required_keeping_post(what="Delete a barrier, idea, decision or quote")
@require_http_methods(["GET", "POST"])
def insight_delete(request: HttpRequest, area_slug: str, session_id: int, insight_id: int):
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    insight = session.insights.filter(pk=insight_id).first()
    if insight is None:
        return _already_gone(request, session)
    return _delete_item(
        request,
        session,
        item=insight,
        delete=lambda: services.insight_delete(insight=insight),
        **_insight_section(insight.kind),
        noun=insight.get_kind_display(),
    )


@login_required_keeping_post(what="Add an action to a session")
@require_POST
def action_add(request: HttpRequest, area_slug: str, session_id: int):
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    people = selectors.area_people(session.area)
    everyone = list(people)
    form = ActionForm(
        request.POST, area=session.area, people=people, session=session, prefix="new-action"
    )
    form.fields["owner"].offer(everyone)
    if not form.is_valid():
        if request.htmx:
            return addition_refused(
                request, session, roles=roles, form_name="action_form", form=form
            )
        return render_session_page(request, session, bound={"action_form": form})
    action = services.action_add(
        session=session,
        by=access.person_for(request.user),
        draft_token=posted_draft_token(request),
        **form.action_fields(),
    )
    message = f"Action added for {action.owner}." + (
        "" if action.owner.email else " They have no email address here: tell them yourself."
    )
    if request.htmx:
        return action_added(
            request, session, action, roles=roles, everyone=everyone, message=message
        )
    return section_saved(request, session, section="actions", anchor="actions", message=message)


@login_required_keeping_post(what="Change an action")
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, area_slug: str, session_id: int, action_id: int):
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    action = session.actions.select_related("owner", "updated_by").filter(pk=action_id).first()
    if action is None:
        return _already_gone(request, session)
    return _edit_item(
        request,
        session,
        item=action,
        form=ActionForm(
            request.POST or None,
            area=session.area,
            people=selectors.area_people(session.area),
            session=session,
            prefix=f"action-{action.pk}",
            initial=_initial(request, session, action, ActionForm.initial_for(action)),
        ),
        save=lambda form, by: services.action_update(
            action=action,
            session=session,
            by=by,
            version=form.cleaned_data["version"],
            draft_token=posted_draft_token(request),
            **form.action_fields(),
        ),
        section="actions",
        anchor="actions",
        noun="Action",
    )


@login_required_keeping_post(what="Delete an action")
@require_http_methods(["GET", "POST"])
def action_delete(request: HttpRequest, area_slug: str, session_id: int, action_id: int):
    session, roles = selectors.get_session_and_roles_for(request.user, area_slug, session_id)
    access.require(roles, access.Capability.MANAGE)
    action = session.actions.filter(pk=action_id).first()
    if action is None:
        return _already_gone(request, session)
    return _delete_item(
        request,
        session,
        item=action,
        delete=lambda: services.action_delete(action=action),
        section="actions",
        anchor="actions",
        noun="Action",
    )


def _form_key(item) -> str:
    return f"{'insight' if isinstance(item, Insight) else 'action'}-{item.pk}"


def _initial(request, session, item, saved: dict) -> dict:
    """An edit form starts from the saved item, or from the person's unsaved draft of it."""
    if request.method == "POST":
        return saved
    drafts = selectors.drafts_for(session, access.person_for(request.user))
    return {**saved, **draft_initial(drafts, _form_key(item), _form_key(item))}


def _edit_item(request, session, *, item, form, save, section, anchor, noun):
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            save(form, access.person_for(request.user))
        except EditConflict as error:
            conflict = error.current
            form.rebase(conflict)
        else:
            return section_saved(
                request, session, section=section, anchor=anchor, message=f"{noun} saved."
            )
    context = {
        "area": session.area,
        "session": session,
        "item": item,
        "form": form,
        "noun": noun,
        "conflict": conflict,
        "form_key": _form_key(item),
        "edit_url": request.path,
        "anchor": anchor,
        "section_name": section,
        "draft_url": reverse("workshops:draft-save", args=[session.area.slug, session.pk]),
        "is_action": isinstance(item, Action),
    }
    keyed(form, _form_key(item))
    if request.htmx:
        response = render(request, f"{TEMPLATE}#item-edit", context)
        if request.method == "POST":
            # The form comes back with errors or a conflict: it replaces itself, not the list.
            response["HX-Retarget"] = f"#{_form_key(item)}"
        return response
    return render(request, "workshops/item_edit.html", context)


def _delete_item(request, session, *, item, delete, section, anchor, noun):
    if request.method == "POST":
        delete()
        return section_saved(
            request, session, section=section, anchor=anchor, message=f"{noun} deleted."
        )
    return render(
        request,
        "workshops/item_delete.html",
        {"area": session.area, "session": session, "item": item, "noun": noun, "anchor": anchor},
    )


def _already_gone(request, session):
    """Someone else deleted the item first: say so, and show the page as it is now."""
    messages.info(request, "Someone else had already deleted that item.")
    if request.htmx:
        return HttpResponseClientRefresh()
    return redirect(session)
