"""The session page: one view renders it whole, or one of its sections for htmx.

Every write on the page answers a plain form post with a redirect back to its section,
and an htmx post with the fresh section (an addition, with its new row and a fresh form:
`added.py`), so the page works the same without JavaScript.
"""

import json
import re
import secrets
from dataclasses import dataclass, replace
from functools import cache, partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from partnerships import access, audit
from partnerships.links import url_for_each
from partnerships.models import AuditAction
from partnerships.panels import render_panels
from workshops import notes, selectors
from workshops.cascades import selectors as cascade_selectors
from workshops.forms import (
    ActionForm,
    AttendeesForm,
    HeadcountsForm,
    InsightForm,
    NewAttendeeForm,
    SummaryForm,
    offer_people,
)
from workshops.live import selectors as live_selectors
from workshops.models import InsightKind

TEMPLATE = "workshops/session_detail.html"


def draft_initial(drafts, form_key, prefix) -> dict:
    """A saved draft as a form's initial data (drafts keep the fields' full names)."""
    draft = drafts.get(form_key)
    if draft is None:
        return {}
    return {name.removeprefix(f"{prefix}-"): value for name, value in draft.data.items()}


def keyed(form, form_key, drafts=None):
    """Give a page form the key its autosaved drafts are kept under, and its draft.

    Each rendering of a form gets a token that its autosaves and its save both carry, so
    the server can tell an autosave that arrives after its own form was saved.
    """
    form.form_key = form_key
    form.draft = (drafts or {}).get(form_key)
    form.draft_token = _draft_token(form.data) or secrets.token_urlsafe(12)
    return form


# What `keyed` makes (16 characters); the draft row keeps up to 32.
_DRAFT_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,32}")


def _draft_token(data) -> str:
    token = data.get("draft_token", "")
    return token if _DRAFT_TOKEN.fullmatch(token) else ""


def posted_draft_token(request) -> str:
    """The draft token a form sent back, or "" for anything no rendering made."""
    return _draft_token(request.POST)


def new_action_form(session, *, people, everyone=None, drafts=None):
    """The form that adds an action. Its owner picker offers `everyone`, the area's
    people already read from `people` (read here if they have not been)."""
    form = ActionForm(
        area=session.area,
        people=people,
        session=session,
        prefix="new-action",
        initial=draft_initial(drafts or {}, "action-new", "new-action"),
    )
    form.fields["owner"].offer(list(people) if everyone is None else everyone)
    return form


def new_insight_form(kind, *, people, everyone=None, drafts=None):
    """The form that adds a barrier, idea, decision or quote; a quote's speaker picker
    offers the area's people as `new_action_form`'s owner picker does."""
    form = InsightForm(
        kind=kind,
        people=people,
        prefix=f"new-{kind}",
        initial=draft_initial(drafts or {}, f"insight-new-{kind}", f"new-{kind}"),
    )
    if kind == InsightKind.QUOTE:
        offer_people(form.fields["speaker"], list(people) if everyone is None else everyone)
    return form


def _add_forms(session, page, drafts, *, opened):
    """The forms that add to the page's lists and write its notes, each built only when
    it is open: asked for (`opened`, one of ADD_FORMS) or holding the person's unsaved
    draft. Closed, a form is a link htmx follows as it opens; building and rendering all
    seven on every visit was a third of the page's work."""
    people = page["people"]

    def action_form():
        return new_action_form(session, people=people, everyone=page["everyone"](), drafts=drafts)

    def summary_form():
        return SummaryForm(
            prefix="summary",
            initial={
                # An empty write-up starts from a summary of what was logged.
                "summary": session.summary or notes.draft_summary(session),
                "version": session.version,
                **draft_initial(drafts, "summary", "summary"),
            },
        )

    def insight_form(kind):
        return new_insight_form(kind, people=people, everyone=page["everyone"](), drafts=drafts)

    builders = {
        "action": action_form,
        "notes": summary_form,
        **{kind: partial(insight_form, kind) for kind in InsightKind.values},
    }
    forms = {}
    for key, build in builders.items():
        name = ADD_FORMS[key]
        if key == opened or FORM_KEYS[name] in drafts:
            forms[name] = keyed(build(), FORM_KEYS[name], drafts)
    return forms


@dataclass
class AttendanceAdder:
    """One of the ways to add to who came. Its form is built only when it is opened (or
    comes back with errors): the whole list of people and organisations is most of the
    page's weight, and most visits only read the page."""

    key: str
    summary: str
    form_name: str
    form: object = None


ATTENDANCE_ADDERS = [
    AttendanceAdder("people", "Add people the partnership knows", "attendees_form"),
    AttendanceAdder("someone-new", "Add someone new", "new_attendee_form"),
    AttendanceAdder("counts", "Count people by sector", "headcounts_form"),
]


def _attendance_form(session, page, key):
    if key == "people":
        present = {attendance.person_id for attendance in page["attendances"]}
        form = AttendeesForm(people=page["people"].exclude(pk__in=present), prefix="attendees")
        offer_people(form.fields["people"], [p for p in page["everyone"]() if p.pk not in present])
        return form
    if key == "someone-new":
        return NewAttendeeForm(
            organisations=selectors.area_organisations(session.area), prefix="new-attendee"
        )
    return HeadcountsForm(
        prefix="headcounts", initial=HeadcountsForm.initial_for(session, page["headcounts"])
    )


def _attendance_adders(session, page, *, opened, bound) -> list[AttendanceAdder]:
    adders = []
    for adder in ATTENDANCE_ADDERS:
        form = bound.get(adder.form_name)
        if form is None and adder.key == opened:
            form = _attendance_form(session, page, adder.key)
        adders.append(replace(adder, form=form))
    return adders


# The page's forms that `?add=` opens, by the key it names.
ADD_FORMS = {
    "action": "action_form",
    "notes": "summary_form",
    **{kind: f"{kind}_form" for kind in InsightKind.values},
}
# The page's forms whose typing is autosaved, and the draft key of each.
FORM_KEYS = {
    "action_form": "action-new",
    "summary_form": "summary",
    **{f"{kind}_form": f"insight-new-{kind}" for kind in InsightKind.values},
}


def session_page_context(request, session, *, bound=None, opened=None) -> dict:
    """Everything the page shows, in a bounded number of queries whatever its size.

    `bound` replaces one of the add forms with a submitted one, so its errors and the
    words the person typed are shown where they typed them. `opened` names the form the
    page should hold open: a way of adding to who came, or one of ADD_FORMS.
    """
    bound = bound or {}
    roles = access.roles_in(request.user, session.area)
    can_edit = access.can_manage(request.user, session.area, roles=roles)
    team = selectors.is_area_team(roles)
    person = access.person_for(request.user)
    page = {
        "attendances": selectors.session_attendances(session) if team else [],
        "headcounts": list(session.headcounts.all()),
        "people": selectors.area_people(session.area),
    }
    drafts = selectors.drafts_for(session, person) if can_edit else {}
    forms, adders = {}, []
    if can_edit:
        # The area's people, read once for every picker that is open, and only then.
        page["everyone"] = cache(partial(list, page["people"]))
        forms = {**_add_forms(session, page, drafts, opened=opened), **bound}
        adders = _attendance_adders(session, page, opened=opened, bound=bound)
    for name, form in bound.items():
        if name in FORM_KEYS:
            keyed(form, FORM_KEYS[name])
    insights = insights_with_links(session, selectors.session_insights(session, team=team))
    actions = actions_with_links(session, selectors.session_actions(session))
    if page["attendances"] and request.method == "GET" and not request.htmx:
        audit.record(
            AuditAction.VIEWED_PERSONAL_DATA,
            request=request,
            target=session,
            label=f"Who came to {session.title}",
            area=session.area,
        )
    sees_cascades = cascade_selectors.sees_cascades(roles)
    named = len(page["attendances"]) if team else session.attendances.count()
    counted = sum(headcount.count for headcount in page["headcounts"])
    return {
        "area": session.area,
        "session": session,
        "facilitators": list(session.facilitators.all()),
        "can_edit": can_edit,
        "can_change_details": can_edit or selectors.logged_by(session, request.user, roles=roles),
        "is_area_team": team,
        "sees_cascades": sees_cascades,
        "cascade": cascade_selectors.session_cascade(session) if sees_cascades else None,
        "live_room": live_selectors.session_panel_room(session) if can_edit else None,
        "attendances": page["attendances"],
        "headcounts": page["headcounts"],
        "sector_rows": selectors.attendance_by_sector(page["attendances"], page["headcounts"]),
        "insight_sections": [
            selectors.InsightSection(
                kind=kind,
                heading=selectors.SECTION_HEADINGS[kind],
                items=insights[kind],
                form=forms.get(f"{kind}_form"),
            )
            for kind in InsightKind.values
        ],
        "actions": actions,
        "action_count": len(actions),
        "total_attendance": named + counted,
        "counted_attendance": counted,
        "lived_experience_total": (session.lived_experience_headcount or 0)
        + sum(attendance.lived_experience for attendance in page["attendances"]),
        "draft_url": reverse("workshops:draft-save", args=[session.area.slug, session.pk]),
        "attendance_adders": adders,
        "panels": session_panels(request, session) if request.GET.get("similar") else {},
        **forms,
    }


def actions_with_links(session, actions: list) -> list:
    """Each action with the addresses of its page and of its edit and delete forms,
    reversed once for the list rather than three times a row."""
    page_url = url_for_each("workshops:action-detail", session.area.slug)
    edit_url = url_for_each("workshops:action-edit", session.area.slug, session.pk)
    delete_url = url_for_each("workshops:action-delete", session.area.slug, session.pk)
    for action in actions:
        action.page_url = page_url(action.pk)
        action.edit_url = edit_url(action.pk)
        action.delete_url = delete_url(action.pk)
    return actions


def insights_with_links(session, by_kind: dict[str, list]) -> dict[str, list]:
    """Each insight with the addresses of its edit and delete forms, as for actions."""
    edit_url = url_for_each("workshops:insight-edit", session.area.slug, session.pk)
    delete_url = url_for_each("workshops:insight-delete", session.area.slug, session.pk)
    for insights in by_kind.values():
        for insight in insights:
            insight.edit_url = edit_url(insight.pk)
            insight.delete_url = delete_url(insight.pk)
    return by_kind


def session_panels(request, session) -> dict:
    """The page's panels from the apps above this one (similar work in other areas)."""
    return render_panels("session", request, session, {})


# The page's sections that htmx may ask for on their own; "attendance-adder" is the
# inside of the opened way of adding to who came, "add-form" that of an opened add form.
SECTIONS = {
    "attendance",
    "attendance-adder",
    "add-form",
    "actions",
    "summary",
    *(f"insight-{kind}" for kind in InsightKind),
}


def _list_section_context(request, session, section, *, bound) -> dict | None:
    """Just what one list (the actions, or one kind of thing heard) shows, for the htmx
    answer to a change in it by someone who runs the area: the rest of the page is not
    sent, so it is not read. None for any other section or person."""
    is_insights = section.startswith("insight-") and section[8:] in InsightKind.values
    if section != "actions" and not is_insights:
        return None
    roles = access.roles_in(request.user, session.area)
    if not access.can_manage(request.user, session.area, roles=roles):
        return None
    drafts = selectors.drafts_for(session, access.person_for(request.user))
    # The form's own queryset is only for checking a submitted choice, so the pickers'
    # list is read from this one, not built again.
    people = selectors.area_people(session.area)
    context = {
        "area": session.area,
        "session": session,
        "can_edit": True,
        "is_area_team": selectors.is_area_team(roles),
        "draft_url": reverse("workshops:draft-save", args=[session.area.slug, session.pk]),
    }
    if section == "actions":
        form = bound.get("action_form")
        if form is None:
            form = new_action_form(session, people=people, drafts=drafts)
        # A submitted form shows the words just sent, not a draft of them.
        keyed(form, FORM_KEYS["action_form"], None if "action_form" in bound else drafts)
        actions = actions_with_links(session, selectors.session_actions(session))
        return {**context, "actions": actions, "action_count": len(actions), "action_form": form}
    kind = section.removeprefix("insight-")
    form = bound.get(f"{kind}_form")
    if form is None:
        form = new_insight_form(kind, people=people, drafts=drafts)
    keyed(form, FORM_KEYS[f"{kind}_form"], None if f"{kind}_form" in bound else drafts)
    items = selectors.session_insights(session, team=context["is_area_team"], kind=kind)
    items = insights_with_links(session, items)[kind]
    section = selectors.InsightSection(
        kind=kind, heading=selectors.SECTION_HEADINGS[kind], items=items, form=form
    )
    return {**context, "section": section}


def render_session_page(request, session, *, bound=None, section=None, opened=None, status=200):
    """The whole page, or for htmx just `section` (a partial of the page's template)."""
    if request.htmx and section:
        context = _list_section_context(request, session, section, bound=bound or {})
        if context is not None:
            partial = "insight-section" if "section" in context else section
            return render(request, f"{TEMPLATE}#{partial}", context, status=status)
    if request.htmx and section == "summary":
        opened = "notes"  # the notes just saved stay open for more writing
    context = session_page_context(request, session, bound=bound, opened=opened)
    if request.htmx and section:
        if section == "add-form":
            section = _opened_add_form(context, opened)
        elif section == "attendance-adder":
            context["adder"] = next(
                (adder for adder in context["attendance_adders"] if adder.form), None
            )
            if context["adder"] is None:
                raise Http404("Nothing to add to who came here.")
        elif section.startswith("insight-"):
            kind = section.removeprefix("insight-")
            context["section"] = next(s for s in context["insight_sections"] if s.kind == kind)
            section = "insight-section"
        return render(request, f"{TEMPLATE}#{section}", context, status=status)
    if bound:
        context["page_errors"] = [form for form in bound.values() if form.errors]
    return render(request, TEMPLATE, context, status=status)


def _opened_add_form(context, opened) -> str:
    """The partial of the add form `opened`, with what it needs put in `context`."""
    name = ADD_FORMS.get(opened)
    if name is None or context.get(name) is None:
        raise Http404("There is no such form to open here.")
    if opened in InsightKind.values:
        context["section"] = next(s for s in context["insight_sections"] if s.kind == opened)
        return "insight-add-form"
    return {"action": "action-add-form", "notes": "notes-form"}[opened]


def section_saved(request, session, *, section: str, anchor: str, message: str):
    """After a write: the fresh section for htmx, or back to the page for a plain post."""
    if request.htmx:
        response = render_session_page(request, session, section=section)
        response["HX-Trigger"] = json.dumps({"sessionSaved": {"message": message}})
        return response
    messages.success(request, message)
    return redirect(f"{session.get_absolute_url()}#{anchor}")
