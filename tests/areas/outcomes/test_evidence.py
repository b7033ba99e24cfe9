from datetime import date

import pytest
from django.urls import reverse

from areas.models import Consent, Evidence
from tests.factories import CaoStatementFactory, EvidenceFactory

pytestmark = pytest.mark.django_db


def _form(**changes):
    data = {
        "kind": "quote",
        "text": "Nobody had told me what screening was for.",
        "attributed_to": "A mother at a coffee morning",
        "collected_on_day": "14",
        "collected_on_month": "5",
        "collected_on_year": "2024",
        "consent": "verbal",
        "consent_on_day": "14",
        "consent_on_month": "5",
        "consent_on_year": "2024",
    }
    return {**data, **changes}


@pytest.fixture
def two_quotes(world):
    statement = CaoStatementFactory(area=world.area_a)
    shared = EvidenceFactory(area=world.area_a, text="Words we may share")
    private = EvidenceFactory(
        area=world.area_a, text="Words not yet agreed", consent=Consent.NONE, consent_on=None
    )
    for item in (shared, private):
        item.statements.add(statement)
    return statement


def test_evidence_without_consent_is_only_for_facilitators(client, world, two_quotes):
    statement = two_quotes
    pages = [
        reverse("areas:outcomes:overview", args=[world.area_a.slug]),
        reverse("areas:outcomes:statement", args=[world.area_a.slug, statement.pk]),
    ]
    for user, sees_private in (
        (world.facilitator_a, True),
        (world.lead, True),
        (world.steering_a, False),
        (world.lco_a, False),
    ):
        client.force_login(user)
        for page in pages:
            body = client.get(page).content.decode()
            assert "Words we may share" in body
            assert ("Words not yet agreed" in body) is sees_private, (user, page)


def test_the_area_page_shows_only_consented_evidence_even_to_facilitators(
    client, world, two_quotes
):
    client.force_login(world.facilitator_a)
    body = client.get(world.area_a.get_absolute_url()).content.decode()
    assert "Words we may share" in body
    assert "Words not yet agreed" not in body


def test_facilitator_adds_a_quote_with_consent(client, world):
    statement = CaoStatementFactory(area=world.area_a)
    client.force_login(world.facilitator_a)

    response = client.post(
        reverse("areas:outcomes:evidence-new", args=[world.area_a.slug]),
        _form(statements=[statement.pk], is_anonymised="on"),
    )

    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.consent == Consent.VERBAL
    assert evidence.consent_on == date(2024, 5, 14)
    assert evidence.attribution == "A mother at a coffee morning (name changed)"
    assert list(evidence.statements.all()) == [statement]


def test_consent_needs_its_date_and_no_consent_drops_one(client, world):
    client.force_login(world.facilitator_a)
    url = reverse("areas:outcomes:evidence-new", args=[world.area_a.slug])

    missing = client.post(url, _form(consent_on_day="", consent_on_month="", consent_on_year=""))
    none = client.post(url, _form(consent="none"))

    assert missing.context["form"].errors["consent_on"] == ["Enter the date they gave consent."]
    assert none.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.consent_on is None


def test_consent_recorded_later_makes_the_quote_visible(client, world, two_quotes):
    private = Evidence.objects.get(consent=Consent.NONE)
    client.force_login(world.facilitator_a)

    response = client.post(
        reverse("areas:outcomes:evidence-edit", args=[world.area_a.slug, private.pk]),
        _form(text=private.text, consent="written"),
    )

    assert response.status_code == 302
    client.force_login(world.steering_a)
    body = client.get(reverse("areas:outcomes:overview", args=[world.area_a.slug])).content
    assert "Words not yet agreed" in body.decode()


def test_only_facilitators_add_or_change_evidence(client, world, two_quotes):
    item = Evidence.objects.first()
    for user in (world.steering_a, world.lco_a):
        client.force_login(user)
        for url in (
            reverse("areas:outcomes:evidence-new", args=[world.area_a.slug]),
            reverse("areas:outcomes:evidence-edit", args=[world.area_a.slug, item.pk]),
        ):
            assert client.get(url).status_code == 403
            assert client.post(url, _form()).status_code == 403
    assert Evidence.objects.count() == 2
