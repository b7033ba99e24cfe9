"""Each area's section of the statements-as-of page is cached under what it shows, so
every change to it is on the page at the next view, and an unchanged one is not redrawn."""

from datetime import date
from unittest import mock

import pytest
from django.urls import reverse

from areas.models import CaoStatus
from areas.outcomes import sections, services
from partnerships.models import ConsentDecision, ConsentMethod, ConsentUse
from partnerships.privacy.services import consent_record
from resources.reports.models import CohortFunding
from tests.factories import EvidenceFactory, IndicatorFactory, MeasurementFactory, PersonFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("areas:statements-as-of")


@pytest.fixture
def statement(world):
    return services.cao_statement_create(
        area=world.area_a,
        by=world.facilitator_a.person,
        title="Screening champions",
        challenge="Few people book after an invitation.",
        actions="Champions talk with neighbours.",
        outcome="More bookings.",
        status=CaoStatus.CURRENT,
        as_of=date(2024, 1, 1),
    )


def _page(client) -> str:
    """The page's main content (the rest holds a token that changes on every view)."""
    html = client.get(PAGE).content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_a_second_view_renders_no_section_again(client, world, statement):
    MeasurementFactory(indicator=IndicatorFactory(area=world.area_a))
    client.force_login(world.lead)
    first = _page(client)

    with mock.patch.object(sections, "render_to_string") as render:
        second = _page(client)

    render.assert_not_called()
    assert second == first
    assert "Champions talk with neighbours." in second


def test_a_new_revision_shows_at_once(client, world, statement):
    client.force_login(world.lead)
    _page(client)

    services.cao_statement_revise(
        statement=statement,
        version=1,
        by=world.facilitator_a.person,
        reason="Two estates now",
        **{**statement.content(), "actions": "Champions on two estates talk with neighbours."},
    )

    body = _page(client)
    assert "Champions on two estates talk with neighbours." in body
    assert "revision 2" in body


def test_a_renamed_author_shows_at_once(client, world, statement):
    client.force_login(world.lead)
    assert "by " + world.facilitator_a.person.full_name in _page(client)

    person = world.facilitator_a.person
    person.full_name = "Ada Okafor"
    person.save(update_fields=["full_name"])

    assert "by Ada Okafor" in _page(client)


def test_words_linked_and_consent_withdrawn_show_at_once(client, world, statement):
    client.force_login(world.lead)
    _page(client)
    speaker = PersonFactory()
    EvidenceFactory(
        area=world.area_a, text="The letter made sense", speaker=speaker
    ).statements.add(statement)

    assert "The letter made sense" in _page(client)

    consent_record(
        person=speaker,
        use=ConsentUse.CASE_STUDIES,
        decision=ConsentDecision.WITHDRAWN,
        method=ConsentMethod.VERBAL,
        wording="Take my words out.",
        by=world.facilitator_a.person,
    )

    assert "The letter made sense" not in _page(client)


def test_a_renamed_area_new_focus_and_renamed_cohort_show_at_once(client, world, statement):
    client.force_login(world.lead)
    _page(client)
    area = world.area_a
    area.name, area.focus = "Wandsworth & Merton <north>", "Bowel screening"
    area.save(update_fields=["name", "focus"])
    area.cohort.name = "Cohort seven"
    area.cohort.save(update_fields=["name"])

    body = _page(client)

    assert "Wandsworth &amp; Merton &lt;north&gt;</a></h2>" in body
    assert "Bowel screening" in body
    assert '<span class="nhsuk-caption-m">Cohort seven</span>' in body


def test_a_new_indicator_and_measurement_show_at_once(client, world, statement):
    client.force_login(world.lead)
    _page(client)
    indicator = IndicatorFactory(area=world.area_a, name="Letters rewritten")

    assert "Letters rewritten" in _page(client)

    MeasurementFactory(indicator=indicator, measured_on=date(2024, 2, 14))
    assert "14 Feb 2024" in _page(client)


def test_a_funder_never_gets_the_section_the_areas_people_read(client, world, statement):
    CohortFunding.objects.create(funder=world.funder.person, cohort=world.area_a.cohort)
    client.force_login(world.lead)
    lead_page = _page(client)
    assert world.facilitator_a.person.full_name in lead_page

    client.force_login(world.funder)
    funder_page = _page(client)

    assert "Champions talk with neighbours." in funder_page
    assert world.facilitator_a.person.full_name not in funder_page
    assert reverse("areas:outcomes:overview", args=[world.area_a.slug]) not in funder_page
