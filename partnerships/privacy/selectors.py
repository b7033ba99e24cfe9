"""Who may act on a person's privacy rights, and what their pages and exports hold."""

from dataclasses import dataclass

from django.apps import apps
from django.http import Http404
from django.shortcuts import get_object_or_404

from partnerships import access
from partnerships.models import Person
from partnerships.privacy import registry

# Whose copy an export is: the person's own, a programme lead's (both complete), or that
# of a facilitator, which holds only what their areas hold.
SELF = "self"
PROGRAMME = "programme"
AREAS = "areas"


@dataclass(frozen=True)
class ExportScope:
    kind: str
    # The areas the export is limited to; None for everything held.
    areas: registry.Areas = None

    @property
    def holds(self) -> str:
        """What the export holds, in words: "everything we hold", "what Dudley holds"."""
        if self.areas is None:
            return "everything we hold"
        names = list(
            apps.get_model("areas", "Area")
            .objects.filter(pk__in=self.areas)
            .order_by("name")
            .values_list("name", flat=True)
        )
        if len(names) == 1:
            return f"what {names[0]} holds"
        return f"what {', '.join(names[:-1])} and {names[-1]} hold"


OWN_DATA = ExportScope(SELF)


@dataclass(frozen=True)
class Subject:
    """A person, as someone acting on their rights may see them."""

    person: Person
    # Every area anything about the person belongs to: an erasure reaches each of them.
    held_in: set[int]
    # What the viewer's export of the person holds.
    scope: ExportScope


def _managed_area_ids(user) -> set[int] | None:
    """The areas `user` facilitates, or None for a programme lead (every area)."""
    managed = access.area_ids_for(user, roles=access.MANAGING_ROLES)
    return None if managed is None else set(managed.values_list("area_id", flat=True))


def get_subject_for(user, person_id) -> Subject:
    """The person if `user` leads the programme or facilitates an area that recorded them;
    else 404, the same answer as for no one.

    Only records made about the person count: an address typed onto an area's list says
    nothing about whose it is. A facilitator's export holds what their areas hold.
    """
    person = get_object_or_404(Person.objects.select_related("organisation", "user"), pk=person_id)
    held_in = registry.area_ids_of(person)
    managed = _managed_area_ids(user)
    if managed is None:
        return Subject(person, held_in, ExportScope(PROGRAMME))
    if not registry.area_ids_of(person, linked_only=True) & managed:
        raise Http404("No such person.")
    return Subject(person, held_in, ExportScope(AREAS, frozenset(held_in & managed)))


def erase_refusal(user, subject: Subject) -> str:
    """Why `user` may not erase the subject, or "" if they may."""
    person = subject.person
    if person.erased_at is not None:
        return "This person’s data has already been erased."
    if access.person_for(user) == person:
        return "You cannot erase your own record. Ask a programme lead."
    managed = _managed_area_ids(user)
    if managed is None:
        return ""
    if person.user_id:
        return "They have a sign-in account, so only a programme lead can erase their data."
    if not subject.held_in <= managed:
        return (
            "They also take part in areas you do not facilitate, so only a programme lead "
            "can erase their data."
        )
    return ""
