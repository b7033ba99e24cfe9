"""The facilitators' side: the room's controls, the moderation queue and the wall."""

import pytest
from django.urls import reverse

from tests.factories import SteeringMemberFactory
from tests.workshops.factories import InsightFactory
from tests.workshops.live.factories import RoomItemFactory
from workshops.live import services
from workshops.live.models import ItemStatus, LiveRoom, Naming, RoomItem, Sharing
from workshops.models import Action, BarrierType, Insight, InsightKind

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, room, *args):
    session = room.session
    return reverse(f"workshops:live:{name}", args=[session.area.slug, session.pk, *args])


@pytest.mark.parametrize("page", ["room", "queue", "wall"])
def test_the_areas_facilitators_and_programme_leads_see_the_rooms_pages(client, world, room, page):
    for user in (world.facilitator_a, world.lead):
        client.force_login(user)
        assert client.get(url(page, room)).status_code == 200


@pytest.mark.parametrize("page", ["room", "queue", "wall"])
def test_everyone_else_in_the_programme_is_told_nothing_is_there(client, world, room, page):
    RoomItemFactory(room=room, text="Only for area A's facilitators")
    for user in (world.facilitator_b, world.steering_a, world.lco_a, world.funder, world.no_role):
        client.force_login(user)
        response = client.get(url(page, room))
        assert response.status_code == 404, user
        assert "Only for area A" not in response.content.decode()


def test_signed_out_people_are_sent_to_sign_in(client, room):
    response = client.get(url("queue", room))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_outsiders_cannot_moderate(client, world, room):
    item = RoomItemFactory(room=room)
    for user in (world.facilitator_b, world.steering_a):
        client.force_login(user)
        for name in ("item-accept", "item-merge", "item-set-aside", "item-restore"):
            assert client.post(url(name, room, item.pk)).status_code == 404
    assert RoomItem.objects.get().status == ItemStatus.WAITING


def test_a_facilitator_opens_and_closes_the_room_from_the_session_page(client, world):
    from tests.workshops.factories import SessionFactory

    session = SessionFactory(area=world.area_a)
    client.force_login(world.facilitator_a)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Open the room" in page

    response = client.post(
        reverse("workshops:live:room-open", args=[world.area_a.slug, session.pk])
    )
    room = LiveRoom.objects.get(session=session)
    assert response.status_code == 302
    controls = client.get(response["Location"]).content.decode()
    assert room.display_code in controls
    assert f"/live/{room.code}/" in controls
    assert "<svg" in controls
    assert room.display_code in client.get(session.get_absolute_url()).content.decode()

    client.post(reverse("workshops:live:room-close", args=[world.area_a.slug, session.pk]))
    room.refresh_from_db()
    assert room.closed_at is not None


def test_steering_members_do_not_see_the_rooms_panel(client, world, room):
    client.force_login(world.steering_a)
    assert "The room, live" not in client.get(room.session.get_absolute_url()).content.decode()


def test_the_queue_shows_what_waits_with_likely_duplicates(client, world, room):
    accepted = services.item_accept(
        item=RoomItemFactory(room=room, text="The bus stops running at six"), by=world.lead.person
    )
    RoomItemFactory(room=room, text="No bus after six in the evening")
    RoomItemFactory(room=room, text="Letters only in English")
    client.force_login(world.facilitator_a)

    page = client.get(url("queue", room)).content.decode()

    assert "No bus after six in the evening" in page
    assert "Letters only in English" in page
    assert "Looks like something already accepted" in page
    assert f'value="{accepted.pk}" checked' in page
    assert page.count("Looks like something already accepted") == 1


def test_a_moderator_accepts_an_edited_item(client, world, room):
    item = RoomItemFactory(room=room, text="buses stop at 6")
    client.force_login(world.facilitator_a)
    response = client.post(
        url("item-accept", room, item.pk),
        {
            f"item-{item.pk}-text": "The buses stop at six",
            f"item-{item.pk}-kind": InsightKind.BARRIER,
            f"item-{item.pk}-barrier_type": "",
            f"item-{item.pk}-theme": "",
        },
    )
    assert response.status_code == 302
    insight = Insight.objects.get()
    assert (insight.text, insight.session) == ("The buses stop at six", room.session)


def test_an_htmx_accept_swaps_the_queue_only(client, world, room):
    item = RoomItemFactory(room=room)
    client.force_login(world.facilitator_a)
    response = client.post(
        url("item-accept", room, item.pk),
        {f"item-{item.pk}-text": item.text, f"item-{item.pk}-kind": InsightKind.BARRIER},
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="queue"')
    assert "Nothing is waiting" in body


def test_a_bad_edit_is_explained_next_to_the_field(client, world, room):
    item = RoomItemFactory(room=room)
    client.force_login(world.facilitator_a)
    response = client.post(
        url("item-accept", room, item.pk),
        {f"item-{item.pk}-text": "", f"item-{item.pk}-kind": InsightKind.BARRIER},
    )
    assert response.status_code == 400
    assert "Enter the words to keep, or set the item aside" in response.content.decode()
    assert not Insight.objects.exists()


def test_two_moderators_accepting_the_same_item_make_one_insight(client, world, room):
    item = RoomItemFactory(room=room)
    data = {f"item-{item.pk}-text": item.text, f"item-{item.pk}-kind": InsightKind.BARRIER}
    client.force_login(world.facilitator_a)
    client.post(url("item-accept", room, item.pk), data)
    client.force_login(world.lead)
    response = client.post(url("item-accept", room, item.pk), data, follow=True)
    assert "Someone else dealt with that item first." in response.content.decode()
    assert Insight.objects.count() == 1


def test_a_moderator_merges_and_sets_aside(client, world, room):
    first = services.item_accept(item=RoomItemFactory(room=room), by=world.lead.person)
    again, noise = RoomItemFactory(room=room), RoomItemFactory(room=room, text="buy cheap pills")
    client.force_login(world.facilitator_a)

    client.post(url("item-merge", room, again.pk), {f"item-{again.pk}-into": first.pk})
    client.post(url("item-set-aside", room, noise.pk))

    assert RoomItem.objects.get(pk=again.pk).status == ItemStatus.MERGED
    assert RoomItem.objects.get(pk=noise.pk).status == ItemStatus.SET_ASIDE
    assert Insight.objects.count() == 1


def test_merging_only_into_this_rooms_accepted_items(client, world, room):
    elsewhere = InsightFactory()
    item = RoomItemFactory(room=room)
    client.force_login(world.facilitator_a)
    response = client.post(url("item-merge", room, item.pk), {f"item-{item.pk}-into": elsewhere.pk})
    assert response.status_code == 400
    assert RoomItem.objects.get().status == ItemStatus.WAITING


def test_nothing_from_the_room_shows_anywhere_before_it_is_accepted(client, world, room):
    RoomItemFactory(room=room, text="Waiting to be read")
    client.force_login(world.facilitator_a)
    for page in (
        room.session.get_absolute_url(),
        url("wall", room),
        reverse("workshops:session-notes", args=[world.area_a.slug, room.session.pk]),
        reverse("learning:explorer"),
    ):
        assert "Waiting to be read" not in client.get(page).content.decode(), page


def test_the_queue_reads_a_fixed_number_of_queries(
    client, world, room, django_assert_max_num_queries
):
    client.force_login(world.facilitator_a)
    RoomItemFactory.create_batch(2, room=room)
    services.item_accept(item=RoomItemFactory(room=room), by=world.lead.person)
    with django_assert_max_num_queries(20) as small:
        client.get(url("queue", room))
    RoomItemFactory.create_batch(30, room=room)
    for item in RoomItemFactory.create_batch(10, room=room):
        services.item_accept(item=item, by=world.lead.person)
    RoomItemFactory.create_batch(3, room=room, kind=InsightKind.QUOTE, naming=Naming.NONE)
    with django_assert_max_num_queries(len(small)):
        client.get(url("queue", room))


def test_the_wall_reads_a_fixed_number_of_queries(
    client, world, room, django_assert_max_num_queries
):
    client.force_login(world.facilitator_a)
    services.item_accept(item=RoomItemFactory(room=room), by=world.lead.person)
    with django_assert_max_num_queries(13) as small:
        client.get(url("wall", room) + "?group=theme")
    for kind in (InsightKind.BARRIER, InsightKind.IDEA, InsightKind.DECISION) * 10:
        services.item_accept(item=RoomItemFactory(room=room, kind=kind), by=world.lead.person)
    for _ in range(5):
        story = RoomItemFactory(
            room=room, kind=InsightKind.QUOTE, naming=Naming.NONE, sharing=Sharing.REPORTS
        )
        services.item_accept(item=story, by=world.lead.person)
    with django_assert_max_num_queries(len(small)):
        client.get(url("wall", room) + "?group=theme")


def test_an_unchanged_wall_answers_not_modified_cheaply(
    client, world, room, django_assert_max_num_queries
):
    services.item_accept(item=RoomItemFactory(room=room), by=world.lead.person)
    client.force_login(world.facilitator_a)
    poll = url("wall", room) + "?section=wall&group=type"
    first = client.get(poll, **HTMX)
    etag = first["ETag"]
    assert first.status_code == 200
    assert "private" in first["Cache-Control"]

    # Eight are every signed-in request's (session, user, person, roles, two-factor, and the
    # session's save with its savepoint); the wall's own are two: its room, in its scope,
    # and the sums its version is made of.
    with django_assert_max_num_queries(10):
        again = client.get(poll, HTTP_IF_NONE_MATCH=etag, **HTMX)
    assert again.status_code == 304
    assert again.content == b""

    services.item_accept(
        item=RoomItemFactory(room=room, text="Parking costs"), by=world.lead.person
    )
    changed = client.get(poll, HTTP_IF_NONE_MATCH=etag, **HTMX)
    assert changed.status_code == 200
    assert "Parking costs" in changed.content.decode()
    assert changed["ETag"] != etag


def test_the_wall_changes_when_the_session_page_edits_what_the_room_said(client, world, room):
    insight = services.item_accept(item=RoomItemFactory(room=room), by=world.lead.person)
    client.force_login(world.facilitator_a)
    etag = client.get(url("wall", room))["ETag"]
    Insight.objects.filter(pk=insight.pk).update(text="Edited on the session page", version=2)
    response = client.get(url("wall", room), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Edited on the session page" in response.content.decode()


def test_the_wall_shows_counts_groups_and_only_shareable_stories(client, world, room):
    first = services.item_accept(
        item=RoomItemFactory(room=room, text="The bus stops at six"), by=world.lead.person
    )
    services.item_merge(item=RoomItemFactory(room=room), into=first, by=world.lead.person)
    hidden = RoomItemFactory(
        room=room, kind=InsightKind.QUOTE, text="Keep this to the team", sharing=Sharing.NONE
    )
    shared = RoomItemFactory(
        room=room,
        kind=InsightKind.QUOTE,
        text="They listened this time",
        naming=Naming.ROLE,
        role="a resident of Eastbourne",
        sharing=Sharing.REPORTS,
    )
    for item in (hidden, shared):
        services.item_accept(item=item, by=world.lead.person)
    client.force_login(world.facilitator_a)

    page = client.get(url("wall", room)).content.decode()

    assert "The bus stops at six" in page
    assert "×2" in page
    assert "Something else" in page
    assert "They listened this time" in page
    assert "a resident of Eastbourne" in page
    assert "Keep this to the team" not in page
    assert '<meta http-equiv="refresh"' in page
    assert "every 1.5s" in page


def test_a_paused_wall_does_not_refresh(client, world, room):
    client.force_login(world.facilitator_a)
    page = client.get(url("wall", room) + "?paused=1").content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "data-hx-trigger" not in page
    assert "Start updating" in page


def test_the_queue_status_answers_not_modified_until_something_arrives(client, world, room):
    client.force_login(world.facilitator_a)
    status = url("queue", room) + "?section=status"
    etag = client.get(status, **HTMX)["ETag"]
    assert client.get(status, HTTP_IF_NONE_MATCH=etag, **HTMX).status_code == 304
    RoomItemFactory(room=room)
    changed = client.get(status, HTTP_IF_NONE_MATCH=etag, **HTMX)
    assert changed.status_code == 200
    assert "1 waiting now" in changed.content.decode()


def test_a_facilitator_makes_a_table_host_link(client, world, room):
    client.force_login(world.facilitator_a)
    page = client.get(url("table-link", room), {"table": "4"}).content.decode()
    assert "Link for the host of table 4" in page
    assert "/live/table/" in page
    bad = client.get(url("table-link", room), {"table": "0"})
    assert bad.status_code == 400
    assert "Enter a table number from 1 to 99" in bad.content.decode()


def test_the_vote_is_run_and_its_top_ideas_become_actions_in_one_step(client, world, room):
    owner = SteeringMemberFactory(area=world.area_a).person
    ideas = [
        InsightFactory(session=room.session, kind=InsightKind.IDEA, text=text)
        for text in ("A bus after six", "Letters in Arabic", "A screening day at the mosque")
    ]
    client.force_login(world.facilitator_a)
    client.post(url("vote-open", room), {"votes_per_phone": "2"})
    room.refresh_from_db()
    assert (room.vote_is_open, room.votes_per_phone) == (True, 2)
    services.votes_cast(room=room, phone_key="a" * 32, ideas=[ideas[2], ideas[0]])
    services.votes_cast(room=room, phone_key="b" * 32, ideas=[ideas[2]])

    client.post(url("vote-close", room))
    room.refresh_from_db()
    assert [row["text"] for row in room.vote_result] == [
        "A screening day at the mosque",
        "A bus after six",
        "Letters in Arabic",
    ]
    page = client.get(url("room", room)).content.decode()
    assert "Make the top ideas actions" in page

    top = ideas[2].pk
    response = client.post(
        url("ideas-to-actions", room),
        {
            f"idea-{top}-make": "on",
            f"idea-{top}-description": "Book a screening day with the mosque",
            f"idea-{top}-owner": owner.pk,
            f"idea-{top}-due_on": "",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.description, action.owner, action.session) == (
        "Book a screening day with the mosque",
        owner,
        room.session,
    )


def test_making_actions_needs_an_owner(client, world, room):
    idea = InsightFactory(session=room.session, kind=InsightKind.IDEA)
    services.vote_open(room=room, votes_per_phone=3)
    services.vote_close(room=room)
    client.force_login(world.facilitator_a)
    response = client.post(
        url("ideas-to-actions", room),
        {f"idea-{idea.pk}-make": "on", f"idea-{idea.pk}-description": "Do it"},
    )
    assert response.status_code == 400
    assert "Choose who owns it" in response.content.decode()
    assert not Action.objects.exists()


def test_the_wall_still_shows_when_the_cache_is_down(client, world, room, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    services.item_accept(
        item=RoomItemFactory(room=room, text="Parking costs"), by=world.lead.person
    )
    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    client.force_login(world.facilitator_a)
    response = client.get(url("wall", room))
    assert response.status_code == 200
    assert "Parking costs" in response.content.decode()


def test_accept_alone_takes_the_item_as_it_came(client, world, room):
    transport = BarrierType.objects.get(slug="transport-and-distance")
    item = RoomItemFactory(room=room, text="The bus stops at six", barrier_type=transport)
    client.force_login(world.facilitator_a)
    client.post(url("item-accept", room, item.pk), {f"item-{item.pk}-theme": ""})
    insight = Insight.objects.get()
    assert (insight.text, insight.kind, insight.barrier_type) == (
        "The bus stops at six",
        InsightKind.BARRIER,
        transport,
    )


def test_an_items_editing_fields_load_only_when_opened(client, world, room):
    item = RoomItemFactory(room=room, text="buses stop at 6")
    client.force_login(world.facilitator_a)
    closed = client.get(url("queue", room)).content.decode()
    assert f'name="item-{item.pk}-text"' not in closed
    assert f"?edit={item.pk}&amp;section=edit" in closed

    fields = client.get(url("queue", room), {"edit": item.pk, "section": "edit"}, **HTMX)
    assert f'name="item-{item.pk}-text"' in fields.content.decode()
    # Without JavaScript the link opens the queue with that item's fields showing.
    opened = client.get(url("queue", room), {"edit": item.pk}).content.decode()
    assert f'name="item-{item.pk}-text"' in opened
