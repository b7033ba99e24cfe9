"""A person's current consent for a use is their latest ConsentRecord for it.

Querysets of quotes call `withdrawn_by_speaker` so that a withdrawal hides every quote
from that person at once, on every page and document, in the same query.
"""

from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from partnerships.models import ConsentDecision, ConsentRecord, ConsentUse, Person


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
