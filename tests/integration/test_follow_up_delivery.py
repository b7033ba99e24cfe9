"""Follow-up emails end to end: a real Celery worker on Redis, a real SMTP server.

Time is simulated by handing the schedule its "today" (the worker is another process,
so it cannot share the test's clock); everything else runs as in production. Each test
counts what reached the SMTP server: every email exactly once, whatever fails meanwhile.
"""

import datetime as dt
import time
from email.header import decode_header, make_header

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from partnerships.celery import app as celery_app
from tests.factories import PersonFactory
from tests.integration.conftest import Worker
from tests.workshops.factories import ActionFactory, SessionFactory
from workshops import services, tasks
from workshops.followups import delivery
from workshops.models import Action, FollowUp, FollowUpPurpose, FollowUpStatus

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

FINISHED = [FollowUpStatus.SENT, FollowUpStatus.SKIPPED, FollowUpStatus.FAILED]


@pytest.fixture
def follow_up_env(monkeypatch):
    """The worker's settings: send at any hour, and retry after a second, not a minute."""
    monkeypatch.setenv("FOLLOW_UP_SEND_FROM_HOUR", "0")
    monkeypatch.setenv("FOLLOW_UP_RETRY_SECONDS", "1")
    monkeypatch.setenv("FOLLOW_UP_MAX_ATTEMPTS", "5")


@pytest.fixture
def worker(follow_up_env, celery_worker_process):
    # A killed worker's message stays "unacknowledged" in Redis for an hour; the test's
    # own Redis goes with it, so it never reaches a later test's worker.
    return celery_worker_process


def wait_until(predicate, timeout=60, what="the condition"):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {what}")
        time.sleep(0.1)


def all_finished():
    return not FollowUp.objects.exclude(status__in=FINISHED).exists()


def settle(smtp_sink, expected, timeout=60):
    """Wait for `expected` messages and every row to finish, then a little longer, so a
    duplicate on its way would have time to arrive."""
    wait_until(lambda: len(smtp_sink.messages) >= expected, timeout, f"{expected} emails")
    wait_until(all_finished, timeout, "every follow-up to finish")
    time.sleep(1.5)
    return smtp_sink.messages


def owners_actions(count, session):
    """`count` actions, each with its own owner, created in bulk."""
    people = PersonFactory.create_batch(count)
    for number, person in enumerate(people):
        person.email = f"owner{number}@example.org"
        person.save(update_fields=["email"])
    return [ActionFactory(session=session, owner=person) for person in people]


def owe_assigned(actions):
    """Outbox rows for `actions`, written as planning writes them, not yet queued."""
    today = timezone.localdate()
    return FollowUp.objects.bulk_create(
        FollowUp(
            purpose=FollowUpPurpose.ASSIGNED,
            action=action,
            person=action.owner,
            key_date=today,
        )
        for action in actions
    )


def subject(message):
    return str(make_header(decode_header(message["Subject"])))


def message_ids(messages):
    return [message["Message-ID"] for message in messages]


def test_the_schedule_run_twice_a_day_for_weeks_sends_each_email_once(world, worker, smtp_sink):
    today = timezone.localdate()
    session = SessionFactory(area=world.area_a, title="Screening letters day")
    owner = world.steering_a.person
    with transaction.atomic():
        soon = services.action_add(
            session=session,
            by=world.facilitator_a.person,
            description="Book the cultural-competency training",
            owner=owner,
            due_on=today + dt.timedelta(days=3),
        )
        late = services.action_add(
            session=session,
            by=world.facilitator_a.person,
            description="Ask practices to send letters in Arabic",
            owner=owner,
            due_on=today - dt.timedelta(days=40),
        )
    settle(smtp_sink, 2)
    Action.objects.update(created_at=timezone.now() - dt.timedelta(days=60))

    days = [today, today, soon.due_on, soon.due_on]
    days += [late.due_on + dt.timedelta(days=n) for n in (1, 1, 8, 15, 15, 22, 22, 29)]
    for day in days:
        tasks.plan_follow_ups.delay(today=day.isoformat())
    wait_until(
        lambda: (
            sum("plan_follow_ups" in line and "succeeded" in line for line in worker.lines)
            == len(days)
        ),
        what="every run of the schedule",
    )
    messages = settle(smtp_sink, 8)

    subjects = sorted(
        (message["To"].split("<")[-1].rstrip(">"), subject(message)) for message in messages
    )
    facilitator, member = world.facilitator_a.email, world.steering_a.email
    assert subjects == sorted(
        [
            (member, "New action for you: Book the cultural-competency training"),
            (member, "New action for you: Ask practices to send letters in Arabic"),
            (member, f"Due {soon.due_on:%A %-d %B}: Book the cultural-competency training"),
            (member, "Due today: Book the cultural-competency training"),
            *[(member, "Overdue: Ask practices to send letters in Arabic")] * 3,
            (facilitator, f"Still overdue: {owner}’s action in Wandsworth"),
        ]
    )
    assert len(set(message_ids(messages))) == 8
    escalation = next(m for m in messages if subject(m).startswith("Still overdue"))
    assert late.get_absolute_url() in escalation.get_payload()[0].get_payload(decode=True).decode()


def test_two_workers_and_repeated_tasks_send_each_email_once(world, worker, smtp_sink):
    second = Worker(worker.env)
    try:
        rows = owe_assigned(owners_actions(30, SessionFactory(area=world.area_a)))
        started = time.monotonic()
        for _ in range(3):
            for row in rows:
                tasks.send_follow_up.delay(row.pk)
        tasks.sweep_follow_ups.delay()
        tasks.sweep_follow_ups.delay()
        wait_until(lambda: len(smtp_sink.messages) >= 30, what="30 emails")
        elapsed = time.monotonic() - started
        messages = settle(smtp_sink, 30)
    finally:
        second.stop()

    assert len(messages) == 30
    assert sorted(message_ids(messages)) == sorted(
        f"<follow-up-{row.pk}@127.0.0.1>" for row in rows
    )
    assert set(FollowUp.objects.values_list("status", "attempts")) == {(FollowUpStatus.SENT, 1)}
    print(f"\n30 emails, each queued 3 times, two workers racing: {30 / elapsed:.0f} emails/s")


def test_emails_per_second_through_one_worker(world, worker, smtp_sink):
    count = 200
    owe_assigned(owners_actions(count, SessionFactory(area=world.area_a)))
    started = time.monotonic()
    delivery.sweep()
    wait_until(lambda: len(smtp_sink.messages) >= count, timeout=120, what=f"{count} emails")
    elapsed = time.monotonic() - started
    assert len(settle(smtp_sink, count)) == count
    print(f"\n{count} emails through one worker to the SMTP server: {count / elapsed:.0f} emails/s")


def test_a_worker_killed_mid_batch_loses_nothing_and_doubles_nothing(world, worker, smtp_sink):
    """SIGKILL while the SMTP server is accepting the 6th email, then a new worker."""
    smtp_sink.rcpt_delay = 0.2
    smtp_sink.signal_at_rcpt = 6
    rows = owe_assigned(owners_actions(20, SessionFactory(area=world.area_a)))
    delivery.sweep()

    assert smtp_sink.rcpt_reached.wait(60)
    worker.kill()
    delivered_before = len(smtp_sink.messages)
    assert delivered_before == 5
    [claimed] = FollowUp.objects.filter(status=FollowUpStatus.SENDING)

    restarted = Worker(worker.env)
    try:
        # The claim of the worker that died is taken back once it is older than the
        # timeout: ask the sweep as if that much time had passed.
        later = timezone.now() + dt.timedelta(seconds=settings.FOLLOW_UP_CLAIM_TIMEOUT_SECONDS + 60)
        tasks.sweep_follow_ups.delay(now=later.isoformat())
        messages = settle(smtp_sink, 20)
    finally:
        restarted.stop()

    assert len(messages) == 20
    assert sorted(message_ids(messages)) == sorted(
        f"<follow-up-{row.pk}@127.0.0.1>" for row in rows
    )
    claimed.refresh_from_db()
    assert (claimed.status, claimed.attempts) == (FollowUpStatus.SENT, 2)


def test_an_smtp_server_that_is_down_then_back_gets_each_email_once(world, worker, smtp_sink):
    smtp_sink.stop()
    rows = owe_assigned(owners_actions(3, SessionFactory(area=world.area_a)))
    delivery.sweep()
    wait_until(
        lambda: all(
            row.attempts >= 2 and row.status == FollowUpStatus.PENDING
            for row in FollowUp.objects.all()
        ),
        what="two failed attempts at each email",
    )
    assert "Connection refused" in FollowUp.objects.first().last_error

    smtp_sink.start()
    messages = settle(smtp_sink, 3)

    assert len(messages) == 3
    assert {row.status for row in FollowUp.objects.all()} == {FollowUpStatus.SENT}
    assert all(row.attempts >= 3 for row in FollowUp.objects.filter(pk__in=[r.pk for r in rows]))


def test_an_email_that_cannot_be_delivered_shows_as_failed_on_the_board(
    client, world, worker, smtp_sink
):
    worker.stop()
    smtp_sink.stop()
    impatient = Worker({**worker.env, "FOLLOW_UP_MAX_ATTEMPTS": "2"})
    try:
        [row] = owe_assigned(
            [
                ActionFactory(
                    session=SessionFactory(area=world.area_a), owner=world.steering_a.person
                )
            ]
        )
        delivery.sweep()
        wait_until(
            lambda: FollowUp.objects.get().status == FollowUpStatus.FAILED,
            what="the email to be given up on",
        )
    finally:
        impatient.stop()
    row.refresh_from_db()
    assert row.attempts == 2
    client.force_login(world.facilitator_a)
    board = client.get(reverse("workshops:action-board", args=[world.area_a.slug]))
    assert "Email not delivered" in board.content.decode()


def test_with_the_broker_down_a_new_action_is_still_emailed_by_beat(
    client, world, worker, smtp_sink, monkeypatch, tmp_path
):
    """The request succeeds while Redis is unreachable; beat's sweep sends the email later."""
    worker.stop()
    beat = Worker(
        {**worker.env, "FOLLOW_UP_SWEEP_SECONDS": "1"},
        "--beat",
        f"--schedule={tmp_path / 'beat-schedule'}",
    )
    try:
        session = SessionFactory(area=world.area_a)
        client.force_login(world.facilitator_a)
        with monkeypatch.context() as unreachable:
            unreachable.setitem(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
            unreachable.setattr(celery_app, "_pool", None)
            unreachable.setattr(celery_app.amqp, "_producer_pool", None)
            response = client.post(
                reverse("workshops:action-add", args=[world.area_a.slug, session.pk]),
                {
                    "new-action-description": "Book the community hall",
                    "new-action-owner": world.steering_a.person.pk,
                },
            )
            assert response.status_code == 302
            row = FollowUp.objects.get()
            assert (row.status, row.queued_at) == (FollowUpStatus.PENDING, None)
            assert smtp_sink.messages == []

        [message] = settle(smtp_sink, 1)
    finally:
        beat.stop()
    assert subject(message) == "New action for you: Book the community hall"
