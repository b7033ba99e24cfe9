"""`make backup` and `make restore` bring back every row of every table and every upload,
keep the files from other eyes, and leave nothing behind when a restore fails."""

import stat
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


def _make(*arguments, database_url, **environment):
    return subprocess.run(
        ["make", "--no-print-directory", *arguments],
        cwd=REPOSITORY,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": database_url, **environment},
        capture_output=True,
        text=True,
        check=True,
    )


def _database_exists(name: str) -> bool:
    with psycopg.connect(_url("postgres"), autocommit=True) as server:
        found = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return found.fetchone() is not None


def _mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def restored_name():
    name = f"{connection.settings_dict['NAME']}_restored"
    yield name
    with psycopg.connect(_url("postgres"), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture
def uploads(tmp_path):
    """A media folder with a receipt and a library file in it, as the platform stores them."""
    media = tmp_path / "media"
    (media / "receipts").mkdir(parents=True)
    (media / "receipts" / "3f2a9c.pdf").write_bytes(b"%PDF-1.4 train fare for Amara")
    (media / "resources" / "2026" / "03").mkdir(parents=True)
    (media / "resources" / "2026" / "03" / "b71e.png").write_bytes(b"\x89PNG\r\n\x1a\n chart")
    return media


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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="backups are of PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_backups_and_media_archives_are_readable_by_their_owner_only(uploads, tmp_path):
    """In the image only the backups volume is writable and there is no make: the script
    runs on its own and writes where BACKUP_DIR says."""
    backups = tmp_path / "backups"
    subprocess.run(
        [REPOSITORY / "scripts" / "backup.sh"],
        cwd=tmp_path,
        env={
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": _url(connection.settings_dict["NAME"]),
            "BACKUP_DIR": str(backups),
            "MEDIA_ROOT": str(uploads),
        },
        capture_output=True,
        check=True,
    )

    (dump,) = backups.glob("*.dump")
    assert dump.name.startswith(connection.settings_dict["NAME"])
    assert sorted(path.name for path in backups.iterdir()) == [
        dump.name,
        dump.name.removesuffix(".dump") + ".media.tar.gz",
    ]
    assert {_mode(path) for path in backups.iterdir()} == {"0o600"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="backups are of PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_the_media_archive_restores_every_upload_into_a_new_folder(
    uploads, restored_name, tmp_path
):
    source = _url(connection.settings_dict["NAME"])
    backup = tmp_path / "programme.dump"
    _make("backup", f"BACKUP={backup}", database_url=source, MEDIA_ROOT=str(uploads))
    restored_media = tmp_path / "restored-media"
    _make(
        "restore",
        f"BACKUP={backup}",
        f"INTO={restored_name}",
        f"MEDIA_INTO={restored_media}",
        database_url=source,
    )

    assert _tree(restored_media) == _tree(uploads)
    assert len(_tree(uploads)) == 2
    with pytest.raises(subprocess.CalledProcessError) as refused:
        _make(
            "restore",
            f"BACKUP={backup}",
            f"INTO={restored_name}_again",
            f"MEDIA_INTO={restored_media}",
            database_url=source,
        )
    assert "has files in it" in refused.value.stderr
    assert not _database_exists(f"{restored_name}_again")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="backups are of PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_failed_restore_leaves_no_database_so_the_next_attempt_can_run(
    uploads, restored_name, tmp_path
):
    source = _url(connection.settings_dict["NAME"])
    backup = tmp_path / "programme.dump"
    _make("backup", f"BACKUP={backup}", database_url=source, MEDIA_ROOT=str(uploads))
    corrupt = tmp_path / "corrupt.dump"
    whole = backup.read_bytes()
    corrupt.write_bytes(whole[: len(whole) // 2])

    with pytest.raises(subprocess.CalledProcessError) as failed:
        _make("restore", f"BACKUP={corrupt}", f"INTO={restored_name}", database_url=source)

    assert "removing the unfinished database" in failed.value.stderr
    assert not _database_exists(restored_name)
    _make("restore", f"BACKUP={backup}", f"INTO={restored_name}", database_url=source)
    assert _row_counts(_url(restored_name)) == _row_counts(source)
