"""The library's results are written in Python; they must say what the template that
wrote them before said, with every value escaped."""

import re
from datetime import date

import pytest
from django.template import Context, Template

from resources import selectors
from resources.models import Resource, Theme
from resources.templatetags.library import library_items
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

# The list item as the page's template wrote it, one resource at a time.
TEMPLATE_ITEM = Template(
    """{% for resource in resources %}
  <li class="app-resource-list__item">
    <h2 class="nhsuk-heading-s nhsuk-u-margin-bottom-1"><a class="nhsuk-link" href="{{ resource.get_absolute_url }}">{{ resource.title }}</a></h2>
    {% include "resources/_meta.html" %}
    <p class="nhsuk-body-s nhsuk-u-margin-bottom-2">{{ resource.summary }}</p>
    {% if resource.stage_labels or resource.theme_names %}
    <dl class="app-resource-facts nhsuk-body-s">
      {% if resource.stage_labels %}
      <div class="app-resource-facts__row">
        <dt>Helps with</dt>
        <dd>{{ resource.stage_labels|join:"; " }}</dd>
      </div>
      {% endif %}
      {% if resource.theme_names %}
      <div class="app-resource-facts__row">
        <dt>Themes</dt>
        <dd>{{ resource.theme_names|join:"; " }}</dd>
      </div>
      {% endif %}
    </dl>
    {% endif %}
  </li>
  {% endfor %}"""  # noqa: E501 (the template's own line)
)


def _lines(html) -> list[str]:
    return [line.strip() for line in str(html).splitlines() if line.strip()]


@pytest.fixture
def resources():
    ResourceFactory(
        title="Screening <b>& talking</b>",
        summary="Say “hello” <script>alert(1)</script>",
        publisher="NHS & partners <north>",
        published_on=date(2024, 3, 5),
    )
    ResourceFactory(with_file=True, is_public=True, published_on=None)
    ranked = ResourceFactory(title="Themes and stages")
    ranked.themes.add(Theme.objects.create(name="Trust & <safety>", slug="trust"))
    ranked.stage_links.get_or_create(stage="making_it_stick")
    shown = list(Resource.objects.order_by("pk"))
    selectors.attach_labels(shown)
    return shown


@pytest.mark.parametrize("public", [False, True])
def test_items_say_what_the_template_said(resources, public):
    expected = TEMPLATE_ITEM.render(Context({"resources": resources, "public": public}))

    assert _lines(library_items(resources, public)) == _lines(expected)


def test_every_value_is_escaped(resources):
    html = library_items(resources, False)

    assert "Screening &lt;b&gt;&amp; talking&lt;/b&gt;</a>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "NHS &amp; partners &lt;north&gt; · March 2024" in html
    assert "<dd>Trust &amp; &lt;safety&gt;</dd>" in html
    assert not re.search(r"<(b|script|north|safety)>", html)
