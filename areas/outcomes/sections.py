"""Each area's section of the statements-as-of page, rendered once for each state of what
it shows.

Rendering ten areas' statements, quotes and indicators through the template engine was
most of the page's work, while what stood on a past day does not change and today's
changes a few times a month. A section is cached as HTML under a digest of everything in
it: the area's name, address, focus and cohort, each revision shown (its text, status,
dates and author), the quotes and stories shown with it, and each indicator's name, kind
and picture (whose own key digests its measurements). All of that is read anyway to make
the key, so a new revision, a withdrawn consent, a renamed author or a new measurement
shows at the next view, and nothing has to remember to clear the cache. What a funder
reads (no links, no authors) is cached apart from what the areas' own people read, and
the templates are part of the digest, so a release that changes them never serves old
sections.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from areas.outcomes import figures

TEMPLATE = "areas/outcomes/_as_of_area.html"
# A state nobody looks at again (an old date, a replaced statement) ages out of the cache.
CACHE_SECONDS = 7 * 24 * 60 * 60

_TEMPLATES = settings.BASE_DIR / "templates" / "areas" / "outcomes"
_RENDERING = hashlib.sha256(
    b"".join(
        (_TEMPLATES / name).read_bytes()
        for name in ("_as_of_area.html", "_status_tag.html", "_statement_content.html")
    )
).hexdigest()[:16]


def area_sections(areas, *, for_funder: bool, up_to) -> dict[int, SafeString]:
    """_as_of_area.html for each of `areas` (from `selectors.with_statements_as_of`
    without series), by id: sections rendered before come out of the cache in one round
    trip; the others draw their indicators' pictures and go back in one."""
    keys = {area.pk: cache_key(area, for_funder=for_funder) for area in areas}
    cached = cache.get_many(list(keys.values())) if keys else {}
    missing = [area for area in areas if keys[area.pk] not in cached]
    indicators = [indicator for area in missing for indicator in area.indicators_then]
    pictures = figures.charts_with_figures(indicators, up_to=up_to)
    for indicator in indicators:
        indicator.figures = pictures[indicator.pk]
    rendered = {
        keys[area.pk]: str(render_to_string(TEMPLATE, {"area": area, "for_funder": for_funder}))
        for area in missing
    }
    if rendered:
        cache.set_many(rendered, CACHE_SECONDS)
    return {pk: mark_safe(cached.get(key) or rendered[key]) for pk, key in keys.items()}


def cache_key(area, *, for_funder: bool) -> str:
    shown = (
        for_funder,
        (area.pk, area.slug, area.name, area.focus, area.cohort.name),
        [_revision_shown(revision, for_funder=for_funder) for revision in area.statements_then],
        [
            (
                indicator.pk,
                indicator.name,
                indicator.get_kind_display(),
                figures.cache_key(indicator),
            )
            for indicator in area.indicators_then
        ],
    )
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:32]
    return f"outcomes:as-of-area:{_RENDERING}:{area.pk}:{digest}"


def _revision_shown(revision, *, for_funder: bool) -> tuple:
    author = revision.author.full_name if revision.author and not for_funder else None
    return (
        revision.pk,
        revision.number,
        revision.title,
        revision.get_status_display(),
        revision.status,
        revision.as_of,
        revision.created_at,
        author,
        revision.challenge,
        revision.actions,
        revision.outcome,
        [
            (item.pk, item.kind, item.text, item.attribution, item.collected_on)
            for item in revision.evidence_then
        ],
    )
