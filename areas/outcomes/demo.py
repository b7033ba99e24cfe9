"""Demo statements, indicators and evidence, drawn from the programme's public facts.

Baselines and outputs are the areas' own figures (40+ receptionists trained across four
practices, 29,508 missed appointments in 2019, Sheffield's 5% target for 2030); later
outcome figures are invented and say so in their source. Each statement is written
through the services, then its revisions are moved back to the dates they describe.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from areas.models import Consent
from areas.outcomes import services
from areas.outcomes.models import (
    CaoRevision,
    CaoStatement,
    CaoStatus,
    Direction,
    Evidence,
    EvidenceKind,
    Indicator,
    IndicatorKind,
    Measurement,
    Unit,
)

CURRENT, DRAFT, ACHIEVED = CaoStatus.CURRENT, CaoStatus.DRAFT, CaoStatus.ACHIEVED

# area slug → statements; each statement is a list of (saved on, reason, changes), the
# first with the full content. The reason of the first is the service's own.
STATEMENTS = {
    "east-sussex": [
        [
            (
                date(2022, 6, 14),
                "",
                {
                    "title": "Cancer screening that works for every community",
                    "status": DRAFT,
                    "as_of": date(2022, 6, 1),
                    "challenge": "People from culturally and ethnically diverse communities "
                    "in Eastbourne take up cancer screening less often than their "
                    "neighbours. We do not yet know why.",
                    "actions": "Listen first. Community leaders recruited by a local social "
                    "enterprise hold conversations in their own communities and bring what "
                    "they hear to the steering group.",
                    "outcome": "A shared picture of the barriers, agreed by the whole "
                    "partnership, so it can choose where to act.",
                },
            ),
            (
                date(2022, 11, 8),
                "The listening is done: the steering group agreed to act on what the "
                "community leaders heard about letters and reception desks.",
                {
                    "status": CURRENT,
                    "as_of": date(2022, 11, 1),
                    "challenge": "Screening uptake across the ALPS Group PCN (about 50,000 "
                    "residents) is lower among culturally and ethnically diverse communities. "
                    "People told the six community leaders that invitation letters are hard "
                    "to follow, that they worry about being understood at the practice, and "
                    "that asking for a female clinician can feel impossible.",
                    "actions": "Design cultural-competency training for reception and admin "
                    "staff with the community leaders, and offer it to the PCN's practices.\n"
                    "Work with the screening leads on letters people can read and trust.\n"
                    "Take the conversation about screening into women's groups and faith "
                    "groups.",
                    "outcome": "Receptionists feel confident helping patients from every "
                    "community, more people understand what screening involves, and uptake "
                    "in these communities starts to rise.",
                },
            ),
            (
                date(2023, 8, 2),
                "Training delivered in July: 4 practices and over 40 receptionists. Added the "
                "before-and-after comparison the steering group asked for.",
                {
                    "as_of": date(2023, 7, 31),
                    "actions": "Cultural-competency training, designed with the community "
                    "leaders, was delivered to 4 GP practices and more than 40 receptionists "
                    "in July 2023.\n"
                    "Keep working with the screening leads on clearer invitation letters.\n"
                    "Compare screening uptake before and after the training, and gather what "
                    "patients and staff notice in the meantime.",
                },
            ),
        ],
        [
            (
                date(2023, 2, 20),
                "",
                {
                    "title": "Screening letters people can read",
                    "status": DRAFT,
                    "as_of": date(2023, 2, 1),
                    "challenge": "Standard screening invitations assume people know what "
                    "screening is and who it is for. Many do not, and some have never had "
                    "one explained in a language they read well.",
                    "actions": "Collect the questions people ask about the letters at "
                    "community sessions and share them with the screening programme.",
                    "outcome": "The screening programme hears, first hand, what gets in the "
                    "way of a letter being understood.",
                },
            ),
            (
                date(2023, 9, 18),
                "The communications sub-group sent its recommendations to the NHS England "
                "screening leads.",
                {
                    "status": CURRENT,
                    "as_of": date(2023, 9, 1),
                    "actions": "The communications sub-group has made recommendations to the "
                    "NHS England screening leads on plainer letters, and community leaders "
                    "explain screening at women's groups in the meantime.",
                    "outcome": "Letters that say plainly what screening is, who it is for and "
                    "how to ask for a female clinician, tested with the communities who "
                    "found them hardest to follow.",
                },
            ),
        ],
    ],
    "north-yorkshire": [
        [
            (
                date(2022, 3, 1),
                "",
                {
                    "title": "Getting to appointments in rural North Yorkshire",
                    "status": DRAFT,
                    "as_of": date(2022, 2, 28),
                    "challenge": "People in villages miss appointments because they cannot "
                    "get to them: buses are few, distances long, and many older residents no "
                    "longer drive. In 2019 there were 29,508 missed appointments locally, "
                    "costing an estimated £885,240.",
                    "actions": "Hear from residents and transport providers at an online "
                    "workshop, then in village halls.",
                    "outcome": "Agreement on what would make the biggest difference to "
                    "getting people to care.",
                },
            ),
            (
                date(2022, 10, 5),
                "The village hall workshops settled on three local models to test.",
                {
                    "status": CURRENT,
                    "as_of": date(2022, 10, 1),
                    "actions": "Test three local models: community transport booked with the "
                    "appointment; appointment times that fit the bus timetable; and a "
                    "volunteer driver scheme for people with no other way to travel.",
                    "outcome": "Fewer missed appointments in Hambleton and Richmondshire, "
                    "Nidderdale and North Ryedale, and residents who say getting to care has "
                    "become easier.",
                },
            ),
            (
                date(2023, 3, 2),
                "Service users at the table asked for a phone line, not only an online form, "
                "to book transport.",
                {
                    "as_of": date(2023, 3, 1),
                    "actions": "Test three local models: community transport booked with the "
                    "appointment, by phone as well as online; appointment times that fit the "
                    "bus timetable; and a volunteer driver scheme for people with no other "
                    "way to travel.",
                },
            ),
        ],
    ],
    "sheffield": [
        [
            (
                date(2022, 4, 20),
                "",
                {
                    "title": "Helping Hackenthorpe stop smoking",
                    "status": DRAFT,
                    "as_of": date(2022, 4, 1),
                    "challenge": "Smoking is more common in Hackenthorpe than across "
                    "Sheffield, and stop-smoking services are not joined up with GP practices.",
                    "actions": "Bring the practice, public health and community groups "
                    "together at two workshops to hear what makes quitting hard here.",
                    "outcome": "A plan that links Hackenthorpe to Smokefree Sheffield.",
                },
            ),
            (
                date(2022, 9, 14),
                "Agreed after the second workshop.",
                {
                    "status": CURRENT,
                    "as_of": date(2022, 9, 1),
                    "actions": "Create a Community Connector role: someone local who starts "
                    "with whatever is worrying a person most.\n"
                    "Make referral opt-out, so every smoker is offered support.\n"
                    "Make practice sites smoke-free.",
                    "outcome": "More people in Hackenthorpe try to quit and get support to "
                    "keep going, contributing to the city's aim of 5% of adults smoking by "
                    "2030.",
                },
            ),
            (
                date(2023, 6, 1),
                "The Community Connector is in post, and referral is now opt-out at "
                "Hackenthorpe Medical Centre.",
                {
                    "as_of": date(2023, 6, 1),
                    "actions": "The Community Connector, a former smoker from the "
                    "neighbourhood, takes referrals from the practice.\n"
                    "Referral is opt-out: every smoker is offered support.\n"
                    "Practice sites across the PCN are becoming smoke-free.",
                },
            ),
        ],
    ],
    "wandsworth": [
        [
            (
                date(2023, 10, 5),
                "",
                {
                    "title": "Cervical screening in low-uptake neighbourhoods",
                    "status": DRAFT,
                    "as_of": date(2023, 10, 1),
                    "challenge": "In some Wandsworth neighbourhoods, far fewer people come "
                    "for cervical screening than the borough as a whole.",
                    "actions": "Use behavioural insights to understand what happens between "
                    "an invitation and a booked appointment.",
                    "outcome": "A clear picture of where people drop out, and why.",
                },
            ),
            (
                date(2024, 1, 17),
                "The behavioural insights work is done: letters and reminders change first.",
                {
                    "status": CURRENT,
                    "as_of": date(2024, 1, 15),
                    "actions": "Rewrite the invitation and reminder with residents, and add a "
                    "text reminder with a direct booking link.",
                    "outcome": "More people in the focus neighbourhoods book after their "
                    "first invitation.",
                },
            ),
            (
                date(2024, 3, 20),
                "Community champions recruited on two estates.",
                {
                    "as_of": date(2024, 3, 20),
                    "actions": "Rewrite the invitation and reminder with residents, and add a "
                    "text reminder with a direct booking link.\n"
                    "Community champions on two estates talk with neighbours about what "
                    "screening is and how to book.",
                },
            ),
        ],
    ],
    "wirral": [
        [
            (
                date(2022, 3, 9),
                "",
                {
                    "title": "No older person falls through the net",
                    "status": DRAFT,
                    "as_of": date(2022, 3, 1),
                    "challenge": "Some of Wirral's 71,030 older people fall between services "
                    "and only reach help in a crisis.",
                    "actions": "Ask older residents where they fell through, and what would "
                    "have caught them.",
                    "outcome": "Services agree what older people can expect from them.",
                },
            ),
            (
                date(2022, 9, 28),
                "Older residents and services agreed to write a charter together.",
                {
                    "status": CURRENT,
                    "as_of": date(2022, 9, 1),
                    "actions": "Co-design a Charter for Older People, and a practical guide "
                    "to equalities impact assessment for the organisations that sign it.",
                    "outcome": "Organisations across Wirral sign the charter and use the "
                    "guide when they change a service.",
                },
            ),
            (
                date(2023, 6, 21),
                "The charter and the guide are published and organisations are signing up.",
                {"status": ACHIEVED, "as_of": date(2023, 6, 21)},
            ),
        ],
    ],
    "cheshire-east": [
        [
            (
                date(2024, 2, 12),
                "",
                {
                    "title": "TB screening with East Timorese communities in Crewe",
                    "status": DRAFT,
                    "as_of": date(2024, 2, 1),
                    "challenge": "Few people from Crewe's East Timorese communities come "
                    "forward for latent TB screening.",
                    "actions": "Public health and community leaders meet to understand what "
                    "would build trust.",
                    "outcome": "A first plan, agreed with community leaders.",
                },
            ),
            (
                date(2024, 3, 25),
                "Agreed at the first steering group; the plan as of March 2024.",
                {
                    "status": CURRENT,
                    "as_of": date(2024, 3, 25),
                    "actions": "Community leaders host screening information sessions in "
                    "Tetum and Portuguese, with the TB nurse there to answer questions.",
                    "outcome": "More people from the community are screened, and those who "
                    "need treatment start it.",
                },
            ),
        ],
    ],
}

# (area slug, index of the statement it shows progress on, name, kind, unit, unit label,
#  direction, baseline (value, date), target (value, date) or None, measurements)
INDICATORS = [
    (
        "east-sussex",
        0,
        "Receptionists trained in cultural competency",
        IndicatorKind.PROCESS,
        Unit.COUNT,
        "receptionists",
        Direction.UP,
        ("0", date(2023, 1, 9)),
        ("40", date(2023, 7, 31)),
        [
            (date(2023, 7, 6), "14", "Training attendance sheets", ""),
            (date(2023, 7, 13), "29", "Training attendance sheets", ""),
            (date(2023, 7, 27), "43", "Training attendance sheets", "The fourth practice."),
        ],
    ),
    (
        "east-sussex",
        0,
        "GP practices whose front-desk staff are trained",
        IndicatorKind.PROCESS,
        Unit.COUNT,
        "practices",
        Direction.UP,
        ("0", date(2023, 1, 9)),
        ("4", date(2023, 7, 31)),
        [
            (date(2023, 7, 6), "1", "Training attendance sheets", ""),
            (date(2023, 7, 13), "2", "Training attendance sheets", ""),
            (date(2023, 7, 27), "4", "Training attendance sheets", ""),
        ],
    ),
    (
        "east-sussex",
        0,
        "Bowel screening uptake among patients from diverse communities",
        IndicatorKind.OUTCOME,
        Unit.PERCENTAGE,
        "",
        Direction.UP,
        ("52", date(2022, 3, 31)),
        ("60", date(2025, 3, 31)),
        [
            (date(2023, 3, 31), "52.8", "PCN screening dashboard (demo figure)", ""),
            (date(2024, 3, 31), "55.1", "PCN screening dashboard (demo figure)", ""),
        ],
    ),
    (
        "north-yorkshire",
        0,
        "Missed GP appointments across the partnership's practices",
        IndicatorKind.OUTCOME,
        Unit.COUNT,
        "missed appointments",
        Direction.DOWN,
        ("29508", date(2019, 12, 31)),
        ("26000", date(2024, 12, 31)),
        [
            (date(2022, 12, 31), "28950", "Practice systems (demo figure)", ""),
            (date(2023, 12, 31), "27410", "Practice systems (demo figure)", ""),
        ],
    ),
    (
        "north-yorkshire",
        0,
        "People involved in the partnership",
        IndicatorKind.PROCESS,
        Unit.COUNT,
        "people",
        Direction.UP,
        ("0", date(2022, 1, 1)),
        ("100", date(2023, 3, 31)),
        [
            (date(2022, 2, 10), "62", "Workshop sign-in lists", "First workshop, online."),
            (date(2022, 5, 18), "71", "Workshop sign-in lists", "Village hall workshop."),
            (date(2022, 7, 6), "83", "Workshop sign-in lists", "Village hall workshop."),
            (date(2022, 9, 21), "94", "Workshop sign-in lists", "Village hall workshop."),
            (date(2023, 3, 2), "104", "Workshop sign-in lists", ""),
        ],
    ),
    (
        "sheffield",
        0,
        "Referrals to the Community Connector",
        IndicatorKind.PROCESS,
        Unit.COUNT,
        "referrals",
        Direction.UP,
        ("0", date(2023, 1, 1)),
        ("150", date(2024, 3, 31)),
        [
            (date(2023, 3, 31), "18", "Practice referral log", ""),
            (date(2023, 6, 30), "47", "Practice referral log", "Opt-out referral began."),
            (date(2023, 9, 30), "83", "Practice referral log", ""),
            (date(2023, 12, 31), "112", "Practice referral log", ""),
        ],
    ),
    (
        "sheffield",
        0,
        "Adults who smoke in Sheffield",
        IndicatorKind.OUTCOME,
        Unit.PERCENTAGE,
        "",
        Direction.DOWN,
        ("13", date(2021, 12, 31)),
        ("5", date(2030, 12, 31)),
        [
            (date(2022, 12, 31), "12.4", "Public health survey (demo figure)", ""),
            (date(2023, 12, 31), "11.8", "Public health survey (demo figure)", ""),
        ],
    ),
    (
        "wandsworth",
        0,
        "Cervical screening uptake in the focus neighbourhoods",
        IndicatorKind.OUTCOME,
        Unit.PERCENTAGE,
        "",
        Direction.UP,
        ("61.5", date(2023, 3, 31)),
        ("68", date(2025, 3, 31)),
        [
            (date(2023, 9, 30), "62.1", "Screening programme data (demo figure)", ""),
            (date(2024, 3, 31), "63.4", "Screening programme data (demo figure)", ""),
            (date(2024, 9, 30), "64.9", "Screening programme data (demo figure)", ""),
        ],
    ),
    (
        "wandsworth",
        0,
        "Conversations about screening held by community champions",
        IndicatorKind.PROCESS,
        Unit.COUNT,
        "conversations",
        Direction.UP,
        ("0", date(2024, 2, 1)),
        ("300", date(2025, 1, 31)),
        [
            (date(2024, 4, 30), "46", "Champions' monthly returns", ""),
            (date(2024, 6, 30), "121", "Champions' monthly returns", ""),
            (date(2024, 9, 30), "198", "Champions' monthly returns", ""),
        ],
    ),
    (
        "wirral",
        0,
        "Organisations signed up to the Charter for Older People",
        IndicatorKind.PROCESS,
        Unit.COUNT,
        "organisations",
        Direction.UP,
        ("0", date(2023, 1, 1)),
        ("30", date(2023, 12, 31)),
        [
            (date(2023, 6, 30), "12", "Charter sign-up list", ""),
            (date(2023, 9, 30), "21", "Charter sign-up list", ""),
            (date(2023, 12, 31), "27", "Charter sign-up list", ""),
        ],
    ),
]

# (area slug, statement index, kind, text, attributed to, anonymised, collected on,
#  consent, consent date)
EVIDENCE = [
    (
        "east-sussex",
        0,
        EvidenceKind.QUOTE,
        "The letter sat in a drawer for a year. When someone explained it in my own "
        "language, I booked the same week.",
        "Amina, a community member",
        True,
        date(2023, 4, 20),
        Consent.WRITTEN,
        date(2023, 5, 10),
    ),
    (
        "east-sussex",
        0,
        EvidenceKind.QUOTE,
        "Now I ask people how they would like to be addressed, and I offer a female nurse "
        "before they have to ask.",
        "A receptionist at a GP practice in Eastbourne",
        False,
        date(2023, 9, 12),
        Consent.VERBAL,
        date(2023, 9, 12),
    ),
    (
        "east-sussex",
        0,
        EvidenceKind.STORY,
        "A woman told one of the community leaders that she stopped going to her practice "
        "after her name was called out wrongly in the waiting room, again and again. She "
        "has not yet said whether her story may be shared.",
        "A community member",
        True,
        date(2023, 3, 2),
        Consent.NONE,
        None,
    ),
    (
        "north-yorkshire",
        0,
        EvidenceKind.QUOTE,
        "The bus comes twice a day. If my appointment is at ten, I'm there at eight and "
        "home at four.",
        "A resident of a Nidderdale village",
        False,
        date(2022, 5, 18),
        Consent.VERBAL,
        date(2022, 5, 18),
    ),
    (
        "sheffield",
        0,
        EvidenceKind.QUOTE,
        "She didn't lecture me. She asked what was worrying me first, and it wasn't the "
        "cigarettes.",
        "Dave, referred to the Community Connector",
        True,
        date(2023, 10, 3),
        Consent.WRITTEN,
        date(2023, 10, 10),
    ),
    (
        "wandsworth",
        0,
        EvidenceKind.QUOTE,
        "I thought it was only for women with symptoms. Nobody told me it's there to stop "
        "cancer before it starts.",
        "A mother at a champions' coffee morning",
        False,
        date(2024, 5, 14),
        Consent.VERBAL,
        date(2024, 5, 14),
    ),
]


def load(areas, people):
    """Statements, indicators and evidence for the demo areas; `areas` and `people` by key."""
    author = people["facilitator@demo.example"]
    lead = people["lead@demo.example"]
    statements = {
        slug: [
            _write_statement(areas[slug], versions, by=lead if slug == "cheshire-east" else author)
            for versions in area_statements
        ]
        for slug, area_statements in STATEMENTS.items()
    }
    for slug, index, name, kind, unit, label, direction, baseline, target, rows in INDICATORS:
        indicator = services.indicator_create(
            area=areas[slug],
            by=author,
            name=name,
            kind=kind,
            unit=unit,
            unit_label=label,
            direction=direction,
            definition="",
            baseline_value=Decimal(baseline[0]),
            baseline_on=baseline[1],
            target_value=Decimal(target[0]) if target else None,
            target_on=target[1] if target else None,
            statements=[statements[slug][index]],
        )
        Indicator.objects.filter(pk=indicator.pk).update(created_at=_at(baseline[1]))
        for measured_on, value, source, note in rows:
            measurement = services.measurement_add(
                indicator=indicator,
                by=author,
                measured_on=measured_on,
                value=Decimal(value),
                source=source,
                note=note,
            )
            Measurement.objects.filter(pk=measurement.pk).update(
                recorded_at=_at(measured_on + timedelta(days=3))
            )
    for slug, index, kind, text, who, anonymised, said_on, consent, consent_on in EVIDENCE:
        evidence = services.evidence_save(
            area=areas[slug],
            by=author,
            statements=[statements[slug][index]],
            kind=kind,
            text=text,
            attributed_to=who,
            is_anonymised=anonymised,
            collected_on=said_on,
            consent=consent,
            consent_on=consent_on,
        )
        Evidence.objects.filter(pk=evidence.pk).update(created_at=_at(said_on))


def _write_statement(area, versions, *, by) -> CaoStatement:
    (first_on, _, content), *later = versions
    statement = services.cao_statement_create(area=area, by=by, **content)
    saved_on = {1: first_on}
    for when, reason, changes in later:
        content = {**content, **changes}
        revision = services.cao_statement_revise(
            statement=statement, version=max(saved_on), by=by, reason=reason, **content
        )
        saved_on[revision.number] = when
    for number, when in saved_on.items():
        CaoRevision.objects.filter(statement=statement, number=number).update(created_at=_at(when))
    CaoStatement.objects.filter(pk=statement.pk).update(created_at=_at(first_on))
    statement.refresh_from_db()
    return statement


def _at(day: date) -> datetime:
    """Half past ten on `day`, in the programme's time zone."""
    return timezone.make_aware(datetime.combine(day, time(10, 30)))
