"""The cascade pages: who may see them, what bad input says, the share page and the
unsubscribe link, and how many queries each page takes."""

import pytest
from django.core import mail
from django.urls import reverse

from partnerships.models import AuditAction, AuditEvent
from tests.workshops.cascade_factories import (
    ContactFactory,
    ContactListFactory,
    WrittenUpSessionFactory,
)
from tests.workshops.factories import AttendanceFactory, QuoteFactory, SessionFactory
from workshops.cascades import sending, services
from workshops.models import Cascade, CascadeStatus, Consent, EmailUnsubscribe

pytestmark = pytest.mark.django_db


def cascade_url(session):
    return reverse("workshops:cascade", args=[session.area.slug, session.pk])


@pytest.fixture
def lists(world):
    first = ContactListFactory(area=world.area_a, name="VCSE network")
    second = ContactListFactory(area=world.area_a, name="Communications leads")
    ContactFactory(contact_list=first, email="one@example.org")
    ContactFactory(contact_list=second, email="two@example.org")
    return [first, second]


def sent_cascade(world, lists, **fields):
    session = WrittenUpSessionFactory(area=world.area_a, **fields)
    return services.cascade_send(
        session=session,
        by=world.lco_a.person,
        subject="Notes",
        body="What we heard",
        lists=lists,
        version=None,
    )


@pytest.mark.parametrize("persona", ["lco_a", "facilitator_a", "lead"])
def test_the_area_team_sees_the_waiting_list(client, world, persona):
    waiting = WrittenUpSessionFactory(area=world.area_a, title="Waiting session")
    SessionFactory(area=world.area_a, title="Not written up yet")
    client.force_login(getattr(world, persona))

    response = client.get(reverse("workshops:cascade-waiting", args=[world.area_a.slug]))

    assert response.status_code == 200
    assert [s.pk for s in response.context["waiting"]] == [waiting.pk]


@pytest.mark.parametrize("persona", ["steering_a", "lco_b", "funder", "no_role"])
def test_everyone_else_gets_404(client, world, lists, persona):
    session = WrittenUpSessionFactory(area=world.area_a)
    client.force_login(getattr(world, persona))
    for url in (
        reverse("workshops:cascade-waiting", args=[world.area_a.slug]),
        cascade_url(session),
        reverse("workshops:contact-lists", args=[world.area_a.slug]),
        lists[0].get_absolute_url(),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code in {404, 405}, url


def test_waiting_sessions_are_oldest_first_and_leave_once_sent(client, world, lists):
    older = WrittenUpSessionFactory(area=world.area_a)
    newer = WrittenUpSessionFactory(area=world.area_a)
    older.starts_at, newer.starts_at = newer.starts_at, older.starts_at
    older.starts_at = older.starts_at.replace(year=older.starts_at.year - 1)
    older.save()
    sent = sent_cascade(world, lists)
    client.force_login(world.lco_a)

    response = client.get(reverse("workshops:cascade-waiting", args=[world.area_a.slug]))

    assert [s.pk for s in response.context["waiting"]] == [older.pk, newer.pk]
    assert [c.pk for c in response.context["recent"]] == [sent.pk]


def test_the_compose_page_is_pre_filled_without_names_or_unconsented_quotes(client, world, lists):
    session = WrittenUpSessionFactory(area=world.area_a)
    attendee = AttendanceFactory(session=session).person
    session.summary = f"Thanks to {attendee.full_name} for the room."
    session.save()
    QuoteFactory(session=session, text="Quoted with consent")
    QuoteFactory(session=session, text="Quoted without consent", consent=Consent.NONE)
    client.force_login(world.lco_a)

    response = client.get(cascade_url(session))

    body = response.context["form"]["body"].value()
    assert "Quoted with consent" in body
    assert "Quoted without consent" not in body
    assert attendee.full_name not in body
    assert attendee.full_name not in response.content.decode()


def test_sending_to_two_lists_from_the_page(
    client, world, lists, django_capture_on_commit_callbacks
):
    session = WrittenUpSessionFactory(area=world.area_a)
    client.force_login(world.lco_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            cascade_url(session),
            {
                "subject": "Notes",
                "body": "What we heard",
                "lists": [c.pk for c in lists],
                "intent": "send",
            },
        )

    assert response.status_code == 302
    assert len(mail.outbox) == 2
    page = client.get(cascade_url(session)).content.decode()
    assert "Sent to 2 of 2 addresses" in page
    assert "VCSE network, Communications leads" in page or "Communications leads, VCSE" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"lists": []}, "lists", "Choose at least one list to send the cascade to."),
        ({"body": "   "}, "body", "Enter what the email says. It cannot be empty."),
        ({"subject": ""}, "subject", "Enter a subject for the email."),
    ],
)
def test_bad_input_is_explained_and_the_words_are_kept(client, world, lists, data, field, message):
    session = WrittenUpSessionFactory(area=world.area_a)
    client.force_login(world.lco_a)
    posted = {
        "subject": "Notes",
        "body": "My careful words",
        "lists": [lists[0].pk],
        "intent": "send",
        **data,
    }

    response = client.post(cascade_url(session), posted)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert "There is a problem" in response.content.decode()
    if field != "body":
        assert "My careful words" in response.content.decode()
    assert not Cascade.objects.exists()


def test_a_list_with_only_unsubscribed_addresses_cannot_be_sent_to(client, world, lists):
    EmailUnsubscribe.objects.create(email="one@example.org")
    session = WrittenUpSessionFactory(area=world.area_a)
    client.force_login(world.lco_a)

    response = client.post(
        cascade_url(session),
        {"subject": "S", "body": "B", "lists": [lists[0].pk], "intent": "send"},
    )

    assert "nobody who can be emailed" in response.context["form"].errors["lists"][0]


def test_a_draft_needs_no_lists_and_sends_nothing(client, world):
    session = WrittenUpSessionFactory(area=world.area_a)
    client.force_login(world.lco_a)

    client.post(cascade_url(session), {"subject": "S", "body": "Draft words", "intent": "save"})

    cascade = Cascade.objects.get()
    assert (cascade.status, cascade.body) == (CascadeStatus.DRAFT, "Draft words")
    assert mail.outbox == []
    page = client.get(cascade_url(session))
    assert page.context["form"]["body"].value() == "Draft words"


def test_a_session_not_written_up_cannot_be_cascaded(client, world, lists):
    session = SessionFactory(area=world.area_a)
    client.force_login(world.lco_a)

    assert "not written up yet" in client.get(cascade_url(session)).content.decode()
    response = client.post(
        cascade_url(session), {"subject": "S", "body": "B", "lists": [lists[0].pk]}
    )
    assert response.status_code == 403


def test_the_session_page_shows_the_cascade_record_to_the_team_only(client, world, lists):
    cascade = sent_cascade(world, lists)
    sending.send_batch(cascade_id=cascade.pk)
    client.force_login(world.facilitator_a)

    page = client.get(cascade.session.get_absolute_url()).content.decode()
    assert f"by {world.lco_a.person.full_name}" in page
    assert "2 addresses" in page
    assert "VCSE network" in page

    client.force_login(world.steering_a)
    page = client.get(cascade.session.get_absolute_url()).content.decode()
    assert "VCSE network" not in page


def test_the_progress_partial_polls_while_sending_and_stops_when_done(client, world, lists):
    cascade = sent_cascade(world, lists)
    client.force_login(world.lco_a)
    url = cascade_url(cascade.session) + "?section=progress"

    sending_now = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'data-hx-trigger="every 2s"' in sending_now
    assert "0 of 2 sent" in sending_now
    assert "Refresh to see progress" in sending_now

    sending.send_batch(cascade_id=cascade.pk)
    done = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "data-hx-trigger" not in done
    assert "Sent to 2 of 2 addresses" in done


def test_the_share_page_shows_the_cascade_and_nothing_more(client, world, lists):
    session = WrittenUpSessionFactory(area=world.area_a)
    attendee = AttendanceFactory(session=session).person
    cascade = services.cascade_send(
        session=session,
        by=world.lco_a.person,
        subject="Notes from the day",
        body="# What we heard\n\nLetters are hard to read",
        lists=lists,
        version=None,
    )
    url = reverse("workshops:cascade-share", args=[cascade.share_token])

    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Letters are hard to read" in page
    assert attendee.full_name not in page
    assert world.lco_a.person.full_name not in page
    assert "one@example.org" not in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_withdrawn_share_page_is_gone_and_a_new_one_works(client, world, lists):
    cascade = sent_cascade(world, lists)
    old = reverse("workshops:cascade-share", args=[cascade.share_token])
    client.force_login(world.lco_a)
    link = reverse("workshops:cascade-share-link", args=[world.area_a.slug, cascade.session_id])

    client.post(link, {"withdraw": "1"})
    client.logout()
    assert client.get(old).status_code == 404

    client.force_login(world.lco_a)
    client.post(link)
    cascade.refresh_from_db()
    client.logout()
    assert (
        client.get(reverse("workshops:cascade-share", args=[cascade.share_token])).status_code
        == 200
    )
    assert client.get(old).status_code == 404


@pytest.mark.parametrize("token", ["x", "a" * 100, ""])
def test_unknown_share_addresses_are_404(client, token):
    assert client.get(f"/cascades/shared/{token}/").status_code == 404


def test_a_draft_has_no_share_page(client, world):
    session = WrittenUpSessionFactory(area=world.area_a)
    cascade = services.cascade_save(
        session=session, by=world.lco_a.person, subject="S", body="B", lists=[], version=None
    )
    Cascade.objects.filter(pk=cascade.pk).update(share_token="draft-token-that-leaked")
    assert client.get("/cascades/shared/draft-token-that-leaked/").status_code == 404


def test_unsubscribing_needs_no_sign_in_and_lasts_for_ever(client):
    token = sending.unsubscribe_token("someone@example.org")
    url = reverse("workshops:cascade-unsubscribe", args=[token])

    assert "Stop these emails?" in client.get(url).content.decode()
    assert not EmailUnsubscribe.objects.exists()
    response = client.post(url)
    client.post(url)

    assert "will not be sent" in response.content.decode()
    assert list(EmailUnsubscribe.objects.values_list("email", flat=True)) == ["someone@example.org"]


def test_a_forged_unsubscribe_token_is_refused(client):
    _payload, signature = sending.unsubscribe_token("someone@example.org").split(":")
    other_payload = sending.unsubscribe_token("another@example.org").split(":")[0]
    forged = f"{other_payload}:{signature}"
    assert client.post(f"/cascades/unsubscribe/{forged}/").status_code == 404
    assert not EmailUnsubscribe.objects.exists()


def test_failed_addresses_shown_on_the_record_are_audited(client, world, lists):
    cascade = sent_cascade(world, lists)
    cascade.recipients.filter(email="one@example.org").update(
        status="failed", last_error="550 No such mailbox"
    )
    client.force_login(world.lco_a)

    page = client.get(cascade_url(cascade.session)).content.decode()

    assert "one@example.org: 550 No such mailbox" in page
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEWED_PERSONAL_DATA, target_id=str(cascade.pk)
    ).exists()


def test_pages_take_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    """Ten times the sessions, lists, contacts and recipients cost no more queries."""

    def build(count):
        area_lists = [
            ContactListFactory(area=world.area_a, name=f"List {count}-{n}") for n in range(count)
        ]
        for contact_list in area_lists:
            for _ in range(count):
                ContactFactory(contact_list=contact_list)
        for _ in range(count):
            WrittenUpSessionFactory(area=world.area_a)
        cascade = sent_cascade(world, area_lists)
        return area_lists, cascade

    small_lists, small = build(1)
    big_lists, big = build(10)
    client.force_login(world.lco_a)
    waiting = reverse("workshops:cascade-waiting", args=[world.area_a.slug])
    lists_page = reverse("workshops:contact-lists", args=[world.area_a.slug])
    compose_small = cascade_url(WrittenUpSessionFactory(area=world.area_a))
    compose_big = cascade_url(WrittenUpSessionFactory(area=world.area_a))
    progress = "?section=progress"
    pages = [
        ("waiting", waiting, waiting, 11),
        # The draft is written from the session's notes, counts of who came included.
        ("compose", compose_small, compose_big, 18),
        ("lists", lists_page, lists_page, 9),
        ("list", small_lists[0].get_absolute_url(), big_lists[0].get_absolute_url(), 11),
        (
            "progress",
            cascade_url(small.session) + progress,
            cascade_url(big.session) + progress,
            12,
        ),
    ]
    for name, small_url, big_url, bound in pages:
        with django_assert_max_num_queries(bound) as first:
            assert client.get(small_url, headers={"HX-Request": "true"}).status_code == 200
        with django_assert_max_num_queries(len(first)) as second:
            assert client.get(big_url, headers={"HX-Request": "true"}).status_code == 200
        print(f"{name}: {len(second)} queries")
