"""Where the SQL differs by database.

Production and the tests run on PostgreSQL; `make run` serves the demo from SQLite, which
has no arrays, no ordered string aggregates, no hash functions and no DISTINCT ON. Code
that uses them asks here first and takes a plainer path on SQLite.
"""

from django.db import connection


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"
