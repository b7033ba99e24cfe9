"""Fast bulk writing of generated rows: ids handed out up front, rows streamed with COPY.

Rows are plain dicts keyed by field attribute name (``area_id``, not ``area``). Every
concrete field a row leaves out takes the model's default, computed once per table, so
generated rows stay valid as models grow fields with defaults. Because ids are known when
a row is made, children can point at parents before anything is written; tables are
flushed parents first, and each flush commits, so foreign keys are checked batch by batch.
"""

from collections import defaultdict

from django.db import connection, transaction
from django.db.models import JSONField

ID_BLOCK = 50_000


class Writer:
    def __init__(self):
        self._rows = defaultdict(list)
        self._order = []
        self._columns = {}
        self._next_id = {}
        self._last_id = {}
        self.counts = defaultdict(int)

    def new_id(self, model) -> int:
        """The id the next row of `model` will have; reserved from its sequence in blocks."""
        if self._next_id.get(model, 0) > self._last_id.get(model, -1):
            after = self._last_id.get(model, 0)
            self._next_id[model], self._last_id[model] = _reserve_ids(model, ID_BLOCK, after)
        value = self._next_id[model]
        self._next_id[model] += 1
        return value

    def add(self, model, **values) -> int:
        """Queue one row; returns its id."""
        if model not in self._columns:
            self._columns[model] = _columns(model)
            self._order.append(model)
        if "id" not in values and model._meta.pk.attname == "id":
            values["id"] = self.new_id(model)
        self._rows[model].append(values)
        return values.get("id")

    def flush(self):
        """Write everything queued, parents first, in one transaction."""
        with transaction.atomic():
            for model in self._order:
                rows = self._rows.pop(model, [])
                if rows:
                    _write(model, self._columns[model], rows)
                    self.counts[model._meta.label] += len(rows)


def _columns(model):
    """(attname, column, default, is_json) for each concrete field, in table order."""
    columns = []
    for field in model._meta.concrete_fields:
        default = field.get_default() if field.has_default() or field.null else None
        if default is None and not field.null and not field.has_default():
            default = "" if field.get_internal_type() in _TEXT_TYPES else None
        columns.append((field.attname, field.column, default, isinstance(field, JSONField)))
    return columns


_TEXT_TYPES = {
    "CharField",
    "TextField",
    "EmailField",
    "SlugField",
    "URLField",
    "FileField",
}


def _write(model, columns, rows):
    table = model._meta.db_table
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            [
                model(**{name: row.get(name, default) for name, _, default, _ in columns})
                for row in rows
            ],
            batch_size=2000,
        )
        return
    from psycopg.types.json import Jsonb

    names = ", ".join(connection.ops.quote_name(column) for _, column, _, _ in columns)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(
                [
                    Jsonb(row.get(name, default)) if is_json else row.get(name, default)
                    for name, _, default, is_json in columns
                ]
            )


def _reserve_ids(model, count, after) -> tuple[int, int]:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(seq, nextval(seq) + %s) FROM pg_get_serial_sequence(%s, 'id') seq",
                [count - 1, table],
            )
            last = cursor.fetchone()[0]
            return last - count + 1, last
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        first = max(cursor.fetchone()[0], after) + 1
        return first, first + count - 1
