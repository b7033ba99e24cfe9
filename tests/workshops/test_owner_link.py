"""The owner link: one action, updated without an account, and nothing else.

The link's own boundaries, since the access matrix leaves its token to this file: a
made-up, altered, expired, withdrawn or superseded link, or one whose action is gone,
gets a page that says so — never a 500 and never another action.
"""

import datetime as dt

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from tests.workshops.factories import ActionFactory
from workshops.actions import services
from workshops.actions.links import SALT, owner_link_token
from workshops.models import Action, ActionEvent, ActionEventKind, ActionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(db):
    owner = PersonFactory(full_name="Dev Gupta", email="dev@example.org")
    return ActionFactory(owner=owner, description="Map evening bus times with the council")


def link(token):
    return reverse("workshops:owner-link", args=[token])


def post(client, action, token=None, **fields):
    data = {"update-version": action.version, "update-status": ActionStatus.NOT_STARTED}
    data.update({f"update-{name}": value for name, value in fields.items()})
    return client.post(link(token or owner_link_token(action)), data)


def test_the_owner_sees_their_action_and_nothing_else(client, action):
    ActionFactory(owner=action.owner, description="Another of Dev's actions")
    response = client.get(link(owner_link_token(action)))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Map evening bus times with the council" in page
    assert "Another of Dev" not in page
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


def test_the_owner_updates_the_action_and_the_use_is_recorded(client, action):
    response = post(client, action, status="in_progress", note="Timetables requested.")

    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.updated_by) == (ActionStatus.IN_PROGRESS, action.owner)
    events = list(action.events.values_list("kind", "by", "via_owner_link"))
    assert events == [
        (ActionEventKind.STATUS, action.owner.pk, True),
        (ActionEventKind.NOTE, action.owner.pk, True),
    ]
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_opening_the_link_is_recorded_once_an_hour(client, action):
    token = owner_link_token(action)
    client.get(link(token))
    client.get(link(token))
    assert action.events.filter(kind=ActionEventKind.LINK_OPENED).count() == 1
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        client.get(link(token))
    assert action.events.filter(kind=ActionEventKind.LINK_OPENED).count() == 2


def test_blocked_without_a_reason_is_explained(client, action):
    response = post(client, action, status="blocked")
    assert response.status_code == 200
    assert "Say what is blocking the action." in response.content.decode()
    assert Action.objects.get(pk=action.pk).status == ActionStatus.NOT_STARTED


def test_the_link_changes_only_its_own_action(client, action):
    other = ActionFactory(owner=action.owner)
    client.post(
        link(owner_link_token(action)),
        {
            "update-version": action.version,
            "update-status": "done",
            "action": other.pk,
            "update-owner": PersonFactory().pk,
        },
    )
    assert Action.objects.get(pk=other.pk).status == ActionStatus.NOT_STARTED
    assert Action.objects.get(pk=action.pk).owner == action.owner


def test_a_link_cannot_be_pointed_at_another_action(client, action):
    other = ActionFactory()
    token = owner_link_token(action)
    forged_payload = owner_link_token(other).split(":")[0]
    forged = ":".join([forged_payload, *token.split(":")[1:]])

    for attempt in (forged, token[:-2] + ("AA" if not token.endswith("AA") else "BB")):
        response = client.get(link(attempt))
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
        assert post(client, other, token=attempt, status="done").status_code == 404
    assert not Action.objects.filter(status=ActionStatus.DONE).exists()
    assert not ActionEvent.objects.exists()


# Named by what each is: signed tokens carry the second they were made, and the test
# processes collecting them must agree on every test's name.
MADE_UP_LINKS = {
    "one-letter": "x",
    "words": "not-a-token",
    "separators-only": "a:b:c",
    "unsigned-shape": "eyJhIjoxfQ:1x:abc",
    "null-byte": "%00",
    "emoji": "😀" * 40,
    "very-long": "A" * 5000,
    "signed-with-another-salt": signing.dumps({"a": "1"}, salt="another-salt"),
    "signed-list": signing.dumps([1, 2, 3], salt=SALT),
    "signed-without-an-action": signing.dumps({"a": 1}, salt=SALT),
}


@pytest.mark.parametrize("token", MADE_UP_LINKS.values(), ids=MADE_UP_LINKS.keys())
def test_made_up_links_get_a_clear_page(client, action, token):
    response = client.get(link(token))
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_an_expired_link_says_so_and_the_attempt_is_recorded(client, action, settings):
    settings.ACTION_OWNER_LINK_DAYS = 30
    token = owner_link_token(action)
    with time_machine.travel(timezone.now() + dt.timedelta(days=29)):
        assert client.get(link(token)).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        response = client.get(link(token))
        assert post(client, action, token=token, status="done").status_code == 410
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert Action.objects.get(pk=action.pk).status == ActionStatus.NOT_STARTED
    refused = action.events.get(kind=ActionEventKind.LINK_REFUSED)
    assert (refused.text, refused.via_owner_link) == ("expired", True)


def test_a_withdrawn_link_says_so(client, action, world):
    token = owner_link_token(action)
    services.owner_link_withdraw(action=action, by=world.facilitator_a.person)
    response = client.get(link(token))
    assert response.status_code == 410
    assert "This link has been withdrawn" in response.content.decode()


def test_a_link_sent_to_an_earlier_owner_stops_working(client, action, world):
    token = owner_link_token(action)
    services.action_reassign(
        action=action,
        by=world.facilitator_a.person,
        version=action.version,
        owner=PersonFactory(email="new@example.org"),
    )
    response = client.get(link(token))
    assert response.status_code == 410
    assert "This action has a new owner" in response.content.decode()


def test_a_link_to_a_deleted_action_says_so(client, action):
    token = owner_link_token(action)
    action.delete()
    response = client.get(link(token))
    assert response.status_code == 404
    assert "This action no longer exists" in response.content.decode()


def test_a_stale_form_is_a_conflict(client, action):
    seen = action.version
    Action.objects.filter(pk=action.pk).update(status=ActionStatus.DONE, version=seen + 1)
    response = post(client, action, status="in_progress")
    assert response.status_code == 200
    assert "saved a change" in response.content.decode()
    assert Action.objects.get(pk=action.pk).status == ActionStatus.DONE
