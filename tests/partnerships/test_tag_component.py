from django.template import Context, Template

from partnerships.templatetags.nhsuk import nhsuk_tag


def _included(text, colour):
    return Template('{% include "components/tag.html" with text=text colour=colour %}').render(
        Context({"text": text, "colour": colour})
    )


def test_a_tag_is_written_as_its_component_template_writes_it():
    for text, colour in [
        ("Consent withdrawn: area team only", "red"),
        ("Written <consent>", "green"),
        ("Access & transport", "grey"),
        ("Done", "success"),
        ("Plain", ""),
        ("Unknown colour", "tartan"),
    ]:
        assert nhsuk_tag(text, colour) == _included(text, colour).strip()
