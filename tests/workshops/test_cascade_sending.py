"""Sending a cascade: once per address whichever lists it is on, in batches, never to an
address that unsubscribed, and safe to run again."""

import smtplib

import pytest
from django.core import mail
from django.utils import timezone

from partnerships import heartbeats
from partnerships.models import Heartbeat
from partnerships.versioning import EditConflict
from tests.factories import user_with_role
from tests.workshops.cascade_factories import (
    ContactFactory,
    ContactListFactory,
    WrittenUpSessionFactory,
)
from workshops.cascades import sending, services
from workshops.models import (
    Cascade,
    CascadeRecipient,
    CascadeStatus,
    EmailUnsubscribe,
    RecipientStatus,
)
from workshops.tasks import send_cascade_batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_lists(world):
    first = ContactListFactory(area=world.area_a, name="VCSE network")
    second = ContactListFactory(area=world.area_a, name="Community groups")
    for n in range(3):
        ContactFactory(contact_list=first, email=f"first{n}@example.org")
        ContactFactory(contact_list=second, email=f"second{n}@example.org")
    # On both lists: one email all the same.
    ContactFactory(contact_list=first, email="both@example.org", name="Sam Both")
    ContactFactory(contact_list=second, email="both@example.org")
    return [first, second]


def send(session, lists, by, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        return services.cascade_send(
            session=session,
            by=by,
            subject=fields.get("subject", "Notes from the partnership day"),
            body=fields.get("body", "### What we heard\n\n- Letters are hard to read"),
            lists=lists,
            version=None,
        )


def test_each_address_gets_the_cascade_once(world, two_lists, django_capture_on_commit_callbacks):
    session = WrittenUpSessionFactory(area=world.area_a)

    cascade = send(session, two_lists, world.lco_a.person, django_capture_on_commit_callbacks)

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert len(recipients) == 7
    assert recipients.count("Sam Both <both@example.org>") == 1
    cascade.refresh_from_db()
    assert cascade.status == CascadeStatus.SENT
    assert cascade.finished_at is not None
    assert set(cascade.recipients.values_list("status", flat=True)) == {RecipientStatus.SENT}


def test_every_email_has_an_unsubscribe_link_and_the_share_page(
    world, two_lists, django_capture_on_commit_callbacks
):
    session = WrittenUpSessionFactory(area=world.area_a)
    cascade = send(session, two_lists, world.lco_a.person, django_capture_on_commit_callbacks)

    message = mail.outbox[0]
    recipient = cascade.recipients.get(email=message.to[0].split("<")[-1].rstrip(">"))
    token = sending.unsubscribe_token(recipient.email)
    assert f"/cascades/unsubscribe/{token}/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"/cascades/shared/{cascade.share_token}/" in message.body
    assert "<li>Letters are hard to read</li>" in message.alternatives[0][0]
    assert message.reply_to == [world.lco_a.person.email]


def test_an_unsubscribed_address_is_never_emailed_from_any_list(
    world, two_lists, django_capture_on_commit_callbacks
):
    EmailUnsubscribe.objects.create(email="both@example.org")
    session = WrittenUpSessionFactory(area=world.area_a)

    cascade = send(session, two_lists, world.lco_a.person, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 6
    assert not cascade.recipients.filter(email="both@example.org").exists()


def test_an_address_that_unsubscribes_while_queued_is_skipped(world, two_lists):
    session = WrittenUpSessionFactory(area=world.area_a)
    cascade = services.cascade_send(
        session=session,
        by=world.lco_a.person,
        subject="Notes",
        body="Body",
        lists=two_lists,
        version=None,
    )
    services.unsubscribe(email="FIRST0@example.org")

    sending.send_batch(cascade_id=cascade.pk)

    assert cascade.recipients.get(email="first0@example.org").status == RecipientStatus.SKIPPED
    assert len(mail.outbox) == 6


def test_running_a_batch_again_sends_nothing_twice(world, two_lists, settings):
    settings.CASCADE_BATCH_SIZE = 3
    session = WrittenUpSessionFactory(area=world.area_a)
    cascade = services.cascade_send(
        session=session, by=world.lco_a.person, subject="S", body="B", lists=two_lists, version=None
    )

    for _ in range(5):
        send_cascade_batch.apply(args=[cascade.pk])
    sending.send_batch(cascade_id=cascade.pk)

    assert len(mail.outbox) == 7
    assert len({message.to[0] for message in mail.outbox}) == 7


def test_a_batch_takes_only_queued_rows_so_a_claimed_row_is_not_sent_again(world, two_lists):
    session = WrittenUpSessionFactory(area=world.area_a)
    cascade = services.cascade_send(
        session=session, by=world.lco_a.person, subject="S", body="B", lists=two_lists, version=None
    )
    claimed = cascade.recipients.first()
    CascadeRecipient.objects.filter(pk=claimed.pk).update(
        status=RecipientStatus.SENDING, claimed_at=timezone.now()
    )

    sending.send_batch(cascade_id=cascade.pk)

    assert claimed.email not in {message.to[0] for message in mail.outbox}
    cascade.refresh_from_db()
    assert cascade.status == CascadeStatus.SENDING


def test_the_sweep_takes_back_a_dead_workers_claims(world, two_lists, settings):
    session = WrittenUpSessionFactory(area=world.area_a)
    cascade = services.cascade_send(
        session=session, by=world.lco_a.person, subject="S", body="B", lists=two_lists, version=None
    )
    long_ago = timezone.now() - timezone.timedelta(hours=1)
    CascadeRecipient.objects.filter(cascade=cascade).update(
        status=RecipientStatus.SENDING, claimed_at=long_ago
    )
    Cascade.objects.filter(pk=cascade.pk).update(batch_at=long_ago)

    assert sending.sweep() == 1

    assert len(mail.outbox) == 7
    cascade.refresh_from_db()
    assert cascade.status == CascadeStatus.SENT


def test_a_refused_address_fails_and_the_rest_are_sent(world, two_lists, monkeypatch):
    session = WrittenUpSessionFactory(area=world.area_a)
    cascade = services.cascade_send(
        session=session, by=world.lco_a.person, subject="S", body="B", lists=two_lists, version=None
    )
    real_compose = sending.compose

    def refuse_one(cascade, recipient, parts):
        message = real_compose(cascade, recipient, parts)
        if recipient.email == "second1@example.org":
            raise smtplib.SMTPRecipientsRefused({recipient.email: (550, b"No such mailbox")})
        return message

    monkeypatch.setattr(sending, "compose", refuse_one)
    sending.send_batch(cascade_id=cascade.pk)

    failed = cascade.recipients.get(status=RecipientStatus.FAILED)
    assert failed.email == "second1@example.org"
    assert "No such mailbox" in failed.last_error
    assert len(mail.outbox) == 6
    assert sending.progress(cascade) | {} == {
        **sending.progress(cascade),
        "sent": 6,
        "failed": 1,
        "waiting": 0,
    }


def test_a_cascade_is_sent_once_even_if_sent_again_from_another_tab(world, two_lists):
    session = WrittenUpSessionFactory(area=world.area_a)
    services.cascade_send(
        session=session, by=world.lco_a.person, subject="S", body="B", lists=two_lists, version=None
    )
    with pytest.raises(services.AlreadySent):
        services.cascade_send(
            session=session,
            by=world.lco_a.person,
            subject="S",
            body="B",
            lists=two_lists,
            version=1,
        )
    assert CascadeRecipient.objects.count() == 7


def test_batches_wait_for_the_rate_limit(world, two_lists, settings, monkeypatch):
    settings.CASCADE_BATCH_SIZE = 4
    settings.CASCADE_EMAILS_PER_SECOND = 2
    session = WrittenUpSessionFactory(area=world.area_a)
    cascade = services.cascade_send(
        session=session, by=world.lco_a.person, subject="S", body="B", lists=two_lists, version=None
    )
    queued = []
    monkeypatch.setattr(
        sending, "dispatch", lambda cascade_id, countdown=None: queued.append(countdown)
    )

    sending.send_batch(cascade_id=cascade.pk)

    assert len(mail.outbox) == 4
    # Four emails at two a second: the next batch may start two seconds after this one.
    assert 1.5 < queued[0] <= 2


def test_a_draft_is_kept_and_a_stale_draft_is_refused(world, two_lists):
    session = WrittenUpSessionFactory(area=world.area_a)
    lco = world.lco_a.person
    draft = services.cascade_save(
        session=session, by=lco, subject="S", body="First", lists=two_lists[:1], version=None
    )
    services.cascade_save(
        session=session, by=lco, subject="S", body="Second", lists=[], version=draft.version
    )
    with pytest.raises(EditConflict):
        services.cascade_save(
            session=session, by=lco, subject="S", body="Third", lists=[], version=draft.version
        )
    draft.refresh_from_db()
    assert (draft.body, draft.status, list(draft.lists.all())) == ("Second", "draft", [])
    assert mail.outbox == []


def test_a_facilitator_can_send_too(world, two_lists, django_capture_on_commit_callbacks):
    facilitator = user_with_role(world.area_a, "facilitator")
    session = WrittenUpSessionFactory(area=world.area_a)
    cascade = send(session, two_lists, facilitator.person, django_capture_on_commit_callbacks)
    cascade.refresh_from_db()
    assert cascade.sent_by == facilitator.person


class DownServer:
    """An SMTP connection to a server that is not there."""

    def open(self):
        raise ConnectionRefusedError("Connection refused")

    def close(self):
        pass


def test_a_server_that_is_down_is_retried_with_backoff_then_failed(
    world, two_lists, settings, monkeypatch
):
    settings.CASCADE_MAX_ATTEMPTS = 2
    settings.FOLLOW_UP_RETRY_SECONDS = 30
    session = WrittenUpSessionFactory(area=world.area_a)
    cascade = services.cascade_send(
        session=session, by=world.lco_a.person, subject="S", body="B", lists=two_lists, version=None
    )
    monkeypatch.setattr(sending, "get_connection", DownServer)
    queued = []
    monkeypatch.setattr(
        sending, "dispatch", lambda cascade_id, countdown=None: queued.append(countdown)
    )

    sending.send_batch(cascade_id=cascade.pk)
    assert set(cascade.recipients.values_list("status", flat=True)) == {RecipientStatus.QUEUED}
    assert queued == [30]

    sending.send_batch(cascade_id=cascade.pk)
    assert set(cascade.recipients.values_list("status", flat=True)) == {RecipientStatus.FAILED}
    assert "Connection refused" in cascade.recipients.first().last_error
    cascade.refresh_from_db()
    assert cascade.status == CascadeStatus.SENT
    assert queued == [30]


def test_the_sweep_restarts_at_once_a_cascade_whose_worker_stopped_beating(
    world, two_lists, settings
):
    """Its batch chain stopped a minute ago, far short of the claim timeout."""
    settings.WORKER_HEARTBEAT_SECONDS = 10
    session = WrittenUpSessionFactory(area=world.area_a)
    cascade = services.cascade_send(
        session=session, by=world.lco_a.person, subject="S", body="B", lists=two_lists, version=None
    )
    a_minute_ago = timezone.now() - timezone.timedelta(minutes=1)
    Heartbeat.objects.create(name="worker:dead", seen_at=a_minute_ago)
    CascadeRecipient.objects.filter(cascade=cascade).update(
        status=RecipientStatus.SENDING, claimed_at=a_minute_ago, claimed_by="worker:dead"
    )
    Cascade.objects.filter(pk=cascade.pk).update(batch_at=a_minute_ago)

    assert sending.sweep() == 1

    assert len(mail.outbox) == 7
    cascade.refresh_from_db()
    assert cascade.status == CascadeStatus.SENT


def test_a_cascade_of_a_worker_still_beating_is_left_to_it(world, two_lists, settings):
    session = WrittenUpSessionFactory(area=world.area_a)
    cascade = services.cascade_send(
        session=session, by=world.lco_a.person, subject="S", body="B", lists=two_lists, version=None
    )
    a_minute_ago = timezone.now() - timezone.timedelta(minutes=1)
    Heartbeat.objects.create(name="worker:busy", seen_at=timezone.now())
    CascadeRecipient.objects.filter(cascade=cascade).update(
        status=RecipientStatus.SENDING, claimed_at=a_minute_ago, claimed_by="worker:busy"
    )
    Cascade.objects.filter(pk=cascade.pk).update(batch_at=a_minute_ago)

    assert sending.sweep() == 0
    assert mail.outbox == []


def test_a_worker_whose_heartbeat_is_late_gives_its_batch_back_unsent(
    world, two_lists, monkeypatch
):
    pulse = heartbeats._Pulse()
    pulse.last_stamp -= 60
    monkeypatch.setattr(heartbeats, "_pulse", pulse)
    session = WrittenUpSessionFactory(area=world.area_a)
    cascade = services.cascade_send(
        session=session, by=world.lco_a.person, subject="S", body="B", lists=two_lists, version=None
    )

    queued = []
    monkeypatch.setattr(sending, "dispatch", lambda *args, **kwargs: queued.append(args))

    sending.send_batch(cascade_id=cascade.pk)

    assert mail.outbox == []
    assert set(cascade.recipients.values_list("status", "attempts")) == {
        (RecipientStatus.QUEUED, 0)
    }
    # Queued again, the batch would come straight back to this late worker (over and over,
    # as deep as the stack goes, with tasks run at once): the sweep restarts it instead.
    assert queued == []
