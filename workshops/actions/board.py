"""An area's action board, its columns written once and cached as HTML.

A busy area's board is hundreds of rows: reading them as models and writing them was
most of the page's work on every view, though an area's actions change a few times a
day. The columns (with their counts) are cached under a digest of everything their rows
show, read in one query: each action's own fields, its owner's and their organisation's
names, its session's title, its sub-group's name, its updates (with their authors'
names) and, for those who see it, whether an email about it failed. With today's date
(what is overdue), the filters in use (the done list's link keeps them) and the code
that writes the rows in the key, any change shows at the next view and nothing has to
clear the cache.
"""

import hashlib
import zlib
from functools import cache as once
from pathlib import Path

from django.core.cache import cache
from django.db import connection
from django.template.loader import get_template, render_to_string

from areas.models import SubGroup
from partnerships.databases import is_postgresql
from partnerships.links import url_for_each
from partnerships.models import Organisation, Person
from workshops.actions import selectors
from workshops.actions.models import ActionEvent, days_overdue
from workshops.models import Session
from workshops.templatetags import workshops as row_writing

# A board nobody asks for again (its actions changed) ages out of the cache.
CACHE_SECONDS = 24 * 60 * 60
COLUMNS_TEMPLATE = "workshops/actions/board.html"
# An action's fields that its row shows or is ordered by. The names it shows are read
# from their own tables, each of those rows once.
SHOWN = [
    "pk",
    "description",
    "status",
    "blocked_reason",
    "due_on",
    "updated_at",
    "owner_id",
    "session_id",
    "sub_group_id",
]


def board_for(area, actions, *, with_delivery: bool, today, query: str) -> dict:
    """The board's columns as HTML, with the counts the page states: `total`, `overdue`
    and (with `with_delivery`) `undelivered`. `actions` is the board's filtered queryset;
    `query` the filters in use, as the page's addresses carry them. The digest is
    PostgreSQL's SQL: on SQLite the board is written afresh every time."""
    if not is_postgresql():
        board = _written(area, actions, with_delivery=with_delivery, today=today, query=query)
        return {**board, "html": zlib.decompress(board["html"]).decode()}
    key = ":".join(
        [
            "action-board",
            _rendering(),
            str(area.pk),
            area.slug,
            today.isoformat(),
            "delivery" if with_delivery else "",
            hashlib.sha256(query.encode()).hexdigest()[:16],
            _digest(actions, with_delivery=with_delivery),
        ]
    )
    board = cache.get(key)
    if board is None:
        board = _written(area, actions, with_delivery=with_delivery, today=today, query=query)
        cache.set(key, board, CACHE_SECONDS)
    return {**board, "html": zlib.decompress(board["html"]).decode()}


def _digest(actions, *, with_delivery: bool) -> str:
    """A digest of everything the rows of `actions` show, in one query: the actions' own
    fields; the names of their owners (with their organisations), sessions and
    sub-groups; and their updates, which are only ever added, with their authors' names.

    Each part is a count and a sum of one 64-bit hash a row (the row's id is the seed),
    so it needs no sorting and no row written out as text, and each name is read once,
    off its primary key. Written out and sorted, the same digest cost several times as
    much as the rows it describes."""
    columns = [*SHOWN, "undelivered"] if with_delivery else SHOWN
    sql, params = actions.order_by().values_list(*columns).query.sql_with_params()
    names = ", ".join("id" if column == "pk" else column for column in columns)
    kinds = ", ".join("%s" for _ in selectors.UPDATE_KINDS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH shown ({names}) AS ({sql}),
            updates AS (
              SELECT id, by_id FROM {ActionEvent._meta.db_table}
               WHERE action_id IN (SELECT id FROM shown) AND kind IN ({kinds}))
            SELECT concat_ws(':',
              (SELECT count(*) || '.' || sum({_hashed(*columns[1:], seed="id")}) FROM shown),
              (SELECT sum({_hashed("p.full_name", "o.name", seed="p.id")})
                 FROM {Person._meta.db_table} p
                 LEFT JOIN {Organisation._meta.db_table} o ON o.id = p.organisation_id
                WHERE p.id IN (SELECT owner_id FROM shown)),
              (SELECT sum({_hashed("title", seed="id")})
                 FROM {Session._meta.db_table} WHERE id IN (SELECT session_id FROM shown)),
              (SELECT sum({_hashed("name", seed="id")})
                 FROM {SubGroup._meta.db_table} WHERE id IN (SELECT sub_group_id FROM shown)),
              (SELECT count(*) || '.' || sum({_hashed("by_id", seed="id")}) FROM updates),
              (SELECT sum({_hashed("full_name", seed="id")})
                 FROM {Person._meta.db_table} WHERE id IN (SELECT by_id FROM updates)))
            """,
            [*params, *selectors.UPDATE_KINDS],
        )
        return cursor.fetchone()[0]


def _hashed(*columns: str, seed: str) -> str:
    """SQL for a 64-bit hash of a row's `columns` (as text, between unit separators),
    seeded with its id so that two rows swapping values still change the sum."""
    return f"hashtextextended(concat_ws(chr(31), {', '.join(columns)}), {seed})"


def _written(area, actions, *, with_delivery: bool, today, query: str) -> dict:
    columns = selectors.board_columns(actions)
    shown = with_links(area, [action for column in columns for action in column.actions])
    selectors.with_latest_updates(shown)
    context = {
        "area": area,
        "groups": columns,
        "today": today,
        "query": query,
    }
    return {
        # Compressed, a busy area's columns take 15 KB of the cache rather than 160 (half
        # a millisecond to write, a quarter to read).
        "html": zlib.compress(render_to_string(f"{COLUMNS_TEMPLATE}#columns", context).encode(), 1),
        "total": sum(column.count for column in columns),
        "overdue": sum(1 for row in shown if days_overdue(row["status"], row["due_on"], today)),
        "undelivered": actions.filter(undelivered=True).count() if with_delivery else 0,
    }


def with_links(area, rows: list) -> list:
    """Give each of a board's rows the addresses of its action's page and of where the
    action was agreed."""
    action_url = url_for_each("workshops:action-detail", area.slug)
    session_url = url_for_each("workshops:session-detail", area.slug)
    for row in rows:
        row["page_url"] = action_url(row["pk"])
        row["session_url"] = session_url(row["session_id"]) if row["session_id"] else ""
    return rows


@once
def _rendering() -> str:
    """A digest of the templates and code that write the columns, so a release that
    changes any of them never serves a board written by the old ones."""
    digest = hashlib.sha256()
    for name in (COLUMNS_TEMPLATE, "workshops/actions/_board_table.html"):
        digest.update(get_template(name).template.source.encode())
    for module in (row_writing, selectors):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:12]
