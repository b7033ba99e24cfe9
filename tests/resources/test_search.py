"""Search ranks title matches first, on PostgreSQL and with the stand-in used on SQLite."""

import pytest

from resources.models import Resource
from resources.search import rank_by_term_matches, search, update_search_vectors, words
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    return {
        "summary": ResourceFactory(
            title="Notes from a partnership day",
            summary="How the group began measuring impact with a few process measures.",
        ),
        "title": ResourceFactory(
            title="Measuring impact",
            summary="Advice on showing change before the outcomes arrive.",
        ),
        "other": ResourceFactory(
            title="Talking points for cross-sector partnerships",
            summary="Prompts for a steering group's first conversations.",
        ),
    }


def _titles(queryset):
    return [resource.title for resource in queryset]


def test_words_drop_punctuation_and_search_operators():
    assert words("  Trust & power | (!collaboration) 'x':* ") == [
        "trust",
        "power",
        "collaboration",
        "x",
    ]


def test_full_text_search_ranks_a_title_match_above_a_summary_match(library):
    assert _titles(search(Resource.objects.all(), "measuring impact")) == [
        "Measuring impact",
        "Notes from a partnership day",
    ]


def test_full_text_search_matches_half_typed_words_and_other_word_forms(library):
    assert _titles(search(Resource.objects.all(), "measu")) == [
        "Measuring impact",
        "Notes from a partnership day",
    ]
    # "partnerships" and "partnership" share a stem.
    assert set(_titles(search(Resource.objects.all(), "partnerships"))) == {
        "Notes from a partnership day",
        "Talking points for cross-sector partnerships",
    }


def test_full_text_search_needs_every_word(library):
    assert _titles(search(Resource.objects.all(), "impact conversations")) == []


def test_a_search_of_only_punctuation_matches_nothing(library):
    assert _titles(search(Resource.objects.all(), "&&& !!")) == []


def test_the_search_vector_follows_the_text_it_is_built_from(library):
    resource = library["other"]
    Resource.objects.filter(pk=resource.pk).update(title="Conversation starters")
    assert _titles(search(Resource.objects.all(), "starters")) == []
    update_search_vectors(Resource.objects.filter(pk=resource.pk))
    assert _titles(search(Resource.objects.all(), "starters")) == ["Conversation starters"]


def test_the_stand_in_ranks_title_matches_first_and_needs_every_word(library):
    ranked = rank_by_term_matches(Resource.objects.all(), ["measuring", "impact"])
    assert [(resource.title, resource.rank) for resource in ranked] == [
        ("Measuring impact", 4),
        ("Notes from a partnership day", 2),
    ]
    assert _titles(rank_by_term_matches(Resource.objects.all(), ["impact", "steering"])) == []


def test_the_stand_in_matches_half_typed_words_in_any_case(library):
    assert _titles(rank_by_term_matches(Resource.objects.all(), ["measu"])) == [
        "Measuring impact",
        "Notes from a partnership day",
    ]
    assert _titles(rank_by_term_matches(Resource.objects.all(), ["talking"])) == [
        "Talking points for cross-sector partnerships"
    ]
