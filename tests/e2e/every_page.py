"""Every page the journeys reach, as each role reaches it, for the checks that hold on all
of them (reflow on a phone, axe-core, valid HTML).

The pages are discovered as the security battery discovers them: every routed page named
for area A's objects, and every link followed from there, by each role entitled to them;
plus the pages opened signed out (public pages and those whose address is the credential).
One address per role and route is kept: query variants of a list share its markup.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import resolve, reverse

from tests.factories import PersonFactory
from tests.security.area_a_objects import session_a
from tests.security.canaries import plant_canaries
from tests.security.discovery import area_a_urls, crawl
from tests.security.open_addresses import (
    addresses_that_are_the_credential,
    public_pages,
    sent_cascade,
)
from tests.workshops.factories import ActionFactory

# Everyone with a role that area A's objects are for: programme lead, facilitator, LCO
# coordinator, steering group member, community member, funder.
PERSONAS = ("lead", "facilitator_a", "lco_a", "steering_a", "community_a", "funder")
SIGNED_OUT = "signed out"


@dataclass
class Page:
    persona: str
    url: str
    html: str


def populate(world) -> None:
    """Area A with the data that makes pages wide: a long owner's name on the action
    board, attendees, quotes and budget lines (the canaries), and a sent cascade whose
    share address is long and unbroken."""
    world.urls = area_a_urls(world)
    plant_canaries(world)
    session = session_a(world)
    for name in ("Oluwaseun Adebayo-Whitfield", "Maximilian Featherstonehaugh-Cholmondeley"):
        ActionFactory(session=session, owner=PersonFactory(full_name=name))
    sent_cascade(world)


def _is_page(url: str) -> bool:
    """A page rather than a download (a PDF, whose address answers with a page asking to
    wait until it is built, and a calendar feed)."""
    return not urlsplit(url).path.endswith((".ics", "/pdf/"))


def journey_pages(client, world) -> list[Page]:
    """One page per role and route, with the HTML the server sent."""
    pages: list[Page] = []
    for persona in PERSONAS:
        client.force_login(getattr(world, persona))
        seen_routes = set()
        for fetched in crawl(client, world.urls).of_kind("is_html"):
            route = resolve(urlsplit(fetched.url).path).route
            if route not in seen_routes and _is_page(fetched.url):
                seen_routes.add(route)
                pages.append(Page(persona, fetched.url, fetched.body.decode()))
    client.logout()
    signed_out = [reverse("account_login"), *public_pages()]
    for urls in addresses_that_are_the_credential(world).values():
        signed_out.extend(url for url in urls if _is_page(url))
    for url in signed_out:
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append(Page(SIGNED_OUT, url, response.content.decode()))
    return pages
