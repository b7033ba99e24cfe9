"""Translation for the pages people open on their phones, and only for them.

The rest of the platform is in English and runs with ``USE_I18N = False``: with Django's
translation machinery on, every date, URL and form label of every page asks for the
active language (2–5% more time on the session page, my actions and the action board,
measured). These pages call the machinery directly instead (`trans_real`, which works
whatever ``USE_I18N`` says), for the language the phone asks for, while they render.

Strings are marked with functions of the names `makemessages` looks for (`gettext`,
`gettext_lazy`, `ngettext`) and, in templates, with ``{% translate %}`` from the
``live_i18n`` tag library; the catalogues are in ``workshops/live/locale/``
(``make messages`` updates them). A language is offered once its catalogue is listed in
``LIVE_LANGUAGES``; what people write is kept as written, in any language.
"""

from contextlib import contextmanager

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import get_language_info, trans_real

COOKIE = "live_language"


def gettext(message: str) -> str:
    return trans_real.gettext(message)


def ngettext(singular: str, plural: str, number: int) -> str:
    return trans_real.ngettext(singular, plural, number)


gettext_lazy = lazy(gettext, str)


def languages() -> list[tuple[str, str]]:
    """The languages with a catalogue, as (code, name in that language)."""
    return [(code, _info(code)["name_local"]) for code in _codes()]


def _info(code: str) -> dict:
    try:
        return get_language_info(code)
    except KeyError:
        # A language Django has no entry for: named by its code, written as the setting says.
        bidi = code.split("-")[0] in settings.LANGUAGES_BIDI
        return {"name_local": code, "bidi": bidi}


def _codes() -> list[str]:
    return [code.lower() for code in settings.LIVE_LANGUAGES]


def language_for(request) -> str:
    """The language to show: one chosen on the page, else the phone's own preference,
    else the first one listed."""
    offered = _codes()
    chosen = request.GET.get("lang") or request.COOKIES.get(COOKIE, "")
    if chosen.lower() in offered:
        return chosen.lower()
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _ in trans_real.parse_accept_lang_header(header):
        code = code.lower()
        for candidate in (code, code.split("-")[0]):
            if candidate in offered:
                return candidate
    return offered[0]


@contextmanager
def language(code: str):
    """Render in `code`: strings marked for translation come from its catalogue.

    Nothing else activates a language (the site's translation is off), so afterwards
    there is none again.
    """
    trans_real.activate(code)
    try:
        yield
    finally:
        trans_real.deactivate()


def page_language(code: str) -> dict:
    """What a page's <html> element needs: its language and its direction."""
    info = _info(code)
    return {"live_language": code, "live_direction": "rtl" if info["bidi"] else "ltr"}
