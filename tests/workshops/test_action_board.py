"""An area's action board and each action's page: who sees and changes what."""

import csv
import datetime as dt
import html
import io
import re
from typing import NamedTuple

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory, PersonFactory, SteeringMemberFactory
from tests.workshops.factories import ActionFactory, SessionFactory, undelivered_email
from workshops.actions.links import owner_link_token
from workshops.models import (
    Action,
    ActionEventKind,
    ActionStatus,
    FollowUp,
    FollowUpPurpose,
    FollowUpStatus,
)


def days(n):
    return timezone.localdate() + dt.timedelta(days=n)


def board_url(area, **query):
    url = reverse("workshops:action-board", args=[area.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


class Row(NamedTuple):
    pk: int
    description: str
    html: str


COLUMN = re.compile(
    r'<section class="app-session-section" aria-labelledby="(\w+)">(.*?)</section>',
    re.S,
)
ROW = re.compile(r'<tr>\s*<td>\s*<a href="[^"]*/actions/(\d+)/">(.*?)</a>(.*?)</tr>', re.S)


def columns(response) -> dict[str, list[Row]]:
    """Each column of the board as the page shows it: its rows, in order."""
    return {
        status: [
            Row(int(pk), html.unescape(description), description + rest)
            for pk, description, rest in ROW.findall(column)
        ]
        for status, column in COLUMN.findall(response.content.decode())
    }


@pytest.fixture
def session(world):
    return SessionFactory(area=world.area_a, title="Screening letters day")


def test_every_role_in_the_area_sees_its_actions_by_status(client, world, session):
    ActionFactory(
        session=session,
        description="Book the hall",
        status=ActionStatus.BLOCKED,
        blocked_reason="The hall is closed for repairs",
    )
    ActionFactory(session=session, description="Send the letters", due_on=days(-4))
    ActionFactory(session=SessionFactory(area=world.area_b), description="Another area's")
    for user in (world.facilitator_a, world.steering_a, world.lco_a, world.lead):
        client.force_login(user)
        response = client.get(board_url(world.area_a))
        assert response.status_code == 200
        groups = columns(response)
        assert [a.description for a in groups["blocked"]] == ["Book the hall"]
        assert [a.description for a in groups["not_started"]] == ["Send the letters"]
        page = response.content.decode()
        assert "Another area" not in page
        assert "The hall is closed for repairs" in page
        # Overdue is said in words, not only shown in red.
        assert "4 days late" in page
        assert "<strong>1 overdue</strong>" in page


def test_the_board_filters_by_owner_sub_group_session_and_due_dates(client, world, session):
    grace = PersonFactory(full_name="Grace Mensah")
    SteeringMemberFactory(area=world.area_a, person=grace)
    mine = ActionFactory(session=session, owner=grace, due_on=days(5), sub_group=world.sub_group_a)
    ActionFactory(session=session, due_on=days(5))
    ActionFactory(session=SessionFactory(area=world.area_a), owner=grace, due_on=days(40))
    client.force_login(world.steering_a)

    def shown(**query):
        response = client.get(board_url(world.area_a, **query))
        return {row.pk for rows in columns(response).values() for row in rows}

    assert shown(owner=grace.pk, session=session.pk) == {mine.pk}
    assert shown(sub_group=world.sub_group_a.pk) == {mine.pk}
    assert shown(owner=grace.pk, due_from=days(1), due_to=days(10)) == {mine.pk}


def test_the_filters_load_only_when_opened_or_in_use(client, world, session):
    grace = PersonFactory(full_name="Grace Mensah")
    ActionFactory(session=session, owner=grace)
    client.force_login(world.steering_a)
    board = board_url(world.area_a)

    closed = client.get(board).content.decode()
    opened = client.get(board_url(world.area_a, filters="show")).content.decode()
    in_use = client.get(board_url(world.area_a, owner=grace.pk)).content.decode()
    fetched = client.get(board_url(world.area_a, filters="show"), HTTP_HX_REQUEST="true")

    # Closed, the filters are a link to the board with them open, fetched by htmx as they open.
    assert 'name="owner"' not in closed
    assert f'href="{board}?filters=show#filters"' in closed
    assert 'data-hx-trigger="toggle once"' in closed
    for page in (opened, in_use):
        assert '<details class="nhsuk-details" id="filters" open>' in page
        assert f'<option value="{grace.pk}"' in page
    assert "Clear filters" not in opened
    assert "Clear filters" in in_use
    assert 'name="owner"' in fetched.content.decode()
    assert "<details" not in fetched.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"owner": "not-a-number"},
        {"session": "999999999"},
        {"due_from": "2026-02-30"},
        {"due_from": "2026-03-10", "due_to": "2026-03-01"},
    ],
)
def test_a_filter_that_makes_no_sense_is_explained_not_an_error(client, world, session, query):
    ActionFactory(session=session)
    client.force_login(world.steering_a)
    response = client.get(board_url(world.area_a, **query))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert response.context["total"] == 1


def test_the_spreadsheet_has_the_filtered_actions_and_no_formulas(client, world, session):
    ActionFactory(session=session, description='=HYPERLINK("http://evil.example")', due_on=days(-2))
    ActionFactory(session=session, description="Not at this session's filter", due_on=days(50))
    client.force_login(world.lco_a)

    response = client.get(
        reverse("workshops:action-board-csv", args=[world.area_a.slug]) + f"?due_to={days(10)}"
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[0][:4] == ["Action", "Owner", "Organisation", "Status"]
    assert len(rows) == 2
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][6] == "2"
    assert rows[1][-1].startswith("http://testserver/areas/wandsworth/actions/")


def test_facilitators_see_which_emails_were_not_delivered(client, world, session):
    action = ActionFactory(session=session)
    undelivered_email(action)
    client.force_login(world.facilitator_a)
    page = client.get(board_url(world.area_a)).content.decode()
    assert "Email not delivered" in page
    detail = client.get(action.get_absolute_url()).content.decode()
    assert "Refused" in detail
    assert "Try again" in detail

    client.force_login(world.steering_a)
    assert "Email not delivered" not in client.get(board_url(world.area_a)).content.decode()
    assert "Emails about this action" not in client.get(action.get_absolute_url()).content.decode()


def test_the_board_reads_in_a_fixed_number_of_queries(
    client, world, session, django_assert_max_num_queries
):
    ActionFactory(session=session)
    client.force_login(world.facilitator_a)
    with django_assert_max_num_queries(20) as few:
        client.get(board_url(world.area_a))
    for status in ActionStatus.values * 8:
        ActionFactory(
            session=SessionFactory(area=world.area_a),
            status=status,
            sub_group=world.sub_group_a,
            due_on=days(-3),
        )
    with django_assert_max_num_queries(len(few)):
        client.get(board_url(world.area_a))


def reassign(client, action, owner, version=None):
    return client.post(
        reverse("workshops:action-reassign", args=[action.area.slug, action.pk]),
        {"reassign-owner": owner.pk, "reassign-version": version or action.version},
    )


def test_a_facilitator_reassigns_and_the_new_owner_is_told(
    client, world, session, django_capture_on_commit_callbacks
):
    action = ActionFactory(session=session, description="Map the bus times")
    new_owner = world.steering_a.person
    client.force_login(world.facilitator_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = reassign(client, action, new_owner)

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.owner == new_owner
    [message] = mail.outbox
    assert message.to == [f"{new_owner.full_name} <{new_owner.email}>"]
    assert message.subject == "New action for you: Map the bus times"
    event = action.events.get(kind=ActionEventKind.REASSIGNED)
    assert (event.new_value, event.by) == (new_owner.full_name, world.facilitator_a.person)
    history = client.get(action.get_absolute_url()).content.decode()
    assert f"gave the action to {new_owner.full_name}" in history


def test_reassigning_to_the_same_owner_or_an_outsider_is_refused(client, world, session):
    action = ActionFactory(session=session, owner=world.steering_a.person)
    client.force_login(world.facilitator_a)
    same = reassign(client, action, world.steering_a.person)
    assert "owns the action already" in same.content.decode()
    outsider = reassign(client, action, world.steering_b.person)
    assert "Choose an owner from this area" in outsider.content.decode()
    assert Action.objects.get(pk=action.pk).owner == world.steering_a.person


def test_only_facilitators_reassign(client, world, session):
    action = ActionFactory(session=session, owner=world.steering_a.person)
    client.force_login(world.steering_a)
    assert reassign(client, action, world.lco_a.person).status_code == 403
    assert "Change the owner" not in client.get(action.get_absolute_url()).content.decode()


def test_edits_on_the_session_page_are_in_the_history(client, world, session):
    action = ActionFactory(session=session, owner=world.steering_a.person, due_on=days(5))
    client.force_login(world.facilitator_a)
    client.post(
        reverse("workshops:action-edit", args=[world.area_a.slug, session.pk, action.pk]),
        {
            f"action-{action.pk}-description": action.description,
            f"action-{action.pk}-owner": world.lco_a.person.pk,
            f"action-{action.pk}-due_on": days(9).isoformat(),
            f"action-{action.pk}-version": action.version,
        },
    )
    kinds = list(action.events.values_list("kind", "old_value", "new_value"))
    assert kinds == [
        (
            ActionEventKind.REASSIGNED,
            world.steering_a.person.full_name,
            world.lco_a.person.full_name,
        ),
        (ActionEventKind.DUE_DATE, days(5).isoformat(), days(9).isoformat()),
    ]
    page = client.get(action.get_absolute_url()).content.decode()
    assert f"changed the due date from {days(5):%-d %B %Y} to {days(9):%-d %B %Y}" in page


def test_a_facilitator_withdraws_the_owner_links(client, world, session):
    action = ActionFactory(session=session)
    old_link = reverse("workshops:owner-link", args=[owner_link_token(action)])
    client.force_login(world.facilitator_a)

    response = client.post(
        reverse("workshops:owner-link-withdraw", args=[world.area_a.slug, action.pk])
    )

    assert response.status_code == 302
    assert action.events.get().kind == ActionEventKind.LINK_REVOKED
    client.logout()
    assert client.get(old_link).status_code == 410
    action.refresh_from_db()
    assert (
        client.get(reverse("workshops:owner-link", args=[owner_link_token(action)])).status_code
        == 200
    )


def test_a_facilitator_retries_an_undelivered_email(
    client, world, session, django_capture_on_commit_callbacks
):
    action = ActionFactory(session=session, owner=world.steering_a.person, due_on=days(0))
    follow_up = FollowUp.objects.create(
        purpose=FollowUpPurpose.DUE_TODAY,
        action=action,
        person=action.owner,
        key_date=action.due_on,
        status=FollowUpStatus.FAILED,
        attempts=8,
    )
    client.force_login(world.facilitator_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("workshops:follow-up-retry", args=[world.area_a.slug, action.pk, follow_up.pk])
        )
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.SENT
    assert len(mail.outbox) == 1


def test_the_area_and_session_pages_lead_to_the_board(client, world, session):
    ActionFactory(session=session, due_on=days(-1))
    client.force_login(world.steering_a)
    area_page = client.get(world.area_a.get_absolute_url()).content.decode()
    assert board_url(world.area_a) in area_page
    assert "1 open action, <strong>1 overdue</strong>" in area_page
    session_page = client.get(session.get_absolute_url()).content.decode()
    assert f"{board_url(world.area_a)}?session={session.pk}" in session_page


def finished(session, count, **fields):
    """`count` done actions, finished a day apart, the last one most recently."""
    start = timezone.now() - dt.timedelta(days=count)
    return [
        ActionFactory(
            session=session,
            status=ActionStatus.DONE,
            description=f"Finished {number}",
            updated_at=start + dt.timedelta(days=number),
            **fields,
        )
        for number in range(count)
    ]


def test_the_board_shows_the_latest_done_actions_and_links_to_the_rest(client, world, session):
    finished(session, 12)
    ActionFactory(session=session, description="Still to do")
    client.force_login(world.steering_a)

    response = client.get(board_url(world.area_a))

    done = columns(response)["done"]
    assert [a.description for a in done] == [f"Finished {n}" for n in range(11, 1, -1)]
    page = response.content.decode()
    assert "13 actions." in page
    assert "Done (12)" in page
    assert "Finished 1<" not in page
    assert f'href="{reverse("workshops:action-board-done", args=[world.area_a.slug])}"' in page
    assert "See all 12 done actions" in page


def test_a_short_done_list_is_shown_whole_without_a_link(client, world, session):
    finished(session, 3)
    client.force_login(world.steering_a)

    page = client.get(board_url(world.area_a)).content.decode()

    assert "Finished 0" in page
    assert "See all" not in page


def test_every_done_action_is_a_page_at_a_time_and_keeps_the_filters(client, world, session):
    grace = PersonFactory(full_name="Grace Mensah")
    SteeringMemberFactory(area=world.area_a, person=grace)
    finished(session, 55, owner=grace)
    finished(session, 2)
    ActionFactory(session=session, owner=grace, description="Still to do")
    client.force_login(world.steering_a)

    board = client.get(board_url(world.area_a, owner=grace.pk)).content.decode()
    done_url = reverse("workshops:action-board-done", args=[world.area_a.slug])
    assert f'href="{done_url}?owner={grace.pk}"' in board

    first = client.get(f"{done_url}?owner={grace.pk}")
    assert first.status_code == 200
    assert first.context["page_obj"].paginator.count == 55
    shown = [a["description"] for a in first.context["actions"]]
    assert shown[:2] == ["Finished 54", "Finished 53"]
    assert "Still to do" not in first.content.decode()
    assert "page=2" in first.content.decode()
    second = client.get(f"{done_url}?owner={grace.pk}&page=2")
    assert [a["description"] for a in second.context["actions"]] == [
        f"Finished {n}" for n in range(4, -1, -1)
    ]
    # A page past the end shows the last one rather than an error.
    assert client.get(f"{done_url}?page=99").context["page_obj"].number == 2


def test_outsiders_do_not_see_an_areas_done_actions(client, world, session):
    finished(session, 1)
    client.force_login(world.steering_b)
    done_url = reverse("workshops:action-board-done", args=[world.area_a.slug])
    assert client.get(done_url).status_code == 404


def test_the_done_list_reads_in_a_fixed_number_of_queries(
    client, world, session, django_assert_max_num_queries
):
    finished(session, 1)
    client.force_login(world.facilitator_a)
    done_url = reverse("workshops:action-board-done", args=[world.area_a.slug])
    with django_assert_max_num_queries(20) as few:
        client.get(done_url)
    for _ in range(8):
        finished(SessionFactory(area=world.area_a), 2, sub_group=world.sub_group_a)
    with django_assert_max_num_queries(len(few)):
        client.get(done_url)


def test_each_row_shows_the_actions_latest_update(client, world, session):
    from workshops.actions import services as action_services

    owner = world.steering_a.person
    noted = ActionFactory(session=session, owner=owner, description="Book the hall")
    blocked = ActionFactory(session=session, owner=owner, description="Print the leaflets")
    ActionFactory(session=session, owner=owner, description="Ring the mosque")
    action_services.action_progress(
        action=noted, by=owner, version=None, status=noted.status, note="Asked for Tuesdays"
    )
    action_services.action_progress(
        action=noted, by=owner, version=None, status=noted.status, note="Hall booked for 3 May"
    )
    action_services.action_progress(
        action=blocked,
        by=owner,
        version=blocked.version,
        status=ActionStatus.BLOCKED,
        blocked_reason="Waiting for the printer's quote",
    )
    client.force_login(world.steering_a)

    rows = {
        row.split("</a>")[0].rsplit(">", 1)[-1]: row
        for row in client.get(board_url(world.area_a)).content.decode().split("<tr>")[2:]
    }

    assert "“Hall booked for 3 May”" in rows["Book the hall"]
    assert "Asked for Tuesdays" not in rows["Book the hall"]
    assert f"{owner.full_name}</strong> added a progress note" in rows["Book the hall"]
    assert rows["Print the leaflets"].count("Waiting for the printer&#x27;s quote") == 1
    assert "changed the status from not started to blocked" in rows["Print the leaflets"]
    assert "Latest update" not in rows["Ring the mosque"]


def test_a_row_shows_what_people_typed_as_text_not_markup(client, world, session):
    from workshops.actions import services as action_services

    organisation = OrganisationFactory(name="<i>Pantry</i> & Co")
    owner = PersonFactory(full_name="<b>Ann</b>", organisation=organisation)
    session.title = "<em>Day</em>"
    session.save(update_fields=["title"])
    world.sub_group_a.name = "<u>Youth</u>"
    world.sub_group_a.save(update_fields=["name"])
    action = ActionFactory(
        session=session,
        owner=owner,
        sub_group=world.sub_group_a,
        description="<script>alert(1)</script>",
        status=ActionStatus.BLOCKED,
        blocked_reason="<s>closed</s>",
    )
    action_services.action_progress(
        action=action,
        by=owner,
        version=None,
        status=action.status,
        blocked_reason=action.blocked_reason,
        note="<img src=x>",
    )
    client.force_login(world.facilitator_a)

    page = client.get(board_url(world.area_a)).content.decode()

    for typed in ("<script>", "<b>Ann", "<i>Pantry", "<em>Day", "<u>Youth", "<s>closed", "<img"):
        assert typed not in page
    for shown in (
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<strong>&lt;b&gt;Ann&lt;/b&gt;</strong> added a progress note.",
        "&lt;b&gt;Ann&lt;/b&gt;<br>",
        "&lt;i&gt;Pantry&lt;/i&gt; &amp; Co",
        "&lt;em&gt;Day&lt;/em&gt;</a>",
        "&lt;u&gt;Youth&lt;/u&gt;",
        "Blocked: &lt;s&gt;closed&lt;/s&gt;",
        "“&lt;img src=x&gt;”",
    ):
        assert shown in page


@pytest.mark.parametrize(
    ("kind", "old", "new", "text", "words"),
    [
        ("created", "", "Ann Lee", "", "<strong>Sam Roe</strong> recorded the action for Ann Lee."),
        (
            "status",
            "not_started",
            "blocked",
            "",
            "<strong>Sam Roe</strong> changed the status from not started to blocked.",
        ),
        ("status", "blocked", "blocked", "", "<strong>Sam Roe</strong> changed why it is blocked."),
        ("note", "", "", "Rang them", "<strong>Sam Roe</strong> added a progress note."),
        (
            "reassigned",
            "Ann Lee",
            "Bo Day",
            "",
            "<strong>Sam Roe</strong> gave the action to Bo Day (it was Ann Lee’s).",
        ),
        (
            "due_date",
            "2026-03-11",
            "",
            "",
            "<strong>Sam Roe</strong> changed the due date from 11 March 2026 to none.",
        ),
        (
            "link_opened",
            "",
            "",
            "",
            "<strong>Sam Roe</strong> opened the action from the link in an email.",
        ),
        (
            "link_refused",
            "",
            "",
            "expired",
            "Someone used an owner link that no longer works (it had expired).",
        ),
        (
            "link_revoked",
            "",
            "",
            "",
            "<strong>Sam Roe</strong> withdrew the owner links sent so far.",
        ),
        (
            "owner_email",
            "",
            "",
            "",
            "<strong>Sam Roe</strong> added an email address for the owner, so emails about "
            "the action reach them.",
        ),
    ],
)
def test_each_kind_of_event_reads_as_a_sentence_in_the_history(
    client, world, session, kind, old, new, text, words
):
    action = ActionFactory(session=session)
    action.events.create(
        kind=kind, by=PersonFactory(full_name="Sam Roe"), old_value=old, new_value=new, text=text
    )
    client.force_login(world.facilitator_a)

    assert words in client.get(action.get_absolute_url()).content.decode()


def test_an_event_without_a_person_is_told_as_someones(client, world, session):
    action = ActionFactory(session=session)
    action.events.create(kind=ActionEventKind.NOTE, text="Rang them")
    client.force_login(world.facilitator_a)

    page = client.get(action.get_absolute_url()).content.decode()

    assert "<strong>Someone</strong> added a progress note." in page


def test_the_latest_update_is_the_newest_by_time_then_by_order_recorded(client, world, session):
    earlier, later = timezone.now() - dt.timedelta(days=2), timezone.now() - dt.timedelta(days=1)
    tied = ActionFactory(session=session, description="Tied")
    backdated = ActionFactory(session=session, description="Backdated")
    for action, notes in (
        (tied, [(later, "First of two"), (later, "Second of two")]),
        (backdated, [(later, "Newest"), (earlier, "Recorded last, dated earlier")]),
    ):
        for at, text in notes:
            action.events.create(kind=ActionEventKind.NOTE, at=at, text=text)
        action.events.create(kind=ActionEventKind.REASSIGNED, at=timezone.now(), text="Not news")
    client.force_login(world.facilitator_a)

    response = client.get(board_url(world.area_a))

    rows = {row.description: row.html for rows in columns(response).values() for row in rows}
    assert "“Second of two”" in rows["Tied"]
    assert "First of two" not in rows["Tied"]
    assert "“Newest”" in rows["Backdated"]
    assert "Recorded last" not in rows["Backdated"]
