"""Writes to the resource library. Each use case is one function in one transaction."""

import uuid
from collections.abc import Iterable
from datetime import date
from functools import partial

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from areas.models import Area
from partnerships.models import Person
from resources import files
from resources.models import Resource, ResourceStage, SessionUse, Theme
from resources.search import update_search_vectors
from workshops.models import Session


@transaction.atomic
def resource_create(
    *,
    by: Person | None,
    title: str,
    summary: str,
    resource_type: str,
    url: str = "",
    upload: UploadedFile | None = None,
    stored_file=None,
    themes: Iterable[Theme] = (),
    stages: Iterable[str] = (),
    publisher: str,
    published_on: date | None = None,
    is_public: bool = False,
) -> Resource:
    """Add a resource to the library: a link, or an uploaded file (never both).

    `stored_file`: something with a file already checked and stored (an output offered to
    the library), whose file the resource takes instead of an upload.
    """
    resource = Resource(created_by=by)
    if stored_file is not None:
        resource.file = stored_file.file.name
        resource.file_type, resource.file_size = stored_file.file_type, stored_file.file_size
    _save(
        resource,
        fields={
            "title": title,
            "summary": summary,
            "resource_type": resource_type,
            "url": url,
            "publisher": publisher,
            "published_on": published_on,
            "is_public": is_public,
        },
        upload=upload,
        remove_file=False,
        themes=themes,
        stages=stages,
    )
    return resource


@transaction.atomic
def resource_update(
    *,
    resource: Resource,
    title: str,
    summary: str,
    resource_type: str,
    url: str = "",
    upload: UploadedFile | None = None,
    remove_file: bool = False,
    themes: Iterable[Theme] = (),
    stages: Iterable[str] = (),
    publisher: str,
    published_on: date | None = None,
    is_public: bool = False,
) -> Resource:
    """Change a resource. A new upload replaces its file; `remove_file` drops the file."""
    _save(
        resource,
        fields={
            "title": title,
            "summary": summary,
            "resource_type": resource_type,
            "url": url,
            "publisher": publisher,
            "published_on": published_on,
            "is_public": is_public,
            "updated_at": timezone.now(),
        },
        upload=upload,
        remove_file=remove_file,
        themes=themes,
        stages=stages,
    )
    return resource


def _save(resource, *, fields, upload, remove_file, themes, stages):
    for name, value in fields.items():
        setattr(resource, name, value)
    old_file = resource.file.name
    if upload is not None:
        # Checked again here, whoever calls: the stored type always comes from the bytes.
        kind = files.identify(upload)
        resource.file.save(f"{uuid.uuid4().hex}.{kind.extension}", upload, save=False)
        resource.file_type, resource.file_size = kind.content_type, upload.size
    elif remove_file:
        resource.file, resource.file_type, resource.file_size = "", "", None
    resource.save()
    if old_file and old_file != resource.file.name:
        # Only once the new state is committed: a rollback must not lose the old file.
        transaction.on_commit(partial(resource.file.storage.delete, old_file))
    resource.themes.set(themes)
    _set_stages(resource, set(stages))
    update_search_vectors(Resource.objects.filter(pk=resource.pk))


def _set_stages(resource, stages):
    links = ResourceStage.objects.filter(resource=resource)
    links.exclude(stage__in=stages).delete()
    existing = set(links.values_list("stage", flat=True))
    ResourceStage.objects.bulk_create(
        ResourceStage(resource=resource, stage=stage) for stage in sorted(stages - existing)
    )


@transaction.atomic
def area_set_focus_themes(*, area: Area, themes: Iterable[Theme]) -> None:
    """Record which themes the area's focus touches, for its recommended resources."""
    area.focus_themes.set(themes)


def resource_mark_used(*, resource: Resource, session: Session, by: Person | None) -> SessionUse:
    """Record that the resource was used at the session; once, whoever says so first."""
    use, _ = SessionUse.objects.get_or_create(
        resource=resource, session=session, defaults={"added_by": by}
    )
    return use
