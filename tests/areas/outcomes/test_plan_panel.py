"""The area page's plan (statements in force, indicators, the latest quotes) is cached
as HTML: every change to what it shows, made behind a warm page, shows at the next view,
and what differs by viewer never comes out of the cache."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from areas.models import CaoStatus, Consent
from areas.outcomes import services
from partnerships.models import ConsentDecision, ConsentMethod, ConsentUse
from partnerships.privacy.services import consent_record
from tests.factories import (
    CaoStatementFactory,
    EvidenceFactory,
    IndicatorFactory,
    MeasurementFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def _plan(client, world) -> str:
    body = client.get(world.area_a.get_absolute_url()).content.decode()
    start = body.index('id="plan"')
    return body[start : body.index("<h2", start)]


def _revise(statement, world, **changes):
    services.cao_statement_revise(
        statement=statement,
        version=statement.version,
        by=world.facilitator_a.person,
        reason="Changed",
        **{**statement.content(), **changes},
    )


def test_a_warm_plan_shows_a_revised_statement_at_once(client, world):
    statement = CaoStatementFactory(area=world.area_a, outcome="Fewer missed appointments.")
    client.force_login(world.steering_a)
    assert "Fewer missed appointments." in _plan(client, world)
    _revise(statement, world, outcome="Twice as many booked screenings.")
    plan = _plan(client, world)
    assert "Twice as many booked screenings." in plan
    assert "Fewer missed appointments." not in plan


def test_a_warm_plan_drops_a_retired_statement(client, world):
    statement = CaoStatementFactory(area=world.area_a, title="Screening champions")
    client.force_login(world.steering_a)
    assert "Screening champions" in _plan(client, world)
    _revise(statement, world, status=CaoStatus.RETIRED)
    assert "Screening champions" not in _plan(client, world)


def test_a_warm_plan_shows_a_new_indicator_and_measurement(client, world):
    indicator = IndicatorFactory(area=world.area_a, name="Receptionists trained")
    MeasurementFactory(indicator=indicator, value=Decimal(12), measured_on=date(2023, 3, 1))
    client.force_login(world.steering_a)
    assert "12 receptionists" in _plan(client, world)
    services.measurement_add(
        indicator=indicator,
        by=world.facilitator_a.person,
        measured_on=date(2023, 4, 1),
        value=Decimal(19),
        source="Register",
    )
    assert "19 receptionists" in _plan(client, world)
    services.indicator_update(
        indicator=indicator,
        version=indicator.version,
        name="Receptionists who finished the course",
    )
    assert "Receptionists who finished the course" in _plan(client, world)
    IndicatorFactory(area=world.area_a, name="Screenings booked")
    assert "Screenings booked" in _plan(client, world)


def test_a_warm_plan_follows_corrections_to_a_quote_and_its_consent(client, world):
    quote = EvidenceFactory(area=world.area_a, text="Nobody told me what it was for.")
    client.force_login(world.steering_a)
    assert "Nobody told me what it was for." in _plan(client, world)
    services.evidence_save(
        area=world.area_a,
        by=world.facilitator_a.person,
        evidence=quote,
        text="Nobody had told me what screening was for.",
    )
    assert "Nobody had told me what screening was for." in _plan(client, world)
    services.evidence_save(
        area=world.area_a,
        by=world.facilitator_a.person,
        evidence=quote,
        consent=Consent.NONE,
        consent_on=None,
    )
    assert "Nobody had told me" not in _plan(client, world)


def test_a_warm_plan_drops_a_quote_once_its_speaker_withdraws_consent(client, world):
    speaker = PersonFactory()
    EvidenceFactory(area=world.area_a, text="Please stop quoting me", speaker=speaker)
    client.force_login(world.steering_a)
    assert "Please stop quoting me" in _plan(client, world)
    consent_record(
        person=speaker,
        use=ConsentUse.CASE_STUDIES,
        decision=ConsentDecision.WITHDRAWN,
        method=ConsentMethod.VERBAL,
        wording="Take my words out of the reports.",
        by=world.facilitator_a.person,
    )
    assert "Please stop quoting me" not in _plan(client, world)


def test_the_plan_link_follows_the_viewer_not_who_warmed_the_cache(client, world):
    CaoStatementFactory(area=world.area_a)
    overview = reverse("areas:outcomes:overview", args=[world.area_a.slug])
    client.force_login(world.facilitator_a)
    body = client.get(world.area_a.get_absolute_url()).content.decode()
    assert f'<a href="{overview}">See and change the plan' in body
    client.force_login(world.steering_a)
    body = client.get(world.area_a.get_absolute_url()).content.decode()
    assert f'<a href="{overview}">See the plan' in body
    assert "See and change the plan" not in body


def test_a_renamed_area_gets_its_plan_under_its_new_name(client, world):
    IndicatorFactory(area=world.area_a)
    client.force_login(world.steering_a)
    assert "Indicators of Wandsworth" in _plan(client, world)
    world.area_a.name = "Battersea"
    world.area_a.save(update_fields=["name"])
    assert "Indicators of Battersea" in _plan(client, world)


def test_each_area_reads_the_versions_of_its_own_plan(client, world):
    """The versions' SQL is built once for every area: each area's own rows key its plan."""
    first = CaoStatementFactory(area=world.area_a, outcome="Wandsworth outcome.")
    second = CaoStatementFactory(area=world.area_b, outcome="Somerset outcome.")
    client.force_login(world.facilitator_a)
    assert "Wandsworth outcome." in _plan(client, world)
    client.force_login(world.facilitator_b)
    other = world.area_b.get_absolute_url()
    assert "Somerset outcome." in client.get(other).content.decode()
    _revise(second, world, outcome="Somerset new outcome.")
    assert "Somerset new outcome." in client.get(other).content.decode()
    client.force_login(world.facilitator_a)
    _revise(first, world, outcome="Wandsworth new outcome.")
    assert "Wandsworth new outcome." in _plan(client, world)
