import subprocess
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from areas.models import CaoStatus, Consent
from areas.outcomes import selectors, services
from tests.factories import (
    AreaFactory,
    CaoStatementFactory,
    EvidenceFactory,
    IndicatorFactory,
    MeasurementFactory,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
PAGE = reverse("areas:statements-as-of")
PDF = reverse("areas:statements-as-of-pdf")


def _at(*args):
    return time_machine.travel(datetime(*args, tzinfo=LONDON), tick=False)


@pytest.fixture
def history(world):
    """A statement drafted in January, in force from February, rewritten in March,
    retired in April; each saved at 10:00 on the 1st, London time."""
    author = world.facilitator_a.person
    content = {
        "title": "Screening champions",
        "challenge": "Few people book after an invitation.",
        "actions": "Champions talk with neighbours.",
        "outcome": "More bookings.",
        "status": CaoStatus.DRAFT,
        "as_of": date(2024, 1, 1),
    }
    with _at(2024, 1, 1, 10):
        statement = services.cao_statement_create(area=world.area_a, by=author, **content)
    steps = [
        ((2024, 2, 1, 10), {"status": CaoStatus.CURRENT}),
        ((2024, 3, 1, 10), {"actions": "Champions on two estates talk with neighbours."}),
        ((2024, 4, 1, 10), {"status": CaoStatus.RETIRED}),
    ]
    for version, (when, changes) in enumerate(steps, start=1):
        content = {**content, **changes}
        with _at(*when):
            services.cao_statement_revise(
                statement=statement, version=version, by=author, reason="Moved on", **content
            )
    return statement


def _in_force(user, day):
    [area] = [a for a in selectors.statements_as_of(user, on=day) if a.slug == "wandsworth"]
    return [(revision.number, revision.actions) for revision in area.statements_then]


def test_as_of_shows_the_revision_in_force_at_the_end_of_that_day(world, history):
    lead = world.lead
    assert _in_force(lead, date(2024, 1, 20)) == [], "still a draft"
    assert _in_force(lead, date(2024, 1, 31)) == []
    assert _in_force(lead, date(2024, 2, 1)) == [(2, "Champions talk with neighbours.")]
    assert _in_force(lead, date(2024, 2, 29)) == [(2, "Champions talk with neighbours.")]
    assert _in_force(lead, date(2024, 3, 15)) == [
        (3, "Champions on two estates talk with neighbours.")
    ]
    assert _in_force(lead, date(2024, 4, 2)) == [], "retired"


def test_a_revision_saved_late_in_the_evening_counts_for_that_day(world):
    with _at(2024, 6, 30, 23, 30):
        CaoStatementFactory(area=world.area_a, title="Late")
    assert _in_force(world.lead, date(2024, 6, 30)) == [(1, CaoStatementFactory.actions)]
    assert _in_force(world.lead, date(2024, 6, 29)) == []


def test_each_person_sees_only_their_own_areas(client, world, history):
    with _at(2024, 2, 10, 12):
        CaoStatementFactory(area=world.area_b, title="Somerset discharge plan")
    on = {"on": "2024-03-15"}

    client.force_login(world.steering_a)
    body = client.get(PAGE, on).content.decode()
    assert "Champions on two estates" in body
    assert "Somerset discharge plan" not in body

    client.force_login(world.facilitator_b)
    body = client.get(PAGE, on).content.decode()
    assert "Somerset discharge plan" in body
    assert "Champions on two estates" not in body

    client.force_login(world.lead)
    body = client.get(PAGE, on).content.decode()
    assert "Somerset discharge plan" in body
    assert "Champions on two estates" in body

    client.force_login(world.funder)
    body = client.get(PAGE, on).content.decode()
    assert "Somerset" not in body
    assert "Champions" not in body


def test_the_page_defaults_to_today_and_says_so_when_a_date_is_wrong(client, world):
    CaoStatementFactory(area=world.area_a, title="In force today")
    client.force_login(world.facilitator_a)

    assert "In force today" in client.get(PAGE).content.decode()
    for wrong in ("31-02-2024", "2999-01-01"):
        response = client.get(PAGE, {"on": wrong})
        assert response.status_code == 200
        assert response.context["form"].errors["on"]
        assert "In force today" in response.content.decode()


def test_only_consented_evidence_added_by_then_appears(client, world, history):
    statement = history
    with _at(2024, 3, 2, 9):
        EvidenceFactory(area=world.area_a, text="Consented words").statements.add(statement)
        EvidenceFactory(
            area=world.area_a, text="Words without consent", consent=Consent.NONE, consent_on=None
        ).statements.add(statement)
    with _at(2024, 3, 20, 9):
        EvidenceFactory(area=world.area_a, text="Said later").statements.add(statement)
    client.force_login(world.facilitator_a)

    body = client.get(PAGE, {"on": "2024-03-15"}).content.decode()

    assert "Consented words" in body
    assert "Words without consent" not in body
    assert "Said later" not in body


def test_words_whose_speaker_has_since_withdrawn_consent_leave_the_view_of_the_past(
    client, world, history
):
    """Consent was given in March; withdrawn since, it takes the words out of the view of
    March too, on the page and in the PDF (where a quote may also be the cover's)."""
    from partnerships.models import ConsentDecision, ConsentMethod, ConsentUse
    from partnerships.privacy.services import consent_record
    from tests.factories import PersonFactory

    speaker = PersonFactory()
    with _at(2024, 3, 2, 9):
        EvidenceFactory(
            area=world.area_a, text="Please stop quoting me", speaker=speaker
        ).statements.add(history)
    consent_record(
        person=speaker,
        use=ConsentUse.CASE_STUDIES,
        decision=ConsentDecision.WITHDRAWN,
        method=ConsentMethod.VERBAL,
        wording="Take my words out of the reports.",
        by=world.facilitator_a.person,
    )
    client.force_login(world.steering_a)

    page = client.get(PAGE, {"on": "2024-03-15"}).content.decode()
    pdf = client.get(PDF, {"on": "2024-03-15", "area": world.area_a.slug}).content

    assert "Screening champions" in page
    assert "Please stop quoting me" not in page
    assert "Please stop quoting me" not in " ".join(_pdf_text(pdf).split())


def test_indicators_show_measurements_taken_by_then(client, world):
    with _at(2023, 1, 5, 9):
        indicator = IndicatorFactory(area=world.area_a, name="Receptionists trained")
    MeasurementFactory(indicator=indicator, measured_on=date(2023, 3, 1), value=Decimal(12))
    MeasurementFactory(indicator=indicator, measured_on=date(2023, 7, 27), value=Decimal(43))
    client.force_login(world.lead)

    [area] = [
        a
        for a in selectors.statements_as_of(world.lead, on=date(2023, 5, 1))
        if a.slug == "wandsworth"
    ]

    [shown] = area.indicators_then
    assert [m.value for m in shown.series] == [Decimal(12)]


def _pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_the_pdf_has_the_statements_and_no_unconsented_evidence(client, world, history):
    statement = history
    with _at(2024, 3, 2, 9):
        EvidenceFactory(
            area=world.area_a, text="Booked the same week", attributed_to="Amina"
        ).statements.add(statement)
        EvidenceFactory(
            area=world.area_a,
            text="Please keep this private",
            consent=Consent.NONE,
            consent_on=None,
        ).statements.add(statement)
        indicator = IndicatorFactory(area=world.area_a, name="Conversations held")
    MeasurementFactory(indicator=indicator, measured_on=date(2023, 3, 1), value=Decimal(12))
    client.force_login(world.facilitator_a)

    response = client.get(PDF, {"on": "2024-03-15", "area": "wandsworth"})

    assert response["Content-Type"] == "application/pdf"
    assert 'filename="cao-statements-wandsworth-2024-03-15.pdf"' in response["Content-Disposition"]
    text = " ".join(_pdf_text(response.content).split())
    assert "as of 15 March 2024" in text
    assert "Screening champions" in text
    assert "Champions on two estates talk with neighbours." in text
    assert "Booked the same week" in text
    assert "Please keep this private" not in text
    assert "Conversations held" in text
    assert "Baseline 0" in text, "the chart's labels are in the PDF"


def test_as_of_reads_in_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    def build(count):
        for index in range(count):
            area = AreaFactory()
            for _ in range(2):
                statement = CaoStatementFactory(area=area)
                for version in range(1, 4):
                    services.cao_statement_revise(
                        statement=statement,
                        version=version,
                        by=world.lead.person,
                        reason="Again",
                        **{**statement.content(), "title": f"Take {version} of {index}"},
                    )
                EvidenceFactory(area=area).statements.add(statement)
            MeasurementFactory.create_batch(3, indicator=IndicatorFactory(area=area))

    client.force_login(world.lead)
    build(2)
    with django_assert_max_num_queries(16) as few:
        assert client.get(PAGE).status_code == 200
    build(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(PAGE).status_code == 200


def test_the_programme_view_shows_ten_areas_a_page_and_the_pdf_all(client, world):
    AreaFactory.create_batch(22)
    client.force_login(world.lead)

    first = client.get(PAGE)
    second = client.get(PAGE, {"page": 3})

    def shown(response):
        return {area.pk for area in response.context["areas"] + response.context["quiet_areas"]}

    assert len(shown(first)) == 10
    assert len(shown(second)) == 4
    assert not shown(first) & shown(second)
    assert "Areas 1 to 10 of 24. The PDF holds them all." in first.content.decode()
    assert len(selectors.statements_as_of(world.lead, on=date.today())) == 24
