"""Where each app says what personal data it holds about a person.

An app registers a `PersonalData` section from its `privacy.py` (imported in its
AppConfig.ready). The subject access export, erasure and the "who may act for this
person" check walk every section, so the core never imports the apps above it.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from partnerships.models import Person

# The areas an export is limited to, or None for everything held (the person's own copy,
# and a programme lead's).
Areas = frozenset[int] | None


@dataclass(frozen=True)
class PersonalData:
    """One kind of record about a person, e.g. the sessions they came to.

    - `export(person, areas)` returns rows (dicts of plain values) for the export file,
      only those belonging to `areas` unless it is None;
    - `erase(person, pseudonym)` removes or pseudonymises them, keeping counts, and
      returns how many rows it changed; it runs before the core replaces the person's
      name, so `person.full_name` is still the name to look for in free text;
    - `area_ids(person)` returns querysets of the ids of the areas the records belong to
      (each a flat `values_list`), which decide who may export or erase them; they are
      read together in one query;
    - `links_person` is False for records that name the person only by an email address
      someone typed (a distribution list): anyone can type an address, so those records
      never let an area's team act for the person, though erasure still reaches them;
    - `in_area_exports` is False for records that belong to no area (what an account did
      while signed in): only the complete export holds them.
    """

    key: str
    title: str
    export: Callable[[Person, Areas], list[dict]]
    erase: Callable[[Person, str], int]
    area_ids: Callable[[Person], list[QuerySet]] = lambda person: []
    links_person: bool = True
    in_area_exports: bool = True


_sections: dict[str, PersonalData] = {}
# Called with a person whose quotes or name changed: documents built from them (cached
# PDFs of case studies, say) must be thrown away so the next one is built afresh.
_derived_document_hooks: list[Callable[[Person], int]] = []


def keep(person: Person, pseudonym: str) -> int:
    """The erasure of records kept as they are: they name the person only through their
    own record, which the erasure replaces with a pseudonym."""
    return 0


def register(section: PersonalData) -> None:
    _sections[section.key] = section


def sections() -> list[PersonalData]:
    return list(_sections.values())


def register_derived_documents(hook: Callable[[Person], int]) -> None:
    _derived_document_hooks.append(hook)


def discard_derived_documents(person: Person) -> int:
    """Throw away every cached document built from the person's data; how many went."""
    return sum(hook(person) for hook in _derived_document_hooks)


def area_ids_of(person: Person, *, linked_only: bool = False) -> set[int]:
    """Every area anything about the person belongs to; with `linked_only`, only those
    whose records were made about the person, not matched to them by an address."""
    return ids_in(
        [
            queryset
            for section in _sections.values()
            if section.links_person or not linked_only
            for queryset in section.area_ids(person)
        ]
    )


def in_areas(queryset: QuerySet, field: str, areas: Areas) -> QuerySet:
    """`queryset` limited to the rows whose `field` (an area id) is one of `areas`."""
    return queryset if areas is None else queryset.filter(**{f"{field}__in": areas})


def ids_in(querysets: list[QuerySet]) -> set[int]:
    """The ids that flat `values_list` querysets name, read in one UNION query."""
    if not querysets:
        return set()
    first, *rest = (queryset.order_by() for queryset in querysets)
    return set(first.union(*rest)) - {None}


def replace_name(rows, fields: list[str], person: Person, pseudonym: str) -> int:
    """Replace the person's full name with `pseudonym` in free-text `fields` of `rows`."""
    name = person.full_name.strip()
    if len(name) < 3:
        return 0
    pattern = re.compile(re.escape(name), re.IGNORECASE)
    matching = Q()
    for field in fields:
        matching |= Q(**{f"{field}__icontains": name})
    changed = 0
    for row in rows.filter(matching):
        for field in fields:
            setattr(row, field, pattern.sub(pseudonym, getattr(row, field)))
        row.save(update_fields=fields)
        changed += 1
    return changed
