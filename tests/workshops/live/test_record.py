"""What the room said reaches the session's record like anything typed in afterwards:
the session page, its notes and their PDF, the cascade draft, learning across areas,
and a person's rights over their words."""

import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from partnerships.models import Person
from partnerships.privacy import retention
from partnerships.privacy.selectors import AREAS, PROGRAMME, ExportScope
from partnerships.privacy.services import person_erase, person_export
from tests.workshops.live.factories import RoomItemFactory
from workshops.cascades.compose import draft_cascade
from workshops.live import services
from workshops.live.models import ItemStatus, Naming, RoomItem, RoomPhone, RoomVote, Sharing
from workshops.live.privacy import REMOVED
from workshops.models import Insight, InsightKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard(world, room):
    """A barrier from table 3 at 11:42, an idea from a phone, and a consented story."""
    by = world.facilitator_a.person
    with time_machine.travel(dt.datetime(2026, 3, 4, 11, 42, tzinfo=dt.UTC), tick=False):
        barrier = RoomItemFactory(room=room, text="The bus stops running at six", table=3)
        idea = RoomItemFactory(room=room, kind=InsightKind.IDEA, text="An evening clinic")
        story = RoomItemFactory(
            room=room,
            kind=InsightKind.QUOTE,
            text="I threw the letter away.",
            naming=Naming.ROLE,
            role="a resident of Eastbourne",
            sharing=Sharing.REPORTS,
            consent_wording="Can we share what you said? Answer: Yes",
        )
    return {
        "barrier": services.item_accept(item=barrier, by=by),
        "idea": services.item_accept(item=idea, by=by),
        "story": services.item_accept(item=story, by=by),
    }


def test_the_session_page_shows_where_each_came_from(client, world, room, heard):
    client.force_login(world.facilitator_a)
    page = client.get(room.session.get_absolute_url()).content.decode()
    assert "The bus stops running at six" in page
    assert "From the room, table 3, 11:42" in page
    assert "From the room, 11:42" in page
    assert "a resident of Eastbourne" in page


def test_the_notes_and_their_pdf_carry_the_room_with_its_attribution(client, world, room, heard):
    client.force_login(world.steering_a)
    notes = client.get(
        reverse("workshops:session-notes", args=[world.area_a.slug, room.session.pk])
    ).content.decode()
    for words in ("The bus stops running at six", "An evening clinic", "I threw the letter away."):
        assert words in notes
    assert "a resident of Eastbourne" in notes

    pdf = client.get(
        reverse("workshops:session-notes-pdf", args=[world.area_a.slug, room.session.pk])
    )
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
    )
    text = " ".join(text.split())
    assert "The bus stops running at six" in text
    assert "I threw the letter away." in text
    assert "a resident of Eastbourne" in text


def test_the_cascade_draft_quotes_the_story_as_its_teller_asked(room, heard):
    body = draft_cascade(room.session).body
    assert "- The bus stops running at six" in body
    assert "- An evening clinic" in body
    # The attribution keeps its own line: a Markdown hard break (two spaces) ends the quote's.
    assert "> “I threw the letter away.”  \n> — a resident of Eastbourne" in body


def test_learning_across_areas_reads_what_the_room_said(client, world, room, heard):
    client.force_login(world.facilitator_b)
    page = client.get(reverse("learning:explorer")).content.decode()
    assert "The bus stops running at six" in page
    assert "I threw the letter away." in page


def test_a_story_taken_back_leaves_the_notes_and_the_cascade(client, world, room, heard):
    services.item_consent_withdraw(item=RoomItem.objects.get(insight=heard["story"]))
    client.force_login(world.steering_a)
    notes = client.get(
        reverse("workshops:session-notes", args=[world.area_a.slug, room.session.pk])
    ).content.decode()
    assert "I threw the letter away." not in notes
    assert "I threw the letter away." not in draft_cascade(room.session).body


def test_another_areas_export_holds_none_of_the_rooms_stories(world, room, heard):
    scope = ExportScope(AREAS, frozenset({world.area_b.pk}))
    archive = zipfile.ZipFile(
        io.BytesIO(person_export(person=heard["story"].speaker, by=world.lead.person, scope=scope))
    )
    everything = json.loads(archive.read("everything.json"))
    assert everything["sections"]["live_room_stories"]["records"] == []


def test_a_storys_teller_can_have_their_words_exported_and_erased(world, room, heard):
    speaker = heard["story"].speaker
    archive = zipfile.ZipFile(
        io.BytesIO(
            person_export(person=speaker, by=world.lead.person, scope=ExportScope(PROGRAMME))
        )
    )
    everything = json.loads(archive.read("everything.json"))
    [sent] = everything["sections"]["live_room_stories"]["records"]
    assert (sent["said"], sent["described_as"]) == (
        "I threw the letter away.",
        "a resident of Eastbourne",
    )
    assert "Can we share what you said?" in sent["words_shown"]

    person_erase(person=speaker, by=world.lead.person, reason="asked")

    item = RoomItem.objects.get(insight=heard["story"])
    assert (item.text, item.role, item.name) == (REMOVED, "", "")
    assert "I threw the letter away." not in Insight.objects.get(pk=heard["story"].pk).text


def test_a_facilitator_of_the_area_may_act_for_a_storys_teller(client, world, room, heard):
    client.force_login(world.facilitator_a)
    consent_page = client.get(reverse("person-consent", args=[heard["story"].speaker_id]))
    assert consent_page.status_code == 200
    client.force_login(world.facilitator_b)
    assert (
        client.get(reverse("person-consent", args=[heard["story"].speaker_id])).status_code == 404
    )


def test_what_was_not_used_and_the_phones_go_after_ninety_days(world, room, heard):
    set_aside = RoomItemFactory(room=room, text="Spam")
    services.item_set_aside(item=set_aside, by=world.lead.person)
    waiting = RoomItemFactory(room=room)
    services.phone_profile_save(
        room=room, phone_key="a" * 32, sector="faith", lived_experience=True
    )
    services.vote_open(room=room, votes_per_phone=3)
    services.votes_cast(room=room, phone_key="a" * 32, ideas=[heard["idea"]])

    later = timezone.now() + dt.timedelta(days=91)
    retention.apply(dry_run=False, now=later)

    assert not RoomItem.objects.filter(pk__in=[set_aside.pk, waiting.pk]).exists()
    assert set(RoomItem.objects.values_list("status", flat=True)) == {ItemStatus.ACCEPTED}
    assert not RoomPhone.objects.exists()
    assert not RoomVote.objects.exists()
    assert Person.objects.filter(pk=heard["story"].speaker_id).exists()
    room.session.refresh_from_db()
    assert room.session.headcounts.get().count == 1
