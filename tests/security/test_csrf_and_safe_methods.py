"""Forged posts are refused, and reading a page never changes what is stored."""

import hashlib

from django.db import connection
from django.test import Client

from tests.security.discovery import fetch
from tests.security.figures import report

# Tables a read is expected to write: the session (sign-in state, messages), the audit
# log, which records every view of personal data by design, and the cache of built PDFs,
# where following a download link records the build it starts (one row per content hash,
# with the areas whose people it may quote).
WRITTEN_BY_READS = {
    "django_session",
    "partnerships_auditevent",
    "resources_generateddocument",
    "resources_generateddocument_areas",
}


def _database_fingerprint() -> dict[str, str]:
    """A hash of every row of every table but those reads may write."""
    fingerprint = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table in WRITTEN_BY_READS:
                continue
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT t::text FROM {quoted} t ORDER BY 1")
            digest = hashlib.sha256()
            for (row,) in cursor.fetchall():
                digest.update(row.encode())
            fingerprint[table] = digest.hexdigest()
    return fingerprint


def test_every_post_without_a_csrf_token_is_refused(planted):
    client = Client(enforce_csrf_checks=True)
    client.force_login(planted.facilitator_a)
    answers = {url: client.post(url, {"title": "Forged"}).status_code for url in planted.urls}
    accepted = {url: status for url, status in answers.items() if status != 403}
    report("CSRF", f"{len(answers)} POST URLs tried without a token, accepted {len(accepted)}")
    assert not accepted


def test_reading_any_page_changes_nothing_stored(client, planted):
    client.force_login(planted.facilitator_a)
    before = _database_fingerprint()
    statuses = [fetch(client, url).status for url in planted.urls]
    statuses += [client.head(url).status_code for url in planted.urls]
    changed = [
        table for table, digest in _database_fingerprint().items() if before.get(table) != digest
    ]
    report(
        "safe methods",
        f"{len(statuses)} GET/HEAD requests ({statuses.count(200)} answered 200), "
        f"tables changed {len(changed)}",
    )
    assert statuses.count(200) > len(planted.urls) // 2
    assert not changed
