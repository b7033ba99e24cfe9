"""Wide tables scroll inside their own region on a phone (WCAG 1.4.10 Reflow), so that
region must be named and reachable by keyboard."""

from html.parser import HTMLParser

from django.template import Context, Template


class _Regions(HTMLParser):
    def __init__(self):
        super().__init__()
        self.regions = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("role") == "region":
            self.regions.append(attrs)


def test_a_table_in_nhsuk_scroll_sits_in_a_labelled_focusable_region():
    html = Template(
        '{% nhsuk_scroll label|add:" actions" %}<table><tr><td>{{ cell }}</td></tr></table>'
        "{% end_nhsuk_scroll %}"
    ).render(Context({"label": "Overdue", "cell": "<b>Ada</b>"}))
    parser = _Regions()
    parser.feed(html)

    assert parser.regions == [
        {
            "class": "nhsuk-scroll__content",
            "role": "region",
            "aria-label": "Overdue actions",
            "tabindex": "0",
        }
    ]
    assert 'data-module="nhsuk-scroll"' in html
    assert "<td>&lt;b&gt;Ada&lt;/b&gt;</td>" in html
