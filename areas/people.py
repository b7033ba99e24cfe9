"""Who belongs to an area's partnership beyond its members, steering group and LCOs.

People who came to an area's sessions belong to it too, but sessions live in `workshops`,
an app above this one. It registers a query of them here from its AppConfig.ready(), as
apps fill the privacy registry; `areas` never imports it.
"""

from collections.abc import Callable

from django.db.models import QuerySet

# Each takes an area and returns a query of the ids of people who belong to it.
_sources: list[Callable[..., QuerySet]] = []


def register_area_people(source: Callable[..., QuerySet]) -> None:
    if source not in _sources:
        _sources.append(source)


def registered_area_people(area) -> list[QuerySet]:
    return [source(area) for source in _sources]
