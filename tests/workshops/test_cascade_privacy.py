"""A person's address on distribution lists is part of what they can see and have erased."""

import pytest
from django.urls import reverse

from partnerships.privacy import registry
from tests.factories import PersonFactory, SteeringMemberFactory
from tests.workshops.cascade_factories import (
    ContactFactory,
    ContactListFactory,
    WrittenUpSessionFactory,
)
from workshops.cascades import sending, services
from workshops.models import CascadeRecipient, Contact, ContactBasis, EmailUnsubscribe

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

    records = section().export(contact_person, None)

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


def test_an_address_on_a_list_does_not_open_the_persons_record_to_the_lists_area(client, world):
    """Anyone can type an address onto a list: it shows nothing about who holds it."""
    elsewhere = PersonFactory(full_name="Nadia Elsewhere", email="nadia@example.org")
    SteeringMemberFactory(area=world.area_b, person=elsewhere)
    network = ContactListFactory(area=world.area_a, name="VCSE network")
    client.force_login(world.lco_a)
    client.post(
        reverse("workshops:contact-list", args=[world.area_a.slug, network.pk]),
        {"email": "Nadia@Example.org", "basis": ContactBasis.CONSENT},
    )
    assert Contact.objects.filter(contact_list=network, email="nadia@example.org").exists()

    client.force_login(world.facilitator_a)
    for name in ("person-consent", "person-export", "person-erase"):
        assert client.get(reverse(name, args=[elsewhere.pk])).status_code == 404
