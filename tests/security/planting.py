"""Writing a payload into every free-text column of the project's own tables."""

from itertools import cycle

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, models, transaction

# Columns that are identifiers or machine values rather than words people typed.
_NOT_FREE_TEXT = (models.EmailField, models.URLField, models.SlugField)
_MACHINE_NAMES = {"nonce", "token", "password", "key", "form_key"}


def project_models():
    """Models of this project's apps, not Django's or third parties'."""
    base = str(settings.BASE_DIR)
    for config in apps.get_app_configs():
        if config.path.startswith(base) and "/.venv/" not in config.path:
            yield from config.get_models()


def free_text_fields(model):
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, (models.CharField, models.TextField))
            and not isinstance(field, _NOT_FREE_TEXT)
            and not field.choices
            and not field.unique
            and not field.primary_key
            and field.name not in _MACHINE_NAMES
            # A file's sniffed type (receipt_type, file_type) picks how it is served.
            and not field.name.endswith("_type")
        ):
            yield field


def plant_everywhere(payloads, *, long_text=None) -> int:
    """Overwrite every row's free-text columns with the payloads in turn (each cut to the
    column's length, its row id appended so unique-together rules hold); unlimited text
    columns get `long_text` if given. Tables that refuse updates (the append-only audit
    log) are left as they are. Returns the cells written."""
    written = 0
    values = cycle(payloads)
    for model in project_models():
        fields = list(free_text_fields(model))
        if not fields:
            continue
        for row in model._base_manager.all():
            for field in fields:
                unlimited = long_text is not None and not field.max_length
                value = f"{long_text if unlimited else next(values)} {row.pk}"
                setattr(
                    row, field.attname, value[: field.max_length] if field.max_length else value
                )
            try:
                with transaction.atomic():
                    row.save(update_fields=[field.name for field in fields])
            except DatabaseError:
                continue
            written += len(fields)
    return written
