"""Area A's private words must not reach anyone outside the people allowed to see them.

Every routed page (named for area A's objects), every page linked from those, every
search box fed the canaries, and every CSV and PDF (text and metadata) is read as each
role of area B, as a funder, and as area A's steering member.
"""

import pytest

from tests.security.canaries import HIDDEN_FROM_STEERING, PREFIX
from tests.security.discovery import crawl
from tests.security.documents import readable_text
from tests.security.figures import report

OUTSIDERS = ["facilitator_b", "steering_b", "lco_b", "funder"]


def _hits(crawled, tokens):
    return sorted(
        (page.url, kind)
        for page in crawled.pages
        if page.status == 200
        for kind, token in tokens.items()
        if token in readable_text(page)
    )


def _scan(client, planted, user, tokens):
    client.force_login(user)
    # Searches look for the tokens' common start: a search that matches part of a word
    # finds every token, while the search box echoing what was typed is not a hit.
    crawled = crawl(client, planted.urls, search_terms=[PREFIX])
    return crawled, _hits(crawled, tokens)


def _describe(crawled, hits):
    return (
        f"{len(crawled.pages)} URLs ({len(crawled.of_kind('is_csv'))} CSV, "
        f"{len(crawled.of_kind('is_pdf'))} PDF), hits {len(hits)}"
    )


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_never_see_area_a_private_data(client, planted, persona):
    crawled, hits = _scan(client, planted, getattr(planted, persona), planted.canaries)
    report(f"canary scan as {persona}", _describe(crawled, hits))
    assert not hits


def test_area_a_steering_member_sees_no_participant_details_payees_or_unconsented_words(
    client, planted
):
    hidden = {kind: planted.canaries[kind] for kind in HIDDEN_FROM_STEERING}
    crawled, hits = _scan(client, planted, planted.steering_a, hidden)
    report("canary scan as steering_a (restricted kinds)", _describe(crawled, hits))
    assert not hits


def test_the_canaries_are_there_to_be_found(client, planted):
    """Guards the scan: the programme lead reads every kind somewhere, so a clean scan of
    the others means the data was withheld, not that the crawl missed it."""
    _, hits = _scan(client, planted, planted.lead, planted.canaries)
    found = {kind for _, kind in hits}
    report("canary scan as lead (control)", f"{len(found)}/{len(planted.canaries)} kinds found")
    assert found == set(planted.canaries)
