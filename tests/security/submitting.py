"""Finding the POST forms area A's team is offered, filling them in, and posting them
without keeping what they change."""

import datetime as dt
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.db import transaction

from tests.security.discovery import Crawl, fetch, parse_page, post_forms

# The roles that write in an area: the facilitator (who is offered every form a steering
# member is) and the LCO (claims, payments).
WRITERS = ("facilitator_a", "lco_a")
# Downloads hold no forms; skipping those routed by name saves rendering them.
_DOWNLOADS = (".pdf", ".csv", ".ics")


def forms_offered(client, world, personas=WRITERS):
    """[(persona, form)] for each POST form on area A's routed pages, once each."""
    found, seen = [], set()
    for persona in personas:
        client.force_login(getattr(world, persona))
        crawled = Crawl()
        for url in world.urls:
            if urlsplit(url).path.endswith(_DOWNLOADS):
                continue
            page = fetch(client, url)
            if page.status == 200 and page.is_html:
                crawled.forms.extend(parse_page(url, page.body.decode())[1])
        for form in post_forms(crawled):
            key = (urlsplit(form.action).path, frozenset(form.names))
            if key not in seen:
                seen.add(key)
                found.append((persona, form))
    return found


_NUMBERS = ("amount", "allocat", "value", "count", "baseline", "target")
_BOXES = {"text", "textarea", "email", "url", "number", "date", "time", "search", "tel"}


def _typed(name: str, kind: str) -> str:
    """A plausible value for an empty box, from its name and input type."""
    today = dt.date.today()
    lowered = name.lower()
    parts = {"_day": today.day, "_month": today.month, "_year": today.year}
    for suffix, value in parts.items():
        if lowered.endswith(suffix):
            return str(value)
    if kind == "email" or "email" in lowered:
        return "new.person@example.org"
    if kind == "url" or "url" in lowered or "link" in lowered:
        return "https://example.org/page"
    if kind == "number" or any(word in lowered for word in _NUMBERS):
        return "5"
    if kind == "date" or lowered.endswith(("_on", "date")):
        return today.isoformat()
    if kind == "time":
        return "10:00"
    if "phone" in lowered:
        return "01632 960000"
    return "Written by the security checks"


def filled(form) -> dict:
    """The form as someone would send it: its values, empty boxes filled, the first real
    option chosen and the first box of each unticked group ticked."""
    data = form.default_data()
    for name, kind, _value, options in form.fields:
        if kind in {"checkbox", "radio"} and name not in data and options:
            data[name] = [options[0]]
        elif kind == "select" and not data.get(name):
            data[name] = next((option for option in options if option), "")
        elif kind in _BOXES and not data.get(name):
            data[name] = _typed(name, kind)
    return data


@contextmanager
def rolled_back():
    """Whatever happens inside is undone, so each post starts from the same data."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
