"""An area with a story to tell: people from several sectors, sessions, barriers, quotes
with and without consent, actions, statements, indicators and a budget with payees.

The names and words that must never reach a funder's document are kept as constants,
so tests can look for them in every PDF and page.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from areas.models import Consent, Seat
from partnerships.models import Sector
from tests.areas.budgets.factories import BudgetFactory, SpendLineFactory
from tests.factories import (
    CaoStatementFactory,
    EvidenceFactory,
    IndicatorFactory,
    MeasurementFactory,
    OrganisationFactory,
    PersonFactory,
    SteeringMemberFactory,
)
from tests.workshops.factories import (
    ActionFactory,
    AttendanceFactory,
    InsightFactory,
    QuoteFactory,
    SessionFactory,
)
from workshops.models import ActionStatus, InsightKind, SectorHeadcount

ATTENDEE_NAME = "Marguerite Okonkwo-Fairweather"
SPEAKER_NAME = "Bartholomew Quinceyfield"
PAYEE_NAME = "Philippa Threadgold-Marsh"
SECRET_QUOTE = "I was frightened the practice would tell my landlord"
SECRET_EVIDENCE = "My neighbour Doris would never forgive me for saying this"
SHARED_QUOTE = "The interpreter made all the difference to my appointment"
SHARED_EVIDENCE = "Receptionists now ask which language I would like"
DONE_ACTION = "Translate the screening invitation letter into Bengali and Polish"
INDICATOR_NAMES = ("Receptionists trained", "Screening uptake", "Community leaders recruited")
SECTORS = [
    Sector.VCSE,
    Sector.PCN,
    Sector.GP_PRACTICE,
    Sector.LOCAL_AUTHORITY,
    Sector.HEALTHWATCH,
    Sector.SOCIAL_ENTERPRISE,
]


def tell_story(area, *, sessions=4):
    """Fill `area` with the data a case study draws on."""
    today = timezone.localdate()
    organisations = [
        OrganisationFactory(name=f"{area.name} {sector.label} {index}", sector=sector)
        for index, sector in enumerate(SECTORS)
    ]
    for index, organisation in enumerate(organisations):
        SteeringMemberFactory(
            area=area,
            person=PersonFactory(organisation=organisation),
            organisation=organisation,
            seat=Seat.LIVED_EXPERIENCE if index == 0 else Seat.NHS if index < 3 else Seat.MEMBER,
        )
    attendee = PersonFactory(full_name=ATTENDEE_NAME, organisation=organisations[0])
    speaker = PersonFactory(full_name=SPEAKER_NAME, organisation=organisations[0])
    held = []
    for number in range(sessions):
        session = SessionFactory(
            area=area,
            title=f"Partnership day {number + 1}",
            starts_at=timezone.now() - dt.timedelta(days=30 * (sessions - number)),
        )
        held.append(session)
        AttendanceFactory(session=session, person=attendee, organisation=organisations[0])
        for organisation in organisations[1:]:
            AttendanceFactory(session=session, person=PersonFactory(organisation=organisation))
        SectorHeadcount.objects.create(session=session, sector=Sector.FAITH, count=5)
        InsightFactory(session=session, kind=InsightKind.BARRIER)
    first = held[0]
    QuoteFactory(
        session=first,
        text=SHARED_QUOTE,
        speaker=PersonFactory(organisation=organisations[0]),
        attribution="A mother of three in Eastbourne",
    )
    QuoteFactory(
        session=first,
        text=SECRET_QUOTE,
        speaker=speaker,
        attribution=SPEAKER_NAME,
        consent=Consent.NONE,
        consent_on=None,
    )
    EvidenceFactory(area=area, text=SHARED_EVIDENCE)
    EvidenceFactory(area=area, text=SECRET_EVIDENCE, consent=Consent.NONE, consent_on=None)
    ActionFactory(session=first, description=DONE_ACTION, status=ActionStatus.DONE, owner=attendee)
    ActionFactory(session=first, due_on=today - dt.timedelta(days=3), owner=attendee)
    ActionFactory(session=held[-1])
    CaoStatementFactory(area=area)
    for index, name in enumerate(INDICATOR_NAMES):
        indicator = IndicatorFactory(area=area, name=name)
        for month in range(1, 6):
            MeasurementFactory(
                indicator=indicator,
                measured_on=dt.date(2023, month, 1),
                value=Decimal(5 * month + index),
            )
    budget = BudgetFactory(area=area, allocated=Decimal("2500.00"))
    SpendLineFactory(budget=budget, payee_name=PAYEE_NAME, description="Bus fares for the day")
    return {"sessions": held, "attendee": attendee, "speaker": speaker}


PRIVATE = (
    ATTENDEE_NAME,
    SPEAKER_NAME,
    PAYEE_NAME,
    SECRET_QUOTE,
    SECRET_EVIDENCE,
    "Bus fares for the day",
)
