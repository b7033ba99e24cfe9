"""The access policy: the one place that decides which areas a user may see, and as what.

Every app builds its querysets on `area_scope`, so an object of an area the user has
no part in is simply not found (404), the same answer as for an object that does not
exist. Programme leads see every area; funders see no area's private workings.
"""

from collections.abc import Iterable
from enum import StrEnum

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from partnerships.models import AreaRole, Membership, Person, ProgrammeRole


class Capability(StrEnum):
    """What a role lets someone do in an area, beyond reading what the area shares."""

    # Run the partnership: invite people, log sessions, see personal data, decide.
    MANAGE = "manage"
    # Add measurements to the area's indicators.
    MEASURE = "measure"
    # Log the steering group's and sub-groups' own meetings.
    LOG_MEETINGS = "log_meetings"
    # Propose changes (to a CAO statement, say) for a facilitator to accept, edit or decline:
    # suggest actions, offer outputs to the library, comment on case-study drafts.
    PROPOSE = "propose"
    # Add progress notes to any of the area's actions and mark them blocked, as owners do
    # their own: the steering group drives the work between sessions.
    UPDATE_ACTIONS = "update_actions"


# Every area role and what it may do: the one table the capabilities below are read from.
CAPABILITIES: dict[str, frozenset[Capability]] = {
    AreaRole.FACILITATOR: frozenset(Capability),
    # Steering group members own actions and hold the figures, and run their meetings.
    AreaRole.STEERING_MEMBER: frozenset(
        {
            Capability.MEASURE,
            Capability.LOG_MEETINGS,
            Capability.PROPOSE,
            Capability.UPDATE_ACTIONS,
        }
    ),
    # The LCO coordinates its sub-groups' work as well as cascades and the budget.
    AreaRole.LCO_COORDINATOR: frozenset({Capability.LOG_MEETINGS, Capability.PROPOSE}),
    # People with lived experience in the partnership's work: a voice in its plan, without
    # the keys (nor the personal data that would call for two-factor sign-in). Their
    # suggestions, actions included, go to a facilitator before anything changes.
    AreaRole.COMMUNITY_MEMBER: frozenset({Capability.PROPOSE}),
}


def roles_with(capability: Capability) -> frozenset[str]:
    return frozenset(role for role, held in CAPABILITIES.items() if capability in held)


MANAGING_ROLES = roles_with(Capability.MANAGE)
MEASURING_ROLES = roles_with(Capability.MEASURE)


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
    held = _roles_by_area(user, person).get(getattr(area, "pk", area), ())
    roles = {AreaRole(role) for role in held}
    if person.programme_role == ProgrammeRole.LEAD:
        roles.add(AreaRole.FACILITATOR)
    return roles


def _roles_by_area(user, person: Person) -> dict[int, set[str]]:
    """Every role the person holds, by area: one query per request, kept on the user as
    person_for keeps the person (the signed-in user arrives with it, see signed_in.py)."""
    if not hasattr(user, "_area_roles_cache"):
        by_area: dict[int, set[str]] = {}
        for area_id, role in Membership.objects.filter(person=person).values_list(
            "area_id", "role"
        ):
            by_area.setdefault(area_id, set()).add(role)
        user._area_roles_cache = by_area
    return user._area_roles_cache


def require(roles: set[str], capability: Capability) -> None:
    """Refuse (403) unless `roles` allow `capability`.

    Callers found the object through the user's scope first, with their roles in its area
    (the `get_<thing>_and_roles_for` selectors), so an outsider already had a 404; only
    people in the area who may not do this reach the 403.
    """
    if not roles & roles_with(capability):
        raise PermissionDenied(f"Your role in this area does not allow this ({capability}).")


def can_manage(user, area, *, roles: set[str] | None = None) -> bool:
    """Whether the user runs the area's partnership; pass `roles` if already looked up."""
    return bool((roles_in(user, area) if roles is None else roles) & MANAGING_ROLES)


def can_measure(user, area, *, roles: set[str] | None = None) -> bool:
    """Whether the user may add measurements in the area; pass `roles` if already looked up."""
    return bool((roles_in(user, area) if roles is None else roles) & MEASURING_ROLES)


def can(user, capability: Capability, area, *, roles: set[str] | None = None) -> bool:
    """Whether the user may do `capability` in `area`; pass `roles` if already looked up."""
    return bool((roles_in(user, area) if roles is None else roles) & roles_with(capability))


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
