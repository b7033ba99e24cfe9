"""What a person needs joins their subject access export and goes on erasure."""

import pytest

from partnerships.privacy.registry import area_ids_of, sections
from partnerships.privacy.retention import apply, every_rule
from partnerships.privacy.services import person_erase
from workshops.reach.models import Interpreter, SupportNeeds

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs(world):
    return SupportNeeds.objects.create(
        person=world.community_a.person,
        preferred_language="Polish",
        interpreter=Interpreter.SPOKEN,
        consent_method="verbal",
        recorded_in=world.area_a,
        recorded_by=world.facilitator_a.person,
    )


def test_support_needs_are_in_the_export_of_the_area_that_recorded_them(world, needs):
    person = world.community_a.person
    section = next(s for s in sections() if s.key == "support_needs")
    assert section.export(person, None)[0]["preferred_language"] == "Polish"
    assert section.export(person, frozenset({world.area_a.pk}))[0]["recorded_in"] == "Wandsworth"
    assert section.export(person, frozenset({world.area_b.pk})) == []
    assert world.area_a.pk in area_ids_of(person)


def test_erasure_deletes_support_needs(world, needs):
    person_erase(person=world.community_a.person, by=world.lead.person, reason="Asked us to")
    assert not SupportNeeds.objects.exists()


def test_retention_deletes_needs_not_confirmed_for_two_years(world, needs):
    rule = next(r for r in every_rule() if r.model is SupportNeeds)
    three_years_ago = needs.recorded_at.replace(year=needs.recorded_at.year - 3)
    SupportNeeds.objects.update(recorded_at=three_years_ago)
    apply(dry_run=False, rules=[rule])
    assert not SupportNeeds.objects.exists()
