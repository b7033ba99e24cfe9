"""An indicator's chart and table of figures, rendered once for each state of its data.

Drawing a chart and formatting its dates cost about 3 ms an indicator, and the programme
view shows dozens on a page, while an indicator's figures change a few times a month.
The rendered HTML is cached under a digest of everything it shows: the indicator's own
fields and each measurement's date, value and source (digested by PostgreSQL, so a page
whose pictures are all cached reads no measurements). A new measurement, a corrected
baseline or a renamed indicator changes the digest, so the next view draws afresh;
nothing has to remember to clear the cache. The templates and the drawing code are part
of the digest too, so a release that changes how charts look never serves old pictures.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from areas.outcomes import charts, selectors

TEMPLATE = "areas/outcomes/_chart.html"
# A state nobody looks at again (an old date, a replaced figure) ages out of the cache.
CACHE_SECONDS = 7 * 24 * 60 * 60

_TEMPLATES = settings.BASE_DIR / "templates" / "areas" / "outcomes"
_RENDERING = hashlib.sha256(
    b"".join(
        path.read_bytes()
        for path in (
            _TEMPLATES / "_chart.html",
            _TEMPLATES / "_figures_table.html",
            Path(charts.__file__),
        )
    )
).hexdigest()[:16]

_INDICATOR_FIELDS = (
    "pk",
    "name",
    "kind",
    "unit",
    "unit_label",
    "direction",
    "baseline_value",
    "baseline_on",
    "target_value",
    "target_on",
)


def charts_with_figures(indicators, *, up_to) -> dict[int, SafeString]:
    """_chart.html for each of `indicators` (each with its `figures_digest` of the
    measurements taken by `up_to`), by id: every picture drawn before comes out of the
    cache in one round trip, and only those not drawn yet read their measurements (in
    one query) and go back in one."""
    keys = {indicator.pk: cache_key(indicator) for indicator in indicators}
    cached = cache.get_many(list(keys.values())) if keys else {}
    missing = [indicator for indicator in indicators if keys[indicator.pk] not in cached]
    selectors.with_series(missing, up_to=up_to)
    drawn = {
        keys[indicator.pk]: str(
            render_to_string(TEMPLATE, {"indicator": indicator, "measurements": indicator.series})
        )
        for indicator in missing
    }
    if drawn:
        cache.set_many(drawn, CACHE_SECONDS)
    return {pk: mark_safe(cached.get(key) or drawn[key]) for pk, key in keys.items()}


def cache_key(indicator) -> str:
    """The key of the indicator's picture: its shown fields and the digest of its
    measurements (`figures_digest`, from `selectors.with_statements_as_of`)."""
    shown = ([getattr(indicator, field) for field in _INDICATOR_FIELDS], indicator.figures_digest)
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:32]
    return f"outcomes:figures:{_RENDERING}:{indicator.pk}:{digest}"
