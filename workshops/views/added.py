"""The htmx answers to adding an action or a barrier, idea, decision or quote.

They send only what changed, so their cost does not grow with the list: a fresh form for
the next item (the words just saved are gone and it has a new draft token) and, out of
band, the list's heading with its new count and the new row where the list's order puts
it. A list that was empty comes back whole, since it has no rows yet to add to. A
refused form comes back alone, with its errors and the words sent.
"""

import json

from django.shortcuts import render

from workshops import selectors
from workshops.views.page import (
    FORM_KEYS,
    TEMPLATE,
    actions_with_links,
    insights_with_links,
    keyed,
    new_action_form,
    new_insight_form,
    render_session_page,
)


def _context(session, roles, **more) -> dict:
    return {
        "area": session.area,
        "session": session,
        "can_edit": True,
        "is_area_team": selectors.is_area_team(roles),
        **more,
    }


def _saved(response, message: str):
    response["HX-Trigger"] = json.dumps({"sessionSaved": {"message": message}})
    return response


def _whole_section(request, session, *, section: str, anchor: str, message: str):
    response = render_session_page(request, session, section=section)
    response["HX-Retarget"] = f"#{anchor}"
    response["HX-Reswap"] = "outerHTML"
    return _saved(response, message)


def action_added(request, session, action, *, roles, everyone: list, message: str):
    """`everyone`: the area's people, read for the form that was sent; the fresh form
    offers them too."""
    listed, following = selectors.action_place(action)
    if listed == 1:
        return _whole_section(
            request, session, section="actions", anchor="actions", message=message
        )
    form = keyed(
        new_action_form(session, people=selectors.area_people(session.area), everyone=everyone),
        FORM_KEYS["action_form"],
    )
    context = _context(
        session,
        roles,
        actions=actions_with_links(session, [action]),
        action_count=listed,
        following=following,
        action_form=form,
    )
    return _saved(render(request, f"{TEMPLATE}#action-added", context), message)


def insight_added(request, session, insight, *, roles, message: str):
    kind = insight.kind
    shown = selectors.insight_as_listed(insight)
    if shown.listed == 1:
        return _whole_section(
            request, session, section=f"insight-{kind}", anchor=f"{kind}s", message=message
        )
    form = keyed(
        new_insight_form(kind, people=selectors.area_people(session.area)),
        FORM_KEYS[f"{kind}_form"],
    )
    section = selectors.InsightSection(
        kind=kind,
        heading=selectors.SECTION_HEADINGS[kind],
        items=insights_with_links(session, {kind: [shown]})[kind],
        form=form,
        count=shown.listed,
    )
    context = _context(session, roles, section=section)
    return _saved(render(request, f"{TEMPLATE}#insight-added", context), message)


def addition_refused(request, session, *, roles, form_name: str, form):
    """The refused form alone, in its place, with its errors and the words sent."""
    keyed(form, FORM_KEYS[form_name])
    if form_name == "action_form":
        return render(
            request, f"{TEMPLATE}#action-add-form", _context(session, roles, action_form=form)
        )
    kind = form_name.removesuffix("_form")
    section = selectors.InsightSection(
        kind=kind, heading=selectors.SECTION_HEADINGS[kind], items=[], form=form
    )
    context = _context(session, roles, section=section)
    return render(request, f"{TEMPLATE}#insight-add-form", context)
