import io

import pytest
from django.core.management import call_command

from areas.models import Area
from workshops.cascades.selectors import waiting_sessions
from workshops.models import (
    Action,
    Attendance,
    Cascade,
    CascadeStatus,
    Consent,
    ContactList,
    Insight,
    InsightKind,
    Session,
    SessionKind,
    SessionStatus,
)
from workshops.notes import session_notes
from workshops.reach.models import SupportCost
from workshops.reach.selectors import area_reach, session_needs
from workshops.selectors import area_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    # The demo's sign-ins exist only in debug (see tests/partnerships/test_load_demo.py).
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_every_demo_area_has_sessions_of_every_status(demo):
    assert "Loaded 35 demo sessions across 12 areas." in demo
    assert set(Session.objects.values_list("area__slug", flat=True)) == set(
        Area.objects.values_list("slug", flat=True)
    )
    assert set(Session.objects.values_list("status", flat=True)) == set(SessionStatus.values)
    assert {SessionKind.PARTNERSHIP_DAY, SessionKind.STEERING_MEETING} <= set(
        Session.objects.values_list("kind", flat=True)
    )


def test_north_yorkshire_starts_online_with_sixty_and_moves_to_village_halls(demo):
    days = Session.objects.filter(area__slug="north-yorkshire", kind=SessionKind.PARTNERSHIP_DAY)
    first, *halls = days.order_by("starts_at")

    assert first.is_online
    assert session_notes(first).people > 60
    for session in halls:
        assert "hall" in session.venue.lower()
        assert 18 <= session_notes(session).people <= 22


def test_demo_insights_include_quotes_with_and_without_consent(demo):
    quotes = Insight.objects.filter(kind=InsightKind.QUOTE)
    assert quotes.filter(consent=Consent.NONE).exists()
    assert quotes.exclude(consent=Consent.NONE).exclude(attribution="").exists()
    assert set(Insight.objects.values_list("kind", flat=True)) == set(InsightKind.values)
    assert Insight.objects.filter(kind=InsightKind.BARRIER, barrier_type__isnull=False).exists()


def test_demo_actions_are_owned_by_people_of_their_area(demo):
    for action in Action.objects.select_related("area"):
        assert area_people(action.area).filter(pk=action.owner_id).exists(), action
    # Only East Sussex's next partnership day has its registration list in already.
    planned = Session.objects.filter(status=SessionStatus.PLANNED)
    registered = planned.filter(attendances__isnull=False).distinct()
    assert [session.area.slug for session in registered] == ["east-sussex"]


def test_the_demo_shows_east_sussex_reach_and_what_its_next_day_needs(demo):
    area = Area.objects.get(slug="east-sussex")
    reach = area_reach(area, with_names=False)
    assert len(reach.rows) == 5
    assert [community.name for community in reach.missing] == [
        "Romanian speaking families in Eastbourne"
    ]
    assert reach.not_back > 0
    next_day = Session.objects.get(area=area, status=SessionStatus.PLANNED)
    texts = [line.text for line in session_needs(next_day).lines]
    assert "2 need a BSL interpreter" in texts
    assert "3 would come with help with transport" in texts
    assert SupportCost.objects.filter(session__area=area).count() == 2


def test_loading_the_demo_again_adds_nothing(demo):
    counts = [model.objects.count() for model in (Session, Attendance, Insight, Action)]

    call_command("load_demo", stdout=io.StringIO())

    assert [model.objects.count() for model in (Session, Attendance, Insight, Action)] == counts


def test_the_demo_lco_has_lists_a_past_cascade_and_sessions_waiting(demo):
    area = Area.objects.get(slug="east-sussex")
    assert ContactList.objects.filter(area=area).count() == 3
    cascade = Cascade.objects.get(session__area=area)
    assert cascade.status == CascadeStatus.SENT
    assert cascade.lists.count() == 2
    assert cascade.recipients.filter(status="sent").count() > 0
    assert waiting_sessions(area).exists()
    # Nothing about the people at the session leaves in the cascade.
    names = Attendance.objects.filter(session=cascade.session).values_list(
        "person__full_name", flat=True
    )
    assert not any(name in cascade.body for name in names)
