import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "destination"),
    [
        ("lead", lambda w: reverse("areas:list")),
        ("facilitator_a", lambda w: w.area_a.get_absolute_url()),
        ("steering_a", lambda w: w.area_a.get_absolute_url()),
        ("lco_a", lambda w: w.area_a.get_absolute_url()),
        ("funder", lambda w: reverse("resources:reports")),
    ],
)
def test_home_takes_each_role_to_its_work(client, world, persona, destination):
    client.force_login(getattr(world, persona))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == destination(world)


def test_someone_without_a_role_is_told_how_to_join(client, world):
    client.force_login(world.no_role)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "not part of an area" in response.content.decode()


def test_home_needs_sign_in(client):
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("account_login"))


def test_lead_sees_every_area_and_a_steering_member_only_theirs(client, world):
    client.force_login(world.lead)
    assert set(client.get(reverse("areas:list")).context["areas"]) == {world.area_a, world.area_b}
    client.force_login(world.steering_a)
    assert list(client.get(reverse("areas:list")).context["areas"]) == [world.area_a]


def test_funder_reports_page_is_an_honest_empty_state(client, world):
    client.force_login(world.funder)
    body = client.get(reverse("resources:reports")).content.decode()
    assert "No case study has been published yet" in body
    assert "You have not been linked to a cohort yet" in body


def test_steering_member_cannot_open_reports(client, world):
    client.force_login(world.steering_a)
    assert client.get(reverse("resources:reports")).status_code == 403


@pytest.mark.parametrize("name", ["accessibility", "privacy"])
def test_public_pages(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_unknown_page_is_a_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "nhsuk-header" in response.content.decode()


def test_sign_in_page_uses_the_design_system(client):
    body = client.get(reverse("account_login")).content.decode()
    assert "nhsuk-button" in body
    assert "Health Partnerships" in body


def test_open_sign_up_is_closed(client):
    response = client.post(
        reverse("account_signup"), {"email": "x@example.org", "password1": PASSWORD}
    )
    assert response.status_code == 200
    from partnerships.models import User

    assert not User.objects.filter(email="x@example.org").exists()


def test_security_headers(client):
    response = client.get(reverse("accessibility"))
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_stylesheet_closes_every_rule_it_opens():
    """An unclosed rule silently swallows every rule after it in the browser."""
    css = re.sub(
        r"/\*.*?\*/", "", (Path(settings.BASE_DIR) / "static/css/app.css").read_text(), flags=re.S
    )
    depth = 0
    for character in css:
        depth += {"{": 1, "}": -1}.get(character, 0)
        assert depth >= 0, "a rule closes that never opened"
    assert depth == 0, "a rule is never closed"
