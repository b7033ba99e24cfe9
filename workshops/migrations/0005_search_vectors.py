"""PostgreSQL only: a stored full-text vector of each insight's and action's words.

Similar work in other areas ranks a thousand of them by their words on a page view;
parsing each text again every time was most of that view's cost at national scale. A
trigger keeps the column in step with the text on every write (including COPY and
bulk inserts), so, like an index, nothing in the application maintains it. The models
do not name it: only the PostgreSQL ranking reads it, and SQLite ranks by shared words.
"""

from django.db import migrations

# table → the column whose words are vectorised
TABLES = {"workshops_insight": "text", "workshops_action": "description"}
CONFIG = "pg_catalog.english"


def add_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in TABLES.items():
        schema_editor.execute(f"ALTER TABLE {table} ADD COLUMN search_vector tsvector")
        schema_editor.execute(
            f"UPDATE {table} SET search_vector = to_tsvector('{CONFIG}', coalesce({column}, ''))"
        )
        # Rewriting every row leaves the planner's statistics describing the old table.
        schema_editor.execute(f"ANALYZE {table}")
        schema_editor.execute(
            f"CREATE TRIGGER {table}_search_vector BEFORE INSERT OR UPDATE OF {column} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION "
            f"tsvector_update_trigger(search_vector, '{CONFIG}', {column})"
        )


def remove_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}")
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("workshops", "0004_cascades")]

    operations = [migrations.RunPython(add_vectors, remove_vectors, elidable=False)]
