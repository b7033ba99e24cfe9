"""Choosing which follow-up emails to get, the one-click unsubscribe, and the calendar."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from tests.workshops.factories import ActionFactory, AttendanceFactory, SessionFactory
from workshops.followups import calendar
from workshops.followups.preferences import unsubscribe_token
from workshops.models import ActionStatus, FollowUpKind, FollowUpOptOut

PREFERENCES = "/actions/emails/"


def opted_out(person):
    return set(FollowUpOptOut.objects.filter(person=person).values_list("kind", flat=True))


def test_a_person_chooses_which_emails_they_get(client, world):
    client.force_login(world.steering_a)
    page = client.get(PREFERENCES)
    offered = [value for value, _ in page.context["form"].fields["wanted"].choices]
    assert FollowUpKind.ESCALATION not in offered

    kept = [FollowUpKind.ASSIGNED, FollowUpKind.REMINDERS]
    response = client.post(PREFERENCES, {"wanted": kept})

    assert response.status_code == 302
    assert opted_out(world.steering_a.person) == {
        FollowUpKind.OVERDUE,
        FollowUpKind.SUMMARY,
        FollowUpKind.DIGEST,
    }
    client.post(PREFERENCES, {"wanted": [*kept, FollowUpKind.DIGEST]})
    assert FollowUpKind.DIGEST not in opted_out(world.steering_a.person)


def test_facilitators_may_also_turn_off_overdue_escalations(client, world):
    client.force_login(world.facilitator_a)
    page = client.get(PREFERENCES)
    assert FollowUpKind.ESCALATION in dict(page.context["form"].fields["wanted"].choices)


def unsubscribe_url(person, kind):
    return reverse(
        "workshops:unsubscribe", args=[unsubscribe_token(person_id=person.pk, kind=kind)]
    )


def test_unsubscribing_asks_first_when_followed_from_an_email(client, db):
    person = PersonFactory(full_name="Dev Gupta")
    response = client.get(unsubscribe_url(person, FollowUpKind.DIGEST))
    assert response.status_code == 200
    assert "Stop these emails?" in response.content.decode()
    assert not opted_out(person)


def test_a_mail_clients_one_click_post_unsubscribes_signed_out_without_a_csrf_token(db):
    person = PersonFactory()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_url(person, FollowUpKind.REMINDERS),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert opted_out(person) == {FollowUpKind.REMINDERS}
    # Twice is the same as once.
    client.post(unsubscribe_url(person, FollowUpKind.REMINDERS))
    assert opted_out(person) == {FollowUpKind.REMINDERS}


@pytest.mark.parametrize("token", ["nonsense", "eyJwIjoxLCJrIjoiZGlnZXN0In0:abc", "a" * 3000])
def test_an_unsubscribe_link_that_is_not_ours_changes_nothing(client, db, token):
    response = client.post(reverse("workshops:unsubscribe", args=[token]))
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert not FollowUpOptOut.objects.exists()


def test_an_unsubscribe_link_for_someone_removed_changes_nothing(client, db):
    person = PersonFactory()
    url = unsubscribe_url(person, FollowUpKind.DIGEST)
    person.delete()
    assert client.post(url).status_code == 404


def path(url):
    return url.removeprefix("http://127.0.0.1:8000")


def test_a_person_makes_renews_and_turns_off_their_calendar_address(client, world):
    client.force_login(world.steering_a)
    settings_url = reverse("workshops:calendar-settings")

    client.post(settings_url)
    first = client.get(settings_url).context["feed_url"]
    client.post(settings_url)
    second = client.get(settings_url).context["feed_url"]

    client.logout()
    assert client.get(path(first)).status_code == 404
    assert client.get(path(second)).status_code == 200

    client.force_login(world.steering_a)
    client.post(settings_url, {"stop": "1"})
    client.logout()
    assert client.get(path(second)).status_code == 404


@pytest.mark.parametrize(
    "token", ["1-abc", "x", "99999999999999999999-" + "a" * 40, "1-" + "g" * 40]
)
def test_a_calendar_address_that_is_not_ours_is_not_found(client, db, token):
    assert client.get(reverse("workshops:calendar-ics", args=[token])).status_code == 404


def test_the_calendar_has_the_persons_sessions_and_due_dates(client, world):
    person = world.steering_a.person
    attended = SessionFactory(
        area=world.area_a,
        title="Partnership day, screening; letters",
        starts_at=timezone.now() + dt.timedelta(days=3),
        ends_at=timezone.now() + dt.timedelta(days=3, hours=3),
    )
    AttendanceFactory(session=attended, person=person)
    facilitated = SessionFactory(area=world.area_a, title="Steering group", venue="")
    facilitated.facilitators.add(person)
    SessionFactory(area=world.area_a, title="Someone else's session")
    due = ActionFactory(owner=person, description="Send letters", due_on=dt.date(2030, 5, 17))
    ActionFactory(owner=person, description="Finished", status=ActionStatus.DONE)
    feed = calendar.feed_renew(person=person)

    response = client.get(reverse("workshops:calendar-ics", args=[calendar.feed_token(feed)]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    unfolded = text.replace("\r\n ", "")
    assert f"UID:session-{attended.pk}@127.0.0.1" in unfolded
    assert "SUMMARY:Partnership day\\, screening\\; letters (Wandsworth)" in unfolded
    assert f"UID:session-{facilitated.pk}@127.0.0.1" in unfolded
    assert "Someone else" not in unfolded
    assert f"UID:action-{due.pk}@127.0.0.1" in unfolded
    assert "DTSTART;VALUE=DATE:20300517" in unfolded
    assert "DTEND;VALUE=DATE:20300518" in unfolded
    assert f"URL:http://127.0.0.1:8000{due.get_absolute_url()}" in unfolded
    assert "Finished" not in unfolded
