"""The area page's panels come from a registry the view reads, and the cached ones show
a change to what they show at once."""

import pytest
from django.template.loader import get_template
from django.urls import reverse

from areas.models import Stage
from partnerships import panels
from partnerships.panels import panels_of
from resources import services as library
from tests.factories import ResourceFactory, ThemeFactory
from tests.workshops.factories import ActionFactory, AttendanceFactory, SessionFactory

pytestmark = pytest.mark.django_db

# Warm, the library's picks and the plan come out of the cache after one query for the
# panels' versions (in place of their own two and four), and similar work out of its own
# after the two figures of its key; cold, the three panels read what they show. Whatever
# the rows. (The
# reach panel's six queries, the pulse trend's one and the three counts of suggestions
# waiting for review are read warm or cold: see tests/areas/test_area_pages.py.)
COLD_QUERIES = 35
WARM_QUERIES = 26


def _page(client, world):
    return client.get(world.area_a.get_absolute_url()).content.decode()


def test_each_app_gives_the_area_page_its_panels_in_order():
    assert [(panel.slot, panel.name) for panel in panels_of("area")] == [
        ("library", "recommended-resources"),
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
