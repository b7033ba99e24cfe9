"""The area page recommends resources for the area's stage and the themes of its focus."""

import pytest
from django.urls import reverse

from areas.models import Stage
from resources.selectors import recommended_for_area
from tests.factories import ResourceFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _themes_url(area):
    return reverse("library:area-themes", args=[area.slug])


@pytest.fixture
def research():
    return ThemeFactory(name="Community research")


def test_resources_for_the_stage_and_focus_come_first(world, research):
    area = world.area_a  # Getting to the next level
    research.focus_areas.add(area)
    both = ResourceFactory(title="Both", stages=[Stage.NEXT_LEVEL], themes=[research])
    stage_only = ResourceFactory(title="Stage only", stages=[Stage.NEXT_LEVEL])
    theme_only = ResourceFactory(
        title="Theme only", stages=[Stage.MAKING_IT_STICK], themes=[research]
    )
    ResourceFactory(title="Neither", stages=[Stage.GETTING_UNSTUCK])
    assert recommended_for_area(world.steering_a, area) == [both, stage_only, theme_only]
    assert recommended_for_area(world.steering_a, area, limit=1) == [both]


def test_recommendations_follow_what_the_viewer_may_see(world):
    ResourceFactory(title="Partners only", stages=[Stage.NEXT_LEVEL], is_public=False)
    assert [r.title for r in recommended_for_area(world.steering_a, world.area_a)] == [
        "Partners only"
    ]
    assert recommended_for_area(world.funder, world.area_a) == []


def test_the_area_page_lists_them_in_a_few_queries(
    client, world, research, django_assert_max_num_queries
):
    research.focus_areas.add(world.area_a)
    ResourceFactory(title="Guide", stages=[Stage.NEXT_LEVEL], themes=[research])
    client.force_login(world.steering_a)
    # The whole area page for a steering member, cold; the panel's own share is two
    # queries and a share of the panels' versions.
    with django_assert_max_num_queries(29) as one_resource:
        client.get(world.area_a.get_absolute_url())
    for number in range(12):
        ResourceFactory(title=f"Guide {number}", stages=[Stage.NEXT_LEVEL], themes=[research])
    with django_assert_max_num_queries(len(one_resource)):
        body = client.get(world.area_a.get_absolute_url()).content.decode()
    assert "Resources for where the partnership is" in body
    assert "on the themes of this focus: community research" in body
    assert body.count('class="app-resource-list__item"') == 3
    assert f"{reverse('library:index')}?stage=next_level" in body
    # Only the area's facilitators choose its themes.
    assert _themes_url(world.area_a) not in body
    client.force_login(world.facilitator_a)
    assert _themes_url(world.area_a) in client.get(world.area_a.get_absolute_url()).content.decode()


def test_an_area_with_nothing_to_recommend_says_so(client, world):
    client.force_login(world.steering_a)
    body = client.get(world.area_a.get_absolute_url()).content.decode()
    assert "Nothing in the library matches yet." in body


def test_a_facilitator_chooses_the_themes_of_the_focus(client, world, research):
    trust = ThemeFactory(name="Trust and power")
    client.force_login(world.facilitator_a)
    page = client.get(_themes_url(world.area_a))
    assert page.status_code == 200
    assert world.area_a.focus in page.content.decode()
    response = client.post(_themes_url(world.area_a), {"themes": [research.pk, trust.pk]})
    assert response.status_code == 302
    assert response["Location"] == world.area_a.get_absolute_url()
    assert set(world.area_a.focus_themes.all()) == {research, trust}
    client.post(_themes_url(world.area_a), {"themes": [trust.pk]})
    assert list(world.area_a.focus_themes.all()) == [trust]
    assert "on the themes of this focus: trust and power" in (
        client.get(world.area_a.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize("persona", ["steering_a", "lco_a"])
def test_other_members_of_the_area_may_not_choose_them(client, world, research, persona):
    client.force_login(getattr(world, persona))
    assert client.get(_themes_url(world.area_a)).status_code == 403
    assert client.post(_themes_url(world.area_a), {"themes": [research.pk]}).status_code == 403
    assert not world.area_a.focus_themes.exists()


def test_a_facilitator_of_another_area_gets_not_found(client, world, research):
    client.force_login(world.facilitator_b)
    assert client.post(_themes_url(world.area_a), {"themes": [research.pk]}).status_code == 404
    assert not world.area_a.focus_themes.exists()
