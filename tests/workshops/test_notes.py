import datetime as dt
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Sector
from tests.factories import AreaFactory, OrganisationFactory, PersonFactory, SubGroupFactory
from tests.workshops.factories import (
    ActionFactory,
    AttendanceFactory,
    InsightFactory,
    QuoteFactory,
    SessionFactory,
)
from workshops import notes
from workshops.models import (
    BarrierType,
    Consent,
    InsightKind,
    SectorHeadcount,
    SessionFormat,
    SessionStatus,
)

pytestmark = pytest.mark.django_db

CONSENTED = "The letter came in English only, so I put it in a drawer."
UNCONSENTED = "My neighbour has not been to the doctor in three years."


def _text_of(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _info_of(pdf: bytes) -> str:
    return subprocess.run(
        ["pdfinfo", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _url(session, name="session-notes"):
    return reverse(f"workshops:{name}", args=[session.area.slug, session.pk])


@pytest.fixture
def held_session(world):
    """A written-up partnership day in area A with something of every kind logged."""
    session = SessionFactory(
        area=world.area_a,
        title="Why screening letters go unanswered",
        starts_at=timezone.make_aware(dt.datetime(2024, 3, 5, 10, 0)),
        ends_at=timezone.make_aware(dt.datetime(2024, 3, 5, 13, 0)),
        venue="Roehampton Community Centre",
        purpose="Hear from women who have not booked a screening appointment.",
        status=SessionStatus.WRITTEN_UP,
        lived_experience_headcount=4,
        summary="We **listened** first.\n\n<script>alert('x')</script>\n\n- Letters\n- Times",
    )
    session.facilitators.add(world.facilitator_a.person)
    pcn = OrganisationFactory(name="Battersea PCN", sector=Sector.PCN)
    charity = OrganisationFactory(name="Champions Trust", sector=Sector.VCSE)
    attendees = [
        AttendanceFactory(
            session=session, person=PersonFactory(full_name="Hidden Attendee One"), organisation=pcn
        ),
        AttendanceFactory(
            session=session,
            person=PersonFactory(full_name="Hidden Attendee Two"),
            organisation=charity,
            lived_experience=True,
        ),
        AttendanceFactory(
            session=session,
            person=PersonFactory(full_name="Hidden Attendee Three", organisation=None),
            organisation=None,
            lived_experience=True,
        ),
    ]
    SectorHeadcount.objects.create(session=session, sector=Sector.VCSE, count=12)
    SectorHeadcount.objects.create(session=session, sector=Sector.FAITH, count=3)
    letters = BarrierType.objects.get(slug="unclear-letters-and-information")
    language = BarrierType.objects.get(slug="language-and-communication")
    InsightFactory(session=session, text="Letters use words nobody says", barrier_type=letters)
    InsightFactory(session=session, text="The leaflet is only in English", barrier_type=letters)
    InsightFactory(session=session, text="No interpreter at the practice", barrier_type=language)
    InsightFactory(session=session, text="Evening slots fill at once", barrier_type=None)
    InsightFactory(session=session, kind=InsightKind.IDEA, text="a champion rang every woman")
    InsightFactory(session=session, kind=InsightKind.DECISION, text="Rewrite the invitation letter")
    QuoteFactory(
        session=session,
        text=CONSENTED,
        attribution="A mother of three in Roehampton",
        speaker=attendees[1].person,
    )
    QuoteFactory(
        session=session,
        text=UNCONSENTED,
        consent=Consent.NONE,
        consent_on=None,
        attribution="Hidden Attendee One",
    )
    ActionFactory(
        session=session,
        description="Draft a plainer invitation letter with the champions",
        owner=PersonFactory(full_name="Grace Owner"),
        due_on=dt.date(2024, 4, 2),
        sub_group=SubGroupFactory(area=world.area_a, name="Clear information"),
    )
    ActionFactory(session=session, description="Ask practices about evening slots", due_on=None)
    return session


def test_notes_count_people_by_sector_with_lived_experience(held_session):
    composed = notes.session_notes(held_session)

    assert composed.sectors == [
        ("VCSE / charity", 13),
        ("Faith group", 3),
        ("Primary care network", 1),
        ("No organisation recorded", 1),
    ]
    assert (composed.people, composed.lived_experience, composed.sector_count) == (18, 6, 3)


def test_notes_group_barriers_by_type_most_heard_first(held_session):
    groups = notes.session_notes(held_session).barrier_groups

    assert [(group.name, len(group.barriers)) for group in groups] == [
        ("Unclear letters and information", 2),
        ("Language and communication", 1),
        ("Other barriers", 1),
    ]


@pytest.mark.parametrize("persona", ["facilitator_a", "steering_a", "lco_a", "lead"])
def test_every_role_in_the_area_reads_the_notes_without_names_or_unconsented_quotes(
    client, world, held_session, persona
):
    client.force_login(getattr(world, persona))

    response = client.get(_url(held_session))

    body = response.content.decode()
    assert response.status_code == 200
    assert "A mother of three in Roehampton" in body
    assert "The letter came in English only, so I put it in a drawer." in body
    assert "My neighbour has not been to the doctor" not in body
    assert "Hidden Attendee" not in body
    assert "18 people from 3 sectors, 6 of them with lived experience." in body
    assert "Draft a plainer invitation letter with the champions" in body
    assert "Grace Owner" in body
    assert "<strong>listened</strong>" in body
    assert "alert(" not in body
    assert _url(held_session, "session-notes-pdf") in body


def test_the_pdf_holds_the_notes_and_nothing_personal(client, world, held_session):
    client.force_login(world.steering_a)

    response = client.get(_url(held_session, "session-notes-pdf"))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{world.area_a.slug}-2024-03-05-why-screening-letters-go-'
        'unanswered-notes.pdf"'
    )
    pdf = b"".join(response.streaming_content)
    text = " ".join(_text_of(pdf).split())
    assert "I put it in a drawer." in text
    assert "A mother of three in Roehampton" in text
    assert "My neighbour" not in text
    assert "Hidden Attendee" not in text
    assert "Unclear letters and information (2)" in text
    assert "Draft a plainer invitation letter" in text
    assert "2 Apr 2024" in text
    assert "Clear information" in text
    assert "Page 2 of" in text, "the cover has no page number; the pages after it do"
    info = _info_of(pdf)
    assert "Title:           Notes: Why screening letters go unanswered – Wandsworth" in info
    assert f"Author:          {world.facilitator_a.person.full_name}" in info
    assert "pts (A4)" in info


def test_a_planned_session_shows_its_plans(client, world):
    session = SessionFactory(
        area=world.area_a,
        status=SessionStatus.PLANNED,
        format=SessionFormat.ONLINE,
        online_platform="Microsoft Teams",
        venue="",
        purpose="Agree the letter with the champions.",
    )
    client.force_login(world.lco_a)

    body = client.get(_url(session)).content.decode()

    assert "This session has not been held yet" in body
    assert "Online (Microsoft Teams)" in body
    assert "Agree the letter with the champions." in body
    assert "Who came" not in body
    assert "Nothing has been recorded" not in body


def test_a_held_session_with_nothing_logged_says_so(client, world):
    session = SessionFactory(area=world.area_a, purpose="")
    client.force_login(world.steering_a)

    body = client.get(_url(session)).content.decode()

    assert "Draft: these notes have not been written up yet" in body
    assert "Nothing has been recorded from this session yet." in body


def test_people_of_another_area_cannot_read_the_notes(client, world, held_session):
    for user in [*world.members_of_b.values(), world.funder]:
        client.force_login(user)
        assert client.get(_url(held_session)).status_code == 404
        assert client.get(_url(held_session, "session-notes-pdf")).status_code == 404


def _big_session(area):
    session = SessionFactory(area=area, summary="## What we heard\n\nA great deal.")
    for index in range(60):
        AttendanceFactory(session=session, lived_experience=index % 5 == 0)
    types = list(BarrierType.objects.all())
    for index in range(30):
        InsightFactory(session=session, barrier_type=types[index % len(types)])
    for _ in range(10):
        QuoteFactory(session=session)
    sub_group = SubGroupFactory(area=area)
    for index in range(20):
        ActionFactory(session=session, sub_group=sub_group if index % 2 else None)
    for sector in (Sector.VCSE, Sector.HEALTHWATCH):
        SectorHeadcount.objects.create(session=session, sector=sector, count=5)
    return session


def test_the_notes_page_queries_do_not_grow(client, world, django_assert_max_num_queries):
    session = _big_session(world.area_a)
    client.force_login(world.steering_a)

    with django_assert_max_num_queries(14):
        response = client.get(_url(session))

    assert response.status_code == 200
    assert response.content.decode().count("<li>The screening letter is hard to follow") == 30


def test_the_pdf_queries_do_not_grow(client, world, django_assert_max_num_queries):
    session = _big_session(world.area_a)
    client.force_login(world.steering_a)

    with django_assert_max_num_queries(14):
        response = client.get(_url(session, "session-notes-pdf"))
        pdf = b"".join(response.streaming_content)

    text = _text_of(pdf)
    assert "Actions agreed" in text
    pages = text.split("\f")[:-1]
    assert len(pages) > 1
    for page in pages:
        # More than the running header and the page number: no page is left blank.
        assert len([line for line in page.splitlines() if line.strip()]) > 2


def test_a_draft_summary_sums_up_from_the_data_without_repeating_the_notes(held_session):
    draft = notes.draft_summary(held_session)

    # When, where, the purpose and who came have their own places in the notes.
    assert draft.split("\n\n") == [
        "Barriers heard: unclear letters and information (2), language and communication (1) "
        "and other barriers (1). The group shared 1 idea. "
        "The group decided: Rewrite the invitation letter.",
        "2 actions were agreed, owned by 2 people; the first is due on 2 April 2024.",
    ]
    assert UNCONSENTED not in draft
    assert "Hidden Attendee" not in draft
    assert "Hear from women" not in draft
    assert "18 people" not in draft


def test_a_draft_summary_of_a_session_with_nothing_logged_is_empty(world):
    session = SessionFactory(
        area=AreaFactory(),
        format=SessionFormat.ONLINE,
        purpose="Meet the partners",
        starts_at=timezone.make_aware(dt.datetime(2022, 2, 14, 18, 30)),
    )

    assert notes.draft_summary(session) == ""


def test_ideas_are_shown_as_the_sentence_people_said(client, world, held_session):
    InsightFactory(session=held_session, kind=InsightKind.IDEA, text="Texts came in Polish.")
    client.force_login(world.steering_a)

    page = client.get(_url(held_session)).content.decode()
    pdf = " ".join(
        _text_of(
            b"".join(client.get(_url(held_session, "session-notes-pdf")).streaming_content)
        ).split()
    )

    for text in (page, pdf):
        assert "Wouldn’t it be brilliant if a champion rang every woman?" in text
        assert "Texts came in Polish." in text
        assert "brilliant if Texts" not in text
