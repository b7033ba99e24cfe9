"""Reads of areas that pages share. Every one starts from the access scope."""

from collections import Counter, defaultdict
from datetime import datetime, time

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q, Value
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import pluralize
from django.utils import timezone

from areas.models import Area, Cohort, LocalCoordinatingOrganisation, Seat, SteeringMember, SubGroup
from partnerships import access
from partnerships.databases import is_postgresql
from partnerships.models import AreaRole, Invitation, Person, Sector


def get_area_for(user, area_slug, *, roles=None) -> Area:
    """The area if `user` may see it, else 404 — the same answer as for no such area."""
    return get_object_or_404(
        Area.objects.visible_to(user, roles=roles).select_related("cohort"), slug=area_slug
    )


def get_area_and_roles_for(user, area_slug, *, roles=None) -> tuple[Area, set[str]]:
    """The area as `get_area_for` finds it, with the user's roles in it."""
    area = get_area_for(user, area_slug, roles=roles)
    return area, access.roles_in(user, area)


def areas_visible_to(user, *, roles=None):
    return Area.objects.visible_to(user, roles=roles)


def every_area():
    """Every area in the programme, for readers that are programme-wide by role."""
    return Area.objects.all()


def public_areas_funded_by(person):
    """The areas shown publicly in the cohorts `person` funds."""
    return Area.objects.filter(is_public=True, cohort__fundings__funder=person).distinct()


def cohorts_of(areas):
    return Cohort.objects.filter(areas__in=areas).distinct().order_by("name")


def area_facilitators(area):
    return (
        Person.objects.filter(memberships__area=area, memberships__role=AreaRole.FACILITATOR)
        .select_related("organisation")
        .order_by("full_name")
    )


def pending_invitations(area):
    return (
        Invitation.objects.pending().filter(area=area).select_related("invited_by", "email_message")
    )


# Programme rules for a steering group that can carry the work.
MINIMUM_STEERING_GROUP = 8
NHS_SECTORS = frozenset({Sector.NHS_ICB, Sector.PCN, Sector.GP_PRACTICE, Sector.NHS_TRUST})


def current_steering_members(area):
    return (
        SteeringMember.objects.current()
        .filter(area=area)
        .select_related("person__user", "organisation")
        .order_by("person__full_name")
    )


def steering_seats(area):
    """Every seat the area's steering group has had, current and past, by name: the area
    page reads its members and its timeline's comings and goings from these rows, a few
    dozen at most, in one query."""
    return (
        SteeringMember.objects.filter(area=area)
        .select_related("person__user", "organisation")
        .order_by("person__full_name", "pk")
    )


def past_steering_members(area):
    return (
        SteeringMember.objects.filter(area=area, left_on__isnull=False)
        .select_related("person", "organisation")
        .order_by("-left_on")
    )


def representation_warnings(members) -> list[str]:
    """What the group lacks against the programme's rules, in words for the facilitator."""
    members = list(members)
    warnings = []
    if len(members) < MINIMUM_STEERING_GROUP:
        warnings.append(
            f"The group has {len(members)} member{pluralize(len(members))}. "
            f"The programme asks for at least {MINIMUM_STEERING_GROUP}, from across sectors."
        )
    if not any(member.seat == Seat.LIVED_EXPERIENCE for member in members):
        warnings.append(
            "No community leader or person with lived experience sits on the group. "
            "Their voice should have equal weight with professionals'."
        )
    if not any(
        member.seat == Seat.NHS
        or (member.organisation and member.organisation.sector in NHS_SECTORS)
        for member in members
    ):
        warnings.append(
            "No one from the NHS sits on the group: an NHS representative, or someone from "
            "an ICB, PCN, GP practice or NHS trust."
        )
    return warnings


def sector_mix(members) -> list[tuple[str, int]]:
    """(sector label, members) for the current members, largest first."""
    counts = Counter(
        member.organisation.get_sector_display() for member in members if member.organisation
    )
    return counts.most_common()


def health_organisations(area, members, lcos):
    """The ICB and PCNs involved, from the organisations at the table and the LCOs."""
    organisations = {m.organisation for m in members if m.organisation} | {
        lco.organisation for lco in lcos
    }
    return sorted(
        (o for o in organisations if o.sector in (Sector.NHS_ICB, Sector.PCN)),
        key=lambda o: (o.sector, o.name),
    )


def area_lcos(area):
    return LocalCoordinatingOrganisation.objects.filter(area=area).select_related(
        "organisation", "coordinator"
    )


def area_sub_groups(area):
    """The area's sub-groups with their lead, and their members' names in order
    (`member_names`), in one query."""
    sub_groups = SubGroup.objects.filter(area=area).select_related("lead").order_by("name")
    if is_postgresql():
        return sub_groups.annotate(
            member_names=ArrayAgg(
                "members__full_name",
                filter=Q(members__isnull=False),
                order_by="members__full_name",
                default=Value([]),
            )
        )
    sub_groups = list(sub_groups.prefetch_related("members"))
    for sub_group in sub_groups:
        sub_group.member_names = sorted(member.full_name for member in sub_group.members.all())
    return sub_groups


TIMELINE_LENGTH = 12


def recent_stage_changes(area):
    return area.stage_changes.select_related("changed_by")[:TIMELINE_LENGTH]


def stage_history(area) -> list[dict]:
    """When and why the area moved between the kinds of support, oldest first, as plain
    data for reports: the stage and the reason the team recorded, never who moved it."""
    return [
        {
            "on": timezone.localdate(change.changed_at).isoformat(),
            "stage": change.get_stage_display(),
            "reason": change.reason,
        }
        for change in area.stage_changes.order_by("changed_at", "pk")
    ]


def area_timeline(*, seats, stage_changes, lcos, limit=TIMELINE_LENGTH) -> list[dict]:
    """The area's recent events, newest first, from rows the page has already fetched:
    stage changes, LCOs and the steering group's seats (`steering_seats`) for its
    comings and goings."""
    events = [
        {
            "at": change.changed_at,
            "title": f"Moved to “{change.get_stage_display()}”",
            "detail": change.reason,
        }
        for change in stage_changes
    ]
    left = sorted((seat for seat in seats if seat.left_on), key=lambda seat: seat.left_on)
    for seat in reversed(left[-limit:]):
        events.append(
            {
                "at": _start_of(seat.left_on),
                "title": f"{seat.person.full_name} left the steering group",
                "detail": seat.left_reason,
            }
        )
    recent_days = sorted({seat.joined_on for seat in seats}, reverse=True)[:limit]
    joined = defaultdict(list)
    for seat in seats:  # by name
        if seat.joined_on in recent_days:
            joined[seat.joined_on].append(seat)
    # A group formed on one day is one event, not a line per member.
    for day, newcomers in joined.items():
        names = [seat.person.full_name for seat in newcomers]
        if len(names) == 1:
            title, detail = f"{names[0]} joined the steering group", newcomers[0].get_seat_display()
        else:
            title, detail = f"{len(names)} people joined the steering group", ", ".join(names)
        events.append({"at": _start_of(day), "title": title, "detail": detail})
    for lco in lcos:
        events.append(
            {
                "at": _start_of(lco.designated_on),
                "title": f"{lco.organisation.name} became a local coordinating organisation",
                "detail": f"Coordinator: {lco.coordinator.full_name}",
            }
        )
    return sorted(events, key=lambda event: event["at"], reverse=True)[:limit]


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def choosable_people(user, area, *, exclude_seated=True):
    """People a facilitator may give a role in `area`: anyone from the areas they run."""
    people = Person.objects.all()
    if exclude_seated:
        seated = SteeringMember.objects.current().filter(area=area).values("person_id")
        people = people.exclude(pk__in=seated)
    if not access.is_programme_lead(user):
        managed = access.area_ids_for(user, roles=access.MANAGING_ROLES)
        people = people.filter(
            Q(memberships__area__in=managed) | Q(steering_seats__area__in=managed)
        ).distinct()
    return people.select_related("organisation").order_by("full_name")
