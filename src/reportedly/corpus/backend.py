"""What differs between the store's two databases, SQLite and PostgreSQL, in one place.

Every query of the store is written once, in the SQL both databases read alike (``?`` placeholders,
``INSERT OR IGNORE``; :mod:`reportedly.corpus.postgres` rewrites those two for PostgreSQL). What
cannot be written once goes through the connection's :class:`Dialect` (``conn.dialect``):

- full-text search: FTS5 tables with ``MATCH`` and ``bm25`` in SQLite; in PostgreSQL tables of
  ``tsvector`` with a GIN index, matched by a ``tsquery`` that :mod:`reportedly.corpus.postgres`
  builds from the same query language;
- writing and deleting full-text rows (FTS5 external-content tables take a ``'delete'`` command);
- the time budget of one query (a progress handler in SQLite, ``statement_timeout`` in PostgreSQL).

Both connections speak the ``sqlite3`` module's interface: ``execute`` / ``executemany`` returning a
cursor with ``fetchone``, ``fetchall`` and ``lastrowid``, rows readable by index and by column name,
``in_transaction``, and the ``sqlite3`` error classes.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

#: The full-text tables: ``table → (content table, indexed columns)``. ``statements_fts`` keeps its own text.
FTS_TABLES: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "documents_fts": ("documents", ("title", "content")),
    "attributions_fts": ("attributions", ("content_text", "source_text")),
    "statements_fts": (None, ("content",)),
}


def nfc(text: str | None) -> str:
    """``text`` in Unicode normal form C (a letter and its combining marks as one character where one exists)."""
    return unicodedata.normalize("NFC", text or "")


class Dialect:
    """SQLite: FTS5 tables, bm25 ranking, a progress handler for the time budget."""

    name = "sqlite"

    def match(self, table: str) -> str:
        """The condition that ``table``'s row matches the query (one parameter: :meth:`query`)."""
        return f"{table} MATCH ?"

    def query(self, expression: str) -> Any:
        """The parameter :meth:`match` and :meth:`rank` take for a query in FTS5 syntax (NFC)."""
        return nfc(expression)

    def rank(self, table: str) -> tuple[str, int]:
        """An expression ranking ``table``'s matches, best first in ascending order, and how many
        :meth:`query` parameters it takes."""
        return f"bm25({table})", 0

    def fts_insert(self, conn: Any, table: str, rowid: int | None, *texts: str | None) -> None:
        cols = FTS_TABLES[table][1]
        conn.execute(f"INSERT INTO {table} (rowid, {', '.join(cols)}) VALUES (?, {', '.join('?' * len(cols))})",
                     (rowid, *texts))

    def fts_delete(self, conn: Any, table: str, where: str, params: Sequence[Any]) -> None:
        """Take out of ``table`` the rows of its content table that ``where`` selects (before they are deleted)."""
        content, cols = FTS_TABLES[table]
        if content is None:
            conn.execute(f"DELETE FROM {table} WHERE {where}", params)
            return
        conn.execute(f"INSERT INTO {table} ({table}, rowid, {', '.join(cols)})"
                     f" SELECT 'delete', rowid, {', '.join(cols)} FROM {content} WHERE {where}", params)

    @contextlib.contextmanager
    def time_budget(self, conn: Any, seconds: float, steps: int = 1000) -> Iterator[None]:
        """Interrupt a statement of ``conn`` that runs past ``seconds`` (the error says "interrupted")."""
        deadline = time.monotonic() + seconds
        conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, steps)
        try:
            yield
        finally:
            conn.set_progress_handler(None, 0)


SQLITE = Dialect()


def dialect_of(conn: Any) -> Dialect:
    """The dialect of a store connection (a plain ``sqlite3`` connection is SQLite)."""
    return getattr(conn, "dialect", SQLITE)


def is_syntax_error(exc: BaseException) -> bool:
    """Is ``exc`` a full-text query the database cannot parse?"""
    msg = str(exc)
    return isinstance(exc, sqlite3.OperationalError) and (
        "fts5" in msg or "syntax" in msg or "no such column" in msg or "unterminated" in msg)
