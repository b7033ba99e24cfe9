"""An area and the people in it: organisations, ~100 people, roles, the steering group."""

from dataclasses import dataclass, field

from areas.models import (
    Area,
    LocalCoordinatingOrganisation,
    Seat,
    Stage,
    StageChange,
    SteeringMember,
    SubGroup,
)
from partnerships.models import AreaRole, Membership, Organisation, Person
from scale import accounts, words

STAGES = [Stage.GETTING_STARTED, Stage.NEXT_LEVEL, Stage.MAKING_IT_STICK, Stage.GETTING_UNSTUCK]
STAGE_WEIGHTS = [3, 4, 2, 1]
SEATS = [Seat.NHS, Seat.LOCAL_AUTHORITY, Seat.VCSE, Seat.LIVED_EXPERIENCE, Seat.MEMBER]


@dataclass
class AreaPlan:
    """The ids generated for one area that the other generators build on."""

    id: int
    slug: str
    organisations: list[int] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    facilitators: list[int] = field(default_factory=list)
    steering: list[int] = field(default_factory=list)
    lco_coordinators: list[int] = field(default_factory=list)
    sub_groups: list[int] = field(default_factory=list)


def add_area(ctx, number: int, cohort_id: int, facilitators: list[int]) -> AreaPlan:
    rng, w = ctx.rng, ctx.writer
    place = f"{rng.choice(words.PLACES)} {rng.choice(words.AREA_KINDS)}"
    slug = f"pcn-{number + 1:04d}"
    created = ctx.now - ctx.days(rng.randint(400, 900))
    area = w.add(
        Area,
        name=f"{place} PCN {number + 1}",
        slug=slug,
        cohort_id=cohort_id,
        focus=rng.choice(words.FOCI),
        summary=f"A partnership across {place} working with the primary care network.",
        geography=f"{place} and the surrounding wards",
        stage=rng.choices(STAGES, STAGE_WEIGHTS)[0],
        is_public=rng.random() < 0.8,
        created_at=created,
    )
    plan = AreaPlan(id=area, slug=slug, facilitators=facilitators)
    w.add(
        StageChange,
        area_id=area,
        stage=Stage.GETTING_STARTED,
        reason="The partnership began.",
        changed_by_id=facilitators[0],
        changed_at=created,
    )
    for person in facilitators:
        w.add(Membership, person_id=person, area_id=area, role=AreaRole.FACILITATOR)
    _add_organisations(ctx, plan, number)
    _add_people(ctx, plan, number)
    _add_steering_group(ctx, plan)
    return plan


def _add_organisations(ctx, plan, number):
    rng = ctx.rng
    for index in range(rng.randint(12, 20)):
        sector = rng.choice(list(words.ORGANISATION_KINDS))
        kind = rng.choice(words.ORGANISATION_KINDS[sector])
        plan.organisations.append(
            ctx.writer.add(
                Organisation,
                name=f"{rng.choice(words.PLACES)} {kind} {number + 1}-{index + 1}",
                sector=sector,
            )
        )


def _add_people(ctx, plan, number):
    """About a hundred people. The first 25 (the steering group, LCO coordinators and
    champions) have accounts; the chair of each of the first areas is a benchmark account."""
    rng = ctx.rng
    for index in range(rng.randint(85, 115)):
        full_name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.SURNAMES)}"
        job_title = rng.choice(words.JOB_TITLES)
        if index < 25:
            email = f"p{index + 1}@{plan.slug}.example.org"
            if index == 0 and number < ctx.bench_accounts:
                email = accounts.steering_email(number)
            person = accounts.add_person_with_account(
                ctx, email=email, full_name=full_name, job_title=job_title
            )
        else:
            person = ctx.writer.add(
                Person,
                full_name=full_name,
                email=f"p{index + 1}@{plan.slug}.example.org" if rng.random() < 0.7 else "",
                job_title=job_title,
                organisation_id=rng.choice(plan.organisations) if rng.random() < 0.8 else None,
            )
        plan.people.append(person)


def _add_steering_group(ctx, plan):
    rng, w = ctx.rng, ctx.writer
    size = rng.randint(8, 15)
    plan.steering = plan.people[:size]
    for position, person in enumerate(plan.steering):
        w.add(
            SteeringMember,
            area_id=plan.id,
            person_id=person,
            seat=Seat.CHAIR if position == 0 else rng.choice(SEATS),
            organisation_id=rng.choice(plan.organisations),
            joined_on=ctx.today - ctx.days(rng.randint(30, 700)),
            added_by_id=plan.facilitators[0],
        )
        w.add(Membership, person_id=person, area_id=plan.id, role=AreaRole.STEERING_MEMBER)
    # A few who left, so histories are realistic.
    for person in plan.people[size : size + rng.randint(0, 3)]:
        w.add(
            SteeringMember,
            area_id=plan.id,
            person_id=person,
            seat=Seat.MEMBER,
            joined_on=ctx.today - ctx.days(700),
            left_on=ctx.today - ctx.days(rng.randint(30, 300)),
            left_reason="Moved to a new role.",
        )
    for index, organisation in enumerate(rng.sample(plan.organisations, rng.randint(1, 2))):
        coordinator = plan.people[20 + index]
        plan.lco_coordinators.append(coordinator)
        w.add(
            LocalCoordinatingOrganisation,
            area_id=plan.id,
            organisation_id=organisation,
            coordinator_id=coordinator,
        )
        w.add(Membership, person_id=coordinator, area_id=plan.id, role=AreaRole.LCO_COORDINATOR)
    for index in range(rng.randint(1, 4)):
        sub_group = w.add(
            SubGroup,
            area_id=plan.id,
            name=f"Sub-group {index + 1}",
            activity=rng.choice(words.ACTIONS),
            lead_id=rng.choice(plan.steering),
        )
        plan.sub_groups.append(sub_group)
        for person in rng.sample(plan.steering, 3):
            w.add(SubGroup.members.through, subgroup_id=sub_group, person_id=person)
