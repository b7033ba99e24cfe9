"""Texting the report-back link: only to people who gave a mobile and agreed, each once."""

import sys
import types

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from partnerships import sms
from partnerships.models import ConsentDecision, ConsentRecord, ConsentUse, OutboxStatus
from partnerships.privacy import registry
from tests.factories import PersonFactory
from tests.workshops.factories import AttendanceFactory, SessionFactory
from workshops import tasks
from workshops.models import ReportBackText, SessionStatus
from workshops.reportback import links, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def text_file(settings, tmp_path):
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = str(tmp_path / "texts.log")
    return tmp_path / "texts.log"


def sent(text_file) -> list[str]:
    if not text_file.exists():
        return []
    return [block for block in text_file.read_text().split("\n.\n") if block.strip()]


def decide(person, decision, use=ConsentUse.TEXT_MESSAGES):
    ConsentRecord.objects.create(
        person=person, use=use, decision=decision, method="written", wording="…"
    )


def came(session, *, phone="07700 900123", agreed=True):
    person = PersonFactory(phone=phone)
    AttendanceFactory(session=session, person=person)
    if agreed:
        decide(person, ConsentDecision.GIVEN)
    return person


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("07700 900123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("0044 (7700) 900-123", "+447700900123"),
        ("01273 900123", None),
        ("0770090012", None),
        ("", None),
    ],
)
def test_only_uk_mobile_numbers_are_texted(typed, number):
    assert sms.mobile_number(typed) == number


def test_only_people_with_a_mobile_who_agreed_are_owed_a_text(world, text_file, on_commit):
    session = SessionFactory(area=world.area_a)
    yes = came(session)
    came(session, agreed=False)
    came(session, phone="01273 900123")
    came(session, phone="")
    withdrew = came(session)
    decide(withdrew, ConsentDecision.WITHDRAWN)
    other_use = came(session, agreed=False)
    decide(other_use, ConsentDecision.GIVEN, use=ConsentUse.SESSION_NOTES)
    erased = came(session)
    erased.erased_at = erased.created_at
    erased.save()

    with on_commit(execute=True):
        assert texts.text_report_back(session=session) == 1
    assert [row.person for row in ReportBackText.objects.all()] == [yes]
    [text] = sent(text_file)
    assert "To: +447700900123" in text
    assert links.url_for(session) in text


def test_asking_again_texts_nobody_twice(world, text_file, on_commit):
    session = SessionFactory(area=world.area_a)
    came(session)
    with on_commit(execute=True):
        texts.text_report_back(session=session)
    latecomer = came(session)
    with on_commit(execute=True):
        assert texts.text_report_back(session=session) == 1
        assert texts.text_report_back(session=session) == 0
    assert ReportBackText.objects.filter(person=latecomer).count() == 1
    assert len(sent(text_file)) == 2


def test_a_row_delivered_twice_is_sent_once(world, text_file):
    session = SessionFactory(area=world.area_a)
    person = came(session)
    row = ReportBackText.objects.create(session=session, person=person)
    tasks.send_report_back_text(row.pk)
    tasks.send_report_back_text(row.pk)
    assert len(sent(text_file)) == 1
    row.refresh_from_db()
    assert row.status == OutboxStatus.SENT
    assert row.attempts == 1


def test_someone_who_withdraws_before_the_text_goes_is_not_texted(world, text_file):
    session = SessionFactory(area=world.area_a)
    person = came(session)
    row = ReportBackText.objects.create(session=session, person=person)
    decide(person, ConsentDecision.WITHDRAWN)
    tasks.send_report_back_text(row.pk)
    row.refresh_from_db()
    assert row.status == OutboxStatus.SKIPPED
    assert sent(text_file) == []


def test_a_provider_failure_is_tried_again_later(world, settings, monkeypatch):
    settings.SMS_BACKEND = "console"

    def refuse(self, message):
        raise sms.TextNotSent("provider busy")

    monkeypatch.setattr(sms.ConsoleBackend, "send", refuse)
    session = SessionFactory(area=world.area_a)
    row = ReportBackText.objects.create(session=session, person=came(session))
    tasks.send_report_back_text(row.pk)
    row.refresh_from_db()
    assert row.status == OutboxStatus.PENDING
    assert "provider busy" in row.last_error
    assert row.send_after > row.created_at


def test_the_twilio_backend_hands_the_text_to_twilios_client(settings, monkeypatch):
    """The provider's library is imported only when chosen; here a stand-in takes its place."""
    created = []

    class Client:
        def __init__(self, sid, token):
            assert (sid, token) == ("AC123", "secret")
            self.messages = types.SimpleNamespace(create=lambda **kw: created.append(kw))

    class TwilioException(Exception):
        pass

    rest = types.ModuleType("twilio.rest")
    rest.Client = Client
    exceptions = types.ModuleType("twilio.base.exceptions")
    exceptions.TwilioException = TwilioException
    for name, module in {
        "twilio": types.ModuleType("twilio"),
        "twilio.base": types.ModuleType("twilio.base"),
        "twilio.base.exceptions": exceptions,
        "twilio.rest": rest,
    }.items():
        monkeypatch.setitem(sys.modules, name, module)
    settings.SMS_BACKEND = "twilio"
    settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN = "AC123", "secret"
    settings.SMS_FROM = "+447700900000"

    sms.TextMessage(to="+447700900123", body="Hello", reference="r-1").send()
    assert created == [{"to": "+447700900123", "from_": "+447700900000", "body": "Hello"}]

    def refuse(**kw):
        raise TwilioException("queue full")

    monkeypatch.setattr(
        Client,
        "__init__",
        lambda self, *a: setattr(self, "messages", types.SimpleNamespace(create=refuse)),
    )
    with pytest.raises(sms.TextNotSent):
        sms.TextMessage(to="+447700900123", body="Hello", reference="r-2").send()


def test_an_unknown_backend_is_refused_by_name(settings):
    settings.SMS_BACKEND = "pigeon"
    with pytest.raises(ImproperlyConfigured, match="pigeon"):
        sms.backend()


def test_the_facilitator_texts_the_link_from_the_report_back_page(
    client, world, text_file, on_commit
):
    session = SessionFactory(area=world.area_a)
    came(session)
    came(session, agreed=False)
    url = reverse("workshops:report-back-manage", args=[world.area_a.slug, session.pk])
    client.force_login(world.facilitator_a)
    page = client.get(url).content.decode()
    assert links.url_for(session) in page
    assert "1 person who came has a mobile number" in page
    with on_commit(execute=True):
        client.post(url, {"do": "text"})
        client.post(url, {"do": "text"})
    assert len(sent(text_file)) == 1


def test_only_the_areas_facilitators_hand_out_the_report_back(client, world):
    session = SessionFactory(area=world.area_a)
    url = reverse("workshops:report-back-manage", args=[world.area_a.slug, session.pk])
    client.force_login(world.facilitator_b)
    assert client.get(url).status_code == 404
    client.force_login(world.steering_a)
    assert client.get(url).status_code == 403
    assert client.post(url, {"do": "text"}).status_code == 403


def test_a_planned_session_has_nothing_to_hand_out_yet(client, world, text_file):
    session = SessionFactory(area=world.area_a, status=SessionStatus.PLANNED)
    came(session)
    url = reverse("workshops:report-back-manage", args=[world.area_a.slug, session.pk])
    client.force_login(world.facilitator_a)
    assert "/r/" not in client.get(url).content.decode()
    client.post(url, {"do": "text"})
    assert ReportBackText.objects.count() == 0


def test_stopping_the_link_gives_the_session_a_new_one(client, world):
    session = SessionFactory(area=world.area_a)
    old = links.token_for(session)
    url = reverse("workshops:report-back-manage", args=[world.area_a.slug, session.pk])
    client.force_login(world.facilitator_a)
    client.post(url, {"do": "withdraw"})
    session.refresh_from_db()
    assert links.token_for(session) != old
    assert links.session_for(old) is None


def test_the_texts_are_in_a_persons_export_and_go_with_their_erasure(world):
    section = next(s for s in registry.sections() if s.key == "texts")
    session = SessionFactory(area=world.area_a, title="Screening day")
    person = came(session)
    ReportBackText.objects.create(session=session, person=person)
    assert section.export(person, [world.area_b.pk]) == []
    [row] = section.export(person, [world.area_a.pk])
    assert row["about"] == "What happened after Screening day"
    assert registry.ids_in(section.area_ids(person)) == {world.area_a.pk}
    assert section.erase(person, "Person 1") == 1
    assert not ReportBackText.objects.exists()
