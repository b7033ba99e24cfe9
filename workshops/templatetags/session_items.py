"""The session page's rows of actions and things heard, written in Python.

A busy day has dozens of each, and each row through the template engine (a partial with
its filters, tags and links) cost more than reading it. The markup is the partials' own;
every value from the database goes through `escape`, as in `{% board_rows %}`.
"""

from html import escape

from django import template
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from partnerships.links import url_for_each
from workshops.models import Consent, InsightKind
from workshops.templatetags.workshops import action_status_tag

register = template.Library()

SECONDARY = '<span class="nhsuk-body-s nhsuk-u-secondary-text-colour">'


def _tag(text, colour) -> str:
    """The NHS.UK tag component (`{% nhsuk_tag %}`'s markup)."""
    return f'<strong class="nhsuk-tag nhsuk-tag--{colour}">{escape(text)}</strong>'


def _label(text) -> str:
    """A row's words as its links' hidden labels name it (the `truncatewords:8` filter)."""
    return escape(Truncator(text).words(8, truncate=" …"))


@register.simple_tag
def action_rows(actions, can_edit):
    """{% action_rows actions can_edit %}: the actions table's rows, one for each action
    (with its `page_url`, and `edit_url` and `delete_url` for those who may change it)."""
    return mark_safe("".join(_action_row(action, can_edit) for action in actions))


def _action_row(action, can_edit) -> str:
    about = f'<a href="{escape(action.page_url)}">{escape(action.description)}</a>'
    if action.sub_group:
        about += f"<br>{SECONDARY}{escape(action.sub_group.name)}</span>"
    owner = escape(action.owner.full_name)
    if action.owner.organisation:
        owner += f"<br>{SECONDARY}{escape(action.owner.organisation.name)}</span>"
    due = date_format(action.due_on, "j M Y") if action.due_on else "No date"
    change = ""
    if can_edit:
        label = _label(action.description)
        edit, delete = escape(action.edit_url), escape(action.delete_url)
        change = (
            '\n  <td><div class="app-item__actions">'
            f'\n    <a href="{edit}" data-hx-get="{edit}" data-hx-target="#action-{action.pk}"'
            ' data-hx-swap="outerHTML">Edit<span class="nhsuk-u-visually-hidden"> action:'
            f" {label}</span></a>"
            f'\n    <form method="get" action="{delete}" data-hx-post="{delete}"'
            ' data-hx-target="#actions" data-hx-swap="outerHTML"'
            ' data-hx-confirm="Delete this action?">'
            '\n      <button class="app-link-button" type="submit">Delete'
            f'<span class="nhsuk-u-visually-hidden"> action: {label}</span></button>'
            "\n    </form>\n  </div></td>"
        )
    return (
        f'\n<tr id="action-{action.pk}" class="app-item">\n  <td>{about}</td>'
        f"\n  <td>{owner}</td>\n  <td>{due}</td>\n  <td>{action_status_tag(action)}</td>"
        f"{change}\n</tr>"
    )


@register.simple_tag
def insight_items(section, can_edit, is_area_team):
    """{% insight_items section can_edit is_area_team %}: one list's items (with their
    `edit_url` and `delete_url` for those who may change them). The area team sees who
    said each quote; those who run the area, a link to their consent."""
    consent_url = url_for_each("person-consent") if can_edit and is_area_team else None
    return mark_safe(
        "".join(
            _insight_item(insight, section, can_edit, is_area_team, consent_url)
            for insight in section.items
        )
    )


def _insight_item(insight, section, can_edit, is_area_team, consent_url) -> str:
    if insight.kind == InsightKind.QUOTE:
        body = (
            f'\n  <blockquote class="app-item__quote">“{escape(insight.text)}”</blockquote>'
            f'\n  <p class="app-item__meta">\n    {_said_by(insight, is_area_team, consent_url)}'
            f"\n    {_consent(insight)}\n  </p>"
        )
    else:
        body = f'\n  <p class="app-item__text">{escape(insight.text)}</p>'
        if insight.barrier_type:
            tag = _tag(insight.barrier_type.name, "grey")
            body += f'\n  <p class="app-item__meta">{tag}</p>'
    if insight.room_sent_at:
        table = f", table {escape(str(insight.room_table))}" if insight.room_table else ""
        sent = time_format(timezone.localtime(insight.room_sent_at), "H:i")
        body += f'\n  <p class="app-item__meta app-provenance">From the room{table}, {sent}</p>'
    if can_edit:
        what = escape(insight.get_kind_display().lower())
        label = _label(insight.text)
        edit, delete = escape(insight.edit_url), escape(insight.delete_url)
        body += (
            '\n  <div class="app-item__actions">'
            f'\n    <a href="{edit}" data-hx-get="{edit}" data-hx-target="#insight-{insight.pk}"'
            ' data-hx-swap="outerHTML">Edit<span class="nhsuk-u-visually-hidden">'
            f" {what}: {label}</span></a>"
            f'\n    <form method="get" action="{delete}" data-hx-post="{delete}"'
            f' data-hx-target="#{section.anchor}" data-hx-swap="outerHTML"'
            f' data-hx-confirm="Delete this {what}?">'
            '\n      <button class="app-link-button" type="submit">Delete'
            f'<span class="nhsuk-u-visually-hidden"> {what}: {label}</span></button>'
            "\n    </form>\n  </div>"
        )
    return f'\n<li id="insight-{insight.pk}" class="app-item">{body}\n</li>'


def _said_by(insight, is_area_team, consent_url) -> str:
    said = escape(insight.attribution or "Speaker not named")
    if is_area_team and insight.speaker:
        speaker = escape(insight.speaker.full_name)
        if consent_url:
            speaker = (
                f'<a href="{consent_url(insight.speaker_id)}">{speaker}'
                '<span class="nhsuk-u-visually-hidden">: consent and personal data</span></a>'
            )
        said += f' <span class="nhsuk-u-secondary-text-colour">(said by {speaker})</span>'
    return said


def _consent(insight) -> str:
    if insight.speaker_consent == "withdrawn":
        return _tag("Consent withdrawn: area team only", "red")
    if insight.consent == Consent.NONE:
        return _tag("No consent: area team only", "red")
    given = _tag(insight.get_consent_display(), "green")
    if insight.consent_on:
        on = date_format(insight.consent_on, "j M Y")
        given += f' <span class="nhsuk-u-secondary-text-colour">{on}</span>'
    return given
