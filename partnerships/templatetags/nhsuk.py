"""Helpers that render Django form fields as NHS.UK frontend (v10) components.

Registered as a template builtin, so every template can use them without ``{% load %}``.
The field template (components/forms/field.html) does the markup; these filters decide
which component a widget is and render inputs with the right classes and ARIA.
"""

import copy
import uuid

from django import forms, template
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.utils import flatatt
from django.template.base import token_kwargs
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Native pickers for the temporal widgets, and the value format each input type needs.
NATIVE_TEMPORAL_INPUTS = [
    (forms.DateTimeInput, "datetime-local", "%Y-%m-%dT%H:%M"),
    (forms.DateInput, "date", "%Y-%m-%d"),
    (forms.TimeInput, "time", "%H:%M"),
]

INPUT_CLASSES = {
    "input": ("nhsuk-input", "nhsuk-input--error"),
    "password": (
        "nhsuk-input nhsuk-password-input__input nhsuk-js-password-input-input",
        "nhsuk-input--error",
    ),
    "textarea": ("nhsuk-textarea", "nhsuk-textarea--error"),
    "select": ("nhsuk-select", "nhsuk-select--error"),
    "file": ("nhsuk-file-upload__input", ""),
    "checkbox": ("nhsuk-checkboxes__input", ""),
    "multi": ("nhsuk-input", "nhsuk-input--error"),
}


@register.filter
def nhsuk_kind(field) -> str:
    """Which NHS.UK component renders this BoundField.

    One of: hidden, checkboxes, radios, checkbox, date (NHSDateInput), multi (any other
    MultiWidget), textarea, select, file, password (NHSPasswordInput only), input.
    """
    from partnerships.forms import NHSDateInput, NHSPasswordInput

    widget = field.field.widget
    if widget.is_hidden:
        return "hidden"
    # CheckboxSelectMultiple subclasses RadioSelect, so it must be tested first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, NHSDateInput):
        return "date"
    if isinstance(widget, forms.MultiWidget):
        return "multi"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, NHSPasswordInput):
        return "password"
    return "input"


@register.filter
def nhsuk_uses_fieldset(field) -> bool:
    return nhsuk_kind(field) in {"checkboxes", "radios", "date", "multi"}


@register.filter
def nhsuk_hint_id(field) -> str:
    return f"{field.auto_id}-hint" if field.auto_id else ""


@register.filter
def nhsuk_error_id(field) -> str:
    return f"{field.auto_id}-error" if field.auto_id else ""


@register.filter
def nhsuk_describedby(field) -> str:
    """The ids of the field's hint and error message, for aria-describedby."""
    if not field.auto_id:
        return ""
    ids = []
    if field.help_text:
        ids.append(nhsuk_hint_id(field))
    if field.errors:
        ids.append(nhsuk_error_id(field))
    return " ".join(ids)


@register.filter
def nhsuk_widget(field):
    """Render a BoundField's widget with NHS.UK classes and aria-describedby.

    For radios and checkbox groups use ``nhsuk_choices`` instead: their markup is
    built in the field template.
    """
    kind = nhsuk_kind(field)
    widget = field.field.widget
    attrs = {}
    if kind in INPUT_CLASSES:
        base, error = INPUT_CLASSES[kind]
        classes = [base, widget.attrs.get("class", "")]
        if field.errors:
            classes.append(error)
        attrs["class"] = " ".join(c for c in classes if c)
    if not nhsuk_uses_fieldset(field):
        describedby = " ".join(
            filter(None, [widget.attrs.get("aria-describedby"), nhsuk_describedby(field)])
        )
        if describedby:
            attrs["aria-describedby"] = describedby
    if kind == "multi" and field.auto_id:
        # A generic MultiWidget's inputs have no labels of their own: name them by the legend.
        attrs["aria-labelledby"] = f"{field.auto_id}-legend"
    if isinstance(widget, forms.PasswordInput):
        attrs.setdefault("spellcheck", "false")
        attrs.setdefault("autocapitalize", "none")
    if isinstance(widget, forms.EmailInput):
        attrs.setdefault("spellcheck", "false")

    render_widget = None
    if isinstance(widget, forms.ClearableFileInput):
        # The current file and its "remove" checkbox are NHS.UK markup in field.html.
        render_widget = forms.FileInput(attrs=widget.attrs)
    for widget_class, input_type, value_format in NATIVE_TEMPORAL_INPUTS:
        if isinstance(widget, widget_class) and widget.input_type == "text":
            render_widget = copy.copy(widget)
            render_widget.input_type = input_type
            render_widget.format = value_format
            break

    html = field.as_widget(widget=render_widget, attrs=attrs)
    if field.field.show_hidden_initial:
        html += field.as_hidden(only_initial=True)
    return html


@register.filter
def nhsuk_current_file(field) -> dict | None:
    """The file a ClearableFileInput already holds, for field.html to show, or None.

    A dict with ``url``, ``name`` and, when the field is optional, ``clear_name`` and
    ``clear_id`` for the checkbox that removes it.
    """
    widget = field.field.widget
    if not isinstance(widget, forms.ClearableFileInput):
        return None
    value = field.value()
    if not widget.is_initial(value):
        return None
    current = {"url": value.url, "name": str(value)}
    if not field.field.required and not field.field.disabled:
        current["clear_name"] = widget.clear_checkbox_name(field.html_name)
        current["clear_id"] = widget.clear_checkbox_id(current["clear_name"])
    return current


@register.filter
def nhsuk_choices(field) -> list[dict]:
    """The options of a RadioSelect or CheckboxSelectMultiple, as NHS.UK inputs.

    Each item is a dict with ``id``, ``label`` and ``input`` (the rendered <input>).
    """
    kind = nhsuk_kind(field)
    input_class = "nhsuk-radios__input" if kind == "radios" else "nhsuk-checkboxes__input"
    blank_label = BLANK_CHOICE_DASH[0][1]
    items = []
    for subwidget in field.subwidgets:
        data = subwidget.data
        # A model field's "---------" blank choice makes no sense as a radio: leaving
        # every radio unselected already says "no answer".
        if data["value"] in ("", None) and data["label"] == blank_label:
            continue
        attrs = {
            "class": input_class,
            "type": data["type"],
            "name": data["name"],
            "value": "" if data["value"] is None else data["value"],
        }
        attrs.update(data["attrs"])
        items.append(
            {
                "id": attrs.get("id", ""),
                "label": data["label"],
                "input": format_html("<input{}>", flatatt(attrs)),
            }
        )
    return items


@register.filter
def nhsuk_error_anchor(field) -> str:
    """The id of the element an error summary link should focus for this field."""
    kind = nhsuk_kind(field)
    if kind in {"radios", "checkboxes"}:
        choices = nhsuk_choices(field)
        if choices and choices[0]["id"]:
            return choices[0]["id"]
    if kind in {"date", "multi"} and field.auto_id:
        # MultiWidget numbers its inputs' ids: id_when_0, id_when_1...
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id or field.html_name


@register.filter
def nhsuk_error_items(form) -> list[dict]:
    """Every error of a form, in page order, as ``{"text", "href"}`` for the error summary.

    Non-field errors (and errors on hidden fields, which nobody can fix by editing the
    page) have no link.
    """
    if form is None or not form.errors:
        return []
    items = [{"text": error, "href": ""} for error in form.non_field_errors()]
    for field in form:
        href = "" if field.is_hidden else f"#{nhsuk_error_anchor(field)}"
        items.extend({"text": error, "href": href} for error in field.errors)
    return items


@register.simple_tag
def nhsuk_unique_id(prefix="id"):
    """A fresh id, for markup that needs one but has no natural id (e.g. banner titles)."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@register.filter
def nhsuk_tag_colour(value) -> str:
    """Map a status word onto an NHS.UK tag colour modifier class (empty for none)."""
    colours = {
        "success": "green",
        "complete": "green",
        "completed": "green",
        "active": "green",
        "warning": "yellow",
        "pending": "yellow",
        "error": "red",
        "danger": "red",
        "info": "blue",
        "primary": "blue",
        "secondary": "grey",
        "inactive": "grey",
    }
    colour = colours.get(str(value).lower(), str(value).lower())
    known = {"white", "grey", "green", "aqua-green", "blue", "purple", "pink", "red"}
    known |= {"orange", "yellow"}
    return f"nhsuk-tag--{colour}" if colour in known else ""


@register.simple_tag
def nhsuk_tag(text, colour=""):
    """{% nhsuk_tag text colour %}: components/tag.html written in Python, for lists that
    show a tag on each of dozens of rows (an include per row costs more than the row)."""
    modifier = nhsuk_tag_colour(colour) if colour else ""
    return format_html(
        '<strong class="nhsuk-tag{}">{}</strong>', f" {modifier}" if modifier else "", text
    )


@register.filter
def nhsuk_button_classes(tags) -> str:
    """NHS.UK button classes for a list of style words (allauth's element "tags").

    danger/delete/warning: warning button; secondary/outline/link: secondary button;
    anything else: primary. minor/tool/small: small button.
    """
    tags = set(tags or [])
    classes = ["nhsuk-button"]
    if tags & {"danger", "delete", "warning"}:
        classes.append("nhsuk-button--warning")
    elif tags & {"secondary", "outline", "link"}:
        classes.append("nhsuk-button--secondary")
    if tags & {"minor", "tool", "small"}:
        classes.append("nhsuk-button--small")
    return " ".join(classes)


@register.simple_tag
def nhsuk_icon(name):
    """An inline NHS.UK icon SVG (decorative, hidden from assistive technology)."""
    return format_html(
        '<svg class="nhsuk-icon nhsuk-icon--{}" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">'
        "{}</svg>",
        name,
        mark_safe(ICON_PATHS.get(name, "")),
    )


ICON_PATHS = {
    "user": (
        '<path d="M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 '
        "1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 "
        '12 6Z"/>'
    ),
    "arrow-left": (
        '<path d="M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 '
        '1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z"/>'
    ),
    "arrow-right": (
        '<path d="m14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 '
        '1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z"/>'
    ),
}


@register.filter
def nhsuk_page_numbers(page_obj) -> list:
    """The page numbers to link to around the current page, with ``None`` for a gap.

    A long list would otherwise link to every one of its pages (and build each link).
    """
    paginator = page_obj.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    ]


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(*labels_and_urls):
    """NHS.UK breadcrumbs from label, url pairs: {% breadcrumbs "Areas" areas_url %}."""
    pairs = zip(labels_and_urls[::2], labels_and_urls[1::2], strict=True)
    return {"items": [{"label": label, "url": url} for label, url in pairs]}


@register.simple_tag
def select_options(widget) -> str:
    """{% select_options widget %}: a select widget's <option>s and <optgroup>s, written in
    Python with the markup of Django's select_option.html: through the template engine a
    picker of a hundred people cost about 2 ms, and pages have several."""
    parts = []
    for group_name, group_choices, _ in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in group_choices:
            parts.append(
                format_html(
                    '\n  <option value="{}"{}>{}</option>',
                    str(option["value"]),
                    _option_attrs(option["attrs"]),
                    option["label"],
                )
            )
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))


def _option_attrs(attrs) -> str:
    """An option's attributes as Django's attrs.html writes them (True: the name alone)."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class ScrollNode(template.Node):
    def __init__(self, label, nodelist):
        self.label = label
        self.nodelist = nodelist

    def render(self, context):
        return render_to_string(
            "components/scroll.html",
            {"label": self.label.resolve(context), "content": self.nodelist.render(context)},
        )


@register.tag
def nhsuk_scroll(parser, token):
    """`{% nhsuk_scroll "Label" %}<table>…</table>{% end_nhsuk_scroll %}`: a table wider than
    a phone scrolls inside its own labelled region (NHS.UK frontend's scroll component),
    so the page itself never scrolls sideways (WCAG 1.4.10 Reflow)."""
    try:
        _, label = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("nhsuk_scroll takes one argument: its label") from None
    nodelist = parser.parse(("end_nhsuk_scroll",))
    parser.delete_first_token()
    return ScrollNode(parser.compile_filter(label), nodelist)


class CellNode(template.Node):
    def __init__(self, heading, classes, nodelist):
        self.heading = heading
        self.classes = classes
        self.nodelist = nodelist

    def render(self, context):
        extra = self.classes.resolve(context) if self.classes else ""
        return format_html(
            '<td class="{}" role="cell"><span class="nhsuk-table-responsive__heading" '
            'aria-hidden="true">{} </span>{}</td>',
            f"nhsuk-table__cell {extra}".strip(),
            self.heading.resolve(context),
            self.nodelist.render(context),
        )


@register.tag
def nhsuk_cell(parser, token):
    """`{% nhsuk_cell "Heading" classes="app-nowrap" %}…{% end_nhsuk_cell %}`: a cell of an
    NHS.UK responsive table (`<table class="nhsuk-table-responsive" role="table">`), with
    its column's heading, which shows beside the value when a phone stacks the cells, and
    is hidden from screen readers, which announce the column header."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("nhsuk_cell takes its column heading first")
    options = token_kwargs(bits[2:], parser)
    if len(options) != len(bits) - 2 or set(options) - {"classes"}:
        raise template.TemplateSyntaxError('nhsuk_cell takes a heading and classes="…" only')
    nodelist = parser.parse(("end_nhsuk_cell",))
    parser.delete_first_token()
    return CellNode(parser.compile_filter(bits[1]), options.get("classes"), nodelist)
