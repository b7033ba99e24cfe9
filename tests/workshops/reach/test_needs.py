"""What a person needs to take part: recorded only by them, or by a facilitator with their
agreement; shown to those who run the session; deleted when they withdraw."""

import pytest
from django.urls import reverse

from partnerships.models import AuditAction, AuditEvent, ConsentMethod
from tests.factories import PersonFactory
from tests.workshops.factories import AttendanceFactory, SessionFactory
from workshops.reach.models import Interpreter, SupportNeeds

pytestmark = pytest.mark.django_db

MY_NEEDS = reverse("workshops:my-needs")


def needs(**overrides):
    return {
        "preferred_language": "Bengali",
        "interpreter": Interpreter.SPOKEN,
        "access_needs": "Step-free access",
        "transport_help": "on",
        "childcare_help": "",
        **overrides,
    }


@pytest.fixture
def session(world):
    return SessionFactory(area=world.area_a, title="Screening letters day")


def attendee_url(attendance):
    session = attendance.session
    return reverse("workshops:attendee-needs", args=[session.area.slug, session.pk, attendance.pk])


def test_a_person_records_their_own_needs_only_when_they_agree(client, world):
    client.force_login(world.community_a)
    refused = client.post(MY_NEEDS, needs())
    assert refused.status_code == 400
    assert "Tick the box to agree" in refused.content.decode()
    assert 'value="Bengali"' in refused.content.decode()
    assert not SupportNeeds.objects.exists()

    assert client.post(MY_NEEDS, needs(agree="on")).status_code == 302
    record = SupportNeeds.objects.get(person=world.community_a.person)
    assert record.preferred_language == "Bengali"
    assert record.transport_help
    assert not record.childcare_help
    assert record.consent_method == ConsentMethod.ONLINE
    assert record.recorded_by == world.community_a.person
    assert record.recorded_in is None


def test_an_interpreter_needs_a_language(client, world):
    client.force_login(world.community_a)
    response = client.post(MY_NEEDS, needs(preferred_language="", agree="on"))
    assert response.status_code == 400
    assert "Enter the language the interpreter should speak." in response.content.decode()


def test_withdrawing_deletes_what_they_said(client, world):
    client.force_login(world.community_a)
    client.post(MY_NEEDS, needs(agree="on"))
    client.post(MY_NEEDS, {"withdraw": "1"})
    assert not SupportNeeds.objects.exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.CONSENT_WITHDRAWN, detail__use="support_needs"
    ).exists()


def test_a_facilitator_records_needs_with_the_persons_stated_consent(client, world, session):
    attendance = AttendanceFactory(session=session, person__full_name="Rahima Begum")
    client.force_login(world.facilitator_a)
    without = client.post(attendee_url(attendance), needs(consent_method="verbal"))
    assert without.status_code == 400
    assert "Record their needs only if they agreed" in without.content.decode()
    assert not SupportNeeds.objects.exists()

    client.post(attendee_url(attendance), needs(consent_method="verbal", agreed="on"))
    record = SupportNeeds.objects.get(person=attendance.person)
    assert record.recorded_by == world.facilitator_a.person
    assert record.recorded_in == world.area_a
    assert record.consent_method == ConsentMethod.VERBAL

    client.post(attendee_url(attendance), {"withdraw": "1"})
    assert not SupportNeeds.objects.exists()


@pytest.mark.parametrize("persona", ["steering_a", "lco_a", "community_a"])
def test_only_those_who_run_the_session_record_or_read_needs(client, world, session, persona):
    attendance = AttendanceFactory(session=session)
    client.force_login(getattr(world, persona))
    assert client.get(attendee_url(attendance)).status_code == 403
    needs_page = reverse("workshops:session-needs", args=[world.area_a.slug, session.pk])
    assert client.get(needs_page).status_code == 403


def test_an_attendance_of_another_session_is_not_found(client, world, session):
    elsewhere = AttendanceFactory(session=SessionFactory(area=world.area_a))
    url = reverse("workshops:attendee-needs", args=[world.area_a.slug, session.pk, elsewhere.pk])
    client.force_login(world.facilitator_a)
    assert client.get(url).status_code == 404


def test_the_session_page_summarises_what_people_need_with_names(client, world, session):
    for name, fields in [
        ("Ayesha Khan", {"interpreter": Interpreter.BSL}),
        ("Tom Reid", {"interpreter": Interpreter.BSL, "transport_help": True}),
        ("Rahima Begum", {"preferred_language": "Bengali"}),
        ("Jan Nowak", {"transport_help": True, "childcare_help": True}),
    ]:
        person = PersonFactory(full_name=name)
        AttendanceFactory(session=session, person=person)
        SupportNeeds.objects.create(person=person, consent_method=ConsentMethod.ONLINE, **fields)
    AttendanceFactory(session=session, person__full_name="Nobody Said")

    client.force_login(world.facilitator_a)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "2 need a BSL interpreter</strong>: Ayesha Khan, Tom Reid" in page
    assert "1 prefers Bengali</strong>: Rahima Begum" in page
    assert "2 would come with help with transport</strong>" in page
    assert "1 would come with help with childcare</strong>: Jan Nowak" in page

    client.force_login(world.steering_a)
    member_view = client.get(session.get_absolute_url()).content.decode()
    assert "need a BSL interpreter" not in member_view
    assert "Ayesha Khan" not in member_view


def test_the_needs_page_is_audited_and_reads_in_fixed_queries(
    client, world, session, django_assert_max_num_queries
):
    client.force_login(world.facilitator_a)
    url = reverse("workshops:session-needs", args=[world.area_a.slug, session.pk])
    person = PersonFactory()
    AttendanceFactory(session=session, person=person)
    SupportNeeds.objects.create(person=person, consent_method="online", transport_help=True)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(15):
        other = PersonFactory()
        AttendanceFactory(session=session, person=other)
        SupportNeeds.objects.create(person=other, consent_method="online", childcare_help=True)
    with django_assert_max_num_queries(len(few)):
        page = client.get(url).content.decode()
    assert "15 would come with help with childcare" in page
    assert AuditEvent.objects.filter(action=AuditAction.VIEWED_PERSONAL_DATA).exists()


def test_the_needs_page_offers_to_record_for_someone_who_has_said_nothing(client, world, session):
    attendance = AttendanceFactory(session=session, person__full_name="Jan Nowak")
    client.force_login(world.facilitator_a)
    page = client.get(
        reverse("workshops:session-needs", args=[world.area_a.slug, session.pk])
    ).content.decode()
    assert f'href="{attendee_url(attendance)}">Record what they need' in page
