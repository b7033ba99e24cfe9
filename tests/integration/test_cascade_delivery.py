"""A cascade end to end: a real Celery worker on Redis sends it to a real SMTP server.

Each test counts what reached the SMTP server: every address exactly once, however the
batches fall and whatever is run again, and prints how fast the emails went out.
"""

import time
from collections import Counter

import pytest
from django.db import transaction

from tests.factories import AreaFactory, PersonFactory
from tests.workshops.cascade_factories import ContactListFactory, WrittenUpSessionFactory
from workshops.cascades import sending, services
from workshops.models import Cascade, CascadeStatus, Contact, ContactBasis, RecipientStatus

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

RECIPIENTS = 300


@pytest.fixture
def worker(monkeypatch, request):
    """The worker's settings: batches of 50, and a rate limit high enough not to bind, so
    the rate measured is what the worker and SMTP path can do."""
    monkeypatch.setenv("CASCADE_BATCH_SIZE", "50")
    monkeypatch.setenv("CASCADE_EMAILS_PER_SECOND", "1000")
    return request.getfixturevalue("celery_worker_process")


def wait_until(predicate, timeout=120, what="the condition"):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {what}")
        time.sleep(0.05)


def two_lists(area, count):
    """`count` addresses over two lists, a sixth of them on both."""
    first = ContactListFactory(area=area, name="VCSE network")
    second = ContactListFactory(area=area, name="Community groups")
    emails = [f"contact{n}@example.org" for n in range(count)]
    overlap = count // 6
    Contact.objects.bulk_create(
        [
            Contact(contact_list=first, email=email, basis=ContactBasis.CONSENT)
            for email in emails[: count // 2 + overlap]
        ]
        + [
            Contact(contact_list=second, email=email, basis=ContactBasis.CONSENT)
            for email in emails[count // 2 :]
        ]
    )
    return [first, second]


def recipients_of(messages):
    return Counter(message["To"] for message in messages)


def test_a_cascade_to_300_addresses_arrives_exactly_once_each(worker, smtp_sink):
    area = AreaFactory()
    lists = two_lists(area, RECIPIENTS)
    session = WrittenUpSessionFactory(area=area)

    started = time.monotonic()
    with transaction.atomic():
        cascade = services.cascade_send(
            session=session,
            by=PersonFactory(),
            subject="Notes from the partnership day",
            body="# What we heard\n\n- Letters are hard to read",
            lists=lists,
            version=None,
        )
    wait_until(lambda: len(smtp_sink.messages) >= RECIPIENTS, what=f"{RECIPIENTS} emails")
    elapsed = time.monotonic() - started
    wait_until(
        lambda: Cascade.objects.get(pk=cascade.pk).status == CascadeStatus.SENT,
        what="the cascade to finish",
    )
    # Room for a duplicate on its way to arrive; then run every batch again.
    sending.dispatch(cascade.pk)
    sending.dispatch(cascade.pk)
    time.sleep(2)

    arrived = recipients_of(smtp_sink.messages)
    assert len(arrived) == RECIPIENTS
    assert set(arrived.values()) == {1}
    assert set(cascade.recipients.values_list("status", flat=True)) == {RecipientStatus.SENT}
    rate = RECIPIENTS / elapsed
    print(f"\nCascade to {RECIPIENTS} addresses: {elapsed:.2f} s, {rate:.1f} emails/second")
    assert worker.wait_for_log("send_cascade_batch", count=RECIPIENTS // 50)


def test_the_rate_limit_paces_the_batches(monkeypatch, request, smtp_sink):
    monkeypatch.setenv("CASCADE_BATCH_SIZE", "10")
    monkeypatch.setenv("CASCADE_EMAILS_PER_SECOND", "20")
    request.getfixturevalue("celery_worker_process")
    area = AreaFactory()
    lists = two_lists(area, 60)
    session = WrittenUpSessionFactory(area=area)

    started = time.monotonic()
    with transaction.atomic():
        services.cascade_send(
            session=session, by=PersonFactory(), subject="S", body="B", lists=lists, version=None
        )
    wait_until(lambda: len(smtp_sink.messages) >= 60, what="60 emails")
    elapsed = time.monotonic() - started

    # Six batches of ten at twenty a second: the last starts 2.5 s after the first.
    assert elapsed >= 2.5
    assert set(recipients_of(smtp_sink.messages).values()) == {1}
    print(f"\nRate-limited to 20/s: 60 emails in {elapsed:.2f} s ({60 / elapsed:.1f}/s)")
