"""``{% translate %}`` for the live room's phone pages, in the language the phone asked for.

Django's own ``i18n`` library translates nothing while ``USE_I18N`` is off, as it is for
the rest of the site; this one reads the catalogues through `workshops.live.i18n`. Its
tag has the name and syntax `makemessages` extracts: ``{% translate "Words" %}`` or
``{% translate "Words" as name %}``. Sentences holding values are put together in Python
with `gettext` and a ``%(name)s`` placeholder, so translators can order their words.
"""

from django import template
from django.template.base import Node
from django.utils.html import conditional_escape
from django.utils.text import unescape_string_literal

from workshops.live.i18n import gettext

register = template.Library()


class TranslateNode(Node):
    def __init__(self, message: str, asvar: str | None):
        self.message = message
        self.asvar = asvar

    def render(self, context):
        translated = gettext(self.message)
        if self.asvar:
            context[self.asvar] = translated
            return ""
        return conditional_escape(translated) if context.autoescape else translated


@register.tag("translate")
def translate(parser, token):
    bits = token.split_contents()
    usage = f'Use {{% {bits[0]} "words" %}} or {{% {bits[0]} "words" as name %}}'
    if len(bits) not in (2, 4) or (len(bits) == 4 and bits[2] != "as"):
        raise template.TemplateSyntaxError(usage)
    try:
        message = unescape_string_literal(bits[1])
    except ValueError:
        raise template.TemplateSyntaxError(usage) from None
    return TranslateNode(message, bits[3] if len(bits) == 4 else None)
