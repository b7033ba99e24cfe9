"""The area page's panels come from a registry the view reads, and the cached ones show
a change to what they show at once."""

import datetime as dt
import time

import pytest
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from areas.models import Stage
from partnerships import panels
from partnerships.models import AreaRole
from partnerships.panels import panels_of
from partnerships.privacy.services import person_erase
from resources import services as library
from tests.factories import MembershipFactory, ResourceFactory, ThemeFactory
from tests.workshops.factories import (
    ActionFactory,
    AttendanceFactory,
    InsightFactory,
    SessionFactory,
)
from workshops.models import SectorHeadcount, SessionStatus
from workshops.reach.models import CommunityHeadcount, NamedCommunity
from workshops.suggestions import services as action_suggestions

pytestmark = pytest.mark.django_db

# Warm, the suggestions waiting, the plan, the sessions, reach, similar work and the
# library's picks come out of the cache after one query for all their versions; the page
# reads its area, steering group's seats, LCOs, stage changes, facilitators, sub-groups,
# pending invitations and pulse trend, and the actions panel its counts. Cold, the cached
# panels read what they show. Whatever the rows.
COLD_QUERIES = 29
WARM_QUERIES = 11


def _page(client, world):
    return client.get(world.area_a.get_absolute_url()).content.decode()


def test_each_app_gives_the_area_page_its_panels_in_order():
    assert [(panel.slot, panel.name) for panel in panels_of("area")] == [
        ("library", "recommended-resources"),
        ("notices", "suggestions-waiting"),
        ("plan", "plan"),
        ("work", "sessions"),
        ("work", "actions"),
        ("work", "reach"),
        ("work", "similar-work"),
    ]
    assert [panel.name for panel in panels_of("session")] == ["similar-work"]


def test_the_area_page_counts_its_panels_queries_cold_and_warm(
    client, world, django_assert_max_num_queries
):
    for _ in range(3):
        AttendanceFactory(session=SessionFactory(area=world.area_a))
    ResourceFactory(stages=[world.area_a.stage])
    client.force_login(world.facilitator_a)
    with django_assert_max_num_queries(COLD_QUERIES):
        _page(client, world)
    with django_assert_max_num_queries(WARM_QUERIES):
        body = _page(client, world)
    for _ in range(5):
        ActionFactory(session=SessionFactory(area=world.area_a))
        ResourceFactory(stages=[world.area_a.stage])
    with django_assert_max_num_queries(COLD_QUERIES):
        _page(client, world)
    assert "Partnership day" in body
    assert "Resources for where the partnership is" in body


def test_manage_links_follow_the_viewer_not_who_warmed_the_cache(client, world):
    SessionFactory(area=world.area_a)
    new_session = reverse("workshops:session-new", args=[world.area_a.slug])
    themes = reverse("library:area-themes", args=[world.area_a.slug])
    client.force_login(world.facilitator_a)
    body = _page(client, world)
    assert new_session in body
    assert themes in body
    client.force_login(world.steering_a)
    body = _page(client, world)
    assert new_session not in body
    assert themes not in body


def test_a_warm_page_shows_library_changes_at_once(client, world):
    guide = ResourceFactory(title="Old title", stages=[Stage.NEXT_LEVEL])
    world.area_a.stage = Stage.NEXT_LEVEL
    world.area_a.save()
    client.force_login(world.facilitator_a)
    assert "Old title" in _page(client, world)
    library.resource_update(
        resource=guide,
        title="New title",
        summary=guide.summary,
        resource_type=guide.resource_type,
        url=guide.url,
        publisher=guide.publisher,
        stages=[Stage.NEXT_LEVEL],
    )
    theme = ThemeFactory(name="Community research")
    library.area_set_focus_themes(area=world.area_a, themes=[theme])
    body = _page(client, world)
    assert "New title" in body
    assert "Old title" not in body
    assert "on the themes of this focus: community research" in body


def test_a_cached_panels_key_covers_the_templates_it_includes():
    """A release that changes only a template the plan includes still makes new keys."""
    sources = panels._sources("areas/outcomes/_area_summary.html", seen=set())
    for included in (
        "areas/outcomes/_indicator_table.html",
        "areas/outcomes/_evidence_list.html",
        "areas/outcomes/_status_tag.html",
    ):
        assert get_template(included).template.source in sources


def _days_ago(days):
    return timezone.now() - dt.timedelta(days=days)


def test_a_warm_page_shows_a_new_or_changed_session_at_once(client, world):
    client.force_login(world.facilitator_a)
    assert "No sessions yet." in _page(client, world)
    session = SessionFactory(area=world.area_a, title="Screening letters day")
    assert "Screening letters day" in _page(client, world)
    session.title, session.status = "Letters and leaflets day", SessionStatus.WRITTEN_UP
    session.save(update_fields=["title", "status"])
    body = _page(client, world)
    assert "Letters and leaflets day" in body
    assert "Screening letters day" not in body


def test_a_warm_page_counts_who_came_and_what_was_logged_at_once(client, world):
    session = SessionFactory(area=world.area_a)
    client.force_login(world.facilitator_a)
    counts = '<td class="app-table__number">{}</td>'
    assert counts.format(0) in _page(client, world)
    AttendanceFactory(session=session)
    SectorHeadcount.objects.create(session=session, sector="vcse", count=6)
    InsightFactory(session=session)
    InsightFactory(session=session)
    InsightFactory(session=session)
    ActionFactory(session=session)
    ActionFactory(session=session)
    ActionFactory(session=session)
    ActionFactory(session=session)
    body = _page(client, world)
    sessions = body[body.index('id="sessions"') : body.index('id="reach"')]
    assert f"{counts.format(7)}\n      {counts.format(3)}\n      {counts.format(4)}" in sessions
    reach = body[body.index('id="reach"') :]
    assert "1 person has come to Wandsworth’s partnership sessions" in reach


def test_a_session_moves_from_next_to_the_latest_and_into_reach_as_it_starts(client, world):
    """The panels' keys count the sessions whose start the database's clock has passed."""
    starts_at = timezone.now() + dt.timedelta(seconds=2)
    SessionFactory(
        area=world.area_a, title="Planned day", starts_at=starts_at, status=SessionStatus.PLANNED
    )
    held = SessionFactory(area=world.area_a, title="Held day", starts_at=starts_at)
    AttendanceFactory(session=held)
    client.force_login(world.facilitator_a)
    before = _page(client, world)
    assert "Next: <a" in before
    assert "No partnership sessions have been held yet." in before
    time.sleep(max(0, (starts_at - timezone.now()).total_seconds()) + 0.2)
    after = _page(client, world)
    assert "Next: <a" not in after
    assert "Planned day</a>" in after
    assert "1 person has come to Wandsworth’s partnership sessions" in after


def _sessions_with_one_not_back(area, name="Grace Mensah"):
    sessions = [SessionFactory(area=area, starts_at=_days_ago(20 - i)) for i in range(5)]
    return AttendanceFactory(session=sessions[0], person__full_name=name).person, sessions


def test_reach_names_follow_the_viewers_role_not_who_warmed_the_cache(client, world):
    _sessions_with_one_not_back(world.area_a)
    client.force_login(world.facilitator_a)
    assert "Grace Mensah" in _page(client, world)
    client.force_login(world.steering_a)
    assert "Grace Mensah" not in _page(client, world)
    # Made the area's LCO coordinator, a steering member is of the area team at once.
    MembershipFactory(
        person=world.steering_a.person, area=world.area_a, role=AreaRole.LCO_COORDINATOR
    )
    assert "Grace Mensah" in _page(client, world)


def test_a_warm_reach_panel_shows_an_erasure_at_once(client, world):
    person, _ = _sessions_with_one_not_back(world.area_a)
    client.force_login(world.facilitator_a)
    assert "Grace Mensah" in _page(client, world)
    person_erase(person=person, by=world.facilitator_a.person, reason="Asked to be forgotten")
    assert "Grace Mensah" not in _page(client, world)


def test_a_warm_reach_panel_shows_who_came_back_and_the_rooms_counts_at_once(client, world):
    person, sessions = _sessions_with_one_not_back(world.area_a)
    client.force_login(world.facilitator_a)
    assert "Who has not come back (1)" in _page(client, world)
    AttendanceFactory(session=sessions[-1], person=person)
    assert "Who has not come back" not in _page(client, world)
    SectorHeadcount.objects.create(session=sessions[-1], sector="vcse", count=5)
    assert '<td class="app-table__number">6</td>' in _page(client, world)
    community = NamedCommunity.objects.create(area=world.area_a, name="Tetum speakers")
    body = _page(client, world)
    assert "Tetum speakers" in body
    assert "Not seen at the last 3 sessions" in body
    CommunityHeadcount.objects.create(session=sessions[-1], community=community, count=3)
    assert "Not seen at the last 3 sessions" not in _page(client, world)
    community.retired_at = timezone.now()
    community.save(update_fields=["retired_at"])
    CommunityHeadcount.objects.filter(community=community).delete()
    assert "Tetum speakers" not in _page(client, world)


def test_a_warm_page_counts_a_suggestion_as_it_is_made_and_decided(client, world):
    client.force_login(world.facilitator_a)
    assert "for your decision" not in _page(client, world)
    suggestion = action_suggestions.action_suggestion_make(
        area=world.area_a, by=world.community_a.person, description="Evening session", why="-"
    )
    assert "1 suggestion waits for your decision" in _page(client, world)
    client.force_login(world.steering_a)
    assert "for your decision" not in _page(client, world)
    client.force_login(world.facilitator_a)
    action_suggestions.action_suggestion_accept(
        suggestion=suggestion,
        by=world.facilitator_a.person,
        description="Evening session",
        owner=world.facilitator_a.person,
    )
    assert "for your decision" not in _page(client, world)


def test_similar_work_follows_the_areas_own_barriers_at_once(client, world):
    elsewhere = SessionFactory(area=world.area_b)
    InsightFactory(session=elsewhere, text="Discharge letters arrive after the patient is home")
    world.area_a.focus = "Healthy eating for families"
    world.area_a.save(update_fields=["focus"])
    client.force_login(world.facilitator_a)
    assert "Similar work in other areas" not in _page(client, world)
    InsightFactory(
        session=SessionFactory(area=world.area_a), text="Discharge letters come too late"
    )
    body = _page(client, world)
    assert "Similar work in other areas" in body
    assert "Discharge letters arrive after the patient is home" in body
