"""Small helpers for the action pages: status tags, due dates, history in words."""

import datetime as dt

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from workshops.models import ActionStatus

register = template.Library()

# The NHS.UK tag colour of each action status.
STATUS_COLOURS = {
    ActionStatus.DONE: "green",
    ActionStatus.BLOCKED: "red",
    ActionStatus.IN_PROGRESS: "blue",
}


@register.simple_tag
def action_status_tag(action):
    """{% action_status_tag action %}: the action's status as an NHS.UK tag."""
    colour = STATUS_COLOURS.get(action.status, "grey")
    return format_html(
        '<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', colour, action.get_status_display()
    )


@register.simple_tag
def action_due(action, today):
    """{% action_due action today %}: when an action is due, in words; overdue says so in
    text as well as colour. A tag rather than an included template: boards show hundreds."""
    due = date_format(action.due_on, "j M Y") if action.due_on else ""
    late = action.days_overdue(today)
    if late:
        return format_html(
            '<strong class="nhsuk-tag nhsuk-tag--red">Overdue</strong> '
            '<span class="app-overdue-text">{} day{} late, due {}</span>',
            late,
            "" if late == 1 else "s",
            due,
        )
    if not action.due_on:
        return mark_safe('<span class="nhsuk-u-secondary-text-colour">No due date</span>')
    if action.due_on == today and action.status != ActionStatus.DONE:
        return mark_safe("<strong>Due today</strong>")
    return format_html("Due {}", due)


@register.filter
def event_status(event, which):
    """{{ event|event_status:"old" }}: a status change's before or after, in words."""
    value = event.old_value if which == "old" else event.new_value
    return ActionStatus(value).label.lower() if value in ActionStatus.values else value


@register.filter
def iso_date(value):
    """A date kept as text in an action's history (2026-03-11), as 11 March 2026."""
    try:
        return date_format(dt.date.fromisoformat(value), "j F Y")
    except (TypeError, ValueError):
        return value


LINK_REFUSALS = {
    "expired": "it had expired",
    "withdrawn": "a facilitator had withdrawn it",
    "reassigned": "it was sent to an earlier owner",
}


@register.filter
def link_refusal(reason):
    return LINK_REFUSALS.get(reason, reason)
