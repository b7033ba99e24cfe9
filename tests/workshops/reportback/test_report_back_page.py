"""The report-back page: what everyone who came reads, without an account, by its link."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import ConsentDecision, ConsentRecord, ConsentUse
from tests.factories import OrganisationFactory, PersonFactory
from tests.workshops.factories import (
    ActionFactory,
    AttendanceFactory,
    InsightFactory,
    QuoteFactory,
    SessionFactory,
)
from workshops.actions import services as action_services
from workshops.models import ActionStatus, Consent, InsightKind, SessionStatus
from workshops.reportback import links, services

pytestmark = pytest.mark.django_db


def page(client, session):
    return client.get(reverse("workshops:report-back", args=[links.token_for(session)]))


def test_a_held_session_opens_by_its_link_without_an_account(client, world):
    session = SessionFactory(area=world.area_a, title="Screening day")
    response = page(client, session)
    assert response.status_code == 200
    assert "Screening day" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda token: token[:-1] + ("a" if token[-1] != "a" else "b"),
        lambda token: token.split("-")[0],
        lambda token: "zz" + token,
        lambda token: "-" + token.split("-")[1],
        lambda token: "!!-" + token.split("-")[1],
    ],
)
def test_a_wrong_link_shows_nothing(client, world, spoil):
    session = SessionFactory(area=world.area_a, title="Screening day")
    response = client.get(reverse("workshops:report-back", args=[spoil(links.token_for(session))]))
    assert response.status_code == 404
    assert "Screening day" not in response.content.decode()


def test_a_session_not_yet_held_says_when_it_is_and_nothing_else(client, world):
    """A sign-in sheet carries the link before the day: it opens, but shows no one."""
    session = SessionFactory(
        area=world.area_a,
        status=SessionStatus.PLANNED,
        title="Next day",
        starts_at=timezone.make_aware(dt.datetime(2027, 3, 4, 10)),
        venue="Hollington Community Centre",
    )
    AttendanceFactory(session=session, person=PersonFactory(full_name="Maria Nowak"))
    InsightFactory(session=session, text="Letters come only in English")
    response = page(client, session)
    body = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "Next day" in body
    assert "Thursday 4 March 2027" in body
    assert "will say what we heard, what was decided" in body
    assert "Maria Nowak" not in body
    assert "Letters come only in English" not in body
    assert "Hollington" not in body


def test_a_withdrawn_link_to_a_session_not_yet_held_shows_nothing(client, world):
    session = SessionFactory(area=world.area_a, status=SessionStatus.PLANNED, title="Next day")
    old = links.token_for(session)
    services.withdraw_links(session=session)
    response = client.get(reverse("workshops:report-back", args=[old]))
    assert response.status_code == 404
    assert "Next day" not in response.content.decode()
    assert page(client, session).status_code == 200


def test_a_wrong_link_to_a_session_not_yet_held_shows_nothing(client, world):
    session = SessionFactory(area=world.area_a, status=SessionStatus.PLANNED, title="Next day")
    token = links.token_for(session)
    spoilt = token[:-1] + ("a" if token[-1] != "a" else "b")
    response = client.get(reverse("workshops:report-back", args=[spoilt]))
    assert response.status_code == 404
    assert "Next day" not in response.content.decode()


def test_a_withdrawn_link_stops_working_and_the_new_one_works(client, world):
    session = SessionFactory(area=world.area_a)
    old = links.token_for(session)
    services.withdraw_links(session=session)
    assert client.get(reverse("workshops:report-back", args=[old])).status_code == 404
    assert page(client, session).status_code == 200


def test_what_was_heard_decided_and_done_without_names_or_unconsented_quotes(client, world):
    session = SessionFactory(area=world.area_a)
    owner = PersonFactory(
        full_name="Priya Raman",
        email="priya@example.org",
        organisation=OrganisationFactory(name="ALPS Group PCN"),
    )
    maria = PersonFactory(full_name="Maria Nowak", email="maria@example.org", phone="07700900123")
    came = AttendanceFactory(session=session, person=maria)
    InsightFactory(session=session, text="Letters come only in English")
    InsightFactory(session=session, kind=InsightKind.IDEA, text="Voice notes in Polish")
    InsightFactory(
        session=session, kind=InsightKind.DECISION, text="Maria Nowak will host the next one"
    )
    QuoteFactory(session=session, text="They listened this time", attribution="Ana, a mum")
    QuoteFactory(
        session=session, text="Not for sharing", consent=Consent.NONE, attribution="Secret"
    )
    withdrawn = QuoteFactory(
        session=session, text="I took this back", speaker=came.person, attribution="Maria"
    )
    ConsentRecord.objects.create(
        person=withdrawn.speaker,
        use=ConsentUse.SESSION_NOTES,
        decision=ConsentDecision.WITHDRAWN,
        method="verbal",
        wording="…",
    )
    ActionFactory(session=session, owner=owner, description="Priya to ask about Polish letters")

    body = page(client, session).content.decode()
    assert "Letters come only in English" in body
    assert "Voice notes in Polish" in body
    assert "[name removed] will host the next one" in body
    assert "They listened this time" in body
    assert "Ana, a mum" in body
    assert "Not for sharing" not in body
    assert "Secret" not in body
    assert "I took this back" not in body
    assert "Priya" not in body
    assert "Maria" not in body
    assert "Nowak" not in body
    assert "Led by ALPS Group PCN" in body
    assert "@example.org" not in body
    assert "07700900123" not in body


def test_each_action_says_where_it_stands_as_its_owner_updates_it(client, world):
    session = SessionFactory(area=world.area_a)
    owner = PersonFactory(full_name="Sam Okafor")
    action = ActionFactory(session=session, owner=owner, description="Translate the letter")
    assert "Not started yet" in page(client, session).content.decode()

    action_services.action_progress(
        action=action,
        by=owner,
        version=action.version,
        status=ActionStatus.BLOCKED,
        blocked_reason="Still waiting on the practice, says Sam",
    )
    body = page(client, session).content.decode()
    assert "Held up" in body
    assert "Still waiting on the practice, says [name removed]" in body

    action.refresh_from_db()
    done_on = timezone.make_aware(dt.datetime(2027, 2, 11, 10))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: done_on)
        action_services.action_progress(
            action=action, by=owner, version=action.version, status=ActionStatus.DONE
        )
    assert "Done in February 2027" in page(client, session).content.decode()


def test_large_print_is_the_same_page_set_larger(client, world):
    session = SessionFactory(area=world.area_a, title="Screening day")
    token = links.token_for(session)
    response = client.get(reverse("workshops:report-back-large", args=[token]))
    assert response.status_code == 200
    assert 'class="nhsuk-grid-row app-large-print"' in response.content.decode()
    assert "Screening day" in response.content.decode()


def test_the_page_takes_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    session = SessionFactory(area=world.area_a)

    def grow(n):
        for _ in range(n):
            AttendanceFactory(session=session)
            InsightFactory(session=session)
            QuoteFactory(session=session)
            ActionFactory(session=session, status=ActionStatus.DONE)

    grow(2)
    with django_assert_max_num_queries(12) as small:
        page(client, session)
    grow(10)
    with django_assert_max_num_queries(len(small)) as grown:
        page(client, session)
    assert len(grown) == len(small) > 0


def test_the_notes_carry_the_link_and_its_qr_code_once_the_session_is_held(client, world):
    session = SessionFactory(area=world.area_a)
    client.force_login(world.steering_a)
    notes = client.get(reverse("workshops:session-notes", args=[world.area_a.slug, session.pk]))
    assert links.url_for(session) in notes.content.decode()
    assert "<svg" in notes.content.decode()

    planned = SessionFactory(area=world.area_a, status=SessionStatus.PLANNED)
    notes = client.get(reverse("workshops:session-notes", args=[world.area_a.slug, planned.pk]))
    assert "/r/" not in notes.content.decode()
