"""How soon the emails a worker was sending go out after the worker dies.

A worker is killed while the SMTP server is accepting one of its emails (or while it
hands a text message over); a new worker
with beat (as production always has one running) must send what the dead one held, each
exactly once, within a minute rather than after the ten-minute claim timeout. Each test
prints the delay it measured.
"""

import time
from collections import Counter

import pytest
from django.db import transaction
from django.utils import timezone

from areas.pulse import services as pulse_services
from areas.pulse.models import PulseAudience, PulseMessage
from partnerships.models import (
    AreaRole,
    ConsentDecision,
    ConsentRecord,
    ConsentUse,
    OutboxStatus,
)
from partnerships.review import emails as review_emails
from partnerships.review.models import ReviewEmail
from tests.factories import AreaFactory, MembershipFactory, PersonFactory, SteeringMemberFactory
from tests.integration.conftest import Worker, worker_env
from tests.integration.test_cascade_delivery import two_lists
from tests.integration.test_follow_up_delivery import owe_assigned, owners_actions
from tests.integration.text_sink import TextSink
from tests.workshops.cascade_factories import WrittenUpSessionFactory
from tests.workshops.factories import AttendanceFactory, SessionFactory
from workshops.cascades import services as cascade_services
from workshops.followups import delivery
from workshops.models import (
    Cascade,
    CascadeStatus,
    FollowUp,
    FollowUpStatus,
    RecipientStatus,
    ReportBackText,
)
from workshops.reportback import texts
from workshops.suggestions import services as suggestions

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# The sweep runs every few seconds here so that its interval (a minute in production)
# does not hide what the recovery itself takes.
SWEEP_SECONDS = "5"
RECOVERY_LIMIT = 60


@pytest.fixture
def env(own_broker, smtp_sink):
    return {
        **worker_env(smtp_sink, own_broker.url),
        "FOLLOW_UP_SEND_FROM_HOUR": "0",
        "FOLLOW_UP_SWEEP_SECONDS": SWEEP_SECONDS,
        "CASCADE_SWEEP_SECONDS": SWEEP_SECONDS,
        "CASCADE_BATCH_SIZE": "10",
        "CASCADE_EMAILS_PER_SECOND": "1000",
    }


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout} s waiting for {what}")
        time.sleep(0.2)


def recovered_after_kill(env, tmp_path, killed_at, done, what, *, everything=None, started=None):
    """Start a replacement worker with beat, whose sweep takes back the dead worker's
    claims; wait until `done`, then until `everything` (if given) has arrived. Seconds
    from the kill to `done`."""
    replacement = Worker(env, "--beat", f"--schedule={tmp_path / 'beat-schedule'}")
    if started:
        started()
    try:
        wait_until(done, RECOVERY_LIMIT * 3, what)
        recovered = time.monotonic() - killed_at
        if everything:
            wait_until(everything, 60, "everything else")
        time.sleep(2)
    finally:
        replacement.stop()
    return recovered


def kill_mid_send(worker, smtp_sink):
    """SIGKILL the worker while the SMTP server takes the 6th email's recipient."""
    assert smtp_sink.rcpt_reached.wait(60)
    worker.kill()
    return time.monotonic()


def each_sent_once_after_kill(model, message_prefix, worker, smtp_sink, env, tmp_path):
    """Kill `worker` mid-send, recover with a new one, and check every `model` row was
    emailed exactly once (by its Message-ID) and is marked sent. Seconds to recover the
    row the dead worker held."""
    killed_at = kill_mid_send(worker, smtp_sink)
    [held] = model.objects.filter(status=OutboxStatus.SENDING)
    rows = model.objects.count()
    recovered = recovered_after_kill(
        env,
        tmp_path,
        killed_at,
        lambda: model.objects.get(pk=held.pk).status == OutboxStatus.SENT,
        f"the held {model.__name__}",
        everything=lambda: len(smtp_sink.messages) >= rows,
    )
    assert sorted(message["Message-ID"] for message in smtp_sink.messages) == sorted(
        f"<{message_prefix}-{row.pk}@127.0.0.1>" for row in model.objects.all()
    )
    assert model.objects.exclude(status=OutboxStatus.SENT).count() == 0
    return recovered


@pytest.fixture
def slow_smtp(smtp_sink):
    smtp_sink.rcpt_delay = 0.2
    smtp_sink.signal_at_rcpt = 6
    return smtp_sink


def test_a_follow_up_held_by_a_dead_worker_is_sent_within_a_minute(world, env, slow_smtp, tmp_path):
    rows = owe_assigned(owners_actions(20, SessionFactory(area=world.area_a)))
    worker = Worker(env)
    delivery.sweep()
    killed_at = kill_mid_send(worker, slow_smtp)
    [held] = FollowUp.objects.filter(status=FollowUpStatus.SENDING)

    recovered = recovered_after_kill(
        env,
        tmp_path,
        killed_at,
        lambda: FollowUp.objects.get(pk=held.pk).status == FollowUpStatus.SENT,
        "the held email",
        everything=lambda: len(slow_smtp.messages) >= 20,
    )

    print(f"\nA follow-up held by a killed worker was sent {recovered:.1f} s after the kill")
    assert sorted(message["Message-ID"] for message in slow_smtp.messages) == sorted(
        f"<follow-up-{row.pk}@127.0.0.1>" for row in rows
    )
    assert recovered < RECOVERY_LIMIT


def test_cascade_emails_held_by_a_dead_worker_are_sent_within_a_minute(env, slow_smtp, tmp_path):
    area = AreaFactory()
    lists = two_lists(area, 24)
    worker = Worker(env)
    with transaction.atomic():
        cascade = cascade_services.cascade_send(
            session=WrittenUpSessionFactory(area=area),
            by=PersonFactory(),
            subject="Notes from the partnership day",
            body="What we heard",
            lists=lists,
            version=None,
        )
    killed_at = kill_mid_send(worker, slow_smtp)
    assert cascade.recipients.filter(status=RecipientStatus.SENDING).exists()

    recovered = recovered_after_kill(
        env,
        tmp_path,
        killed_at,
        lambda: Cascade.objects.get(pk=cascade.pk).status == CascadeStatus.SENT,
        "the cascade to finish",
    )

    print(f"\nA cascade batch held by a killed worker finished {recovered:.1f} s after the kill")
    arrived = Counter(message["To"] for message in slow_smtp.messages)
    assert len(arrived) == 24
    assert set(arrived.values()) == {1}
    assert recovered < RECOVERY_LIMIT


def test_pulse_links_held_by_a_dead_worker_are_emailed_exactly_once_within_a_minute(
    env, slow_smtp, tmp_path
):
    area = AreaFactory()
    for n in range(20):
        SteeringMemberFactory(area=area, person=PersonFactory(email=f"member{n}@example.org"))
    worker = Worker(env)
    with transaction.atomic():
        pulse_services.pulse_open(area=area, by=PersonFactory(), audience=PulseAudience.STEERING)
    recovered = each_sent_once_after_kill(
        PulseMessage, "pulse-invitation", worker, slow_smtp, env, tmp_path
    )

    print(f"\nA pulse link held by a killed worker was emailed {recovered:.1f} s after the kill")
    assert recovered < RECOVERY_LIMIT


def test_review_emails_held_by_a_dead_worker_are_sent_exactly_once_within_a_minute(
    env, slow_smtp, tmp_path
):
    for n in range(20):
        area = AreaFactory()
        MembershipFactory(
            person=PersonFactory(email=f"facilitator{n}@example.org"),
            area=area,
            role=AreaRole.FACILITATOR,
        )
        suggestions.action_suggestion_make(
            area=area,
            by=PersonFactory(),
            description="Ask the practice for a receptionist who speaks Polish",
            why="People give up at the front desk",
        )
    # The morning has come for every one of them.
    ReviewEmail.objects.update(send_after=timezone.now())
    worker = Worker(env)
    review_emails.outbox.sweep()
    recovered = each_sent_once_after_kill(ReviewEmail, "review", worker, slow_smtp, env, tmp_path)

    print(f"\nA review email held by a killed worker was sent {recovered:.1f} s after the kill")
    assert recovered < RECOVERY_LIMIT


@pytest.fixture
def text_sink(tmp_path):
    sink = TextSink(tmp_path, pause_after=6)
    yield sink
    sink.stop()


def test_texts_held_by_a_dead_worker_are_sent_exactly_once_within_a_minute(
    env, text_sink, tmp_path
):
    env = {**env, "SMS_BACKEND": "file", "SMS_FILE_PATH": str(text_sink.path)}
    session = SessionFactory()
    for n in range(20):
        person = PersonFactory(phone=f"07700 900{n:03}")
        AttendanceFactory(session=session, person=person)
        ConsentRecord.objects.create(
            person=person,
            use=ConsentUse.TEXT_MESSAGES,
            decision=ConsentDecision.GIVEN,
            method="written",
            wording="We would like to text you.",
        )
    worker = Worker(env)
    with transaction.atomic():
        texts.text_report_back(session=session)
    assert text_sink.paused.wait(60)
    time.sleep(0.5)
    [held] = ReportBackText.objects.filter(status=OutboxStatus.SENDING)
    worker.kill()
    killed_at = time.monotonic()

    recovered = recovered_after_kill(
        env,
        tmp_path,
        killed_at,
        lambda: ReportBackText.objects.get(pk=held.pk).status == OutboxStatus.SENT,
        "the held text",
        everything=lambda: len(text_sink.texts) >= 20,
        started=text_sink.resumed.set,
    )

    print(f"\nA text held by a killed worker was sent {recovered:.1f} s after the kill")
    assert sorted(text_sink.references()) == sorted(
        f"report-back-text-{row.pk}" for row in ReportBackText.objects.all()
    )
    assert ReportBackText.objects.exclude(status=OutboxStatus.SENT).count() == 0
    assert recovered < RECOVERY_LIMIT
