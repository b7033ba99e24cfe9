"""Records people edit at the same time: a save lands only on the version its editor saw.

Every edited model has a `version` counter. A form carries the version it was filled in
from (`partnerships.forms.VersionedForm`); the service passes it here, and a save from an
older version raises `EditConflict` with what is saved now, so the view can show both.

Two shapes of write share the one rule:
- a plain change of fields calls `save_versioned` alone: the check and the write are one
  UPDATE, so of two people saving the same version exactly one wins;
- a write that must read other rows before it decides (what a budget has spent, a
  statement's revisions) first takes `lock_versioned`, which locks the row until commit,
  and then writes with `save_versioned`, which cannot lose under that lock.
"""

from django.db.models import F
from django.utils import timezone


class EditConflict(Exception):
    """Someone saved the record after the editor loaded it; `current` is what they saved."""

    def __init__(self, current):
        super().__init__(f"{current} was changed by someone else")
        self.current = current


def lock_versioned(model, pk, *, version: int | None):
    """The row, locked for this transaction, if it is still at `version` (None: any)."""
    locked = model.objects.select_for_update().get(pk=pk)
    if version is not None and locked.version != version:
        raise EditConflict(locked)
    return locked


def save_versioned(instance, *, version: int | None, by=None, **fields):
    """Write `fields` only if the row is still at `version`, and move it to the next one.

    `by`, when given, is recorded as `updated_by`, with `updated_at` now. `version=None`
    saves over whatever is there (the person chose to keep theirs after a conflict); the
    instance is then re-read, as others' changes are unknown. Otherwise it is updated in
    memory, since the one UPDATE proved nobody else wrote in between.
    """
    if by is not None:
        fields.update(updated_by=by, updated_at=timezone.now())
    model = type(instance)
    query = model.objects.filter(pk=instance.pk)
    if version is not None:
        query = query.filter(version=version)
    if not query.update(**fields, version=F("version") + 1):
        raise EditConflict(_current(model, instance.pk))
    if version is None:
        instance.refresh_from_db()
        return instance
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.version = version + 1
    return instance


def _current(model, pk):
    """What is saved now, with who saved it when the model records that (the form says so)."""
    current = model.objects.filter(pk=pk)
    if any(field.name == "updated_by" for field in model._meta.fields):
        current = current.select_related("updated_by")
    return current.first()
