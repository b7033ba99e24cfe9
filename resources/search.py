"""Searching the library's titles and summaries, best match first.

PostgreSQL (production, CI) ranks with its full-text search over the stored, GIN-indexed
`search_vector`. SQLite, the zero-setup default, has no such thing, so it gets a stand-in
with the same behaviour for the person typing: every word must appear, words are matched
as they are typed (a prefix is enough), and a match in the title ranks above one only in
the summary.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

CONFIG = "english"
SEARCH_VECTOR = SearchVector("title", weight="A", config=CONFIG) + SearchVector(
    "summary", weight="B", config=CONFIG
)
# More words than this add nothing to a search of short texts, only cost.
MAX_WORDS = 8


def words(q: str) -> list[str]:
    """The words of a search, lower-cased, without punctuation or operators."""
    return re.findall(r"\w+", q.lower())[:MAX_WORDS]


def uses_postgres(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def update_search_vectors(queryset: QuerySet) -> None:
    """Recompute the stored search vector of each resource in `queryset` (PostgreSQL only)."""
    if uses_postgres(queryset):
        queryset.update(search_vector=SEARCH_VECTOR)


def search(queryset: QuerySet, q: str) -> QuerySet:
    """The resources matching every word of `q`, each with a `rank`, best first."""
    terms = words(q)
    if not terms:
        return queryset.none()
    if uses_postgres(queryset):
        return rank_by_full_text(queryset, terms)
    return rank_by_term_matches(queryset, terms)


def rank_by_full_text(queryset: QuerySet, terms: list[str]) -> QuerySet:
    # Each word as a quoted prefix ('word':*), so a half-typed last word already matches
    # and nothing typed can act as a tsquery operator; `words` leaves no quotes in them.
    query = SearchQuery(
        " & ".join(f"'{term}':*" for term in terms), search_type="raw", config=CONFIG
    )
    return (
        queryset.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", *queryset.model._meta.ordering)
    )


def rank_by_term_matches(queryset: QuerySet, terms: list[str]) -> QuerySet:
    """The stand-in for full-text search: 2 points a word in the title, 1 in the summary."""
    for term in terms:
        queryset = queryset.filter(Q(title__icontains=term) | Q(summary__icontains=term))
    rank = sum(
        (
            Case(
                When(title__icontains=term, then=Value(2)),
                When(summary__icontains=term, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for term in terms
        ),
        start=Value(0),
    )
    return queryset.annotate(rank=rank).order_by("-rank", *queryset.model._meta.ordering)
