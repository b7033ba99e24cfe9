"""The library's list of results, written in Python: {% load library %}."""

from html import escape

from django import template
from django.utils.dates import MONTHS
from django.utils.safestring import mark_safe

from partnerships.links import url_for_each

register = template.Library()


@register.simple_tag
def library_items(resources, public):
    """{% library_items page_obj public %}: one list item for each resource of a page, with
    the `stage_labels` and `theme_names` that `selectors.attach_labels` gave it. Twenty
    items through the template engine, each including its line of facts, were half the
    search page's work."""
    url_for = url_for_each("library:detail")
    return mark_safe(
        "".join(_item(resource, url_for(resource.pk), public) for resource in resources)
    )


def _item(resource, url, public):
    facts = ""
    if resource.stage_labels or resource.theme_names:
        rows = ""
        if resource.stage_labels:
            rows += _fact("Helps with", "; ".join(resource.stage_labels))
        if resource.theme_names:
            rows += _fact("Themes", "; ".join(resource.theme_names))
        facts = f'\n    <dl class="app-resource-facts nhsuk-body-s">{rows}\n    </dl>'
    return (
        '\n  <li class="app-resource-list__item">'
        '\n    <h2 class="nhsuk-heading-s nhsuk-u-margin-bottom-1">'
        f'<a class="nhsuk-link" href="{escape(url)}">{escape(resource.title)}</a></h2>'
        f"{_meta(resource, public)}"
        f'\n    <p class="nhsuk-body-s nhsuk-u-margin-bottom-2">{escape(resource.summary)}</p>'
        f"{facts}\n  </li>"
    )


def _fact(term, value):
    return (
        '\n      <div class="app-resource-facts__row">'
        f"\n        <dt>{term}</dt>\n        <dd>{escape(value)}</dd>\n      </div>"
    )


def _meta(resource, public):
    """Its type, who published it and when, and who can see it (as resources/_meta.html)."""
    line = escape(resource.get_resource_type_display())
    if resource.file:
        kind = resource.file_kind
        line += f" ({escape(kind.extension.upper()) if kind else ''})"
    line += f"\n  · {escape(resource.publisher)}"
    if resource.published_on:
        line += f" · {MONTHS[resource.published_on.month]} {resource.published_on.year}"
    if not resource.is_public and not public:
        line += ' · <span class="app-resource-list__private">Signed-in partners only</span>'
    return (
        '\n    <p class="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-1">'
        f"\n  {line}\n</p>"
    )
