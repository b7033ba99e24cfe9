"""Ranking other areas' barriers and actions by how close their words are to ours.

On PostgreSQL the ranking is the database's full-text rank; elsewhere (the zero-setup
SQLite) it counts the meaningful words two texts share. Either way, items that share a
barrier type or theme come first.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

# Enough of the newest candidates for the word-overlap fallback to find good matches,
# few enough to rank in Python on every page view.
FALLBACK_POOL = 200
# Words beyond this add little to the ranking and slow the query down.
MAX_TERMS = 40

# Said in almost every sentence, so sharing them says nothing about two texts.
STOPWORDS = frozenset(
    """
    about after again against also and any are because been before being between both but
    can could did does doing down during each few for from further had has have having her
    here hers him his how into its itself just more most not now off once only other our
    out over own same she should some such than that the their them then there these they
    this those through too under until very was were what when where which while who whom
    why will with would you your get gets got people person lot lots really still
    """.split()  # noqa: SIM905 - a word list reads better as words
)


def significant_words(text: str) -> set[str]:
    """The lower-case words of `text` that say something: three letters or more, no stopwords."""
    return {word for word in re.findall(r"[a-z]{3,}", text.lower()) if word not in STOPWORDS}


def word_overlap(words: set[str], text: str) -> int:
    """How many of `words` appear in `text`: the fallback's measure of similarity."""
    return len(words & significant_words(text))


def rank_similar(candidates, *, field: str, text: str, limit: int) -> list:
    """The `limit` candidates most like `text`: those annotated `shared` first, then by words.

    Candidates that share nothing (no type or theme, no meaningful word) are left out.
    """
    words = sorted(significant_words(text))[:MAX_TERMS]
    if connection.vendor == "postgresql":
        return _ranked_in_database(candidates, words=words, limit=limit)
    return _ranked_by_overlap(candidates, field=field, words=set(words), limit=limit)


def _ranked_in_database(candidates, *, words, limit):
    if words:
        query = SearchQuery(" or ".join(words), search_type="websearch", config="english")
        candidates = candidates.annotate(
            rank=SearchRank(_stored_vector(candidates.model), query)
        ).filter(Q(shared=True) | Q(rank__gt=0))
        ordering = ["-shared", "-rank", "-pk"]
    else:
        candidates = candidates.filter(shared=True)
        ordering = ["-shared", "-pk"]
    return list(candidates.order_by(*ordering)[:limit])


def _stored_vector(model):
    """The vector of the model's words that PostgreSQL keeps beside them (a trigger
    updates it with every write; see workshops migration 0005), the same as
    to_tsvector('english', …) of the words without parsing them again."""
    return RawSQL(f'"{model._meta.db_table}"."search_vector"', [], output_field=SearchVectorField())


def _ranked_by_overlap(candidates, *, field, words, limit):
    scored = []
    for item in candidates.order_by("-shared", "-pk")[:FALLBACK_POOL]:
        overlap = word_overlap(words, getattr(item, field))
        if item.shared or overlap:
            scored.append((not item.shared, -overlap, -item.pk, item))
    scored.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in scored[:limit]]
