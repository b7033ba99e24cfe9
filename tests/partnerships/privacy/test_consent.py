"""Consent per person and use: withdrawing hides their quotes everywhere at once."""

import subprocess

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from areas.models import Evidence
from partnerships.models import AuditAction, AuditEvent, ConsentDecision, ConsentRecord, ConsentUse
from tests.factories import EvidenceFactory, PersonFactory
from tests.partnerships.privacy.conftest import QUOTE, decide, withdraw
from tests.workshops.factories import AttendanceFactory, QuoteFactory, SessionFactory
from workshops.models import Insight

pytestmark = pytest.mark.django_db


def _session(speaker):
    return Insight.objects.get(speaker=speaker).session


def _url(session, name):
    return reverse(f"workshops:{name}", args=[session.area.slug, session.pk])


def _pdf_text(client, session) -> str:
    pdf = b"".join(client.get(_url(session, "session-notes-pdf")).streaming_content)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(text.stdout.decode().split())


def test_withdrawal_removes_the_quote_from_notes_page_and_pdf(client, world, speaker):
    session = _session(speaker)
    client.force_login(world.steering_a)
    assert QUOTE in client.get(_url(session, "session-notes")).content.decode()
    assert QUOTE in _pdf_text(client, session)

    withdraw(speaker, by=world.facilitator_a.person)

    assert QUOTE not in client.get(_url(session, "session-notes")).content.decode()
    assert QUOTE not in _pdf_text(client, session)
    assert QUOTE not in client.get(_url(session, "session-detail")).content.decode()


def test_the_area_team_still_sees_the_quote_marked_withdrawn(client, world, speaker):
    withdraw(speaker)
    client.force_login(world.facilitator_a)
    page = client.get(_url(_session(speaker), "session-detail")).content.decode()
    assert QUOTE in page
    assert "Consent withdrawn: area team only" in page


def test_agreeing_again_brings_the_quote_back(world, speaker):
    withdraw(speaker)
    assert not Insight.objects.shareable().filter(speaker=speaker).exists()
    decide(speaker, ConsentDecision.GIVEN)
    assert Insight.objects.shareable().filter(speaker=speaker).exists()


def test_a_withdrawal_for_another_use_leaves_session_notes_alone(world, speaker):
    withdraw(speaker, use=ConsentUse.PHOTOS)
    assert Insight.objects.shareable().filter(speaker=speaker).exists()
    assert Insight.objects.shareable(use=ConsentUse.PHOTOS).filter(speaker=speaker).count() == 0


def test_shareable_stays_one_query_however_many_speakers_withdraw(
    world, speaker, django_assert_num_queries
):
    session = _session(speaker)
    for number in range(5):
        person = PersonFactory()
        QuoteFactory(session=session, speaker=person)
        if number % 2:
            withdraw(person)
    with django_assert_num_queries(1):
        shown = list(Insight.objects.shareable().filter(session=session))
    assert len(shown) == 4  # the first speaker and the three of five who did not withdraw


def test_the_consent_page_records_a_decision_with_its_wording(client, world, speaker):
    client.force_login(world.facilitator_a)
    url = reverse("person-consent", args=[speaker.pk])
    response = client.post(
        url,
        {
            "use": ConsentUse.CASE_STUDIES,
            "decision": ConsentDecision.GIVEN,
            "method": "written",
            "wording": "You may use my words in case studies.",
        },
    )
    assert response.status_code == 302
    record = ConsentRecord.objects.get(person=speaker)
    assert record.wording == "You may use my words in case studies."
    assert record.recorded_by == world.facilitator_a.person
    event = AuditEvent.objects.get(action=AuditAction.CONSENT_RECORDED)
    assert event.target_id == str(speaker.pk)
    assert speaker.full_name not in event.target_label
    page = client.get(url).content.decode()
    assert "You may use my words in case studies." in page
    assert "no-store" in client.get(url)["Cache-Control"]


def test_a_decision_without_wording_is_refused_next_to_the_field(client, world, speaker):
    client.force_login(world.facilitator_a)
    response = client.post(
        reverse("person-consent", args=[speaker.pk]),
        {"use": ConsentUse.PHOTOS, "decision": ConsentDecision.GIVEN, "method": "online"},
    )
    assert response.status_code == 200
    assert "Enter the words they were shown or read out" in response.content.decode()
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize("persona", ["steering_a", "lco_a", "facilitator_b"])
def test_only_facilitators_and_leads_reach_the_consent_page(client, world, speaker, persona):
    client.force_login(getattr(world, persona))
    assert client.get(reverse("person-consent", args=[speaker.pk])).status_code == 404


def test_a_programme_lead_reaches_anyone(client, world, speaker):
    client.force_login(world.lead)
    assert client.get(reverse("person-consent", args=[speaker.pk])).status_code == 200


def test_consent_records_are_never_rewritten(world, speaker):
    record = withdraw(speaker)
    record.wording = "Something else"
    with pytest.raises(DatabaseError), transaction.atomic():
        record.save()


def test_withdrawal_takes_a_speakers_evidence_out_of_reports(client, world):
    speaker = world.steering_a.person
    evidence = EvidenceFactory(area=world.area_a, speaker=speaker, text="The hub changed my week.")
    overview = reverse("areas:outcomes:overview", args=[world.area_a.slug])
    client.force_login(world.steering_a)
    assert "The hub changed my week." in client.get(overview).content.decode()

    withdraw(speaker, use=ConsentUse.CASE_STUDIES)

    assert not Evidence.objects.consented().filter(pk=evidence.pk).exists()
    assert "The hub changed my week." not in client.get(overview).content.decode()
    client.force_login(world.facilitator_a)
    page = client.get(overview).content.decode()
    assert "The hub changed my week." in page
    assert "Consent withdrawn" in page


def test_a_facilitator_links_evidence_to_its_speaker(client, world):
    client.force_login(world.facilitator_a)
    response = client.post(
        reverse("areas:outcomes:evidence-new", args=[world.area_a.slug]),
        {
            "kind": "quote",
            "text": "Someone listened.",
            "attributed_to": "A steering member",
            "speaker": world.steering_a.person.pk,
            "collected_on_day": "5",
            "collected_on_month": "1",
            "collected_on_year": "2024",
            "consent": "none",
        },
    )
    assert response.status_code == 302
    assert Evidence.objects.get().speaker == world.steering_a.person


@pytest.mark.parametrize("decisions", [1, 12])
def test_the_consent_page_reads_in_a_fixed_number_of_queries(
    client, world, speaker, decisions, django_assert_max_num_queries
):
    for number in range(decisions):
        decide(speaker, ConsentDecision.GIVEN if number % 2 else ConsentDecision.WITHDRAWN)
    client.force_login(world.facilitator_a)
    with django_assert_max_num_queries(18):
        assert client.get(reverse("person-consent", args=[speaker.pk])).status_code == 200


def test_the_consent_page_offers_a_facilitator_what_their_areas_hold(client, world, speaker):
    client.force_login(world.facilitator_a)
    facilitator_page = client.get(reverse("person-consent", args=[speaker.pk])).content.decode()
    client.force_login(world.lead)
    lead_page = client.get(reverse("person-consent", args=[speaker.pk])).content.decode()

    assert "Download what Wandsworth holds about them (zip)" in facilitator_page
    assert "Download everything we hold" not in facilitator_page
    assert "Download everything we hold (zip)" in lead_page


def test_who_recorded_a_decision_elsewhere_is_not_named_to_a_facilitator(client, world, speaker):
    AttendanceFactory(session=SessionFactory(area=world.area_b), person=speaker)
    decide(speaker, ConsentDecision.GIVEN, by=world.facilitator_b.person)
    decide(speaker, ConsentDecision.GIVEN, by=world.facilitator_a.person)
    client.force_login(world.facilitator_a)

    page = client.get(reverse("person-consent", args=[speaker.pk])).content.decode()

    assert f"by {world.facilitator_a.person.full_name}" in page
    assert world.facilitator_b.person.full_name not in page
    assert "by someone outside your areas" in page
