"""Small helpers for the action pages: status tags, due dates, history in words."""

import datetime as dt
from html import escape

from django import template
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from workshops.actions.models import days_overdue
from workshops.models import ActionEventKind, ActionStatus

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
    return _due_in_words(action.status, action.due_on, today)


def _due_in_words(status, due_on, today):
    # dateformat rather than date_format: the format is written here, and looking it up
    # as a named format first (settings, then locale) cost more than writing the date.
    due = dateformat.format(due_on, "j M Y") if due_on else ""
    late = days_overdue(status, due_on, today)
    if late:
        return format_html(
            '<strong class="nhsuk-tag nhsuk-tag--red">Overdue</strong> '
            '<span class="app-overdue-text">{} day{} late, due {}</span>',
            late,
            "" if late == 1 else "s",
            due,
        )
    if not due_on:
        return mark_safe('<span class="nhsuk-u-secondary-text-colour">No due date</span>')
    if due_on == today and status != ActionStatus.DONE:
        return mark_safe("<strong>Due today</strong>")
    return format_html("Due {}", due)


LINK_REFUSALS = {
    "expired": "it had expired",
    "withdrawn": "a facilitator had withdrawn it",
    "reassigned": "it was sent to an earlier owner",
}


# One line of an action's history, in words, by kind of event.
EVENT_SENTENCES = {
    ActionEventKind.CREATED: "<strong>{who}</strong> recorded the action for {new}.",
    ActionEventKind.STATUS: "<strong>{who}</strong> changed the status from {old} to {new}.",
    ActionEventKind.NOTE: "<strong>{who}</strong> added a progress note.",
    ActionEventKind.REASSIGNED: "<strong>{who}</strong> gave the action to {new} (it was {old}’s).",
    ActionEventKind.DUE_DATE: "<strong>{who}</strong> changed the due date from {old} to {new}.",
    ActionEventKind.LINK_OPENED: (
        "<strong>{who}</strong> opened the action from the link in an email."
    ),
    ActionEventKind.LINK_REFUSED: "Someone used an owner link that no longer works ({reason}).",
    ActionEventKind.LINK_REVOKED: "<strong>{who}</strong> withdrew the owner links sent so far.",
    ActionEventKind.OWNER_EMAIL_ADDED: (
        "<strong>{who}</strong> added an email address for the owner, "
        "so emails about the action reach them."
    ),
}


# Each status in words, read once: building the choice for each value cost more than
# the rest of the sentence on a board's rows.
STATUS_WORDS = {status.value: status.label.lower() for status in ActionStatus}


def _status_in_words(value):
    return STATUS_WORDS.get(value, value)


def _iso_date(value):
    """A date kept as text in an action's history (2026-03-11), as 11 March 2026."""
    try:
        return dateformat.format(dt.date.fromisoformat(value), "j F Y")
    except (TypeError, ValueError):
        return value


@register.simple_tag
def event_in_words(event):
    """{% event_in_words event %}: one line of an action's history, in words. Written in
    Python rather than an included template: the board writes one on each of its rows."""
    old, new = event.old_value, event.new_value
    if event.kind == ActionEventKind.STATUS:
        if old == new:
            return format_html("<strong>{}</strong> changed why it is blocked.", _who(event))
        old, new = _status_in_words(old), _status_in_words(new)
    elif event.kind == ActionEventKind.DUE_DATE:
        old, new = _iso_date(old or "none"), _iso_date(new or "none")
    sentence = EVENT_SENTENCES.get(event.kind)
    if sentence is None:
        return ""
    reason = LINK_REFUSALS.get(event.text, event.text)
    return format_html(sentence, who=_who(event), old=old, new=new, reason=reason)


def _who(event):
    return (event.by.full_name if event.by else "") or "Someone"


@register.simple_tag
def board_rows(rows, today):
    """{% board_rows rows today %}: a board table's rows, one for each action (a row of
    `workshops.actions.selectors.board_rows`): its description (linked), why it is
    blocked, its latest update, sub-group and undelivered email; its owner, when it is
    due, and where it was agreed. Written in Python: a busy area's board has hundreds of
    rows, which cost most of the page through the template engine."""
    return mark_safe("".join(_board_row(row, today) for row in rows))


def _board_row(row, today):
    # f-strings and html.escape: format_html's lazy wrappers cost as much as the rest of a
    # row. Every value from the database goes through escape().
    status, blocked_reason = row["status"], row["blocked_reason"]
    about = f'\n        <a href="{escape(row["page_url"])}">{escape(row["description"])}</a>'
    if status == ActionStatus.BLOCKED and blocked_reason:
        about += f'<br><span class="nhsuk-body-s">Blocked: {escape(blocked_reason)}</span>'
    event = row["latest_update"]
    if event:
        quote = ""
        if event.text and event.text != blocked_reason:
            quote = f" “{escape(Truncator(event.text).chars(160))}”"
        at = timezone.localtime(event.at)
        about += (
            '\n        <p class="nhsuk-body-s nhsuk-u-margin-top-1 nhsuk-u-margin-bottom-0 '
            'app-board-update"><span class="nhsuk-u-secondary-text-colour">Latest update, '
            f'<time datetime="{at.isoformat()}">{dateformat.format(at, "j M")}</time>:</span> '
            f"{event_in_words(event)}{quote}</p>"
        )
    if row["sub_group_name"] is not None:
        about += (
            '<br><span class="nhsuk-body-s nhsuk-u-secondary-text-colour">'
            f"{escape(row['sub_group_name'])}</span>"
        )
    if row.get("undelivered"):
        about += '<br><strong class="nhsuk-tag nhsuk-tag--orange">Email not delivered</strong>'
    owner = escape(row["owner_name"])
    if row["organisation_name"] is not None:
        owner += (
            '<br><span class="nhsuk-body-s nhsuk-u-secondary-text-colour">'
            f"{escape(row['organisation_name'])}</span>"
        )
    agreed_at = "—"
    if row["session_id"]:
        agreed_at = f'<a href="{escape(row["session_url"])}">{escape(row["session_title"])}</a>'
    due = _due_in_words(status, row["due_on"], today)
    return (
        f"\n    <tr>\n      <td>{about}\n      </td>\n      <td>{owner}</td>"
        f"\n      <td>{due}</td>\n      <td>{agreed_at}</td>\n    </tr>"
    )
