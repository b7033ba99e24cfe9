"""The demo programme: the real cohorts and areas, with fictional people around them.

Focuses, places and figures are the programme's own public facts; every person and
most organisation names are invented (areas/demo/programme.toml).
"""

import random
from datetime import datetime, time, timedelta

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
    StageChange,
    SteeringMember,
)
from areas.outcomes import demo as outcomes_demo
from areas.pulse import demo as pulse_demo
from areas.selectors import NHS_SECTORS
from partnerships import demo_data
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


def load(stdout):
    if not Area.objects.exists():
        _load_programme()
        stdout.write(
            "Loaded the demo programme: 3 cohorts, 12 areas, their statements and indicators."
        )
    budgets_demo.load(stdout)
    _print_logins(stdout)


def _load_programme():
    data = demo_data.load("areas", "programme")
    cohorts = {cohort["slug"]: Cohort.objects.create(**cohort) for cohort in data["cohorts"]}
    areas, around = {}, {}
    for fields in data["areas"]:
        # What is around the area (set up once its people exist) is not one of its fields.
        # A few areas depart from the usual seats on purpose (see programme.toml).
        around[fields["slug"]] = (
            fields.pop("organisations"),
            fields.pop("seats", data["seats"]),
            fields.pop("sub_groups", []),
        )
        cohort = cohorts[fields.pop("cohort")]
        areas[fields["slug"]] = Area.objects.create(cohort=cohort, **fields)
    people = _create_logins(data["logins"], areas)
    names = _fictional_names(data["first_names"], data["last_names"])
    for slug, (organisations, seats, sub_groups) in around.items():
        organisations = [
            Organisation.objects.get_or_create(
                name=org["name"], defaults={"sector": org["sector"]}
            )[0]
            for org in organisations
        ]
        _seat_steering_group(areas[slug], organisations, seats, sub_groups, names, people)
        _designate_lco(areas[slug], organisations, people)
    _add_history(data["stage_changes"], areas, people)
    outcomes_demo.load(areas, people)
    pulse_demo.load(areas, people)


def _seat_steering_group(area, organisations, seats, sub_groups, names, people):
    slug = area.slug
    if slug == "dudley":
        organisations = [o for o in organisations if o.sector not in NHS_SECTORS]
    nhs = [o for o in organisations if o.sector in NHS_SECTORS] or organisations
    others = [o for o in organisations if o.sector not in NHS_SECTORS] or organisations
    facilitator = people["facilitator@demo.example"]
    for index, seat in enumerate(seats):
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
    for number, sub_group in enumerate(sub_groups):
        lead, *members = seated[number::4][:3]
        services.sub_group_save(area=area, lead=lead, members=members, **sub_group)


def _designate_lco(area, organisations, people):
    community = [o for o in organisations if o.sector in (Sector.VCSE, Sector.SOCIAL_ENTERPRISE)]
    if not community:
        return
    if area.slug == "east-sussex":
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


def _add_history(stage_changes, areas, people):
    lead = people["lead@demo.example"]
    for change in stage_changes:
        StageChange.objects.create(
            area=areas[change["area"]],
            stage=change["stage"],
            reason=change["reason"],
            changed_by=lead,
            changed_at=timezone.make_aware(datetime.combine(change["on"], time(10))),
        )


def _create_logins(logins, areas):
    programme_team = Organisation.objects.create(
        name="Health Partnerships programme team", sector=Sector.VCSE
    )
    people = {}
    for login in logins:
        email, area_role, area_slug = login["email"], login.get("area_role"), login.get("area")
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if login.get("two_factor"):
            TOTP.activate(user, DEMO_TOTP_SECRET)
        person = Person.objects.create(
            user=user,
            email=email,
            full_name=login["full_name"],
            programme_role=login.get("programme_role", ProgrammeRole.NONE),
            organisation=None if area_slug else programme_team,
        )
        if area_role == AreaRole.FACILITATOR:
            for slug in login["facilitates"]:
                Membership.objects.create(person=person, area=areas[slug], role=area_role)
        elif area_role == AreaRole.COMMUNITY_MEMBER:
            # No seat to give them a role: their membership is the role.
            Membership.objects.create(person=person, area=areas[area_slug], role=area_role)
        people[email] = person
    return people


def _fictional_names(first_names, last_names):
    """Distinct invented names in a fixed, mixed order, so each demo run looks the same."""
    names = [f"{first} {last}" for first in first_names for last in last_names]
    random.Random(2026).shuffle(names)
    yield from names


def _print_logins(stdout):
    stdout.write("")
    stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
    for login in demo_data.load("areas", "programme")["logins"]:
        if "programme_role" in login:
            role = ProgrammeRole(login["programme_role"]).label
        else:
            role = AreaRole(login["area_role"]).label
        where = f" in {login['area']}" if "area" in login else ""
        stdout.write(f"  {role + where:<38} {login['email']}")
    code = getattr(settings, "MFA_TOTP_INSECURE_BYPASS_CODE", None)
    stdout.write(
        "Programme lead and facilitator sign in with two-factor authentication: "
        + (f"enter {code} (demo only), or " if code else "")
        + f"add the key {DEMO_TOTP_SECRET} to an authenticator app."
    )
    stdout.write("")
