"""Sending the outbox: each row once, retried with backoff, never lost to a broker outage."""

import datetime as dt
import logging
import smtplib
import socket

import pytest
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from partnerships import heartbeats, outbox
from partnerships.celery import app as celery_app
from partnerships.models import Heartbeat
from tests.factories import PersonFactory, user_with_role
from tests.workshops.factories import ActionFactory, SessionFactory
from workshops import services, tasks
from workshops.followups import delivery, planning
from workshops.models import (
    ActionStatus,
    FollowUp,
    FollowUpKind,
    FollowUpOptOut,
    FollowUpPurpose,
    FollowUpStatus,
)

pytestmark = pytest.mark.django_db


def owed(action, purpose=FollowUpPurpose.DUE_TODAY, **fields):
    return FollowUp.objects.create(
        purpose=purpose,
        action=action,
        person=action.owner,
        key_date=action.due_on,
        **fields,
    )


@pytest.fixture
def action(db):
    owner = PersonFactory(full_name="Grace Mensah", email="grace@example.org")
    return ActionFactory(
        owner=owner, due_on=timezone.localdate(), description="Ask practices about letters"
    )


@pytest.fixture
def smtp_down(settings):
    """An SMTP server that refuses connections: nothing listens on the port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port


def test_beat_runs_the_scan_hourly_the_sweep_every_minute_and_the_digests_weekly(settings):
    celery_app.loader.import_default_modules()  # the tasks modules, as a worker loads them
    registered = celery_app.tasks
    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert all(name in registered for name in schedule)
    assert schedule["workshops.tasks.sweep_follow_ups"] == 60
    assert schedule["workshops.tasks.plan_follow_ups"].minute == {5}
    assert schedule["workshops.tasks.plan_digests"].day_of_week == {1}


def test_a_row_is_sent_once_however_often_its_task_runs(action):
    follow_up = owed(action)
    for _ in range(3):
        delivery.deliver(follow_up_id=follow_up.pk)

    [message] = mail.outbox
    assert message.to == ["Grace Mensah <grace@example.org>"]
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.SENT
    assert follow_up.sent_at is not None
    assert follow_up.attempts == 1


def test_a_row_another_worker_holds_is_left_alone(action):
    follow_up = owed(action, status=FollowUpStatus.SENDING, claimed_at=timezone.now())
    delivery.deliver(follow_up_id=follow_up.pk)
    assert mail.outbox == []


def test_a_row_waiting_for_its_time_is_not_sent_early(action):
    follow_up = owed(action, send_after=timezone.now() + dt.timedelta(minutes=5))
    delivery.deliver(follow_up_id=follow_up.pk)
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"status": ActionStatus.DONE}, "The action is done."),
        ({"due_on": dt.date(2030, 1, 1)}, "The due date has changed."),
        ({"owner": None}, "The action has a new owner."),
    ],
)
def test_a_reminder_no_longer_needed_is_skipped_with_the_reason(action, change, reason):
    follow_up = owed(action)
    if "owner" in change:
        change["owner"] = PersonFactory(email="samir@example.org")
    for name, value in change.items():
        setattr(action, name, value)
    action.save()

    delivery.deliver(follow_up_id=follow_up.pk)

    assert mail.outbox == []
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.last_error) == (FollowUpStatus.SKIPPED, reason)


def test_a_reminder_held_up_past_its_moment_is_not_sent(action):
    """A "due in 3 days" email that could not go out until the due date is wrong by then."""
    follow_up = owed(action, purpose=FollowUpPurpose.DUE_SOON)
    delivery.deliver(follow_up_id=follow_up.pk)
    assert mail.outbox == []
    follow_up.refresh_from_db()
    assert follow_up.last_error == "The due date came before the reminder could be sent."


def test_a_kind_turned_off_after_the_row_was_written_is_not_sent(action):
    follow_up = owed(action)
    FollowUpOptOut.objects.create(person=action.owner, kind=FollowUpKind.REMINDERS)
    delivery.deliver(follow_up_id=follow_up.pk)
    assert mail.outbox == []
    assert FollowUp.objects.get().status == FollowUpStatus.SKIPPED


def test_an_smtp_failure_is_retried_later_with_growing_delays(action, smtp_down, settings):
    settings.FOLLOW_UP_RETRY_SECONDS = 60
    follow_up = owed(action)
    before = timezone.now()

    delivery.deliver(follow_up_id=follow_up.pk)

    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.PENDING
    assert follow_up.attempts == 1
    assert "ConnectionRefusedError" in follow_up.last_error
    assert follow_up.send_after >= before + dt.timedelta(seconds=60)
    assert [outbox.retry_delay(n) for n in range(1, 9)] == [
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
        3600,
    ]


def test_after_the_last_attempt_the_row_shows_as_failed(action, smtp_down, settings):
    settings.FOLLOW_UP_MAX_ATTEMPTS = 2
    follow_up = owed(action)
    for _ in range(2):
        FollowUp.objects.filter(pk=follow_up.pk).update(send_after=timezone.now())
        delivery.deliver(follow_up_id=follow_up.pk)

    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.attempts) == (FollowUpStatus.FAILED, 2)


class RefusingBackend:
    """An email backend whose server answers every recipient with `code`."""

    code = 550

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused(
            {"grace@example.org": (self.code, b"5.1.1 No such mailbox")}
        )


def test_a_mailbox_that_does_not_exist_is_not_tried_again(action, settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    follow_up = owed(action)
    delivery.deliver(follow_up_id=follow_up.pk)
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.attempts) == (FollowUpStatus.FAILED, 1)
    assert "No such mailbox" in follow_up.last_error


def test_a_facilitator_can_have_a_failed_email_tried_again(
    action, django_capture_on_commit_callbacks
):
    follow_up = owed(action, status=FollowUpStatus.FAILED, attempts=8, last_error="Refused")
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery.retry_failed(follow_up=follow_up)
    assert len(mail.outbox) == 1
    assert FollowUp.objects.get().status == FollowUpStatus.SENT


def test_the_sweep_takes_back_the_claim_of_a_worker_that_died(action, settings):
    settings.FOLLOW_UP_CLAIM_TIMEOUT_SECONDS = 600
    claimed = timezone.now() - dt.timedelta(minutes=11)
    follow_up = owed(action, status=FollowUpStatus.SENDING, claimed_at=claimed, attempts=1)
    recent = owed(
        ActionFactory(owner=PersonFactory(email="x@example.org"), due_on=timezone.localdate()),
        status=FollowUpStatus.SENDING,
        claimed_at=timezone.now(),
    )

    assert delivery.sweep() == 1

    assert len(mail.outbox) == 1
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.attempts) == (FollowUpStatus.SENT, 2)
    recent.refresh_from_db()
    assert recent.status == FollowUpStatus.SENDING


def test_the_sweep_does_not_queue_rows_already_on_the_queue(action):
    owed(action, queued_at=timezone.now())
    assert delivery.sweep() == 0
    assert mail.outbox == []


def test_a_broker_outage_loses_nothing(
    monkeypatch, caplog, client, world, django_capture_on_commit_callbacks
):
    """The request succeeds, the row waits, and the next sweep sends it."""

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_follow_up, "apply_async", broker_down)
    session = SessionFactory(area=world.area_a)
    client.force_login(world.facilitator_a)
    with (
        caplog.at_level(logging.WARNING, logger="partnerships.outbox"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            f"{session.get_absolute_url()}actions/",
            {
                "new-action-description": "Book the community hall",
                "new-action-owner": world.steering_a.person.pk,
            },
        )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(purpose=FollowUpPurpose.ASSIGNED)
    assert follow_up.status == FollowUpStatus.PENDING
    assert follow_up.queued_at is None
    assert "the sweep will send them" in caplog.text
    assert mail.outbox == []

    monkeypatch.undo()
    assert delivery.sweep() == 1
    [message] = mail.outbox
    assert "Book the community hall" in message.subject


def test_a_new_action_emails_its_owner_once_the_transaction_commits(
    world, django_capture_on_commit_callbacks
):
    session = SessionFactory(area=world.area_a, title="Screening letters day")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        action = services.action_add(
            session=session,
            by=world.facilitator_a.person,
            description="Ask practices to send letters in Arabic",
            owner=world.steering_a.person,
            due_on=timezone.localdate() + dt.timedelta(days=10),
        )
        assert mail.outbox == []
    assert len(callbacks) == 1

    [message] = mail.outbox
    assert message.subject == "New action for you: Ask practices to send letters in Arabic"
    assert f"http://127.0.0.1:8000{action.get_absolute_url()}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://127.0.0.1:8000{action.get_absolute_url()}"' in html
    assert "Screening letters day" in html


def test_every_email_carries_a_one_click_unsubscribe_and_a_fixed_message_id(action):
    follow_up = owed(action)
    delivery.deliver(follow_up_id=follow_up.pk)
    [message] = mail.outbox
    headers = message.message()
    assert headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/emails/unsubscribe/")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["Message-ID"] == f"<follow-up-{follow_up.pk}@127.0.0.1>"
    assert headers["Auto-Submitted"] == "auto-generated"
    unsubscribe = headers["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:8000")
    assert unsubscribe in message.body
    assert unsubscribe in message.alternatives[0][0]


def test_an_owner_without_an_account_gets_the_owner_link(action):
    delivery.deliver(follow_up_id=owed(action).pk)
    [message] = mail.outbox
    assert "/actions/update/" in message.body
    assert action.get_absolute_url() not in message.body


def test_an_owner_with_an_account_gets_the_action_page(action):
    action.owner = user_with_role(email="owner@example.org").person
    action.save()
    delivery.deliver(follow_up_id=owed(action).pk)
    [message] = mail.outbox
    assert action.get_absolute_url() in message.body
    assert "/actions/update/" not in message.body


def test_a_digest_lists_open_actions_by_when_they_are_due(action, settings):
    settings.FOLLOW_UP_SEND_FROM_HOUR = 0
    ActionFactory(owner=action.owner, due_on=timezone.localdate() - dt.timedelta(days=3))
    ActionFactory(owner=action.owner, due_on=None, description="Write the case study")
    ActionFactory(owner=action.owner, status=ActionStatus.DONE, description="Already done")
    planning.plan_digests(week_of=timezone.localdate())

    delivery.sweep()

    [message] = mail.outbox
    assert message.subject == "Your week: 3 open actions, 1 overdue"
    body = message.body
    assert body.index("OVERDUE") < body.index("DUE IN THE NEXT 7 DAYS") < body.index("LATER")
    assert "Write the case study" in body
    assert "Already done" not in body


def test_the_sweep_takes_back_at_once_the_claim_of_a_worker_whose_heartbeat_stopped(
    action, settings
):
    """Three missed heartbeats, not the ten-minute claim timeout, mark a worker dead."""
    settings.WORKER_HEARTBEAT_SECONDS = 10
    a_minute_ago = timezone.now() - dt.timedelta(minutes=1)
    Heartbeat.objects.create(name="worker:alive", seen_at=timezone.now())
    Heartbeat.objects.create(name="worker:dead", seen_at=a_minute_ago)

    def claimed_by(worker, email):
        owner = PersonFactory(email=email)
        return owed(
            ActionFactory(owner=owner, due_on=timezone.localdate()),
            status=FollowUpStatus.SENDING,
            claimed_at=a_minute_ago,
            claimed_by=worker,
            attempts=1,
        )

    dead = claimed_by("worker:dead", "dead@example.org")
    vanished = claimed_by("worker:never-seen", "vanished@example.org")
    alive = claimed_by("worker:alive", "alive@example.org")
    unnamed = claimed_by("", "unnamed@example.org")

    assert delivery.sweep() == 2

    assert sorted(message.to[0].split("<")[-1].rstrip(">") for message in mail.outbox) == [
        "dead@example.org",
        "vanished@example.org",
    ]
    for row in (dead, vanished):
        row.refresh_from_db()
        assert (row.status, row.attempts) == (FollowUpStatus.SENT, 2)
    for row in (alive, unnamed):
        row.refresh_from_db()
        assert row.status == FollowUpStatus.SENDING


def test_a_worker_whose_heartbeat_is_late_gives_its_claim_back_unsent(action, monkeypatch):
    """The sweep may already count it dead: it must not send what another may send."""
    pulse = heartbeats._Pulse()
    pulse.last_stamp -= 60
    monkeypatch.setattr(heartbeats, "_pulse", pulse)
    follow_up = owed(action)

    delivery.deliver(follow_up_id=follow_up.pk)

    assert mail.outbox == []
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.attempts, follow_up.queued_at) == (
        FollowUpStatus.PENDING,
        0,
        None,
    )
