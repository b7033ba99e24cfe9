"""The demo programme: the real cohorts and areas, with fictional people around them.

Focuses, places and figures are the programme's own public facts; every person and
most organisation names are invented.
"""

import random
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.utils import timezone

from areas import services
from areas.budgets import demo as budgets_demo
from areas.models import (
    Area,
    Cohort,
    LocalCoordinatingOrganisation,
    Seat,
    Stage,
    StageChange,
    SteeringMember,
)
from areas.outcomes import demo as outcomes_demo
from areas.pulse import demo as pulse_demo
from areas.selectors import NHS_SECTORS
from partnerships.models import (
    AreaRole,
    Membership,
    Organisation,
    Person,
    ProgrammeRole,
    Sector,
    User,
)

DEMO_PASSWORD = "partnership-demo-2026"
# A fixed authenticator secret for the demo accounts that must use two-factor, so the
# logins printed below work with any authenticator app (and in the browser tests).
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

COHORTS = [
    ("2021–2023 cohort", "2021-2023", date(2021, 9, 1), date(2023, 8, 31)),
    ("Phase 2", "phase-2", date(2023, 9, 1), date(2025, 3, 31)),
    ("Phase 3", "phase-3", date(2025, 4, 1), date(2027, 3, 31)),
]

# (cohort slug, name, slug, focus, geography, stage, summary)
AREAS = [
    (
        "2021-2023",
        "East Sussex",
        "east-sussex",
        "Raising cancer-screening uptake among culturally and ethnically diverse communities",
        "Eastbourne, ALPS Group PCN (about 50,000 residents)",
        Stage.MAKING_IT_STICK,
        "Community leaders from five countries, recruited by a local social enterprise, work "
        "with GP practices on why screening invitations go unanswered. Four sub-groups each "
        "lead one strand, including cultural-competency training for practice receptionists.",
    ),
    (
        "2021-2023",
        "North Yorkshire",
        "north-yorkshire",
        "Rural access to appointments and the transport to reach them",
        "Hambleton and Richmondshire, Nidderdale, North Ryedale",
        Stage.MAKING_IT_STICK,
        "Missed appointments cost the local system dearly: 29,508 of them in 2019. The "
        "partnership meets in village halls with service users at the table and is testing "
        "three local models for getting people to care.",
    ),
    (
        "2021-2023",
        "Sheffield",
        "sheffield",
        "Helping people in Hackenthorpe stop smoking",
        "Hackenthorpe, Townships PCN",
        Stage.NEXT_LEVEL,
        "A Community Connector role, opt-out referral and smoke-free sites, working toward "
        "the city's aim of 5% smoking prevalence by 2030.",
    ),
    (
        "2021-2023",
        "Wirral",
        "wirral",
        "Older people who fall through the net between services",
        "Wirral (about 71,030 older people)",
        Stage.MAKING_IT_STICK,
        "Older residents and services co-designed a Charter for Older People and a practical "
        "guide to equalities impact assessment.",
    ),
    (
        "phase-2",
        "Cheshire East",
        "cheshire-east",
        "TB screening with East Timorese communities in Crewe",
        "Crewe",
        Stage.NEXT_LEVEL,
        "Led by the public health team with East Timorese community leaders, building trust "
        "so that people come forward for latent TB screening.",
    ),
    (
        "phase-2",
        "Dudley",
        "dudley",
        "Childhood obesity in Brockmoor and Pensnett",
        "Brockmoor and Pensnett",
        Stage.GETTING_STARTED,
        "Families, schools, the council and local charities looking together at food, play "
        "and the cost of a healthy week.",
    ),
    (
        "phase-2",
        "St Helens",
        "st-helens",
        "Loneliness and isolation",
        "Town Centre and Fouracre",
        Stage.GETTING_UNSTUCK,
        "After a change of leads the partnership is rebuilding relationships around "
        "connecting isolated residents with groups near them.",
    ),
    (
        "phase-2",
        "Wandsworth",
        "wandsworth",
        "Cervical screening in neighbourhoods with low uptake",
        "Wandsworth",
        Stage.NEXT_LEVEL,
        "Behavioural insights and community champions, working on the letters and the "
        "conversations that lead to a booked appointment.",
    ),
    (
        "phase-3",
        "Barnet and Enfield",
        "barnet-and-enfield",
        "Access to health services for disabled patients",
        "Barnet and Enfield",
        Stage.GETTING_STARTED,
        "Disabled residents and practices mapping where access breaks down, from booking to "
        "the building itself.",
    ),
    (
        "phase-3",
        "Birmingham",
        "birmingham",
        "Healthcare access for sex workers",
        "Birmingham",
        Stage.GETTING_STARTED,
        "Specialist charities and NHS services designing care that people can reach without "
        "fear of judgement.",
    ),
    (
        "phase-3",
        "Leicester and Leicestershire",
        "leicester-and-leicestershire",
        "A health package for people who are homeless",
        "Leicester and Leicestershire",
        Stage.GETTING_STARTED,
        "Housing, health and voluntary partners building one offer of care for people with "
        "no permanent address.",
    ),
    (
        "phase-3",
        "Somerset",
        "somerset",
        "Hospital discharge for people living with dementia",
        "Somerset",
        Stage.GETTING_STARTED,
        "Carers, hospital teams and community groups working on what makes the journey home "
        "safe for people with dementia.",
    ),
]

# Organisations per area: (name, sector). Invented names, realistic kinds.
ORGANISATIONS = {
    "east-sussex": [
        ("ALPS Group PCN", Sector.PCN),
        ("Eastbourne Community Links CIC", Sector.SOCIAL_ENTERPRISE),
        ("Seaside Medical Practice", Sector.GP_PRACTICE),
        ("East Sussex Public Health", Sector.PUBLIC_HEALTH),
        ("Healthwatch East Sussex", Sector.HEALTHWATCH),
    ],
    "north-yorkshire": [
        ("Dales Community Transport", Sector.VCSE),
        ("Hambleton Rural Action", Sector.VCSE),
        ("North Yorkshire Council", Sector.LOCAL_AUTHORITY),
        ("Nidderdale Surgeries PCN", Sector.PCN),
    ],
    "sheffield": [
        ("Townships PCN", Sector.PCN),
        ("Hackenthorpe Community Forum", Sector.VCSE),
        ("Sheffield City Council Public Health", Sector.PUBLIC_HEALTH),
    ],
    "wirral": [
        ("Wirral Older People's Network", Sector.VCSE),
        ("Wirral Council", Sector.LOCAL_AUTHORITY),
        ("Wirral Community Health Trust", Sector.NHS_TRUST),
    ],
    "cheshire-east": [
        ("Cheshire East Public Health", Sector.PUBLIC_HEALTH),
        ("Crewe East Timorese Association", Sector.VCSE),
        ("St Barnabas Church, Crewe", Sector.FAITH),
    ],
    "dudley": [
        ("Brockmoor Family Hub", Sector.VCSE),
        ("Dudley Council", Sector.LOCAL_AUTHORITY),
        ("Black Country ICB", Sector.NHS_ICB),
    ],
    "st-helens": [
        ("Fouracre Neighbourhood Centre", Sector.VCSE),
        ("St Helens Borough Council", Sector.LOCAL_AUTHORITY),
        ("Torus Homes", Sector.HOUSING),
    ],
    "wandsworth": [
        ("Wandsworth Community Champions", Sector.VCSE),
        ("South West London ICB", Sector.NHS_ICB),
        ("Battersea Fields Practice", Sector.GP_PRACTICE),
    ],
    "barnet-and-enfield": [
        ("Enfield Disability Action", Sector.VCSE),
        ("North Central London ICB", Sector.NHS_ICB),
    ],
    "birmingham": [
        ("Safe Harbour Birmingham", Sector.VCSE),
        ("Birmingham Sexual Health Trust", Sector.NHS_TRUST),
    ],
    "leicester-and-leicestershire": [
        ("Leicester Homeless Health Alliance", Sector.VCSE),
        ("Leicester City Council Housing", Sector.HOUSING),
    ],
    "somerset": [
        ("Somerset Dementia Carers", Sector.VCSE),
        ("Somerset NHS Foundation Trust", Sector.NHS_TRUST),
    ],
}

FIRST_NAMES = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Esther",
    "Farid",
    "Grace",
    "Hamza",
    "Isla",
    "Jonah",
    "Kiran",
    "Lena",
    "Marcus",
    "Nadia",
    "Owen",
    "Priya",
    "Rosa",
    "Samir",
    "Tilly",
    "Umar",
    "Vera",
    "Wei",
    "Yasmin",
    "Zoe",
]
LAST_NAMES = [
    "Adeyemi",
    "Barker",
    "Chowdhury",
    "Da Silva",
    "Evans",
    "Fletcher",
    "Gupta",
    "Hughes",
    "Ibrahim",
    "Jones",
    "Kowalski",
    "Lewis",
    "Mensah",
    "Nowak",
    "Osei",
    "Patel",
]

# The printed demo logins, one per role.
LOGINS = [
    ("lead@demo.example", "Helen Ashworth", ProgrammeRole.LEAD, None, None),
    ("facilitator@demo.example", "Tom Okafor", ProgrammeRole.NONE, AreaRole.FACILITATOR, None),
    (
        "steering@demo.example",
        "Alicia Moreno",
        ProgrammeRole.NONE,
        AreaRole.STEERING_MEMBER,
        "east-sussex",
    ),
    ("lco@demo.example", "Joy Mbeki", ProgrammeRole.NONE, AreaRole.LCO_COORDINATOR, "east-sussex"),
    (
        "community@demo.example",
        "Samira Haddad",
        ProgrammeRole.NONE,
        AreaRole.COMMUNITY_MEMBER,
        "east-sussex",
    ),
    ("funder@demo.example", "Richard Lowe", ProgrammeRole.FUNDER, None, None),
]
FACILITATED_AREAS = ["east-sussex", "north-yorkshire", "sheffield", "wirral", "wandsworth"]
TWO_FACTOR_EMAILS = {"lead@demo.example", "facilitator@demo.example"}


def load(stdout):
    if not Area.objects.exists():
        _load_programme()
        stdout.write(
            "Loaded the demo programme: 3 cohorts, 12 areas, their statements and indicators."
        )
    budgets_demo.load(stdout)
    _print_logins(stdout)


def _load_programme():
    cohorts = {
        slug: Cohort.objects.create(name=name, slug=slug, starts_on=start, ends_on=end)
        for name, slug, start, end in COHORTS
    }
    areas = {}
    for cohort_slug, name, slug, focus, geography, stage, summary in AREAS:
        areas[slug] = Area.objects.create(
            cohort=cohorts[cohort_slug],
            name=name,
            slug=slug,
            focus=focus,
            geography=geography,
            stage=stage,
            summary=summary,
        )
    people = _create_logins(areas)
    names = _fictional_names()
    for slug, area in areas.items():
        _seat_steering_group(area, slug, names, people)
        _designate_lco(area, slug, people)
    _add_history(areas, people)
    outcomes_demo.load(areas, people)
    pulse_demo.load(areas, people)


# The seats each steering group starts with. Three areas depart from it on purpose, so
# the demo shows every representation warning: St Helens is rebuilding with only six,
# Birmingham has no one with lived experience yet, Dudley has no one from the NHS.
SEATS = [
    Seat.CHAIR,
    Seat.LIVED_EXPERIENCE,
    Seat.LIVED_EXPERIENCE,
    Seat.NHS,
    Seat.LOCAL_AUTHORITY,
    Seat.VCSE,
    Seat.MEMBER,
    Seat.MEMBER,
    Seat.MEMBER,
]
SEATS_BY_AREA = {
    "st-helens": SEATS[:6],
    "birmingham": [seat for seat in SEATS if seat != Seat.LIVED_EXPERIENCE] + [Seat.MEMBER],
    "dudley": [seat for seat in SEATS if seat != Seat.NHS] + [Seat.MEMBER],
}

SUB_GROUPS = {
    "east-sussex": [
        ("Cultural competency", "Training for GP practice receptionists, with community leaders"),
        ("Clear information", "Screening letters and leaflets people can read and trust"),
        ("Community conversations", "Talking about screening in community and faith groups"),
        ("Data and uptake", "Following screening uptake across the PCN's practices"),
    ],
    "north-yorkshire": [
        ("Getting there", "Community transport to appointments"),
        ("Missed appointments", "Why appointments are missed, and what would help"),
    ],
    "sheffield": [("Community Connector", "Shaping the Community Connector role")],
}


def _seat_steering_group(area, slug, names, people):
    organisations = [
        Organisation.objects.get_or_create(name=org_name, defaults={"sector": sector})[0]
        for org_name, sector in ORGANISATIONS[slug]
    ]
    if slug == "dudley":
        organisations = [o for o in organisations if o.sector not in NHS_SECTORS]
    nhs = [o for o in organisations if o.sector in NHS_SECTORS] or organisations
    others = [o for o in organisations if o.sector not in NHS_SECTORS] or organisations
    facilitator = people["facilitator@demo.example"]
    for index, seat in enumerate(SEATS_BY_AREA.get(slug, SEATS)):
        if slug == "east-sussex" and seat == Seat.LIVED_EXPERIENCE and index == 1:
            person = people["steering@demo.example"]
        else:
            person = Person.objects.create(full_name=next(names))
        if seat == Seat.LIVED_EXPERIENCE:
            organisation = None
        elif seat == Seat.NHS:
            organisation = nhs[0]
        else:
            organisation = others[index % len(others)]
        if person.organisation is None and organisation is not None:
            person.organisation = organisation
            person.save(update_fields=["organisation"])
        services.steering_member_add(
            area=area, person=person, seat=seat, organisation=organisation, by=facilitator
        )
    SteeringMember.objects.filter(area=area).update(
        joined_on=area.cohort.starts_on + timedelta(days=45)
    )
    seated = [member.person for member in SteeringMember.objects.filter(area=area)]
    for number, (name, activity) in enumerate(SUB_GROUPS.get(slug, [])):
        lead, *members = seated[number::4][:3]
        services.sub_group_save(area=area, name=name, activity=activity, lead=lead, members=members)


def _designate_lco(area, slug, people):
    community = [
        o
        for o, sector in (
            (Organisation.objects.get(name=name), sector) for name, sector in ORGANISATIONS[slug]
        )
        if sector in (Sector.VCSE, Sector.SOCIAL_ENTERPRISE)
    ]
    if not community:
        return
    if slug == "east-sussex":
        coordinator = people["lco@demo.example"]
        coordinator.organisation = community[0]
        coordinator.save(update_fields=["organisation"])
    else:
        coordinator = (
            SteeringMember.objects.filter(area=area, organisation=community[0]).first().person
        )
    lco = services.lco_designate(area=area, organisation=community[0], coordinator=coordinator)
    LocalCoordinatingOrganisation.objects.filter(pk=lco.pk).update(
        designated_on=area.cohort.starts_on + timedelta(days=60)
    )


# (area, stage, reason, when): how some areas moved between the kinds of support.
STAGE_HISTORY = [
    (
        "east-sussex",
        Stage.NEXT_LEVEL,
        "Six community leaders recruited; four sub-groups formed.",
        date(2022, 5, 10),
    ),
    (
        "east-sussex",
        Stage.MAKING_IT_STICK,
        "Cultural-competency training delivered to 4 GP practices and over 40 receptionists.",
        date(2023, 7, 20),
    ),
    (
        "north-yorkshire",
        Stage.MAKING_IT_STICK,
        "Three local models for getting to appointments agreed after the village hall workshops.",
        date(2023, 3, 2),
    ),
    (
        "st-helens",
        Stage.GETTING_UNSTUCK,
        "Two leads moved on; the group is rebuilding relationships before planning further.",
        date(2024, 6, 12),
    ),
]


def _add_history(areas, people):
    lead = people["lead@demo.example"]
    for slug, stage, reason, when in STAGE_HISTORY:
        StageChange.objects.create(
            area=areas[slug],
            stage=stage,
            reason=reason,
            changed_by=lead,
            changed_at=timezone.make_aware(datetime.combine(when, time(10))),
        )


def _create_logins(areas):
    programme_team = Organisation.objects.create(
        name="Health Partnerships programme team", sector=Sector.VCSE
    )
    people = {}
    for email, full_name, programme_role, area_role, area_slug in LOGINS:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if email in TWO_FACTOR_EMAILS:
            TOTP.activate(user, DEMO_TOTP_SECRET)
        person = Person.objects.create(
            user=user,
            email=email,
            full_name=full_name,
            programme_role=programme_role,
            organisation=None if area_slug else programme_team,
        )
        if area_role == AreaRole.FACILITATOR:
            for slug in FACILITATED_AREAS:
                Membership.objects.create(person=person, area=areas[slug], role=area_role)
        elif area_role == AreaRole.COMMUNITY_MEMBER:
            # No seat to give them a role: their membership is the role.
            Membership.objects.create(person=person, area=areas[area_slug], role=area_role)
        people[email] = person
    return people


def _fictional_names():
    """Distinct invented names in a fixed, mixed order, so each demo run looks the same."""
    names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    random.Random(2026).shuffle(names)
    yield from names


def _print_logins(stdout):
    stdout.write("")
    stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
    for email, _, programme_role, area_role, area_slug in LOGINS:
        role = ProgrammeRole(programme_role).label if programme_role else AreaRole(area_role).label
        where = f" in {area_slug}" if area_slug else ""
        stdout.write(f"  {role + where:<38} {email}")
    code = getattr(settings, "MFA_TOTP_INSECURE_BYPASS_CODE", None)
    stdout.write(
        "Programme lead and facilitator sign in with two-factor authentication: "
        + (f"enter {code} (demo only), or " if code else "")
        + f"add the key {DEMO_TOTP_SECRET} to an authenticator app."
    )
    stdout.write("")
