"""The first draft of a case study tells only what the area's data shows, and tells it once."""

import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone

from areas.models import CaoStatus, Direction, StageChange
from partnerships.models import Sector
from partnerships.pdf import html_to_pdf
from resources.casestudies import services
from resources.casestudies.models import SECTION_NAMES
from resources.reports import documents
from tests.factories import (
    AreaFactory,
    CaoStatementFactory,
    IndicatorFactory,
    MeasurementFactory,
    OrganisationFactory,
    PersonFactory,
)
from tests.resources.casestudies.conftest import pdf_text
from tests.workshops.factories import AttendanceFactory, SessionFactory
from workshops.models import Attendance, SectorHeadcount, Session

PROMISE = "Everyone in Hackenthorpe who smokes has quit by the spring"


def _start(world, area=None):
    return services.case_study_start(
        area=area or world.area_a, by=world.facilitator_a.person, title="Our story"
    )


def _sections(version) -> dict[str, str]:
    return {name: getattr(version, name) for name in SECTION_NAMES}


def test_who_was_involved_counts_everyone_who_took_part_named_and_counted(world, story):
    """44 attendances at 4 sessions: 24 named and 20 counted by sector (the faith groups
    that came are only counted), as each session page counts them."""
    Attendance.objects.filter(person=story["attendee"]).update(lived_experience=True)
    Session.objects.filter(pk=story["sessions"][0].pk).update(lived_experience_headcount=3)

    draft = _start(world)

    involved = draft.involved
    assert "44 attendances" in involved
    assert "24 by people named in the records and 20 counted by sector" in involved
    assert "28 people are named on the steering group or at sessions" in involved
    assert "account for 7 of those attendances" in involved, "4 named and 3 counted"
    assert "7 organisations from 6 sectors" in involved
    assert "Wandsworth Healthwatch 4" in involved, "organisations are named"
    assert story["attendee"].full_name not in involved, "people are not"


def test_the_figures_beside_who_was_involved_add_counted_sectors_to_named_ones(published):
    text = pdf_text(_pdf(published))

    # Faith groups were counted at every session (4 × 5), with no organisation named.
    assert re.search(r"Faith group\s+0\s+20", text)
    assert re.search(r"All sectors\s+7\s+44", text)


def _pdf(version) -> bytes:
    return html_to_pdf(documents.case_study_document(version).html)[0]


def test_an_expected_outcome_without_evidence_is_never_described_as_achieved(world):
    area = AreaFactory(name="Sheffield", cohort=world.area_a.cohort)
    CaoStatementFactory(area=area, outcome=PROMISE, status=CaoStatus.CURRENT)

    draft = _start(world, area)

    assert PROMISE.lower() not in draft.achieved.lower()
    assert "achieved" not in draft.achieved.lower()
    assert f"The partnership aims for this: {PROMISE[:1].lower()}{PROMISE[1:]}" in (
        draft.next_steps
    )
    sections = _sections(draft)
    assert [name for name, text in sections.items() if PROMISE.lower() in text.lower()] == [
        "next_steps"
    ]
    # In the PDF too (its summary page and its sections), the outcome is only an aim.
    text = " ".join(pdf_text(_pdf(draft)).split())
    mentions = [match.start() for match in re.finditer(re.escape(PROMISE[1:]), text)]
    assert mentions
    for start in mentions:
        assert re.search(r"(Aim:|aims for this:) .$", text[start - 30 : start]), text[start - 30 :]


def test_achievements_come_from_indicators_that_moved_actions_done_and_stage_changes(world):
    area = AreaFactory(name="Sheffield", cohort=world.area_a.cohort)
    CaoStatementFactory(area=area, outcome=PROMISE)
    better = IndicatorFactory(
        area=area,
        name="Smokers referred to the stop-smoking service",
        unit_label="referrals",
        baseline_value=Decimal(0),
        baseline_on=dt.date(2023, 1, 1),
        target_value=Decimal(150),
        target_on=dt.date(2024, 3, 31),
    )
    MeasurementFactory(indicator=better, measured_on=dt.date(2023, 12, 31), value=Decimal(112))
    worse = IndicatorFactory(
        area=area,
        name="Adults who smoke",
        unit="percentage",
        unit_label="",
        direction=Direction.DOWN,
        baseline_value=Decimal(13),
        baseline_on=dt.date(2021, 12, 31),
        target_value=Decimal(5),
        target_on=dt.date(2030, 12, 31),
    )
    MeasurementFactory(indicator=worse, measured_on=dt.date(2023, 12, 31), value=Decimal("13.4"))
    StageChange.objects.create(
        area=area,
        stage="next_level",
        reason="The Community Connector started taking referrals",
        changed_at=timezone.make_aware(dt.datetime(2023, 6, 1, 10)),
    )

    achieved = _start(world, area).achieved

    assert (
        "Smokers referred to the stop-smoking service rose from 0 referrals in January 2023 "
        "to 112 referrals in December 2023, against a target of 150 referrals by March 2024."
    ) in achieved
    assert "Adults who smoke" not in achieved, "it moved the wrong way"
    assert (
        "In June 2023 the partnership moved on to “Getting to the next level”: the Community "
        "Connector started taking referrals."
    ) in achieved
    assert PROMISE.lower() not in achieved.lower()


def test_no_fact_is_repeated_across_sections(world, story):
    area = world.area_a
    area.summary = (
        "Screening uptake in Roehampton (about 50,000 residents) is the lowest in the borough."
    )
    area.geography = "Roehampton and Putney (about 50,000 residents)"
    area.save(update_fields=["summary", "geography"])
    area.cao_statements.update(
        challenge="Uptake across Roehampton (about 50,000 residents) is below 60%.",
        actions="Train 12 champions to talk with neighbours.",
    )
    StageChange.objects.create(area=area, stage="next_level", reason="Trained 12 champions.")

    sections = _sections(_start(world))

    everything = "\n".join(sections.values())
    assert everything.count("50,000") == 1
    sentences: dict[str, str] = {}
    for name, text in sections.items():
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            key = " ".join(sentence.lower().split())
            if len(key) > 12:
                assert sentences.setdefault(key, name) == name, (
                    f"“{sentence}” is in {sentences[key]} and {name}"
                )
    assert everything.count("12 champions") == 1
    assert "moved on to “Getting to the next level”." in sections["achieved"]


def test_sessions_held_are_told_once_by_kind_and_who_came_once_by_attendance(world):
    area = AreaFactory(name="Crewe", cohort=world.area_a.cohort)
    faith = OrganisationFactory(name="Crewe Mosque", sector=Sector.FAITH)
    for days in (90, 30):
        session = SessionFactory(area=area, starts_at=timezone.now() - dt.timedelta(days=days))
        AttendanceFactory(session=session, person=PersonFactory(organisation=faith))
        SectorHeadcount.objects.create(session=session, sector=Sector.VCSE, count=9)

    draft = _start(world, area)

    assert "The partnership held 2 sessions between" in draft.what_we_did
    assert "2 partnership days" in draft.what_we_did
    assert "20 attendances" in draft.involved
    assert "attendances" not in draft.what_we_did
    assert "1 organisation from 1 sector took part: Crewe Mosque" in draft.involved
