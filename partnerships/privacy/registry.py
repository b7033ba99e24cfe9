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


@dataclass(frozen=True)
class PersonalData:
    """One kind of record about a person, e.g. the sessions they came to.

    - `export(person)` returns rows (dicts of plain values) for the export file;
    - `erase(person, pseudonym)` removes or pseudonymises them, keeping counts, and
      returns how many rows it changed; it runs before the core replaces the person's
      name, so `person.full_name` is still the name to look for in free text;
    - `area_ids(person)` returns querysets of the ids of the areas the records belong to
      (each a flat `values_list`), which decide who may export or erase them; they are
      read together in one query.
    """

    key: str
    title: str
    export: Callable[[Person], list[dict]]
    erase: Callable[[Person, str], int]
    area_ids: Callable[[Person], list[QuerySet]] = lambda person: []


_sections: dict[str, PersonalData] = {}
# Called with a person whose quotes or name changed: documents built from them (cached
# PDFs of case studies, say) must be thrown away so the next one is built afresh.
_derived_document_hooks: list[Callable[[Person], int]] = []


def register(section: PersonalData) -> None:
    _sections[section.key] = section


def sections() -> list[PersonalData]:
    return list(_sections.values())


def register_derived_documents(hook: Callable[[Person], int]) -> None:
    _derived_document_hooks.append(hook)


def discard_derived_documents(person: Person) -> int:
    """Throw away every cached document built from the person's data; how many went."""
    return sum(hook(person) for hook in _derived_document_hooks)


def area_ids_of(person: Person) -> set[int]:
    """Every area anything about the person belongs to."""
    return ids_in([qs for section in _sections.values() for qs in section.area_ids(person)])


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
