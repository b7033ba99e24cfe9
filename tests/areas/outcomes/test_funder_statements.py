"""Funders read the statements of the areas they fund, as of any date, as in their reports."""

import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from areas.models import CaoStatus, Consent
from areas.outcomes import services
from partnerships.models import ConsentDecision, ConsentMethod, ConsentUse
from partnerships.privacy.services import consent_record
from resources.reports.models import CohortFunding
from tests.factories import CaoStatementFactory, EvidenceFactory, PersonFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("areas:statements-as-of")
PDF = reverse("areas:statements-as-of-pdf")
REPORTS = reverse("resources:reports")
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def funded(world):
    """The funder funds area A's cohort. Each area has a statement in force since 2024,
    A's with a consented quote, one without consent and one whose speaker withdrew."""
    CohortFunding.objects.create(funder=world.funder.person, cohort=world.area_a.cohort)
    with time_machine.travel(datetime(2024, 2, 1, 10, tzinfo=LONDON), tick=False):
        statement = services.cao_statement_create(
            area=world.area_a,
            by=world.facilitator_a.person,
            title="Screening champions",
            challenge="Few people book after an invitation.",
            actions="Champions talk with neighbours.",
            outcome="More bookings.",
            status=CaoStatus.CURRENT,
            as_of=date(2024, 2, 1),
        )
        CaoStatementFactory(area=world.area_b, title="Somerset discharge plan")
        EvidenceFactory(
            area=world.area_a, text="Booked the same week", attributed_to="Amina"
        ).statements.add(statement)
        EvidenceFactory(
            area=world.area_a, text="Words without consent", consent=Consent.NONE, consent_on=None
        ).statements.add(statement)
        speaker = PersonFactory()
        EvidenceFactory(
            area=world.area_a, text="Please stop quoting me", speaker=speaker
        ).statements.add(statement)
    consent_record(
        person=speaker,
        use=ConsentUse.CASE_STUDIES,
        decision=ConsentDecision.WITHDRAWN,
        method=ConsentMethod.VERBAL,
        wording="Take my words out of the reports.",
        by=world.facilitator_a.person,
    )
    return world.funder


def _pdf_text(response) -> str:
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def test_a_funder_reads_the_statements_of_the_areas_they_fund(client, world, funded):
    client.force_login(funded)

    response = client.get(PAGE, {"on": "2024-03-15"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "You are not part of any area yet" not in body
    assert "The areas you fund" in body
    assert "leave it empty for all the areas you fund" in body
    assert "Screening champions" in body
    assert "Booked the same week" in body
    assert "Somerset discharge plan" not in body


def test_what_a_funder_reads_follows_the_rules_of_their_reports(client, world, funded):
    """Words without consent or whose speaker withdrew it are left out; the areas' own
    pages (not the funder's) are not linked, and who wrote each revision is not named."""
    client.force_login(funded)

    body = client.get(PAGE, {"on": "2024-03-15"}).content.decode()
    pdf = _pdf_text(client.get(PDF, {"on": "2024-03-15"}))

    for text in (body, pdf):
        assert "Words without consent" not in text
        assert "Please stop quoting me" not in text
        assert world.facilitator_a.person.full_name not in text
    assert reverse("areas:outcomes:overview", args=[world.area_a.slug]) not in body
    assert "Screening champions" in pdf
    assert "Booked the same week" in pdf
    assert "Somerset discharge plan" not in pdf
    assert "The areas you fund" in pdf


def test_a_funder_asking_for_an_area_they_do_not_fund_gets_none_of_it(client, world, funded):
    client.force_login(funded)

    page = client.get(PAGE, {"on": "2024-03-15", "area": world.area_b.slug})
    pdf = client.get(PDF, {"on": "2024-03-15", "area": world.area_b.slug})

    assert page.context["form"].errors["q"] == [
        "We could not find that area among yours. Search for it by name."
    ]
    assert "Somerset discharge plan" not in page.content.decode()
    assert "Somerset discharge plan" not in _pdf_text(pdf)
    client.force_login(world.funder)
    assert (
        client.get(reverse("areas:outcomes:overview", args=[world.area_a.slug])).status_code == 404
    )


def test_a_funder_of_nothing_reads_no_statements(client, world):
    CaoStatementFactory(area=world.area_a, title="Screening champions")
    client.force_login(world.funder)
    body = client.get(PAGE).content.decode()
    assert "Screening champions" not in body
    assert "No cohort you fund has areas yet" in body


def test_the_reports_page_offers_the_statements_as_a_pdf_and_as_of_any_date(client, world, funded):
    client.force_login(funded)

    body = client.get(REPORTS).content.decode()

    assert f'href="{PAGE}"' in body
    [pdf_url] = [part.split('"')[0] for part in body.split('href="')[1:] if part.startswith(PDF)]
    response = client.get(pdf_url.replace("&amp;", "&"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Screening champions" in _pdf_text(response)


def test_the_programme_dashboard_points_a_funder_to_their_reports_and_statements(
    client, world, funded
):
    client.force_login(funded)

    body = client.get(reverse("areas:list")).content.decode()

    assert "You are not part of any area yet" not in body
    assert f'href="{REPORTS}"' in body
    assert f'href="{PAGE}"' in body
