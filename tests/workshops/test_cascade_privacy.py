"""A person's address on distribution lists is part of what they can see and have erased."""

import pytest

from partnerships.privacy import registry
from tests.factories import PersonFactory
from tests.workshops.cascade_factories import (
    ContactFactory,
    ContactListFactory,
    WrittenUpSessionFactory,
)
from workshops.cascades import sending, services
from workshops.models import CascadeRecipient, Contact, EmailUnsubscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact_person(world):
    person = PersonFactory(full_name="Nadia Haddad", email="Nadia@Example.org")
    network = ContactListFactory(area=world.area_a, name="VCSE network")
    ContactFactory(contact_list=network, email="nadia@example.org", basis_note="Asked at the fair")
    ContactFactory(contact_list=network, email="someone.else@example.org")
    session = WrittenUpSessionFactory(area=world.area_a)
    cascade = services.cascade_send(
        session=session,
        by=world.lco_a.person,
        subject="Notes",
        body="Thanks to Nadia Haddad for the venue.",
        lists=[network],
        version=None,
    )
    sending.send_batch(cascade_id=cascade.pk)
    return person


def section():
    return next(s for s in registry.sections() if s.key == "cascade_contacts")


def test_the_export_lists_the_lists_and_cascades_of_the_persons_address(world, contact_person):
    services.unsubscribe(email="nadia@example.org")

    records = section().export(contact_person)

    assert records[0]["list"] == "VCSE network"
    assert records[0]["note"] == "Asked at the fair"
    assert records[1]["cascade"] == "Notes"
    assert "unsubscribed_from_cascades" in records[2]
    assert "someone.else@example.org" not in str(records)
    assert registry.ids_in(section().area_ids(contact_person)) == {world.area_a.pk}


def test_erasure_takes_the_address_off_lists_and_keeps_the_counts(world, contact_person):
    services.unsubscribe(email="nadia@example.org")

    section().erase(contact_person, "Person 17")

    assert not Contact.objects.filter(email="nadia@example.org").exists()
    assert not CascadeRecipient.objects.filter(email="nadia@example.org").exists()
    assert CascadeRecipient.objects.count() == 2
    assert CascadeRecipient.objects.filter(status="sent").count() == 2
    cascade = CascadeRecipient.objects.first().cascade
    assert cascade.body == "Thanks to Person 17 for the venue."
    assert EmailUnsubscribe.objects.filter(email="nadia@example.org").exists()
