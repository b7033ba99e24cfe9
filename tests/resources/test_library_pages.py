"""Browsing the library: who sees what, search with filters, and the cost of a page."""

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from areas.models import Stage
from partnerships.templatetags.nhsuk import nhsuk_page_numbers
from resources.models import ResourceType
from tests.factories import ResourceFactory, ThemeFactory

pytestmark = pytest.mark.django_db

LIBRARY = "/library/"
PUBLIC = "/library/public/"
HTMX = {"HX-Request": "true", "HX-Target": "library-results"}


@pytest.fixture
def shelf():
    impact = ThemeFactory(name="Measuring impact")
    trust = ThemeFactory(name="Trust and power")
    return {
        "impact": impact,
        "trust": trust,
        "measuring": ResourceFactory(
            title="Measuring impact",
            summary="Showing change before the outcomes arrive.",
            resource_type=ResourceType.INFOGRAPHIC,
            themes=[impact],
            stages=[Stage.NEXT_LEVEL, Stage.MAKING_IT_STICK],
            is_public=True,
        ),
        "talking": ResourceFactory(
            title="Talking points for cross-sector partnerships",
            summary="Prompts for clearing the air after a setback.",
            resource_type=ResourceType.TEMPLATE,
            themes=[trust],
            stages=[Stage.GETTING_STARTED, Stage.GETTING_UNSTUCK],
        ),
        "collaboration": ResourceFactory(
            title="Trust, power and collaboration",
            summary="Funding relationships built on learning rather than targets.",
            resource_type=ResourceType.REPORT,
            themes=[trust, impact],
            stages=[Stage.GETTING_UNSTUCK],
            is_public=True,
        ),
    }


def _titles(response):
    return [resource.title for resource in response.context["page_obj"]]


def test_urls_are_named():
    assert reverse("library:index") == LIBRARY
    assert reverse("library:public") == PUBLIC


# Who sees what


def test_signed_out_visitors_are_sent_to_sign_in_for_the_library(client, shelf):
    response = client.get(LIBRARY)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_public_library_shows_only_public_resources_to_anyone(client, world, shelf):
    for user in (None, world.lead, world.facilitator_a):
        if user:
            client.force_login(user)
        response = client.get(PUBLIC)
        assert response.status_code == 200
        assert _titles(response) == ["Measuring impact", "Trust, power and collaboration"]
        assert "Talking points" not in response.content.decode()


@pytest.mark.parametrize("persona", ["facilitator_a", "steering_a", "lco_b", "lead"])
def test_everyone_working_in_an_area_browses_the_whole_library(client, world, shelf, persona):
    client.force_login(getattr(world, persona))
    response = client.get(LIBRARY)
    assert response.status_code == 200
    assert len(_titles(response)) == 3
    assert "Signed-in partners only" in response.content.decode()


@pytest.mark.parametrize("persona", ["funder", "no_role"])
def test_funders_and_people_without_a_role_see_the_public_resources(client, world, shelf, persona):
    client.force_login(getattr(world, persona))
    assert _titles(client.get(LIBRARY)) == ["Measuring impact", "Trust, power and collaboration"]
    assert client.get(shelf["talking"].get_absolute_url()).status_code == 404


def test_a_public_resource_page_needs_no_sign_in(client, shelf):
    response = client.get(shelf["measuring"].get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Showing change before the outcomes arrive." in body
    assert 'href="https://www.example.org/guide"' in body
    assert reverse("library:edit", args=[shelf["measuring"].pk]) not in body


def test_a_resource_only_for_partners_sends_signed_out_visitors_to_sign_in(client, shelf):
    for url in (
        shelf["talking"].get_absolute_url(),
        reverse("library:detail", args=[987654]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_only_facilitators_and_leads_are_offered_add_and_change(client, world, shelf):
    detail = shelf["talking"].get_absolute_url()
    edit = reverse("library:edit", args=[shelf["talking"].pk])
    for persona, can_edit in [
        ("facilitator_b", True),
        ("lead", True),
        ("steering_a", False),
        ("lco_a", False),
    ]:
        client.force_login(getattr(world, persona))
        assert (reverse("library:new") in client.get(LIBRARY).content.decode()) is can_edit
        assert (edit in client.get(detail).content.decode()) is can_edit, persona


def test_the_header_links_signed_in_people_to_the_library(client, world):
    client.force_login(world.steering_a)
    body = client.get(world.area_a.get_absolute_url()).content.decode()
    assert f'href="{LIBRARY}">Resources</a>' in body


def test_the_footer_links_everyone_to_the_public_library(client):
    assert f'href="{PUBLIC}">Resource library</a>' in client.get("/programme/").content.decode()


# Search and filters


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "trust"}, ["Trust, power and collaboration"]),
        ({"q": "setback"}, ["Talking points for cross-sector partnerships"]),
        ({"type": "infographic"}, ["Measuring impact"]),
        ({"stage": "getting_unstuck"}, ["Talking points for cross-sector partnerships",
                                        "Trust, power and collaboration"]),
        ({"theme": "trust-and-power", "stage": "getting_started"},
         ["Talking points for cross-sector partnerships"]),
        ({"q": "power", "stage": "getting_started"}, []),
        ({"q": "partner", "type": "template", "theme": "trust-and-power"},
         ["Talking points for cross-sector partnerships"]),
    ],
)  # fmt: skip
def test_search_and_filters_combine(client, world, shelf, params, expected):
    client.force_login(world.steering_a)
    assert sorted(_titles(client.get(LIBRARY, params))) == expected


def test_each_result_says_what_it_helps_with_and_its_themes(client, world, shelf):
    client.force_login(world.steering_a)
    body = client.get(LIBRARY, {"q": "collaboration"}).content.decode()
    assert "<dt>Helps with</dt>\n        <dd>Getting unstuck</dd>" in body
    assert "<dt>Themes</dt>\n        <dd>Measuring impact; Trust and power</dd>" in body


def test_search_puts_a_title_match_before_a_summary_match(client, world, shelf):
    ResourceFactory(title="Working together", summary="A trust-building exercise for a group.")
    client.force_login(world.steering_a)
    assert _titles(client.get(LIBRARY, {"q": "trust"})) == [
        "Trust, power and collaboration",
        "Working together",
    ]


def test_filters_we_do_not_offer_are_ignored_not_errors(client, world, shelf):
    client.force_login(world.steering_a)
    response = client.get(LIBRARY, {"type": "podcast", "theme": "gone", "stage": "x", "page": "9"})
    assert response.status_code == 200
    assert len(_titles(response)) == 3


def test_the_count_says_how_many_match(client, world, shelf):
    client.force_login(world.steering_a)
    body = client.get(LIBRARY, {"stage": "getting_unstuck"}).content.decode()
    assert 'id="library-count" role="status" aria-live="polite"' in body
    assert "<strong>2 resources</strong> match your search" in body


def test_as_you_type_only_the_results_and_the_count_come_back(client, world, shelf):
    client.force_login(world.steering_a)
    response = client.get(LIBRARY, {"q": "measuring"}, headers=HTMX)
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="library-search"' not in body
    assert "Measuring impact" in body
    assert '<p id="library-count" data-hx-swap-oob="innerHTML"><strong>1 resource</strong>' in body
    assert "HX-Request" in response["Vary"]


def test_the_search_form_works_as_a_plain_form_and_with_htmx(client, world, shelf):
    client.force_login(world.steering_a)
    body = client.get(LIBRARY, {"q": "trust", "stage": "getting_unstuck"}).content.decode()
    assert '<form id="library-search" method="get" action="/library/" role="search"' in body
    assert 'data-hx-trigger="input changed delay:300ms, search, submit"' in body
    assert 'data-hx-push-url="true"' in body
    # The form shows the search it answered.
    assert 'value="trust"' in body
    assert '<option value="getting_unstuck" selected>' in body


def test_nothing_found_says_so_and_offers_a_way_back(client, world, shelf):
    client.force_login(world.steering_a)
    body = client.get(LIBRARY, {"q": "zebra"}).content.decode()
    assert "No resources match your search" in body
    assert "<strong>0 resources</strong> match your search" in body


def test_text_from_a_resource_is_escaped(client, world):
    ResourceFactory(title="<script>alert(1)</script>", summary="<img src=x onerror=alert(2)>")
    client.force_login(world.steering_a)
    body = client.get(LIBRARY).content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<img src=x" not in body


def test_a_long_library_comes_a_page_at_a_time(client, world):
    for number in range(25):
        ResourceFactory(title=f"Guide {number:02}")
    client.force_login(world.steering_a)
    first = client.get(LIBRARY)
    assert len(_titles(first)) == 20
    assert "showing 1 to 20" in first.content.decode()
    assert len(_titles(client.get(LIBRARY, {"page": 2}))) == 5


# Cost


def _fill(count, themes):
    for number in range(count):
        ResourceFactory(
            title=f"Partnership guide {number}",
            themes=themes,
            stages=[Stage.GETTING_STARTED, Stage.NEXT_LEVEL],
            is_public=True,
        )


@pytest.mark.parametrize("count", [2, 30])
@pytest.mark.parametrize(
    "params",
    [{}, {"q": "partnership guide"}, {"q": "guide", "theme": "theme-a", "stage": "next_level"}],
)
def test_library_queries_do_not_grow_with_the_library(
    client, world, django_assert_max_num_queries, count, params
):
    themes = [ThemeFactory(name="Theme A"), ThemeFactory(name="Theme B")]
    _fill(count, themes)
    client.force_login(world.steering_a)
    # Session, user, person, roles; themes for the filter; count, page, themes, stages;
    # and saving the session (a savepoint, an update, its release).
    with django_assert_max_num_queries(12):
        response = client.get(LIBRARY, params)
    assert len(_titles(response)) == min(count, 20)
    with django_assert_max_num_queries(12):
        client.get(LIBRARY, params, headers=HTMX)
    client.logout()
    with django_assert_max_num_queries(5):
        client.get(PUBLIC, params)


def test_pagination_links_to_pages_near_the_current_one_not_every_page():
    page = Paginator(range(10_000), 20).get_page(250)
    assert nhsuk_page_numbers(page) == [1, None, 248, 249, 250, 251, 252, None, 500]
    request = RequestFactory().get("/library/", {"q": "trust", "page": 250})
    html = render_to_string("components/pagination.html", {"page_obj": page}, request=request)
    assert html.count('class="nhsuk-pagination__link"') == 7
    assert 'href="?q=trust&amp;page=251"' in html
    assert html.count("nhsuk-pagination__item--ellipsis") == 2
