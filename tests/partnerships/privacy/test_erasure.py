"""Erasure: the name goes everywhere, counts stay, and the log says it happened."""

import pytest
from django.urls import reverse

from areas.models import Evidence
from partnerships.models import AuditAction, AuditEvent, ConsentDecision, Person
from partnerships.privacy import services
from tests.factories import AreaFactory, EvidenceFactory, MembershipFactory, PersonFactory
from tests.partnerships.privacy.conftest import QUOTE, decide
from tests.workshops.cascade_factories import ContactFactory, ContactListFactory
from tests.workshops.factories import ActionFactory, AttendanceFactory, SessionFactory
from workshops import notes
from workshops.models import Attendance, Insight
from workshops.privacy import REMOVED_QUOTE

pytestmark = pytest.mark.django_db


def test_erasing_pseudonymises_the_person_and_keeps_counts(client, world, speaker):
    session = speaker.attendances.get().session
    ActionFactory(session=session, description="Amina Okafor will ask the practice manager")
    session.summary = "Amina Okafor opened the day."
    session.save(update_fields=["summary"])
    decide(speaker, ConsentDecision.GIVEN)
    attendance_before = Attendance.objects.filter(session=session).count()
    lived_before = notes.session_notes(session).lived_experience

    client.force_login(world.facilitator_a)
    response = client.post(reverse("person-erase", args=[speaker.pk]), {"confirm": "on"})
    assert response.status_code == 302

    speaker.refresh_from_db()
    assert speaker.full_name.startswith("Participant ")
    assert (speaker.email, speaker.phone, speaker.job_title) == ("", "", "")
    assert speaker.erased_at is not None
    assert Attendance.objects.filter(session=session).count() == attendance_before
    assert notes.session_notes(session).lived_experience == lived_before
    quote = Insight.objects.get(speaker=speaker)
    assert quote.text == REMOVED_QUOTE
    assert not Insight.objects.shareable().filter(pk=quote.pk).exists()
    session.refresh_from_db()
    assert "Amina" not in session.summary
    assert session.actions.get().description.startswith(speaker.full_name)
    client.force_login(world.steering_a)
    notes_page = client.get(
        reverse("workshops:session-notes", args=[session.area.slug, session.pk])
    ).content.decode()
    assert "Amina" not in notes_page
    assert QUOTE not in notes_page


def test_the_audit_log_records_the_erasure_but_never_the_name(client, world, speaker):
    client.force_login(world.facilitator_a)
    client.get(reverse("person-consent", args=[speaker.pk]))
    client.post(reverse("person-erase", args=[speaker.pk]), {"confirm": "on"})
    event = AuditEvent.objects.get(action=AuditAction.ERASED)
    assert event.actor_id == world.facilitator_a.pk
    assert event.target_id == str(speaker.pk)
    logged = list(AuditEvent.objects.values_list("target_label", "detail"))
    assert "Amina" not in str(logged)


def test_the_confirmation_page_says_what_will_happen(client, world, speaker):
    client.force_login(world.facilitator_a)
    page = client.get(reverse("person-erase", args=[speaker.pk])).content.decode()
    assert "Erase Amina Okafor’s personal data?" in page
    assert "attendance figures do not change" in page
    assert Person.objects.get(pk=speaker.pk).erased_at is None


def test_without_confirming_nothing_is_erased(client, world, speaker):
    client.force_login(world.facilitator_a)
    response = client.post(reverse("person-erase", args=[speaker.pk]))
    assert "Confirm that you understand this cannot be undone" in response.content.decode()
    assert Person.objects.get(pk=speaker.pk).full_name == "Amina Okafor"


def test_a_facilitator_cannot_erase_someone_also_in_areas_they_do_not_run(client, world, speaker):
    elsewhere = SessionFactory(area=AreaFactory(name="Dudley"))
    AttendanceFactory(session=elsewhere, person=speaker)
    client.force_login(world.facilitator_a)
    url = reverse("person-erase", args=[speaker.pk])
    assert "only a programme lead" in client.get(url).content.decode()
    assert client.post(url, {"confirm": "on"}).status_code == 403
    assert Person.objects.get(pk=speaker.pk).erased_at is None
    client.force_login(world.lead)
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert Person.objects.get(pk=speaker.pk).erased_at is not None


def test_erasing_an_account_holder_closes_the_account(client, world):
    person = world.steering_a.person
    services.person_erase(person=person, by=world.lead.person, reason="request")
    world.steering_a.refresh_from_db()
    assert not world.steering_a.is_active
    assert not world.steering_a.has_usable_password()
    assert "@erased.invalid" in world.steering_a.email


def test_erasing_twice_is_refused(world, speaker):
    services.person_erase(person=speaker, by=None, reason="request")
    with pytest.raises(services.ErasureRefused):
        services.person_erase(person=speaker, by=None, reason="request")


def test_the_person_who_is_not_in_the_area_is_untouched(world, speaker):
    bystander = PersonFactory(full_name="Amina Okafor-Smith")
    MembershipFactory(person=bystander, area=world.area_b)
    services.person_erase(person=speaker, by=None, reason="request")
    assert Person.objects.get(pk=bystander.pk).full_name == "Amina Okafor-Smith"


def test_erasing_removes_their_words_from_the_areas_evidence(world):
    person = world.steering_a.person
    evidence = EvidenceFactory(area=world.area_a, speaker=person, text="My own story.")
    services.person_erase(person=person, by=world.lead.person, reason="request")
    evidence.refresh_from_db()
    person.refresh_from_db()
    assert "My own story." not in evidence.text
    assert evidence.attributed_to == person.full_name
    assert not Evidence.objects.consented().filter(pk=evidence.pk).exists()


def test_an_address_on_another_areas_list_keeps_erasure_for_a_programme_lead(
    client, world, speaker
):
    """Erasing takes the address off every list, so a list elsewhere is a record elsewhere."""
    ContactFactory(contact_list=ContactListFactory(area=world.area_b), email=speaker.email)
    client.force_login(world.facilitator_a)

    url = reverse("person-erase", args=[speaker.pk])

    assert "only a programme lead" in client.get(url).content.decode()
    assert client.post(url, {"confirm": "on"}).status_code == 403
    assert Person.objects.get(pk=speaker.pk).erased_at is None
