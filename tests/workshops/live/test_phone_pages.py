"""The pages people open on their phones: no account, found only by a working code."""

import re
import uuid

import pytest
from django.urls import reverse

from partnerships.models import ConsentUse, Sector
from tests.workshops.factories import InsightFactory
from tests.workshops.live.factories import RoomFactory, RoomItemFactory
from workshops.live import services, tokens
from workshops.live.models import ItemStatus, Naming, RoomItem, RoomPhone, RoomVote, Sharing
from workshops.models import Insight, InsightKind, SectorHeadcount

pytestmark = pytest.mark.django_db


def phone_url(name, room, *args):
    return reverse(f"workshops:live:{name}", args=[room.code, *args])


def client_id(page: str) -> str:
    return re.search(r'name="client_id" value="([0-9a-f-]+)"', page).group(1)


def send(client, room, kind, **data):
    page = client.get(phone_url("phone-send", room, kind)).content.decode()
    return client.post(phone_url("phone-send", room, kind), {"client_id": client_id(page), **data})


def test_a_phone_joins_by_typing_the_code(client, room):
    response = client.get(reverse("workshops:live:phone-join"), {"code": room.code.lower()})
    assert response.status_code == 302
    assert response["Location"] == phone_url("phone-room", room)

    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "Have your say" in body
    assert "Screening day" in body
    # The phone was given its id on its first visit, and keeps it.
    assert response.cookies["live_phone"]["httponly"]
    assert "live_phone" not in page.cookies


def test_a_code_that_does_not_work_reveals_nothing(client, world, room):
    closed = RoomFactory()
    services.room_close(room=closed, by=world.lead.person)
    for code in ("ABCDEFGH", closed.code, "x" * 300, "<script>"):
        response = client.get(f"/live/{code}/")
        assert response.status_code == 404
        body = response.content.decode()
        assert "This code does not work" in body
        assert closed.session.title not in body
    assert client.get(f"/live/{closed.code}/barrier/").status_code == 404
    assert client.post(f"/live/{closed.code}/barrier/", {"text": "x"}).status_code == 404
    assert not RoomItem.objects.exists()


def test_guessing_codes_is_stopped_after_a_few_tries(client, settings, room):
    settings.LIVE_CODE_MISSES_PER_PHONE = 100
    settings.LIVE_CODE_MISSES_PER_ADDRESS = 3
    for guess in ("AAAAAAAA", "BBBBBBBB", "CCCCCCCC"):
        assert client.get(f"/live/{guess}/").status_code == 404
    # Once an address has guessed too often, even the right code waits: a guesser cannot
    # tell a hit from a miss.
    response = client.get(phone_url("phone-room", room))
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
    other_address = client.get(phone_url("phone-room", room), REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 200


def test_a_phone_sends_a_barrier_without_an_account_or_a_name(client, room):
    response = send(client, room, "barrier", text="  The bus stops at six  ", barrier_type="")
    assert response.status_code == 302
    assert response["Location"] == f"{phone_url('phone-room', room)}?sent=barrier"
    item = RoomItem.objects.get()
    assert (item.kind, item.text, item.status) == (
        InsightKind.BARRIER,
        "The bus stops at six",
        ItemStatus.WAITING,
    )
    assert item.phone.key == client.cookies["live_phone"].value.split(":")[0]
    assert (
        "We got what you said gets in the way" in client.get(response["Location"]).content.decode()
    )


def test_sending_the_same_form_again_keeps_one_item(client, room):
    page = client.get(phone_url("phone-send", room, "idea")).content.decode()
    data = {"client_id": client_id(page), "text": "A screening day at the mosque"}
    for _ in range(3):
        assert client.post(phone_url("phone-send", room, "idea"), data).status_code == 302
    assert RoomItem.objects.count() == 1


def test_mistakes_are_explained_next_to_the_field_and_nothing_is_kept(client, room):
    response = send(client, room, "idea", text="x" * 501)
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    assert "That is too long to send" in body
    assert 'href="#id_text"' in body
    assert not RoomItem.objects.exists()


def test_hostile_words_are_kept_but_never_run(client, world, room):
    send(client, room, "barrier", text="<script>alert('x')</script>", barrier_type="")
    item = RoomItem.objects.get()
    assert item.text == "<script>alert('x')</script>"
    services.item_accept(item=item, by=world.facilitator_a.person)
    client.force_login(world.facilitator_a)
    wall = client.get(
        reverse("workshops:live:wall", args=[room.session.area.slug, room.session.pk])
    )
    body = wall.content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body


def test_a_null_character_is_refused_with_a_message_not_an_error(client, room):
    response = send(client, room, "idea", text="A bus\x00 after six")
    assert response.status_code == 400
    assert "a character we cannot keep" in response.content.decode()


def test_a_phone_that_sends_too_much_is_asked_to_wait(client, settings, room):
    settings.LIVE_SENDS_PER_PHONE = 2
    for number in range(2):
        assert send(client, room, "idea", text=f"Idea {number}").status_code == 302
    response = send(client, room, "idea", text="One too many")
    assert response.status_code == 429
    assert RoomItem.objects.count() == 2
    # Another phone on the same wifi is not held up by this one.
    other = client.__class__()
    assert send(other, room, "idea", text="From another phone").status_code == 302


def test_the_venue_address_has_a_wide_limit_of_its_own(client, settings, room):
    settings.LIVE_SENDS_PER_ADDRESS = 2
    phones = [client.__class__() for _ in range(3)]
    answers = [send(phone, room, "idea", text="An idea").status_code for phone in phones]
    assert answers == [302, 302, 429]


def test_a_tampered_phone_cookie_counts_as_a_new_phone(client, room):
    client.cookies["live_phone"] = "0" * 32 + ":forged"
    response = client.get(phone_url("phone-room", room))
    assert response.status_code == 200
    assert response.cookies["live_phone"].value != "0" * 32 + ":forged"


def test_a_story_records_how_to_name_its_teller_and_what_they_agreed(client, room):
    response = send(
        client,
        room,
        "story",
        text="Nobody explained the test to my mum.",
        naming=Naming.ROLE,
        role="a carer from Hampden Park",
        sharing=Sharing.NOTES,
    )
    item = RoomItem.objects.get()
    assert (item.kind, item.naming, item.role, item.name, item.sharing) == (
        InsightKind.QUOTE,
        Naming.ROLE,
        "a carer from Hampden Park",
        "",
        Sharing.NOTES,
    )
    assert "Can we share what you said?" in item.consent_wording
    assert "Yes, but only in the notes from today" in item.consent_wording
    assert item.language == "en-gb"
    receipt = reverse("workshops:live:phone-receipt", args=[tokens.receipt_token(item)])
    assert response["Location"] == f"{receipt}?new=1"


def test_a_story_asks_for_a_name_only_if_the_teller_wants_to_be_named(client, room):
    response = send(client, room, "story", text="My story", naming=Naming.NAME, sharing="none")
    assert response.status_code == 400
    assert "Write your name, or choose another answer." in response.content.decode()
    assert not RoomItem.objects.exists()


def test_the_receipt_takes_the_words_back(client, world, room):
    send(client, room, "story", text="I felt judged.", naming=Naming.NONE, sharing="reports")
    item = RoomItem.objects.get()
    quote = services.item_accept(item=item, by=world.facilitator_a.person)
    receipt = reverse("workshops:live:phone-receipt", args=[tokens.receipt_token(item)])
    services.room_close(room=room, by=world.facilitator_a.person)

    page = client.get(receipt).content.decode()
    assert "I felt judged." in page
    assert "Take my words out" in page
    assert client.post(receipt).status_code == 302

    assert "Your words have been taken out" in client.get(receipt).content.decode()
    assert not Insight.objects.shareable().filter(pk=quote.pk).exists()
    assert not Insight.objects.shareable(use=ConsentUse.CASE_STUDIES).filter(pk=quote.pk).exists()


def test_a_made_up_receipt_does_not_work(client, room):
    item = RoomItemFactory(room=room, kind=InsightKind.QUOTE, sharing=Sharing.REPORTS)
    forged = tokens.receipt_token(item)[:-2] + "xx"
    assert client.get(reverse("workshops:live:phone-receipt", args=[forged])).status_code == 404
    assert client.post(reverse("workshops:live:phone-receipt", args=[forged])).status_code == 404


def test_about_you_adds_to_the_head_counts_without_a_name(client, room):
    url = phone_url("phone-about", room)
    assert "Where are you from today?" in client.get(url).content.decode()
    client.post(url, {"sector": Sector.FAITH, "lived_experience": "yes"})
    client.post(url, {"sector": Sector.FAITH, "lived_experience": "yes"})

    assert SectorHeadcount.objects.get(session=room.session).count == 1
    room.session.refresh_from_db()
    assert room.session.lived_experience_headcount == 1
    page = client.get(url).content.decode()
    assert 'value="faith" checked' in page


def test_a_phone_votes_for_up_to_its_number_of_ideas(client, room):
    ideas = [InsightFactory(session=room.session, kind=InsightKind.IDEA) for _ in range(4)]
    url = phone_url("phone-vote", room)
    assert "The vote is not open" in client.get(url).content.decode()
    services.vote_open(room=room, votes_per_phone=3)
    assert "Vote for the best ideas" in client.get(phone_url("phone-room", room)).content.decode()

    too_many = client.post(url, {"ideas": [str(idea.pk) for idea in ideas]})
    assert too_many.status_code == 400
    assert "You can choose up to 3. Untick some." in too_many.content.decode()
    assert client.post(url, {"ideas": [ideas[0].pk, ideas[1].pk]}).status_code == 302

    assert RoomVote.objects.count() == 2
    assert RoomPhone.objects.count() == 1


def test_a_table_host_sends_with_their_table_and_without_an_account(client, room):
    token = tokens.table_link_token(room, 3)
    home = client.get(reverse("workshops:live:table-room", args=[token]))
    assert "You are the host for table 3." in home.content.decode()

    url = reverse("workshops:live:table-send", args=[token, "decision"])
    page = client.get(url).content.decode()
    client.post(url, {"client_id": client_id(page), "text": "Meet the practice managers"})

    item = RoomItem.objects.get()
    assert (item.kind, item.table, item.phone) == (InsightKind.DECISION, 3, None)


def test_table_links_stop_when_withdrawn_or_the_room_closes(client, world, room):
    token = tokens.table_link_token(room, 1)
    url = reverse("workshops:live:table-room", args=[token])
    services.table_links_withdraw(room=room)
    assert client.get(url).status_code == 404

    fresh = tokens.table_link_token(room, 1)
    services.room_close(room=room, by=world.lead.person)
    assert client.get(reverse("workshops:live:table-room", args=[fresh])).status_code == 404


def test_table_links_expire(client, settings, room):
    settings.LIVE_TABLE_LINK_HOURS = 0
    token = tokens.table_link_token(room, 1)
    assert client.get(reverse("workshops:live:table-room", args=[token])).status_code == 404


def test_phone_pages_say_their_language_and_direction_and_are_not_cached(client, room):
    response = client.get(phone_url("phone-room", room))
    assert '<html lang="en-gb" dir="ltr">' in response.content.decode()
    assert response["Content-Language"] == "en-gb"
    assert "no-store" in response["Cache-Control"]


def test_participant_pages_need_no_session(client, room):
    send(client, room, "idea", text="An idea")
    assert "sessionid" not in client.cookies


def test_a_barrier_can_be_about_something_else(client, room):
    page = client.get(phone_url("phone-send", room, "barrier")).content.decode()
    assert "Getting there: buses, distance or parking" in page
    assert "Something else" in page


@pytest.mark.parametrize("kind", ["decision", "quote", "nonsense"])
def test_phones_cannot_send_other_kinds(client, room, kind):
    response = client.post(
        phone_url("phone-send", room, kind), {"client_id": str(uuid.uuid4()), "text": "x"}
    )
    assert response.status_code == 404
    assert not RoomItem.objects.exists()


def test_phones_can_still_send_when_the_cache_is_down(client, room, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    page = client.get(phone_url("phone-send", room, "idea")).content.decode()
    for name in ("get", "add", "incr"):
        monkeypatch.setattr(cache, name, down)
    response = client.post(
        phone_url("phone-send", room, "idea"), {"client_id": client_id(page), "text": "A bus"}
    )
    assert response.status_code == 302
    assert RoomItem.objects.get().text == "A bus"
