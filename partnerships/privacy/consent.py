"""A person's current consent for a use is their latest ConsentRecord for it.

Querysets of quotes call `withdrawn_by_speaker` so that a withdrawal hides every quote
from that person at once, on every page and document, in the same query.
"""

from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from partnerships.models import (
    ConsentDecision,
    ConsentRecord,
    ConsentUse,
    Person,
    ProgrammeRole,
)


def latest_decision(person_field: str, use: str) -> Subquery:
    """The decision of the latest record for the person in `person_field`, or NULL."""
    return Subquery(
        ConsentRecord.objects.filter(person=OuterRef(person_field), use=use)
        .order_by("-recorded_at", "-pk")
        .values("decision")[:1]
    )


def exclude_withdrawn(queryset, *, person_field: str, use: str, only: Q | None = None):
    """`queryset` without the rows (matching `only`) whose person has withdrawn `use`."""
    alias = f"_consent_{person_field}_{use}"
    # Never asked (NULL) must count as "not withdrawn": NOT (NULL AND …) would drop the row.
    decision = Coalesce(latest_decision(person_field, use), Value(""))
    queryset = queryset.alias(**{alias: decision})
    withdrawn = Q(**{alias: ConsentDecision.WITHDRAWN})
    return queryset.exclude(withdrawn & only if only is not None else withdrawn)


def current_consents(person: Person) -> dict[str, ConsentRecord | None]:
    """Each use with the person's latest record for it (None if never asked)."""
    current: dict[str, ConsentRecord | None] = dict.fromkeys(ConsentUse.values)
    for record in person.consents.select_related("recorded_by").order_by("-recorded_at", "-pk"):
        if current[record.use] is None:
            current[record.use] = record
    return current


def nameable_recorders(records, areas) -> set[int] | None:
    """Who among the people that recorded `records` may be named to someone working in
    `areas` (None: everyone): programme leads, and whoever holds a role in those areas.
    A decision applies in every area, but who recorded it elsewhere is that area's."""
    if areas is None:
        return None
    ids = {record.recorded_by_id for record in records if record.recorded_by_id}
    if not ids:
        return set()
    return set(
        Person.objects.filter(pk__in=ids)
        .filter(Q(programme_role=ProgrammeRole.LEAD) | Q(memberships__area_id__in=areas))
        .values_list("pk", flat=True)
    )


def recorder_label(
    record: ConsentRecord, named: set[int] | None, *, elsewhere="someone outside these areas"
) -> str:
    """Who recorded `record`, or `elsewhere` if they may not be named (see above)."""
    if not record.recorded_by_id:
        return ""
    if named is None or record.recorded_by_id in named:
        return record.recorded_by.full_name
    return elsewhere
