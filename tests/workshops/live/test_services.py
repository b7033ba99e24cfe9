import datetime as dt
import threading
import uuid

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from areas.models import Consent
from partnerships.models import (
    AuditAction,
    AuditEvent,
    ConsentDecision,
    ConsentMethod,
    ConsentRecord,
    ConsentUse,
    Sector,
)
from partnerships.privacy import registry
from tests.factories import PersonFactory
from tests.workshops.factories import InsightFactory, SessionFactory
from tests.workshops.live.factories import RoomFactory, RoomItemFactory
from workshops.live import selectors, services
from workshops.live.models import ItemStatus, LiveRoom, Naming, RoomItem, RoomVote, Sharing
from workshops.models import (
    Action,
    ActionEvent,
    BarrierType,
    Insight,
    InsightKind,
    SectorHeadcount,
    Session,
)

pytestmark = pytest.mark.django_db


def _story(room, **fields):
    defaults = {
        "kind": InsightKind.QUOTE,
        "text": "I threw the letter away because I could not read it.",
        "naming": Naming.ROLE,
        "role": "a resident of Eastbourne",
        "sharing": Sharing.REPORTS,
        "consent_wording": "Can we share what you said? …\nAnswer: Yes, in the notes and reports",
    }
    return RoomItemFactory(room=room, **{**defaults, **fields})


# Opening, closing, expiry -------------------------------------------------------------


def test_a_room_opens_with_a_code_that_works_until_the_end_of_the_day(world):
    session = SessionFactory(area=world.area_a)
    with time_machine.travel(dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC), tick=False):
        room = services.room_open(session=session, by=world.facilitator_a.person)
        assert selectors.open_room_for_code(room.code) == room
    with time_machine.travel(dt.datetime(2026, 3, 4, 23, 59, tzinfo=dt.UTC), tick=False):
        assert selectors.open_room_for_code(room.code.lower()) == room
    with time_machine.travel(dt.datetime(2026, 3, 5, 0, 1, tzinfo=dt.UTC), tick=False):
        assert selectors.open_room_for_code(room.code) is None


def test_a_code_is_read_as_people_type_it(room):
    spaced = f"{room.code[:4].lower()} - {room.code[4:]}"
    assert selectors.open_room_for_code(spaced) == room
    assert selectors.open_room_for_code("") is None
    assert selectors.open_room_for_code("O0O0O0O0") is None


def test_closing_stops_the_code_and_opening_again_gives_a_new_one(world, room):
    old_code = room.code
    services.room_close(room=room, by=world.facilitator_a.person)
    assert selectors.open_room_for_code(old_code) is None

    reopened = services.room_open(session=room.session, by=world.facilitator_a.person)

    assert reopened.pk == room.pk
    assert reopened.code != old_code
    assert selectors.open_room_for_code(old_code) is None
    assert selectors.open_room_for_code(reopened.code) == reopened


def test_opening_an_open_room_keeps_its_code(world, room):
    again = services.room_open(session=room.session, by=world.facilitator_a.person)
    assert (again.pk, again.code) == (room.pk, room.code)
    assert LiveRoom.objects.count() == 1


def test_closing_the_room_closes_its_vote_and_keeps_the_ranking(world, room):
    idea = InsightFactory(session=room.session, kind=InsightKind.IDEA, text="A bus after six")
    services.vote_open(room=room, votes_per_phone=3)
    services.votes_cast(room=room, phone_key="a" * 32, ideas=[idea])

    services.room_close(room=room, by=world.facilitator_a.person)

    room.refresh_from_db()
    assert room.vote_closed_at is not None
    assert room.vote_result == [{"insight": idea.pk, "text": "A bus after six", "votes": 1}]


# Sending -------------------------------------------------------------------------------


def test_sending_the_same_item_again_returns_the_first_and_makes_no_copy(room):
    client_id = uuid.uuid4()
    first, created = services.item_submit(
        room=room, client_id=client_id, kind=InsightKind.IDEA, text="A screening bus"
    )
    again, created_again = services.item_submit(
        room=room, client_id=client_id, kind=InsightKind.IDEA, text="A screening bus"
    )
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert RoomItem.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_item_sent_twice_at_the_same_moment_is_kept_once(world):
    room = RoomFactory(session=SessionFactory(area=world.area_a))
    client_id = uuid.uuid4()
    results, start = [], threading.Barrier(2)

    def send():
        start.wait()
        try:
            results.append(
                services.item_submit(
                    room=room, client_id=client_id, kind=InsightKind.IDEA, text="A bus"
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert RoomItem.objects.filter(client_id=client_id).count() == 1
    assert sorted(created for _, created in results) == [False, True]
    assert len({item.pk for item, _ in results}) == 1


def test_what_is_written_is_kept_exactly_as_written(room):
    words = "  ما قدرت أقرأ الرسالة <script>alert(1)</script> 🙂  "
    item, _ = services.item_submit(
        room=room, client_id=uuid.uuid4(), kind=InsightKind.BARRIER, text=words
    )
    item.refresh_from_db()
    assert item.text == words


def test_a_full_room_takes_nothing_more(room, settings):
    settings.LIVE_ROOM_MAX_ITEMS = 2
    RoomItemFactory.create_batch(2, room=room)
    with pytest.raises(services.RoomFull):
        services.item_submit(room=room, client_id=uuid.uuid4(), kind=InsightKind.IDEA, text="x")


def test_only_stories_keep_how_someone_is_named_and_what_they_agreed(room):
    item, _ = services.item_submit(
        room=room,
        client_id=uuid.uuid4(),
        kind=InsightKind.IDEA,
        text="Evening clinics",
        naming=Naming.NAME,
        name="Amina",
        sharing=Sharing.REPORTS,
    )
    assert (item.naming, item.name, item.sharing) == ("", "", "")


# Moderation ----------------------------------------------------------------------------


def test_accepting_puts_an_ordinary_insight_into_the_session(world, room):
    transport = BarrierType.objects.get(slug="transport-and-distance")
    item = RoomItemFactory(room=room, text="The bus stops at six", table=3)

    insight = services.item_accept(
        item=item,
        by=world.facilitator_a.person,
        text="The last bus leaves at six",
        kind=InsightKind.BARRIER,
        barrier_type=transport,
    )

    assert insight.session == room.session
    assert (insight.kind, insight.text, insight.barrier_type) == (
        InsightKind.BARRIER,
        "The last bus leaves at six",
        transport,
    )
    assert insight.created_by == world.facilitator_a.person
    item.refresh_from_db()
    assert (item.status, item.insight, item.moderated_by) == (
        ItemStatus.ACCEPTED,
        insight,
        world.facilitator_a.person,
    )


def test_an_item_is_accepted_once_however_many_moderators_press_accept(world, room):
    item = RoomItemFactory(room=room)
    services.item_accept(item=item, by=world.facilitator_a.person)
    with pytest.raises(services.AlreadyModerated):
        services.item_accept(item=RoomItem.objects.get(pk=item.pk), by=world.lead.person)
    assert Insight.objects.count() == 1


def test_a_consented_story_is_recorded_with_its_consent_as_given_on_the_phone(world, room):
    with time_machine.travel(dt.datetime(2026, 3, 4, 11, 42, tzinfo=dt.UTC), tick=False):
        item = _story(room)
    with time_machine.travel(dt.datetime(2026, 3, 4, 12, 30, tzinfo=dt.UTC), tick=False):
        quote = services.item_accept(item=item, by=world.facilitator_a.person)

    assert (quote.kind, quote.attribution, quote.consent) == (
        InsightKind.QUOTE,
        "a resident of Eastbourne",
        Consent.WRITTEN,
    )
    assert quote.consent_on == dt.date(2026, 3, 4)
    assert quote.speaker.full_name.startswith("Participant ")
    records = ConsentRecord.objects.filter(person=quote.speaker).order_by("use")
    assert [(r.use, r.decision, r.method) for r in records] == [
        (ConsentUse.CASE_STUDIES, ConsentDecision.GIVEN, ConsentMethod.ONLINE),
        (ConsentUse.SESSION_NOTES, ConsentDecision.GIVEN, ConsentMethod.ONLINE),
    ]
    assert {r.recorded_at for r in records} == {item.sent_at}
    assert {r.wording for r in records} == {item.consent_wording}
    assert AuditEvent.objects.filter(action=AuditAction.CONSENT_RECORDED).count() == 2


def test_a_story_for_the_notes_only_stays_out_of_reports(world, room):
    quote = services.item_accept(item=_story(room, sharing=Sharing.NOTES), by=world.lead.person)

    assert Insight.objects.shareable().filter(pk=quote.pk).exists()
    assert not Insight.objects.shareable(use=ConsentUse.CASE_STUDIES).filter(pk=quote.pk).exists()


def test_a_story_not_to_be_shared_stays_with_the_area_team(world, room):
    item = _story(room, sharing=Sharing.NONE, naming=Naming.NONE, role="", consent_wording="")
    quote = services.item_accept(item=item, by=world.facilitator_a.person)

    assert quote.consent == Consent.NONE
    assert quote.speaker is None
    assert not Insight.objects.shareable().filter(pk=quote.pk).exists()


def test_a_story_named_by_name_keeps_the_name_against_its_speaker(world, room):
    item = _story(room, naming=Naming.NAME, name="Amina Yusuf", role="")
    quote = services.item_accept(item=item, by=world.facilitator_a.person)
    assert quote.attribution == "Amina Yusuf"
    assert quote.speaker.full_name == "Amina Yusuf"


def test_a_story_is_accepted_in_its_own_words(world, room):
    item = _story(room)
    quote = services.item_accept(
        item=item, by=world.facilitator_a.person, text="Tidied up", kind=InsightKind.IDEA
    )
    assert (quote.kind, quote.text) == (InsightKind.QUOTE, item.text)


def test_merging_counts_one_more_voice_for_what_was_accepted(world, room):
    first = services.item_accept(item=RoomItemFactory(room=room), by=world.lead.person)
    second = RoomItemFactory(room=room, text="Buses stop too early")

    services.item_merge(item=second, into=first, by=world.facilitator_a.person)

    second.refresh_from_db()
    assert (second.status, second.insight) == (ItemStatus.MERGED, first)
    assert Insight.objects.count() == 1
    assert selectors.accepted_insights(room).get().voices == 2


def test_stories_are_never_merged(world, room):
    first = services.item_accept(item=RoomItemFactory(room=room), by=world.lead.person)
    with pytest.raises(services.AlreadyModerated):
        services.item_merge(item=_story(room), into=first, by=world.lead.person)


def test_set_aside_items_are_shown_nowhere_and_can_be_put_back(world, room):
    item = RoomItemFactory(room=room)
    services.item_set_aside(item=item, by=world.facilitator_a.person)
    assert selectors.queue(room)["items"] == []
    assert selectors.wall(room).total == 0

    services.item_restore(item=item)

    assert [entry.item for entry in selectors.queue(room)["items"]] == [item]


def test_accepting_tags_the_insight_with_a_theme(world, room):
    from learning.models import InsightTheme, Theme

    theme = Theme.objects.create(name="Getting there")
    insight = services.item_accept(
        item=RoomItemFactory(room=room), by=world.facilitator_a.person, theme_id=theme.pk
    )
    assert InsightTheme.objects.filter(insight=insight, theme=theme).exists()


# Taking a story back -------------------------------------------------------------------


def test_withdrawing_takes_an_accepted_story_out_of_everything_shared(world, room):
    quote = services.item_accept(item=_story(room), by=world.facilitator_a.person)
    discarded = []
    registry.register_derived_documents(lambda person: discarded.append(person) or 0)
    try:
        services.item_consent_withdraw(item=RoomItem.objects.get(insight=quote))
    finally:
        registry._derived_document_hooks.pop()

    for use in (ConsentUse.SESSION_NOTES, ConsentUse.CASE_STUDIES, ConsentUse.PUBLIC_PAGES):
        assert not Insight.objects.shareable(use=use).filter(pk=quote.pk).exists()
    assert quote.speaker in discarded
    assert selectors.wall(room).stories == []
    assert AuditEvent.objects.filter(action=AuditAction.CONSENT_WITHDRAWN).count() == 3


def test_a_story_taken_back_before_it_is_accepted_can_no_longer_be_accepted(world, room):
    item = _story(room)
    services.item_consent_withdraw(item=item)
    item.refresh_from_db()
    assert item.status == ItemStatus.SET_ASIDE
    with pytest.raises(services.AlreadyModerated):
        services.item_accept(item=item, by=world.facilitator_a.person)
    with pytest.raises(services.AlreadyModerated):
        services.item_restore(item=item)


# About you: head-counts ----------------------------------------------------------------


def test_what_a_phone_says_about_itself_is_counted_once(room):
    session = room.session
    services.phone_profile_save(
        room=room, phone_key="a" * 32, sector=Sector.VCSE, lived_experience=True
    )
    services.phone_profile_save(
        room=room, phone_key="a" * 32, sector=Sector.VCSE, lived_experience=True
    )
    services.phone_profile_save(
        room=room, phone_key="b" * 32, sector=Sector.VCSE, lived_experience=False
    )
    counts = dict(SectorHeadcount.objects.filter(session=session).values_list("sector", "count"))
    assert counts == {Sector.VCSE: 2}
    assert Session.objects.get(pk=session.pk).lived_experience_headcount == 1

    services.phone_profile_save(
        room=room, phone_key="a" * 32, sector=Sector.FAITH, lived_experience=None
    )

    counts = dict(SectorHeadcount.objects.filter(session=session).values_list("sector", "count"))
    assert counts == {Sector.VCSE: 1, Sector.FAITH: 1}
    assert Session.objects.get(pk=session.pk).lived_experience_headcount == 0


# Votes ---------------------------------------------------------------------------------


def test_each_phone_has_its_votes_and_sending_again_replaces_them(room):
    ideas = [InsightFactory(session=room.session, kind=InsightKind.IDEA) for _ in range(4)]
    services.vote_open(room=room, votes_per_phone=2)

    services.votes_cast(room=room, phone_key="a" * 32, ideas=ideas[:2])
    services.votes_cast(room=room, phone_key="a" * 32, ideas=ideas[1:3])
    services.votes_cast(room=room, phone_key="b" * 32, ideas=ideas[2:3])

    assert set(RoomVote.objects.values_list("phone__key", "insight_id")) == {
        ("a" * 32, ideas[1].pk),
        ("a" * 32, ideas[2].pk),
        ("b" * 32, ideas[2].pk),
    }
    with pytest.raises(ValueError, match="More ideas than votes"):
        services.votes_cast(room=room, phone_key="a" * 32, ideas=ideas[:3])
    assert [idea.pk for idea in selectors.vote_ranking(room)[:2]] == [ideas[2].pk, ideas[1].pk]


def test_no_votes_are_taken_before_the_vote_opens_or_after_it_closes(room):
    idea = InsightFactory(session=room.session, kind=InsightKind.IDEA)
    with pytest.raises(services.VoteClosed):
        services.votes_cast(room=room, phone_key="a" * 32, ideas=[idea])
    services.vote_open(room=room, votes_per_phone=3)
    services.vote_close(room=room)
    with pytest.raises(services.VoteClosed):
        services.votes_cast(room=room, phone_key="a" * 32, ideas=[idea])
    assert not RoomVote.objects.exists()


def test_the_top_ideas_become_actions_through_the_session_pages_service(world, room):
    idea = InsightFactory(session=room.session, kind=InsightKind.IDEA, text="A bus after six")
    owner = PersonFactory(full_name="Grace Mensah")

    [action] = services.ideas_to_actions(
        room=room,
        by=world.facilitator_a.person,
        choices=[
            {
                "description": "Ask the council about a bus after six",
                "owner": owner,
                "due_on": timezone.localdate() + dt.timedelta(days=30),
            }
        ],
    )

    assert Action.objects.get() == action
    assert (action.session, action.owner, action.area) == (room.session, owner, room.session.area)
    assert ActionEvent.objects.filter(action=action, kind="created").exists()
    assert idea.text == "A bus after six"
