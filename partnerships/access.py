"""The access policy: the one place that decides which areas a user may see, and as what.

Every app builds its querysets on `area_scope`, so an object of an area the user has
no part in is simply not found (404), the same answer as for an object that does not
exist. Programme leads see every area; funders see no area's private workings.
"""

from collections.abc import Iterable

from django.apps import apps
from django.db.models import Q

from partnerships.models import AreaRole, Membership, Person, ProgrammeRole

# Roles that may run an area's partnership: invite people, log sessions, see personal data.
MANAGING_ROLES = frozenset({AreaRole.FACILITATOR})
# Roles that may add measurements to an area's indicators: those who run the partnership
# and the steering group members who own its actions and hold the figures.
MEASURING_ROLES = frozenset({AreaRole.FACILITATOR, AreaRole.STEERING_MEMBER})


def person_for(user) -> Person | None:
    """The signed-in user's Person, fetched once per request and kept on the user (the
    request's user arrives with it, see partnerships/signed_in.py)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_person_cache"):
        user._person_cache = Person.objects.filter(user=user).first()
    return user._person_cache


def programme_role(user) -> str:
    person = person_for(user)
    return person.programme_role if person else ProgrammeRole.NONE


def is_programme_lead(user) -> bool:
    return programme_role(user) == ProgrammeRole.LEAD


def is_funder(user) -> bool:
    return programme_role(user) == ProgrammeRole.FUNDER


def area_ids_for(user, *, roles: Iterable[str] | None = None):
    """Ids of the areas where the user holds one of `roles` (any role if None), as a subquery.

    Returns None for programme leads, meaning "every area".
    """
    person = person_for(user)
    if person is None:
        return Membership.objects.none().values("area_id")
    if person.programme_role == ProgrammeRole.LEAD:
        return None
    memberships = Membership.objects.filter(person=person)
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    return memberships.values("area_id")


def funded_area_ids(user):
    """Ids of the areas in the cohorts a funder funds, as a subquery (none for others)."""
    Area = apps.get_model("areas", "Area")
    if not is_funder(user):
        return Area.objects.none().values("pk")
    return Area.objects.filter(cohort__fundings__funder=person_for(user)).values("pk")


def area_scope(
    user, *, roles: Iterable[str] | None = None, field: str = "pk", funded: bool = False
) -> Q:
    """A filter on `field` (an area id or an area foreign key) for what `user` may see.

    `funded` adds, for a funder, the areas they fund: for the pages that show what they
    read in their reports (the statements), never an area's own workings.
    """
    ids = area_ids_for(user, roles=roles)
    if ids is None:
        return Q()
    scope = Q(**{f"{field}__in": ids})
    if funded and is_funder(user):
        scope |= Q(**{f"{field}__in": funded_area_ids(user)})
    return scope


def roles_in(user, area) -> set[str]:
    """The user's roles in `area`; programme leads count as facilitators everywhere."""
    person = person_for(user)
    if person is None:
        return set()
    if hasattr(user, "_area_roles_cache"):
        held = user._area_roles_cache.get(getattr(area, "pk", area), ())
    else:
        held = Membership.objects.filter(person=person, area=area).values_list("role", flat=True)
    roles = {AreaRole(role) for role in held}
    if person.programme_role == ProgrammeRole.LEAD:
        roles.add(AreaRole.FACILITATOR)
    return roles


def can_manage(user, area, *, roles: set[str] | None = None) -> bool:
    """Whether the user runs the area's partnership; pass `roles` if already looked up."""
    return bool((roles_in(user, area) if roles is None else roles) & MANAGING_ROLES)


def can_measure(user, area, *, roles: set[str] | None = None) -> bool:
    """Whether the user may add measurements in the area; pass `roles` if already looked up."""
    return bool((roles_in(user, area) if roles is None else roles) & MEASURING_ROLES)


def holds_any_role(user, roles: Iterable[str]) -> bool:
    """Whether the user holds one of `roles` in any area or across the programme."""
    person = person_for(user)
    if person is None:
        return False
    if not hasattr(user, "_held_roles_cache"):
        user._held_roles_cache = {person.programme_role} | set(
            Membership.objects.filter(person=person)
            .order_by()
            .values_list("role", flat=True)
            .distinct()
        )
    return bool(user._held_roles_cache & set(roles))
