"""What a person suggested, for their export: every kind of suggestion the apps
registered with the review step, in one section of the export.

Erasure keeps the suggestions. The person is named only through their own record, which
the erasure replaces with a pseudonym, and what was suggested and decided is the
partnership's record of its work (an accepted suggestion became an action, a revision or
a resource). Comments on case-study drafts are the writer's own words and are erased by
the app that holds them.
"""

from partnerships.privacy.registry import Areas, PersonalData, in_areas, keep, register
from partnerships.review import registry


def _suggested(person, kind: registry.Kind):
    return kind.rows().filter(**{kind.by_field: person}).order_by(kind.at_field)


def _reviewed_kinds() -> list[registry.Kind]:
    return [kind for kind in registry.KINDS if kind.reviewed]


def _export(person, areas: Areas) -> list[dict]:
    records = []
    for kind in _reviewed_kinds():
        for row in in_areas(_suggested(person, kind), f"{kind.area_path}_id", areas):
            entry = kind.entry(row)
            records.append(
                {
                    "suggested": entry.kind,
                    "what": entry.title,
                    "area": entry.area_name,
                    "suggested_at": entry.at,
                    "decision": entry.state,
                    "reason_given": entry.note,
                }
            )
    return records


def _area_ids(person):
    return [
        _suggested(person, kind).values_list(f"{kind.area_path}_id", flat=True)
        for kind in _reviewed_kinds()
    ]


register(
    PersonalData(
        key="suggestions",
        title="What you suggested",
        export=_export,
        erase=keep,
        area_ids=_area_ids,
    )
)
