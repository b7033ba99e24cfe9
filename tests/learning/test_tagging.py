import pytest
from django.urls import reverse

from learning.models import ActionTheme, InsightTheme, Theme

TAGGING = reverse("learning:tagging")
THEMES = reverse("learning:themes")


@pytest.fixture
def theme(db):
    return Theme.objects.get(name="Taking health into communities")


def test_facilitator_tags_several_items_of_their_area_at_once(client, world, heard, theme):
    client.force_login(world.facilitator_a)
    response = client.post(
        TAGGING,
        {
            "theme": theme.pk,
            "insights": [heard["barrier_a"].pk, heard["secret_quote"].pk],
        },
    )
    assert response.status_code == 302
    assert set(InsightTheme.objects.values_list("insight_id", flat=True)) == {
        heard["barrier_a"].pk,
        heard["secret_quote"].pk,
    }


def test_tagging_again_adds_nothing_and_untagging_takes_the_theme_off(client, world, heard, theme):
    client.force_login(world.facilitator_a)
    data = {"theme": theme.pk, "insights": [heard["barrier_a"].pk]}
    client.post(TAGGING, data)
    client.post(TAGGING, data)
    assert InsightTheme.objects.count() == 1
    client.post(TAGGING, {**data, "untag": "1"})
    assert InsightTheme.objects.count() == 0


def test_htmx_tagging_answers_with_the_list(client, world, heard, theme):
    client.force_login(world.lead)
    response = client.post(
        TAGGING,
        {"theme": theme.pk, "actions": [heard["action_b"].pk]},
        headers={"HX-Request": "true", "HX-Target": "tagging-list"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="tagging-list">')
    assert "Tagged 1 more item" in html
    assert ActionTheme.objects.filter(action=heard["action_b"], theme=theme).exists()


def test_a_facilitator_cannot_tag_another_areas_items(client, world, heard, theme):
    client.force_login(world.facilitator_b)
    response = client.post(TAGGING, {"theme": theme.pk, "insights": [heard["barrier_a"].pk]})
    assert response.status_code == 400
    assert not InsightTheme.objects.exists()
    listed = client.get(TAGGING).content.decode()
    assert "Screening letters" not in listed
    assert "Discharge letters" in listed


def test_nothing_ticked_or_no_theme_is_explained(client, world, heard, theme):
    client.force_login(world.facilitator_a)
    assert "Tick at least one item" in client.post(TAGGING, {"theme": theme.pk}).content.decode()
    response = client.post(TAGGING, {"insights": [heard["barrier_a"].pk], "theme": "x"})
    assert response.status_code == 400


@pytest.mark.parametrize("persona", ["steering_a", "lco_a", "funder", "no_role"])
def test_roles_that_may_not_tag_get_403(client, world, heard, theme, persona):
    client.force_login(getattr(world, persona))
    assert client.get(TAGGING).status_code == 403
    response = client.post(TAGGING, {"theme": theme.pk, "insights": [heard["barrier_a"].pk]})
    assert response.status_code == 403
    assert not InsightTheme.objects.exists()


def test_programme_leads_rename_and_add_themes(client, world):
    client.force_login(world.lead)
    themes = list(Theme.objects.all())
    data = {
        "form-TOTAL_FORMS": len(themes) + 1,
        "form-INITIAL_FORMS": len(themes),
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 1000,
    }
    for index, theme in enumerate(themes):
        data[f"form-{index}-id"] = theme.pk
        data[f"form-{index}-name"] = theme.name
    data["form-0-name"] = "Money for the long haul"
    data[f"form-{len(themes)}-name"] = "Digital by choice"
    assert client.post(THEMES, data).status_code == 302
    names = set(Theme.objects.values_list("name", flat=True))
    assert {"Money for the long haul", "Digital by choice"} <= names
    assert len(names) == len(themes) + 1


def test_only_programme_leads_change_themes(client, world):
    for user in (world.facilitator_a, world.funder, world.steering_a):
        client.force_login(user)
        assert client.get(THEMES).status_code == 403
        assert client.post(THEMES, {}).status_code == 403
