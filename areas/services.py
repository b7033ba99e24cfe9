"""Writes to an area's partnership. Each use case is one function in one transaction."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from areas.models import Area, LocalCoordinatingOrganisation, StageChange, SteeringMember, SubGroup
from partnerships import services as core_services
from partnerships.models import AreaRole, Membership, Organisation, Person


def _organisation_chosen_or_new(organisation, new_organisation):
    """The organisation picked from a list, or a new one typed in as (name, sector)."""
    name, sector = new_organisation or ("", "")
    if name.strip():
        return Organisation.objects.create(name=name.strip(), sector=sector)
    return organisation


class AlreadyAMember(Exception):
    """The person already has a seat on this steering group."""


@transaction.atomic
def area_change_stage(*, area: Area, stage: str, reason: str, by: Person) -> StageChange:
    """Move the area to another kind of support, recording when, who and why."""
    area = Area.objects.select_for_update().get(pk=area.pk)
    change = StageChange.objects.create(area=area, stage=stage, reason=reason, changed_by=by)
    area.stage = stage
    area.save(update_fields=["stage"])
    return change


@transaction.atomic
def steering_member_add(
    *, area: Area, person: Person, seat: str, organisation=None, new_organisation=None, by: Person
) -> SteeringMember:
    """Give a person a seat on the steering group, and the steering member role with it."""
    organisation = _organisation_chosen_or_new(organisation, new_organisation)
    try:
        with transaction.atomic():
            member = SteeringMember.objects.create(
                area=area,
                person=person,
                seat=seat,
                organisation=organisation or person.organisation,
                added_by=by,
            )
    except IntegrityError as error:
        raise AlreadyAMember(f"{person} is already on the {area} steering group.") from error
    Membership.objects.get_or_create(person=person, area=area, role=AreaRole.STEERING_MEMBER)
    return member


@transaction.atomic
def steering_member_invite(
    *,
    area: Area,
    full_name: str,
    email: str,
    seat: str,
    organisation=None,
    new_organisation=None,
    by: Person,
) -> SteeringMember:
    """Seat someone new to the platform and email them an invitation to open an account.

    People already on the platform are seated from the list of people the facilitator
    works with, never found by email here: that would reach into other areas.
    """
    organisation = _organisation_chosen_or_new(organisation, new_organisation)
    person = Person.objects.create(
        full_name=full_name, email=email.lower(), organisation=organisation
    )
    member = steering_member_add(
        area=area, person=person, seat=seat, organisation=organisation, by=by
    )
    core_services.invitation_create(
        invited_by=by, area=area, email=email, full_name=full_name, role=AreaRole.STEERING_MEMBER
    )
    return member


@transaction.atomic
def steering_member_leave(*, member: SteeringMember, reason: str) -> None:
    """End a seat. The row stays as history; the person loses the steering member role."""
    updated = SteeringMember.objects.filter(pk=member.pk, left_on__isnull=True).update(
        left_on=timezone.localdate(), left_reason=reason
    )
    if updated:
        Membership.objects.filter(
            person_id=member.person_id, area_id=member.area_id, role=AreaRole.STEERING_MEMBER
        ).delete()
        # Sub-groups are drawn from the steering group, so a leaver leaves them too.
        sub_groups = SubGroup.objects.filter(area_id=member.area_id)
        SubGroup.members.through.objects.filter(
            subgroup__in=sub_groups, person_id=member.person_id
        ).delete()
        sub_groups.filter(lead_id=member.person_id).update(lead=None)


@transaction.atomic
def steering_member_change_seat(
    *, member: SteeringMember, seat: str, organisation=None, new_organisation=None
) -> None:
    member.seat = seat
    member.organisation = _organisation_chosen_or_new(organisation, new_organisation)
    member.save(update_fields=["seat", "organisation"])


def sub_group_save(*, area: Area, name: str, activity: str, lead, members, sub_group=None):
    """Create or update a sub-group; its lead is always one of its members."""
    with transaction.atomic():
        if sub_group is None:
            sub_group = SubGroup(area=area)
        sub_group.name = name
        sub_group.activity = activity
        sub_group.lead = lead
        sub_group.save()
        sub_group.members.set({*members, *([lead] if lead else [])})
    return sub_group


@transaction.atomic
def lco_designate(
    *, area: Area, organisation, coordinator: Person
) -> LocalCoordinatingOrganisation:
    """Name a local coordinating organisation; its coordinator gets the LCO role here."""
    lco = LocalCoordinatingOrganisation.objects.create(
        area=area, organisation=organisation, coordinator=coordinator
    )
    Membership.objects.get_or_create(person=coordinator, area=area, role=AreaRole.LCO_COORDINATOR)
    return lco


@transaction.atomic
def lco_remove(*, lco: LocalCoordinatingOrganisation) -> None:
    """Stand an LCO down; its coordinator keeps the role only if they coordinate another."""
    lco.delete()
    still_coordinating = LocalCoordinatingOrganisation.objects.filter(
        area_id=lco.area_id, coordinator_id=lco.coordinator_id
    ).exists()
    if not still_coordinating:
        Membership.objects.filter(
            person_id=lco.coordinator_id, area_id=lco.area_id, role=AreaRole.LCO_COORDINATOR
        ).delete()
