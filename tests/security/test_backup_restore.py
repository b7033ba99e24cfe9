"""`make backup` and `make restore` bring back every row of every table."""

import subprocess
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.security.figures import report

REPOSITORY = Path(settings.BASE_DIR)


def _url(database: str) -> str:
    options = connection.settings_dict
    return (
        f"postgresql://{options['USER']}:{options['PASSWORD'] or ''}@{options['HOST']}:"
        f"{options['PORT'] or 5432}/{database}"
    )


def _row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as database, database.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        tables = [name for (name,) in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
        return counts


def _make(*arguments, database_url):
    return subprocess.run(
        ["make", "--no-print-directory", *arguments],
        cwd=REPOSITORY,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=True,
    )


@pytest.fixture
def restored_name():
    name = f"{connection.settings_dict['NAME']}_restored"
    yield name
    with psycopg.connect(_url("postgres"), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.mark.skipif(connection.vendor != "postgresql", reason="backups are of PostgreSQL")
# Committed data, as pg_dump reads from its own connection. (No serialized rollback: after
# an earlier transactional test has emptied the tables, reloading it collides with the
# content types that emptying recreates.)
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_row_into_a_new_database(planted, restored_name, tmp_path):
    source = _url(connection.settings_dict["NAME"])
    backup = tmp_path / "programme.dump"
    _make("backup", f"BACKUP={backup}", database_url=source)
    _make("restore", f"BACKUP={backup}", f"INTO={restored_name}", database_url=source)

    original, restored = _row_counts(source), _row_counts(_url(restored_name))
    differing = {t: (n, restored.get(t)) for t, n in original.items() if restored.get(t) != n}
    report(
        "backup/restore",
        f"{len(original)} tables, {sum(original.values())} rows backed up "
        f"({backup.stat().st_size} bytes), tables differing after restore {len(differing)}",
    )
    assert sum(original.values()) > 100
    assert not differing


@pytest.mark.skipif(connection.vendor != "postgresql", reason="backups are of PostgreSQL")
def test_restore_never_writes_over_an_existing_database(tmp_path):
    backup = tmp_path / "empty.dump"
    backup.write_bytes(b"")
    with pytest.raises(subprocess.CalledProcessError) as refused:
        _make(
            "restore",
            f"BACKUP={backup}",
            f"INTO={connection.settings_dict['NAME']}",
            database_url=_url(connection.settings_dict["NAME"]),
        )
    assert "already exists" in refused.value.stderr
