"""Reads for the directory. Every one starts from the access scope.

Who may see whom follows the areas: a person is in the directory of anyone who can see
one of the areas they are connected to, through a role (Membership), a steering group
seat (current or past), a sub-group or coordinating an LCO. An organisation is visible
through its visible people, the steering seats it holds and the LCO roles it plays.
Programme leads see everyone; funders and people without an area role see no one.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from areas.models import Area, LocalCoordinatingOrganisation, SteeringMember, SubGroup
from partnerships import access
from partnerships.models import AreaRole, Membership, Organisation, Person
from partnerships.querysets import any_of

SubGroupMember = SubGroup.members.through
FORMER_SEAT = "Former steering group member"


def _connected_people(user) -> Q:
    """Q on Person: connected to an area `user` can see, through any of the four links."""
    areas = access.area_scope(user, field="area_id")
    sub_group_areas = access.area_scope(user, field="subgroup__area_id")
    lcos = LocalCoordinatingOrganisation.objects.filter(areas)
    return Q(
        pk__in=any_of(
            Membership.objects.filter(areas).values("person_id"),
            SteeringMember.objects.filter(areas).values("person_id"),
            SubGroupMember.objects.filter(sub_group_areas).values("person_id"),
            SubGroup.objects.filter(areas).values("lead_id"),
            lcos.values("coordinator_id"),
        )
    )


def people_visible_to(user):
    """Everyone `user` may see in the directory."""
    if access.is_programme_lead(user):
        return Person.objects.all()
    return Person.objects.filter(_connected_people(user))


def organisations_visible_to(user):
    """Every organisation `user` may see in the directory."""
    if access.is_programme_lead(user):
        return Organisation.objects.all()
    areas = access.area_scope(user, field="area_id")
    return Organisation.objects.filter(
        pk__in=any_of(
            people_visible_to(user).values("organisation_id"),
            SteeringMember.objects.filter(areas).values("organisation_id"),
            LocalCoordinatingOrganisation.objects.filter(areas).values("organisation_id"),
        )
    )


def get_organisation_for(user, organisation_id) -> Organisation:
    """The organisation if `user` may see it, else 404 — the same answer as for none."""
    return get_object_or_404(organisations_visible_to(user), pk=organisation_id)


def get_person_for(user, person_id) -> Person:
    """The person if `user` may see them, else 404 — the same answer as for no one."""
    return get_object_or_404(people_visible_to(user).select_related("organisation"), pk=person_id)


def _organisation_in_area(organisation) -> Q:
    """Q on Area: the areas an organisation is part of, through its people, seats or LCOs.

    `organisation` is an id or an OuterRef to one.
    """
    area = OuterRef("pk")
    return Q(
        Exists(Membership.objects.filter(area=area, person__organisation=organisation))
        | Exists(
            SteeringMember.objects.filter(area=area).filter(
                Q(organisation=organisation) | Q(person__organisation=organisation)
            )
        )
        | Exists(
            SubGroupMember.objects.filter(subgroup__area=area, person__organisation=organisation)
        )
        | Exists(SubGroup.objects.filter(area=area, lead__organisation=organisation))
        | Exists(
            LocalCoordinatingOrganisation.objects.filter(area=area).filter(
                Q(organisation=organisation) | Q(coordinator__organisation=organisation)
            )
        )
    )


def _person_in_area(person) -> Q:
    """Q on Area: the areas a person is connected to. `person` is an id or an OuterRef."""
    area = OuterRef("pk")
    return Q(
        Exists(Membership.objects.filter(area=area, person=person))
        | Exists(SteeringMember.objects.filter(area=area, person=person))
        | Exists(SubGroupMember.objects.filter(subgroup__area=area, person=person))
        | Exists(SubGroup.objects.filter(area=area, lead=person))
        | Exists(LocalCoordinatingOrganisation.objects.filter(area=area, coordinator=person))
    )


def organisation_directory(user, *, q="", sector=""):
    """The organisations list: visible, searched, filtered, each with its number of areas.

    The count is of the areas the viewer can see, so it never hints at the others.
    """
    areas = (
        Area.objects.visible_to(user)
        .filter(_organisation_in_area(OuterRef(OuterRef("pk"))))
        .order_by()
        .values(count=Func(F("pk"), function="COUNT"))
    )
    organisations = organisations_visible_to(user).annotate(
        area_count=Coalesce(Subquery(areas, output_field=IntegerField()), 0)
    )
    if q:
        organisations = organisations.filter(name__icontains=q)
    if sector:
        organisations = organisations.filter(sector=sector)
    return organisations.order_by("name", "pk")


def people_directory(user, *, q="", sector=""):
    """The people list: visible, searched, filtered by their organisation's sector.

    Each person comes with `visible_memberships` and `past_seats` in areas the viewer can
    see (two queries for the whole page, whatever its length).
    """
    areas = access.area_scope(user, field="area_id")
    people = (
        people_visible_to(user)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(areas)
                .select_related("area")
                .order_by("area__name", "role"),
                to_attr="visible_memberships",
            ),
            Prefetch(
                "steering_seats",
                queryset=SteeringMember.objects.filter(areas, left_on__isnull=False)
                .select_related("area")
                .order_by("area__name", "-left_on"),
                to_attr="past_seats",
            ),
        )
    )
    if q:
        people = people.filter(full_name__icontains=q)
    if sector:
        people = people.filter(organisation__sector=sector)
    return people.order_by("full_name", "pk")


def attach_area_roles(people) -> None:
    """Give each person of a `people_directory` page `area_roles`: (area, [what they do]).

    Built from the rows already prefetched, so it costs no queries.
    """
    for person in people:
        by_area: dict[int, tuple[Area, list[str]]] = {}
        for membership in person.visible_memberships:
            by_area.setdefault(membership.area_id, (membership.area, []))[1].append(
                membership.get_role_display()
            )
        for seat in person.past_seats:
            _, roles = by_area.setdefault(seat.area_id, (seat.area, []))
            if AreaRole.STEERING_MEMBER.label not in roles and FORMER_SEAT not in roles:
                roles.append(FORMER_SEAT)
        person.area_roles = sorted(by_area.values(), key=lambda entry: entry[0].name)


@dataclass
class OrganisationProfile:
    areas: list
    current_seats: list
    sub_groups: list
    lco_roles: list
    people: list


def organisation_profile(user, organisation: Organisation) -> OrganisationProfile:
    """Everything the organisation page shows, limited to what `user` may see."""
    visible_areas = access.area_scope(user, field="area_id")
    sub_group_ids = SubGroupMember.objects.filter(person__organisation=organisation).values(
        "subgroup_id"
    )
    return OrganisationProfile(
        areas=list(
            Area.objects.visible_to(user)
            .filter(_organisation_in_area(organisation.pk))
            .select_related("cohort")
        ),
        current_seats=list(
            SteeringMember.objects.current()
            .filter(visible_areas, organisation=organisation)
            .select_related("area", "person")
            .order_by("area__name", "person__full_name")
        ),
        sub_groups=list(
            SubGroup.objects.filter(visible_areas, pk__in=sub_group_ids)
            .select_related("area")
            .prefetch_related(
                Prefetch(
                    "members",
                    queryset=Person.objects.filter(organisation=organisation),
                    to_attr="organisation_members",
                )
            )
            .order_by("area__name", "name")
        ),
        lco_roles=list(
            LocalCoordinatingOrganisation.objects.filter(visible_areas, organisation=organisation)
            .select_related("area", "coordinator")
            .order_by("area__name")
        ),
        people=list(people_visible_to(user).filter(organisation=organisation)),
    )


@dataclass
class PersonProfile:
    roles: list = field(default_factory=list)
    seats: list = field(default_factory=list)
    sub_groups: list = field(default_factory=list)
    lco_roles: list = field(default_factory=list)
    show_contact_details: bool = False


def person_profile(user, person: Person) -> PersonProfile:
    """Everything the person page shows, limited to the areas `user` may see."""
    visible_areas = access.area_scope(user, field="area_id")
    memberships = (
        Membership.objects.filter(visible_areas, person=person)
        .select_related("area")
        .order_by("area__name", "role")
    )
    roles: dict[int, tuple[Area, list[str]]] = {}
    for membership in memberships:
        roles.setdefault(membership.area_id, (membership.area, []))[1].append(
            membership.get_role_display()
        )
    return PersonProfile(
        roles=list(roles.values()),
        seats=list(
            SteeringMember.objects.filter(visible_areas, person=person)
            .select_related("area", "organisation")
            # Current seats first, then the most recently left.
            .order_by(F("left_on").desc(nulls_first=True), "-joined_on")
        ),
        sub_groups=list(
            SubGroup.objects.filter(visible_areas)
            .filter(
                Q(pk__in=SubGroupMember.objects.filter(person=person).values("subgroup_id"))
                | Q(lead=person)
            )
            .select_related("area")
            .order_by("area__name", "name")
        ),
        lco_roles=list(
            LocalCoordinatingOrganisation.objects.filter(visible_areas, coordinator=person)
            .select_related("area", "organisation")
            .order_by("area__name")
        ),
        show_contact_details=can_see_contact_details(user, person),
    )


def can_see_contact_details(user, person: Person) -> bool:
    """Only programme leads and the facilitators of one of the person's areas.

    The same rule as `access.can_manage` (leads count as facilitators everywhere), asked
    of all the person's areas in one query instead of one query per area.
    """
    if access.is_programme_lead(user):
        return True
    managed = access.area_scope(user, roles=access.MANAGING_ROLES)
    return Area.objects.filter(managed).filter(_person_in_area(person.pk)).exists()


def can_merge_organisations(user) -> bool:
    """Merging changes the shared directory, so it is for facilitators and programme leads."""
    return access.is_programme_lead(user) or access.holds_any_role(user, access.MANAGING_ROLES)


@dataclass
class MergePreview:
    """What merging `duplicate` into `keep` moves, named where the viewer may see it."""

    people: list
    people_total: int
    seats: list
    seats_total: int
    lco_roles: list
    lco_roles_total: int
    # Areas where both organisations are the LCO: one record is kept, so say which.
    lco_clashes: list
    lco_clashes_hidden: int

    @property
    def people_hidden(self):
        return self.people_total - len(self.people)

    @property
    def seats_hidden(self):
        return self.seats_total - len(self.seats)

    @property
    def lco_roles_hidden(self):
        return self.lco_roles_total - len(self.lco_roles)

    @property
    def reaches_unseen_areas(self):
        """Whether the merge would change records in areas the viewer does not work in."""
        return bool(
            self.people_hidden
            or self.seats_hidden
            or self.lco_roles_hidden
            or self.lco_clashes_hidden
        )


def merge_preview(user, *, keep: Organisation, duplicate: Organisation) -> MergePreview:
    visible_areas = access.area_scope(user, field="area_id")
    people = Person.objects.filter(organisation=duplicate)
    seats = SteeringMember.objects.filter(organisation=duplicate)
    lco_roles = LocalCoordinatingOrganisation.objects.filter(organisation=duplicate)
    clashes = LocalCoordinatingOrganisation.objects.filter(
        organisation=keep,
        area_id__in=lco_roles.values("area_id"),
    )
    visible_clashes = list(
        clashes.filter(visible_areas).select_related("area", "coordinator").order_by("area__name")
    )
    return MergePreview(
        people=list(people_visible_to(user).filter(organisation=duplicate)),
        people_total=people.count(),
        seats=list(
            seats.filter(visible_areas)
            .select_related("area", "person")
            .order_by("area__name", "person__full_name")
        ),
        seats_total=seats.count(),
        lco_roles=list(
            lco_roles.filter(visible_areas)
            .select_related("area", "coordinator")
            .order_by("area__name")
        ),
        lco_roles_total=lco_roles.count(),
        lco_clashes=visible_clashes,
        lco_clashes_hidden=clashes.count() - len(visible_clashes),
    )
