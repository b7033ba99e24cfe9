"""The cross-area matrix: every URL that names an object, tried by every outsider.

URL patterns are discovered from the URLconf, so a new page is covered the moment it is
routed. A pattern whose arguments this file cannot fill fails the suite until someone
says how to build area A's object for it in OBJECT_ARGUMENTS
(tests/security/area_a_objects.py).
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from resources.reports.models import CohortFunding
from tests.security.area_a_objects import EXEMPT_PREFIXES, FOUND_BY, OBJECT_ARGUMENTS


def _object_patterns(resolvers=None, prefix="", namespace="", arguments=()):
    """(route, url name, argument names) for every named pattern that takes arguments,
    including those captured by the include() it sits in."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        names = (*arguments, *entry.pattern.converters)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _object_patterns(entry.url_patterns, route, inner, names)
        elif (
            isinstance(entry, URLPattern)
            and names
            and not any(route.startswith(exempt) for exempt in EXEMPT_PREFIXES)
        ):
            yield route, f"{namespace}{entry.name}", sorted(names)


OBJECT_PATTERNS = list(_object_patterns())
IDS = [route for route, _, _ in OBJECT_PATTERNS]

# Objects the whole programme shares rather than one area owns: the resource library is
# for everyone working in any area, so members of area B are not outsiders to it. People
# without a role and signed-out visitors still are, and stay in the matrix.
PROGRAMME_WIDE_PREFIXES = ("library/<int:resource_id>/",)
AREA_PATTERNS = [
    pattern for pattern in OBJECT_PATTERNS if not pattern[0].startswith(PROGRAMME_WIDE_PREFIXES)
]


# A POST-only page answers GET with 405 whoever asks and whatever the object, which
# reveals nothing; every other answer to an outsider must be 404.
HIDDEN = {"get": {404, 405}, "post": {404}}


def _url_for_area_a(world, name, arguments):
    missing = [argument for argument in arguments if argument not in OBJECT_ARGUMENTS]
    assert not missing, f"Add {missing} to OBJECT_ARGUMENTS so {name} is in the matrix"
    return reverse(name, kwargs={arg: OBJECT_ARGUMENTS[arg](world) for arg in arguments})


@pytest.mark.parametrize(("route", "name", "arguments"), OBJECT_PATTERNS, ids=IDS)
def test_the_objects_named_are_found_by_area_a_facilitator(client, world, route, name, arguments):
    """Guards the matrix itself: a URL that 404s for everyone would prove nothing."""
    finder = next((who for prefix, who in FOUND_BY.items() if route.startswith(prefix)), None)
    client.force_login(getattr(world, finder or "facilitator_a"))
    assert client.get(_url_for_area_a(world, name, arguments)).status_code != 404


def test_the_matrix_covers_pages():
    assert len(OBJECT_PATTERNS) >= 3


@pytest.mark.parametrize(
    ("route", "name", "arguments"), AREA_PATTERNS, ids=[route for route, _, _ in AREA_PATTERNS]
)
def test_members_of_another_area_get_404(client, world, route, name, arguments):
    url = _url_for_area_a(world, name, arguments)
    for persona, user in world.members_of_b.items():
        client.force_login(user)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in HIDDEN[method], f"{persona}: {method} {url}"


@pytest.mark.parametrize(("route", "name", "arguments"), OBJECT_PATTERNS, ids=IDS)
@pytest.mark.parametrize("persona", ["funder", "funder_of_b", "no_role"])
def test_people_without_a_role_in_the_area_get_404(client, world, route, name, arguments, persona):
    # A funder reads the reports and statements of the cohorts they fund: funding area
    # B's cohort opens nothing of area A's.
    if persona == "funder_of_b":
        CohortFunding.objects.create(funder=world.funder.person, cohort=world.area_b.cohort)
        persona = "funder"
    client.force_login(getattr(world, persona))
    url = _url_for_area_a(world, name, arguments)
    assert client.get(url).status_code in HIDDEN["get"]
    assert client.post(url).status_code in HIDDEN["post"]


@pytest.mark.parametrize(("route", "name", "arguments"), OBJECT_PATTERNS, ids=IDS)
def test_anonymous_is_sent_to_sign_in(client, world, route, name, arguments):
    url = _url_for_area_a(world, name, arguments)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
