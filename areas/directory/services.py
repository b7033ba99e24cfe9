"""Writes to the directory. Each use case is one function in one transaction."""

import logging
from dataclasses import dataclass, field

from django.db import transaction

from areas.models import LocalCoordinatingOrganisation, SpendLine, SteeringMember
from partnerships.models import Organisation, Person

logger = logging.getLogger(__name__)


class MergeRefused(Exception):
    """The merge cannot go ahead; the message says why, in words for the user."""


@dataclass
class MergeResult:
    people: int = 0
    seats: int = 0
    lco_roles: int = 0
    payments: int = 0
    # Areas where both organisations were the LCO, so the two records became one.
    lco_areas_combined: list[str] = field(default_factory=list)


@transaction.atomic
def organisation_merge(*, keep: Organisation, duplicate: Organisation, by: Person) -> MergeResult:
    """Move everything that points at `duplicate` to `keep`, then delete `duplicate`.

    Moves people, steering group seats (current and past), LCO roles and the budget lines
    that paid the duplicate. Where both were the LCO in the same area, `keep`'s record
    stays, with the earlier designation date, and the duplicate's is deleted; its
    coordinator keeps their role in the area.
    """
    if keep.pk == duplicate.pk:
        raise MergeRefused("An organisation cannot be merged into itself.")
    # Lock both rows, in id order so two merges of the same pair cannot deadlock; a
    # concurrent merge that already deleted one of them is caught here, not half done.
    locked = {
        organisation.pk: organisation
        for organisation in Organisation.objects.select_for_update()
        .filter(pk__in=[keep.pk, duplicate.pk])
        .order_by("pk")
    }
    if len(locked) != 2:
        raise MergeRefused("One of the organisations no longer exists; it may already be merged.")
    keep, duplicate = locked[keep.pk], locked[duplicate.pk]

    result = MergeResult()
    for lco in (
        LocalCoordinatingOrganisation.objects.select_for_update(of=("self",))
        .filter(organisation=duplicate, area__lcos__organisation=keep)
        .select_related("area")
    ):
        kept = LocalCoordinatingOrganisation.objects.get(area_id=lco.area_id, organisation=keep)
        if lco.designated_on < kept.designated_on:
            kept.designated_on = lco.designated_on
            kept.save(update_fields=["designated_on"])
        lco.delete()
        result.lco_areas_combined.append(lco.area.name)

    result.people = Person.objects.filter(organisation=duplicate).update(organisation=keep)
    result.seats = SteeringMember.objects.filter(organisation=duplicate).update(organisation=keep)
    result.lco_roles = LocalCoordinatingOrganisation.objects.filter(organisation=duplicate).update(
        organisation=keep
    )
    result.payments = SpendLine.objects.filter(payee_organisation=duplicate).update(
        payee_organisation=keep
    )
    if not keep.website and duplicate.website:
        keep.website = duplicate.website
        keep.save(update_fields=["website"])

    logger.info(
        "Organisation %s (%s) merged into %s (%s) by person %s: %s",
        duplicate.pk,
        duplicate.name,
        keep.pk,
        keep.name,
        by.pk,
        result,
    )
    duplicate.delete()
    return result
