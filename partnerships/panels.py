"""Panels apps add to a page: the area page's plan, sessions, actions, reach, similar
work and recommended resources; the session page's similar work.

An app registers its `Panel`s from its `panels.py` (imported in its AppConfig.ready), as
it registers its personal data with `partnerships.privacy.registry`. A page's view asks
`render_panels` for the panels of its page: each builds its context with its own
selector and renders its own template, so the view makes (and a test can count) every
query of the page while the lower apps never import the higher ones.

A panel that declares `versions` is cached as HTML. Its versions are SQL expressions
on the page's subject row (the area, through `OuterRef("pk")`) that change whenever
anything the panel shows changes (a fingerprint of the rows it reads, say). Every
panel's versions are read together in one query and the fragments in one cache round
trip, so a warm page builds and renders nothing for those panels, and nothing has to
remember to clear the cache: changed data makes a new key. The query is compiled once
per process: building its expressions through the ORM cost several times what
PostgreSQL takes to answer it. What differs between viewers (whether they may manage the
area, whether they see the whole library) is part of the key through `varies_by`. It
pays only where the versions cost less than the panel's own queries: a panel of a few
rows on an index is cheaper to read than to fingerprint.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from functools import cache as once
from typing import Any

from django.contrib.postgres.aggregates import StringAgg
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Aggregate,
    CharField,
    Count,
    Expression,
    Func,
    IntegerField,
    Model,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.http import HttpRequest
from django.template.loader import get_template, render_to_string
from django.template.loader_tags import IncludeNode
from django.utils.safestring import SafeString, mark_safe

from partnerships.databases import is_postgresql

# A fragment nobody asks for again (its data changed) ages out of the cache.
CACHE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class PanelRequest:
    """What a panel is given: the request, the page's subject (an area, a session) and
    what the page's view already worked out (`can_manage`)."""

    request: HttpRequest
    subject: Model
    page: Mapping[str, Any]


@dataclass(frozen=True)
class Panel:
    """One panel of a page.

    - `page` and `slot`: where it goes (the page's template renders each slot's panels);
      `order` sorts the panels of a slot;
    - `context(panel_request)` is the panel's selector: everything its template needs;
    - `versions()`, if given, returns SQL expressions on the subject's row (the same
      for every subject) that change whenever what the panel shows does; the panel is
      then cached;
    - `varies_by(panel_request)`: what else the cached HTML depends on (the viewer's
      role class, the subject's own fields);
    - `seconds`: how long a fragment is kept, shorter for a panel that also shows what
      its versions do not cover (other areas' work) and may lag by that long.
    """

    page: str
    name: str
    slot: str
    order: int
    template: str
    context: Callable[[PanelRequest], dict]
    versions: Callable[[], dict[str, Expression]] | None = None
    varies_by: Callable[[PanelRequest], Hashable] = field(default=lambda panel_request: ())
    seconds: int = CACHE_SECONDS


_panels: dict[tuple[str, str], Panel] = {}


def register(panel: Panel) -> None:
    _panels[panel.page, panel.name] = panel


def panels_of(page: str) -> list[Panel]:
    return sorted(
        (panel for panel in _panels.values() if panel.page == page),
        key=lambda panel: (panel.slot, panel.order, panel.name),
    )


def render_panels(
    page: str, request: HttpRequest, subject: Model, shared: Mapping[str, Any]
) -> dict[str, list[SafeString]]:
    """The page's panels as HTML, by slot, in order. Cached panels cost one query for all
    their versions and one cache read for all their fragments."""
    panel_request = PanelRequest(request=request, subject=subject, page=shared)
    panels = panels_of(page)
    keys = _cache_keys(panels, panel_request)
    cached = cache.get_many(list(keys.values())) if keys else {}
    fresh = defaultdict(dict)
    by_slot = defaultdict(list)
    for panel in panels:
        key = keys.get(panel.name)
        html = cached.get(key) if key else None
        if html is None:
            html = render_to_string(panel.template, panel.context(panel_request), request)
            if key:
                fresh[panel.seconds][key] = str(html)
        by_slot[panel.slot].append(mark_safe(html))
    for seconds, fragments in fresh.items():
        cache.set_many(fragments, seconds)
    return dict(by_slot)


def _cache_keys(panels: list[Panel], panel_request: PanelRequest) -> dict[str, str]:
    cached_panels = tuple(panel for panel in panels if panel.versions)
    if not cached_panels or not is_postgresql():
        # One statement of every version overflows SQLite's parser: there, panels are drawn.
        return {}
    subject = panel_request.subject
    sql, params, names = _versions_query(cached_panels, type(subject))
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, subject.pk))
        versions = dict(zip(names, cursor.fetchone(), strict=True))
    keys = {}
    for index, panel in enumerate(cached_panels):
        shown = (
            sorted(
                (name, value) for name, value in versions.items() if name.startswith(f"p{index}_")
            ),
            panel.varies_by(panel_request),
        )
        digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:32]
        keys[panel.name] = (
            f"panel:{panel.page}:{panel.name}:{_rendering(panel.template)}:{subject.pk}:{digest}"
        )
    return keys


@once
def _versions_query(panels: tuple[Panel, ...], model: type[Model]) -> tuple[str, tuple, list]:
    """The SQL that reads every one of `panels`' versions off one row of `model` (its
    primary key the last parameter), its other parameters and the versions' names."""
    expressions = {
        f"p{index}_{name}": expression
        for index, panel in enumerate(panels)
        for name, expression in panel.versions().items()
    }
    sql, params = model._base_manager.order_by().values(**expressions).query.sql_with_params()
    quote = connection.ops.quote_name
    row = f"{quote(model._meta.db_table)}.{quote(model._meta.pk.column)}"
    return f"{sql} WHERE {row} = %s", params, list(expressions)


@once
def _rendering(template_name: str) -> str:
    """A digest of the panel's template and every template it includes by name, so a
    release that changes any of them never serves old HTML. (Code its template tags run
    is not read: a change there alone shows once the cached fragments age out.)"""
    digest = hashlib.sha256()
    for source in _sources(template_name, seen=set()):
        digest.update(source.encode())
    return digest.hexdigest()[:12]


def _sources(template_name: str, *, seen: set) -> list[str]:
    """The template's source, then those of the templates it includes, depth first."""
    if template_name in seen:
        return []
    seen.add(template_name)
    template = get_template(template_name).template
    sources = [template.source]
    for node in template.nodelist.get_nodes_by_type(IncludeNode):
        if isinstance(node.template.var, str):  # a name written in the template
            sources += _sources(node.template.var, seen=seen)
    return sources


def fingerprint(queryset: QuerySet, by: str, *fields: str) -> Subquery:
    """A digest of `fields` of every row of `queryset`, for a version: it changes when a
    row is added, removed or any of those fields changes. `queryset` is filtered on an
    `OuterRef` to the subject and `by` names the field it is filtered on (the rows are
    grouped by it to aggregate them in a subquery)."""
    parts = []
    for name in ("pk", *fields):
        parts += [Cast(name, output_field=CharField()), Value(",")]
    row = Concat(*parts, output_field=CharField())
    if is_postgresql():
        digest = Func(StringAgg(row, ";", order_by="pk"), function="md5", output_field=CharField())
    else:
        # SQLite has neither md5 nor ordered aggregates: the rows as it reads them, which
        # the cache key digests. A change of order can only miss the cache, never hit it.
        digest = Aggregate(row, Value(";"), function="GROUP_CONCAT", output_field=CharField())
    return Subquery(
        queryset.order_by().values(by).annotate(digest=digest).values("digest"),
        output_field=CharField(),
    )


def tally(queryset: QuerySet, by: str) -> Subquery:
    """How many rows `queryset` holds, for a version that is itself the figure a panel
    shows, or that moves with the clock (rows whose time has come, compared with the
    database's `Now()`). `queryset` and `by` as for `fingerprint`; no rows reads NULL."""
    return Subquery(
        queryset.order_by().values(by).annotate(rows=Count("pk")).values("rows"),
        output_field=IntegerField(),
    )
