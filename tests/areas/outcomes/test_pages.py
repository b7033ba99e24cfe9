"""Every page of an area's plan reads in a fixed number of queries, whatever it holds."""

import pytest
from django.urls import reverse

from areas.models import Consent
from areas.outcomes import services
from tests.factories import (
    CaoStatementFactory,
    EvidenceFactory,
    IndicatorFactory,
    MeasurementFactory,
)

pytestmark = pytest.mark.django_db


def _grow(world, statement, *, revisions, indicators):
    """Add revisions to `statement`, and indicators (with measurements) and evidence to it."""
    for version in range(statement.version, statement.version + revisions):
        services.cao_statement_revise(
            statement=statement,
            version=version,
            by=world.facilitator_a.person,
            reason=f"Change {version}",
            **{**statement.content(), "actions": f"Actions, take {version + 1}."},
        )
    statement.refresh_from_db()
    for _ in range(indicators):
        indicator = IndicatorFactory(area=world.area_a)
        indicator.statements.add(statement)
        MeasurementFactory.create_batch(4, indicator=indicator)
        EvidenceFactory(area=world.area_a).statements.add(statement)
        EvidenceFactory(area=world.area_a, consent=Consent.NONE, consent_on=None).statements.add(
            statement
        )
    return statement


def _pages(world, statement):
    area = world.area_a.slug
    indicator = statement.indicators.first()
    return {
        "area": world.area_a.get_absolute_url(),
        "overview": reverse("areas:outcomes:overview", args=[area]),
        "statement": reverse("areas:outcomes:statement", args=[area, statement.pk]),
        "edit": reverse("areas:outcomes:statement-edit", args=[area, statement.pk]),
        "compare": reverse("areas:outcomes:statement-compare", args=[area, statement.pk])
        + "?old=1&new=2",
        "revision": reverse("areas:outcomes:revision", args=[area, statement.pk, 1]),
        "indicator": reverse("areas:outcomes:indicator", args=[area, indicator.pk]),
    }


# The most queries each page may run; the same with 50 revisions and 20 indicators.
LIMITS = {
    # The area page also shows its sessions (two queries), its actions (one), similar
    # work elsewhere (three, and two to find it in the cache) and the resources the
    # library recommends (two).
    "area": 33,
    "overview": 15,
    # The statement page also lists the changes proposed to it and waiting (one).
    "statement": 17,
    "edit": 11,
    "compare": 11,
    "revision": 12,
    "indicator": 13,
}


@pytest.mark.parametrize("page", LIMITS)
def test_pages_run_a_bounded_number_of_queries(client, world, page, django_assert_max_num_queries):
    statement = _grow(world, CaoStatementFactory(area=world.area_a), revisions=2, indicators=1)
    url = _pages(world, statement)[page]
    client.force_login(world.facilitator_a)
    with django_assert_max_num_queries(LIMITS[page]) as small:
        assert client.get(url).status_code == 200

    _grow(world, statement, revisions=48, indicators=19)
    assert statement.revisions.count() == 51
    assert statement.indicators.count() == 20
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_the_area_page_shows_the_plan_sparklines_and_quotes(client, world):
    statement = CaoStatementFactory(area=world.area_a, title="Letters people can read")
    indicator = IndicatorFactory(area=world.area_a, name="Champions trained")
    indicator.statements.add(statement)
    MeasurementFactory(indicator=indicator)
    EvidenceFactory(area=world.area_a, text="I booked the same week.")
    client.force_login(world.lco_a)

    body = client.get(world.area_a.get_absolute_url()).content.decode()

    assert "Letters people can read" in body
    assert "Champions trained" in body
    assert 'class="app-sparkline"' in body
    assert "I booked the same week." in body
    assert "See the plan, indicators and evidence" in body
