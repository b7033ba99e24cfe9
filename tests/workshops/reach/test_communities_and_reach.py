"""Named communities, their head-counts at sessions, and the area page's reach panel."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from tests.workshops.factories import AttendanceFactory, SessionFactory
from workshops.models import SectorHeadcount, SessionKind, SessionStatus
from workshops.reach.models import CommunityHeadcount, NamedCommunity
from workshops.reach.selectors import area_reach

pytestmark = pytest.mark.django_db


def communities_url(area):
    return reverse("workshops:communities", args=[area.slug])


def days_ago(days):
    return timezone.now() - dt.timedelta(days=days)


def test_facilitators_name_the_communities_their_focus_is_for(client, world):
    client.force_login(world.facilitator_a)
    url = communities_url(world.area_a)
    assert client.post(url, {"name": "Polish speaking women in Eastbourne"}).status_code == 302
    again = client.post(url, {"name": "polish speaking women in eastbourne"})
    assert again.status_code == 400
    assert "already names a community by that name" in again.content.decode()
    empty = client.post(url, {"name": ""})
    assert "Enter the name of the community." in empty.content.decode()
    assert NamedCommunity.objects.filter(area=world.area_a).count() == 1


@pytest.mark.parametrize("persona", ["steering_a", "lco_a", "community_a"])
def test_other_roles_do_not_change_the_named_communities(client, world, persona):
    client.force_login(getattr(world, persona))
    response = client.post(communities_url(world.area_a), {"name": "Arabic speakers"})
    assert response.status_code == 403
    assert not NamedCommunity.objects.exists()


def test_retiring_a_community_keeps_its_counts(client, world):
    community = NamedCommunity.objects.create(area=world.area_a, name="Tetum speakers")
    session = SessionFactory(area=world.area_a)
    CommunityHeadcount.objects.create(session=session, community=community, count=4)
    client.force_login(world.facilitator_a)
    url = reverse("workshops:community-retire", args=[world.area_a.slug, community.pk])
    assert client.post(url).status_code == 302
    community.refresh_from_db()
    assert community.retired_at is not None
    assert CommunityHeadcount.objects.filter(community=community, count=4).exists()
    reach = area_reach(world.area_a, with_names=False)
    assert [(row.community, row.people, row.missing) for row in reach.communities] == [
        (community, 4, False)
    ]


def test_a_facilitator_counts_the_room_by_community(client, world):
    polish = NamedCommunity.objects.create(area=world.area_a, name="Polish speaking women")
    bengali = NamedCommunity.objects.create(area=world.area_a, name="Bengali speaking women")
    session = SessionFactory(area=world.area_a)
    url = reverse("workshops:community-counts", args=[world.area_a.slug, session.pk])
    client.force_login(world.facilitator_a)
    bad = client.post(url, {f"community_{polish.pk}": "-2", f"community_{bengali.pk}": "5"})
    assert bad.status_code == 400
    assert "Enter 0 or more people from Polish speaking women." in bad.content.decode()
    assert 'value="5"' in bad.content.decode()

    client.post(url, {f"community_{polish.pk}": "3", f"community_{bengali.pk}": "5"})
    client.post(url, {f"community_{polish.pk}": "4", f"community_{bengali.pk}": ""})
    assert dict(CommunityHeadcount.objects.values_list("community__name", "count")) == {
        "Polish speaking women": 4
    }


def test_reach_counts_who_is_new_who_came_back_and_who_is_missing(world):
    polish = NamedCommunity.objects.create(area=world.area_a, name="Polish speaking women")
    arabic = NamedCommunity.objects.create(area=world.area_a, name="Arabic speaking women")
    regular, once = PersonFactory(), PersonFactory()
    sessions = [SessionFactory(area=world.area_a, starts_at=days_ago(50 - i)) for i in range(5)]
    for session in sessions:
        AttendanceFactory(session=session, person=regular)
    AttendanceFactory(session=sessions[0], person=once)
    AttendanceFactory(session=sessions[4], person=PersonFactory())
    CommunityHeadcount.objects.create(session=sessions[0], community=arabic, count=2)
    CommunityHeadcount.objects.create(session=sessions[4], community=polish, count=3)
    SectorHeadcount.objects.create(session=sessions[4], sector="vcse", count=7)
    # Neither a steering group meeting nor a planned day counts as reach.
    SessionFactory(area=world.area_a, kind=SessionKind.STEERING_MEETING, starts_at=days_ago(1))
    SessionFactory(area=world.area_a, status=SessionStatus.PLANNED, starts_at=days_ago(1))

    reach = area_reach(world.area_a, with_names=True)

    assert [row.session for row in reach.rows] == sessions
    assert [(r.named, r.new, r.returning) for r in reach.rows] == [
        (2, 2, 0),
        (1, 0, 1),
        (1, 0, 1),
        (1, 0, 1),
        (2, 1, 1),
    ]
    assert reach.rows[-1].total == 9
    assert reach.people == 3
    assert reach.not_back == 1
    assert reach.not_back_people == [once]
    assert reach.missing == [arabic]
    assert [
        (row.community, row.sessions, row.people, row.last_seen) for row in reach.communities
    ] == [(arabic, 1, 2, sessions[0]), (polish, 1, 3, sessions[4])]
    assert area_reach(world.area_a, with_names=False).not_back_people is None


def test_outside_the_area_team_the_reach_panel_has_counts_not_names(client, world):
    sessions = [SessionFactory(area=world.area_a, starts_at=days_ago(20 - i)) for i in range(5)]
    AttendanceFactory(session=sessions[0], person__full_name="Grace Mensah")
    for persona in ("facilitator_a", "lco_a"):
        client.force_login(getattr(world, persona))
        page = client.get(world.area_a.get_absolute_url()).content.decode()
        assert "Who has not come back (1)" in page
        assert "Grace Mensah" in page
    for persona in ("steering_a", "community_a", "lead"):
        client.force_login(getattr(world, persona))
        page = client.get(world.area_a.get_absolute_url()).content.decode()
        assert "Who the partnership is reaching" in page
        assert "1 of them has not come to any of the last 3 sessions" in page
        if persona != "lead":
            assert "Grace Mensah" not in page


def test_the_reach_panel_reads_the_same_queries_at_any_size(
    client, world, django_assert_max_num_queries
):
    community = NamedCommunity.objects.create(area=world.area_a, name="Tetum speakers")

    def add_sessions(count):
        for i in range(count):
            session = SessionFactory(area=world.area_a, starts_at=days_ago(100 - i))
            for _ in range(4):
                AttendanceFactory(session=session, person__organisation=None)
            CommunityHeadcount.objects.create(session=session, community=community, count=i)

    add_sessions(2)
    client.force_login(world.facilitator_a)
    with django_assert_max_num_queries(40) as small:
        client.get(world.area_a.get_absolute_url())
    add_sessions(12)
    with django_assert_max_num_queries(len(small)):
        page = client.get(world.area_a.get_absolute_url()).content.decode()
    assert "Who has not come back" in page
