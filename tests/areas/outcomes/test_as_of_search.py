"""Finding areas on the statements-as-of page by part of their name."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import AreaFactory, CaoStatementFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("areas:statements-as-of")
PDF = reverse("areas:statements-as-of-pdf")
QUERIES = 5  # areas with nothing recorded yet


@pytest.fixture
def plans(world):
    CaoStatementFactory(area=world.area_a, title="Wandsworth screening plan")
    CaoStatementFactory(area=world.area_b, title="Somerset discharge plan")


def _shown(response) -> set[str]:
    return {area.slug for area in response.context["areas"] + response.context["quiet_areas"]}


def test_a_programme_lead_finds_any_area_by_part_of_its_name(client, world, plans):
    client.force_login(world.lead)

    response = client.get(PAGE, {"q": " sOMer "})

    body = response.content.decode()
    assert _shown(response) == {world.area_b.slug}
    assert "Somerset discharge plan" in body
    assert "Wandsworth screening plan" not in body
    assert "<strong>1 area</strong> with “sOMer” in its name" in body
    assert 'value=" sOMer "' in body, "the search field keeps what was typed"


def test_an_area_member_finds_only_their_own_areas(client, world, plans):
    client.force_login(world.steering_a)

    found = client.get(PAGE, {"q": "worth"})
    other = client.get(PAGE, {"q": "Somerset"})

    assert _shown(found) == {world.area_a.slug}
    assert _shown(other) == set()
    body = other.content.decode()
    assert "Somerset discharge plan" not in body
    assert "No area of yours has “Somerset” in its name." in body
    assert "You are not part of any area yet" not in body


def test_an_area_outside_the_users_own_is_not_found_by_its_address(client, world, plans):
    """The same message whether the area does not exist or is someone else's; meanwhile
    the page shows the user's own areas."""
    client.force_login(world.steering_a)

    for slug in (world.area_b.slug, "no-such-area", "<b>not a slug</b>"):
        response = client.get(PAGE, {"area": slug, "on": "2026-01-05"})
        body = response.content.decode()
        assert response.context["form"].errors["q"] == [
            "We could not find that area among yours. Search for it by name."
        ]
        assert '<a href="#id_q">We could not find that area among yours.' in body
        assert "Somerset discharge plan" not in body
        assert _shown(response) == {world.area_a.slug}


def test_the_link_from_an_areas_page_shows_that_area_today_without_an_error(client, world, plans):
    client.force_login(world.facilitator_a)
    overview = client.get(reverse("areas:outcomes:overview", args=[world.area_a.slug]))
    link = f"{PAGE}?area={world.area_a.slug}"
    assert link in overview.content.decode()

    response = client.get(link)

    body = response.content.decode()
    assert not response.context["form"].errors
    assert _shown(response) == {world.area_a.slug}
    assert "Showing Wandsworth only." in body
    assert f'<input type="hidden" name="area" value="{world.area_a.slug}"' in body
    assert 'name="q"' not in body


def test_a_name_too_long_is_explained_on_the_field(client, world):
    client.force_login(world.lead)

    response = client.get(PAGE, {"q": "x" * 101})

    body = response.content.decode()
    assert response.context["form"].errors["q"] == ["Area name must be 100 characters or fewer."]
    assert "<title>Error: " in body
    assert 'class="nhsuk-form-group nhsuk-form-group--error"' in body
    assert 'aria-describedby="id_q-hint id_q-error"' in body or "id_q-error" in body
    assert _shown(response) == {world.area_a.slug, world.area_b.slug}


def test_what_was_typed_and_area_names_are_escaped(client, world):
    world.area_a.name = "Wandsworth & Merton <north>"
    world.area_a.save(update_fields=["name"])
    client.force_login(world.lead)

    none = client.get(PAGE, {"q": "<b>bold</b>"}).content.decode()
    one = client.get(PAGE, {"area": world.area_a.slug}).content.decode()

    assert "No area of yours has “&lt;b&gt;bold&lt;/b&gt;” in its name." in none
    assert "<b>bold</b>" not in none
    assert "Showing Wandsworth &amp; Merton &lt;north&gt; only." in one


def test_the_pdf_holds_the_areas_the_search_found(client, world, plans):
    client.force_login(world.lead)

    page = client.get(PAGE, {"q": "somer", "on": "2026-01-05"})
    pdf = client.get(page.context["pdf_url"])

    assert page.context["pdf_url"] == f"{PDF}?on=2026-01-05&q=somer"
    assert pdf.status_code == 200
    assert b"%PDF" in pdf.content[:8]


def test_typing_refreshes_only_the_results_with_the_count_and_pdf_link(client, world, plans):
    client.force_login(world.lead)

    response = client.get(
        PAGE,
        {"q": "somer"},
        headers={"HX-Request": "true", "HX-Target": "as-of-results"},
    )

    body = response.content.decode()
    assert "<html" not in body
    assert "Somerset discharge plan" in body
    assert '<p id="as-of-count" data-hx-swap-oob="innerHTML">' in body
    assert f'id="as-of-pdf" href="{PDF}?on={date.today()}&amp;q=somer"' in body
    assert 'id="as-of-heading" data-hx-swap-oob="true"' in body
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("search", [{}, {"q": "area"}])
def test_the_page_reads_the_same_queries_with_3_or_30_areas(
    client, world, django_assert_max_num_queries, search
):
    """Nothing on the page grows with the programme: no list of every area to pick from."""
    client.force_login(world.lead)
    AreaFactory.create_batch(3)
    with django_assert_max_num_queries(QUERIES) as few:
        assert client.get(PAGE, search).status_code == 200
    AreaFactory.create_batch(27)
    AreaFactory(name="Faraway place")

    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(PAGE, {**search, "q": "Faraway"}).content.decode()
    assert "Faraway place" in body
    assert "Area " not in body.replace("Area name", "")
