"""Opening, answering and closing a pulse: who is asked, once each, and answers that name
nobody."""

from decimal import Decimal

import pytest
from django.core import mail

from areas import tasks
from areas.pulse import delivery, services
from areas.pulse.models import PulseAnswer, PulseAudience, PulseChannel, PulseMessage
from areas.pulse.selectors import area_trend, pulse_results
from areas.pulse.services import PulseAlreadyOpen
from partnerships.models import ConsentDecision, ConsentRecord, ConsentUse, OutboxStatus
from tests.areas.pulse.helpers import answer, open_pulse
from tests.factories import IndicatorFactory, PersonFactory, SteeringMemberFactory
from tests.workshops.factories import AttendanceFactory, SessionFactory

pytestmark = pytest.mark.django_db


def agree_to_texts(person):
    ConsentRecord.objects.create(
        person=person,
        use=ConsentUse.TEXT_MESSAGES,
        decision=ConsentDecision.GIVEN,
        method="written",
        wording="…",
    )


def test_the_steering_group_is_asked_each_by_a_link_of_their_own(world):
    left = SteeringMemberFactory(area=world.area_a)
    left.left_on = left.joined_on
    left.save()
    pulse = open_pulse(world)
    invited = set(pulse.invitations.values_list("person_id", flat=True))
    assert invited == {world.steering_a.person.pk}
    assert PulseMessage.objects.filter(invitation__pulse=pulse).count() == 1


def test_everyone_who_came_to_a_session_can_be_asked_too(world):
    attendee = PersonFactory(email="came@example.org")
    AttendanceFactory(session=SessionFactory(area=world.area_a), person=attendee)
    pulse = open_pulse(world, audience=PulseAudience.EVERYONE)
    invited = set(pulse.invitations.values_list("person_id", flat=True))
    assert invited == {world.steering_a.person.pk, attendee.pk}


def test_texts_go_only_to_people_who_agreed_to_them(world):
    agreed = SteeringMemberFactory(area=world.area_a, person__phone="07700 900123").person
    agree_to_texts(agreed)
    SteeringMemberFactory(area=world.area_a, person__phone="07700 900456")
    pulse = open_pulse(world)
    texts = PulseMessage.objects.filter(invitation__pulse=pulse, channel=PulseChannel.TEXT)
    assert [text.invitation.person_id for text in texts] == [agreed.pk]


def test_an_area_has_one_open_pulse_at_a_time(world):
    pulse = open_pulse(world)
    with pytest.raises(PulseAlreadyOpen):
        open_pulse(world)
    services.pulse_close(pulse=pulse)
    assert open_pulse(world).pk != pulse.pk


def test_a_link_takes_one_set_of_answers(world):
    pulse = open_pulse(world)
    invitation = pulse.invitations.get()
    scores = {"trust": 5, "vision": 4, "involved": 3, "worth_time": 2}
    assert services.pulse_answer(invitation=invitation, scores=scores, better="More notice")
    assert not services.pulse_answer(invitation=invitation, scores=scores, better="Again")
    assert PulseAnswer.objects.filter(pulse=pulse).count() == 1
    invitation.refresh_from_db()
    assert invitation.used


def test_a_closed_pulse_takes_no_answers(world):
    pulse = open_pulse(world)
    services.pulse_close(pulse=pulse)
    answer(pulse, 1)
    assert not PulseAnswer.objects.exists()


def test_an_answer_names_no_person_no_link_and_no_time():
    fields = {field.name for field in PulseAnswer._meta.get_fields()}
    assert fields == {"id", "pulse", "trust", "vision", "involved", "worth_time", "better"}


def test_results_are_hidden_until_five_have_answered_and_the_pulse_closed(world):
    pulse = open_pulse(world)
    answer(pulse, 4, better="Meet in the evening")
    results = pulse_results(pulse)
    assert (results.shown, results.needed, results.questions, results.better) == (
        False,
        1,
        [],
        [],
    )
    answer(pulse, 1, trust=1)
    assert not pulse_results(pulse).shown
    services.pulse_close(pulse=pulse)
    results = pulse_results(pulse)
    trust = results.questions[0]
    assert results.shown
    assert results.answered == 5
    assert trust.mean == pytest.approx(3.4)
    assert [point.count for point in trust.points] == [1, 0, 0, 4, 0]
    assert [point.percent for point in trust.points] == [20, 0, 0, 80, 0]
    assert results.better == ["Meet in the evening"] * 4


def test_the_trend_shows_each_pulse_once_closed_with_five_answers(world):
    first = open_pulse(world)
    answer(first, 5, trust=2, vision=2, involved=2, worth_time=2)
    services.pulse_close(pulse=first)
    second = open_pulse(world)
    answer(second, 5, trust=3, vision=3, involved=3, worth_time=4)
    services.pulse_close(pulse=second)
    third = open_pulse(world)
    answer(third, 2)
    trend = area_trend(world.area_a)
    assert [(point.overall, point.change, point.needed) for point in trend] == [
        (2, None, 0),
        (3.25, 1.2, 0),
        (None, None, 3),
    ]
    answer(third, 3)
    assert area_trend(world.area_a)[-1].overall is None


def test_a_result_becomes_a_measurement_with_its_source(world):
    pulse = open_pulse(world)
    answer(pulse, 5, trust=3)
    answer(pulse, 1, trust=4)
    services.pulse_close(pulse=pulse)
    indicator = IndicatorFactory(area=world.area_a)
    measurement = services.pulse_record_measurement(
        results=pulse_results(pulse),
        indicator=indicator,
        question="trust",
        by=world.facilitator_a.person,
    )
    assert measurement.value == Decimal("3.17")
    assert measurement.source.startswith("Partnership health pulse opened")
    assert measurement.source.endswith("6 answers")
    assert measurement.note == "I trust the other people and organisations in this partnership."


def test_each_link_is_emailed_once_however_often_the_task_runs(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pulse = open_pulse(world)
    message = PulseMessage.objects.get(invitation__pulse=pulse)
    tasks.send_pulse_message(message.pk)
    tasks.sweep_pulse_messages()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.steering_a.person.email]
    assert "/pulse/" in mail.outbox[0].body
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT


def test_a_link_used_before_its_email_went_is_not_sent(world):
    pulse = open_pulse(world)
    answer_from = pulse.invitations.get()
    services.pulse_answer(
        invitation=answer_from,
        scores={"trust": 4, "vision": 4, "involved": 4, "worth_time": 4},
        better="",
    )
    message = PulseMessage.objects.get(invitation__pulse=pulse)
    delivery.outbox.deliver(message.pk, compose=delivery.compose)
    message.refresh_from_db()
    assert (message.status, len(mail.outbox)) == (OutboxStatus.SKIPPED, 0)


def test_a_text_carries_the_link_to_someone_who_still_agrees(world, settings, tmp_path):
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = str(tmp_path / "texts.log")
    person = SteeringMemberFactory(area=world.area_a, person__phone="07700 900123").person
    agree_to_texts(person)
    pulse = open_pulse(world)
    text = PulseMessage.objects.get(invitation__pulse=pulse, channel=PulseChannel.TEXT)
    delivery.outbox.deliver(text.pk, compose=delivery.compose)
    sent = (tmp_path / "texts.log").read_text()
    assert "To: +447700900123" in sent
    assert "/pulse/" in sent


def test_an_open_pulse_never_shows_how_one_more_answer_moved_it(world):
    """Looking before and after someone answered must not reveal their answer."""
    pulse = open_pulse(world)
    answer(pulse, 5, trust=4)
    before = pulse_results(pulse)
    answer(pulse, 1, trust=1)
    after = pulse_results(pulse)
    assert (before.questions, after.questions) == ([], [])
    assert (before.shown, after.shown) == (False, False)
