"""Adding to the session page's lists with htmx answers with what changed: the new row,
the list's heading with its count, and a fresh form, whatever the length of the list."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.workshops.factories import ActionFactory, InsightFactory, SessionFactory
from workshops.models import Action, Insight, InsightKind

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, session, *args):
    return reverse(f"workshops:{name}", args=[session.area.slug, session.pk, *args])


def _day(world, *, rows):
    day = SessionFactory(area=world.area_a)
    for _ in range(rows):
        InsightFactory(session=day, kind=InsightKind.BARRIER)
        ActionFactory(session=day, owner=world.steering_a.person)
    return day


def _statements(queries):
    """The statements that read or write tables: the savepoints around each transaction
    (the test's own, and get_or_create's) are left out."""
    return [q for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


def _oob(page, swap):
    """The element the answer swaps out of band with `swap`, as text."""
    match = re.search(rf'<(\w+) data-hx-swap-oob="{re.escape(swap)}">(.*?)</\1>', page, re.S)
    assert match, f"no out-of-band {swap} in the answer"
    return match.group(2)


def _answers(days, post, *, at_most, django_assert_max_num_queries):
    """The answer to `post` on each day, by its number of rows, and the statements each
    took."""
    statements, answers = {}, {}
    for rows, day in days.items():
        with django_assert_max_num_queries(at_most) as queries:
            answers[rows] = post(day)
        assert answers[rows].status_code == 200
        statements[rows] = len(_statements(queries.captured_queries))
    return statements, answers


def _add_action(client, day, owner, **fields):
    data = {"new-action-description": "Ring the pantry", "new-action-owner": owner.pk}
    data.update({f"new-action-{name}": value for name, value in fields.items()})
    return client.post(url("action-add", day), {**data, "draft_token": "sent-token"}, **HTMX)


def test_an_action_added_with_htmx_answers_with_its_row_and_a_fresh_form(
    client, world, django_assert_max_num_queries
):
    days = {rows: _day(world, rows=rows) for rows in (5, 50)}
    client.force_login(world.facilitator_a)
    client.get(reverse("home"))  # signed in and settled: the session is not due a save

    statements, answers = _answers(
        days,
        lambda day: _add_action(client, day, world.steering_a.person),
        at_most=14,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )

    # The user, the session, the area's people (the owner is checked against them); the
    # action, its history, the email owed to its owner (looked for, then made) and the
    # draft it spends; where it goes in the list; the sub-groups the form offers.
    assert statements[5] == statements[50] == 10
    for rows, answer in answers.items():
        page = answer.content.decode()
        action = Action.objects.get(session=days[rows], description="Ring the pantry")
        assert page.lstrip().startswith("<form ")
        assert page.count('class="app-item"') == 1
        assert f'<tr id="action-{action.pk}" class="app-item">' in page
        assert f"({rows + 1})</span></h2>" in page
        assert 'id="actions-heading" tabindex="-1" data-hx-swap-oob="true"' in page
        # The form is ready for the next action: empty, with a token of its own.
        assert re.search(r'name="new-action-description"[^>]*>\s*</textarea>', page)
        assert 'value="sent-token"' not in page
        assert 'name="draft_token" value="' in page
        assert 'id="barriers' not in page
    message = json.loads(answers[50]["HX-Trigger"])["sessionSaved"]["message"]
    assert message.startswith(f"Action added for {world.steering_a.person.full_name}.")


def test_a_new_action_takes_its_place_in_the_lists_order(client, world):
    day = SessionFactory(area=world.area_a)
    owner = world.steering_a.person
    today = timezone.localdate()
    soon = ActionFactory(session=day, owner=owner, due_on=today + dt.timedelta(days=10))
    later = ActionFactory(session=day, owner=owner, due_on=today + dt.timedelta(days=20))
    client.force_login(world.facilitator_a)

    between = _add_action(client, day, owner, due_on=today + dt.timedelta(days=15))
    undated = _add_action(client, day, owner, due_on="")
    first = _add_action(client, day, owner, due_on=today + dt.timedelta(days=1))

    assert _oob(between.content.decode(), f"beforebegin:#action-{later.pk}")
    assert _oob(undated.content.decode(), "beforeend:#actions-rows")
    assert _oob(first.content.decode(), f"beforebegin:#action-{soon.pk}")
    # Where each answer put its row is where the page lists it.
    page = client.get(day.get_absolute_url()).content.decode()
    listed = [int(pk) for pk in re.findall(r'<tr id="action-(\d+)"', page)]
    added = list(Action.objects.filter(description="Ring the pantry").order_by("pk"))
    assert listed == [added[2].pk, soon.pk, added[0].pk, later.pk, added[1].pk]


def test_the_first_action_comes_back_with_its_whole_list(client, world):
    day = SessionFactory(area=world.area_a)
    client.force_login(world.facilitator_a)

    response = _add_action(client, day, world.steering_a.person)

    page = response.content.decode()
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#actions", "outerHTML")
    assert page.lstrip().startswith('<section id="actions"')
    assert "(1)</span></h2>" in page
    assert page.count('class="app-item"') == 1
    assert "data-hx-swap-oob" not in page
    assert '<details class="nhsuk-details" id="add-action" open>' in page


def test_a_barrier_added_with_htmx_answers_with_its_item_and_a_fresh_form(
    client, world, django_assert_max_num_queries
):
    days = {rows: _day(world, rows=rows) for rows in (5, 50)}
    client.force_login(world.facilitator_a)
    client.get(reverse("home"))

    statements, answers = _answers(
        days,
        lambda day: client.post(
            url("insight-add", day, "barrier"),
            {"new-barrier-text": "Letters too <long>", "draft_token": "sent-token"},
            **HTMX,
        ),
        at_most=8,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )

    # The user, the session; the barrier and the draft it spends; the barrier as its
    # list shows it, with the list's count; the types of barrier the form offers.
    assert statements[5] == statements[50] == 6
    for rows, answer in answers.items():
        page = answer.content.decode()
        barrier = Insight.objects.get(session=days[rows], text="Letters too <long>")
        assert page.lstrip().startswith("<form ")
        items = _oob(page, "beforeend:#barriers-items")
        assert items.count('class="app-item"') == 1
        assert f'<li id="insight-{barrier.pk}" class="app-item">' in items
        assert "Letters too &lt;long&gt;" in items
        assert (
            f'Barriers <span class="nhsuk-u-secondary-text-colour app-count">({rows + 1})' in page
        )
        assert re.search(r'name="new-barrier-text"[^>]*>\s*</textarea>', page)
        assert 'value="sent-token"' not in page
    assert json.loads(answers[5]["HX-Trigger"]) == {"sessionSaved": {"message": "Barrier added."}}


def test_a_quote_added_with_htmx_offers_the_speakers_again(client, world):
    day = SessionFactory(area=world.area_a)
    InsightFactory(session=day, kind=InsightKind.QUOTE, text="Said before.")
    client.force_login(world.facilitator_a)

    response = client.post(
        url("insight-add", day, "quote"),
        {
            "new-quote-text": "They listened this time.",
            "new-quote-speaker": world.steering_a.person.pk,
            "new-quote-consent": "none",
        },
        **HTMX,
    )

    page = response.content.decode()
    items = _oob(page, "beforeend:#quotes-items")
    assert "They listened this time." in items
    assert world.steering_a.person.full_name in items  # said by, for the area team
    assert f'<option value="{world.steering_a.person.pk}">' in page  # the fresh form's picker


@pytest.mark.parametrize("rows", [0, 3])
def test_a_refused_action_comes_back_alone_with_its_error_and_the_words_sent(client, world, rows):
    day = _day(world, rows=rows)
    client.force_login(world.facilitator_a)

    response = client.post(
        url("action-add", day),
        {"new-action-description": "Ring the pantry", "draft_token": "sent-token"},
        **HTMX,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith("<form ")
    assert "There is a problem" in page
    assert "Choose who owns the action." in page
    assert "Ring the pantry" in page
    assert 'value="sent-token"' in page  # still the same form: its autosaves still count
    assert "data-hx-swap-oob" not in page
    assert not Action.objects.filter(session=day, description="Ring the pantry").exists()


def test_without_javascript_an_action_is_added_and_a_mistake_shown_beside_its_field(client, world):
    day = _day(world, rows=2)
    client.force_login(world.facilitator_a)

    refused = client.post(url("action-add", day), {"new-action-description": "Ring the pantry"})
    added = client.post(
        url("action-add", day),
        {
            "new-action-description": "Ring the pantry",
            "new-action-owner": world.steering_a.person.pk,
        },
    )

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "<title>Error: " in page
    assert '<details class="nhsuk-details" id="add-action" open>' in page
    beside_owner = r'id="id_new-action-owner-error">\s*<span [^>]*>Error: </span>Choose who owns'
    assert re.search(beside_owner, page)
    assert re.search(r'name="new-action-description"[^>]*>\s*Ring the pantry</textarea>', page)
    assert added.status_code == 302
    assert added["Location"] == f"{day.get_absolute_url()}#actions"
    assert Action.objects.filter(session=day, description="Ring the pantry").count() == 1
