"""Cells of NHS.UK responsive tables carry their column's heading for phones, written once
by `{% nhsuk_cell %}`."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError


def _render(source, **context):
    return Template(source).render(Context(context))


def test_a_cell_writes_the_nhsuk_responsive_table_markup():
    html = _render('{% nhsuk_cell "Paid to" %}{{ payee }}{% end_nhsuk_cell %}', payee="Age UK")

    assert html == (
        '<td class="nhsuk-table__cell" role="cell"><span class="nhsuk-table-responsive__heading" '
        'aria-hidden="true">Paid to </span>Age UK</td>'
    )


def test_a_cell_adds_its_classes_and_escapes_its_heading_but_not_its_content():
    html = _render(
        '{% nhsuk_cell heading classes=extra %}<a href="/x">{{ name }}</a>{% end_nhsuk_cell %}',
        heading="<Cost> & time",
        extra="app-table__number nhsuk-table__cell--numeric",
        name="<b>Ada</b>",
    )

    assert html == (
        '<td class="nhsuk-table__cell app-table__number nhsuk-table__cell--numeric" '
        'role="cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">'
        '&lt;Cost&gt; &amp; time </span><a href="/x">&lt;b&gt;Ada&lt;/b&gt;</a></td>'
    )


@pytest.mark.parametrize(
    "source",
    [
        "{% nhsuk_cell %}x{% end_nhsuk_cell %}",
        '{% nhsuk_cell "A" "B" %}x{% end_nhsuk_cell %}',
        '{% nhsuk_cell "A" colour="red" %}x{% end_nhsuk_cell %}',
        '{% nhsuk_cell "A" %}x',
    ],
    ids=["no-heading", "two-headings", "unknown-option", "not-closed"],
)
def test_a_cell_written_wrongly_does_not_compile(source):
    with pytest.raises(TemplateSyntaxError):
        Template(source)


def test_every_responsive_table_heading_is_written_by_the_tag():
    templates = Path(settings.BASE_DIR) / "templates"
    by_hand = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if "nhsuk-table-responsive__heading" in path.read_text()
    ]

    assert by_hand == []
