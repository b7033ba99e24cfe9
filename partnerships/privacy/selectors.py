"""Who may act on a person's privacy rights, and what their pages show."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from partnerships import access
from partnerships.models import Person
from partnerships.privacy import registry


def _managed_area_ids(user) -> set[int] | None:
    """The areas `user` facilitates, or None for a programme lead (every area)."""
    managed = access.area_ids_for(user, roles=access.MANAGING_ROLES)
    return None if managed is None else set(managed.values_list("area_id", flat=True))


def get_subject_for(user, person_id) -> tuple[Person, set[int]]:
    """The person and their areas, if `user` leads the programme or facilitates one of
    those areas; else 404, the same answer as for no one."""
    person = get_object_or_404(Person.objects.select_related("organisation", "user"), pk=person_id)
    area_ids = registry.area_ids_of(person)
    managed = _managed_area_ids(user)
    if managed is not None and not area_ids & managed:
        raise Http404("No such person.")
    return person, area_ids


def erase_refusal(user, person: Person, area_ids: set[int]) -> str:
    """Why `user` may not erase `person`, or "" if they may."""
    if person.erased_at is not None:
        return "This person’s data has already been erased."
    if access.person_for(user) == person:
        return "You cannot erase your own record. Ask a programme lead."
    managed = _managed_area_ids(user)
    if managed is None:
        return ""
    if person.user_id:
        return "They have a sign-in account, so only a programme lead can erase their data."
    if not area_ids <= managed:
        return (
            "They also take part in areas you do not facilitate, so only a programme lead "
            "can erase their data."
        )
    return ""
