"""Distribution lists, contacts and written-up sessions for the cascade tests."""

import factory

from tests.workshops.factories import SessionFactory
from workshops.models import Contact, ContactBasis, ContactList, SessionStatus


class ContactListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactList

    name = factory.Sequence(lambda n: f"Local network {n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    contact_list = factory.SubFactory(ContactListFactory)
    email = factory.Sequence(lambda n: f"contact{n}@network.example.org")
    organisation = "Crewe Community Network"
    basis = ContactBasis.CONSENT


class WrittenUpSessionFactory(SessionFactory):
    status = SessionStatus.WRITTEN_UP
    summary = "The group talked about screening letters and how to make them clearer."
