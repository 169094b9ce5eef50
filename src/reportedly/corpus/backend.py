"""What differs between the store's two databases, SQLite and PostgreSQL, in one place.

Every query of the store is written once, in the SQL both databases read alike (``?`` placeholders,
``INSERT OR IGNORE``; :mod:`reportedly.corpus.postgres` rewrites those two for PostgreSQL). What
cannot be written once goes through the connection's :class:`Dialect` (``conn.dialect``):

- full-text search: FTS5 tables with ``MATCH`` and ``bm25`` in SQLite; in PostgreSQL tables of
  ``tsvector`` with a GIN index, matched by a ``tsquery`` that :mod:`reportedly.corpus.postgres`
  builds from the same query language;
- writing and deleting full-text rows (FTS5 external-content tables take a ``'delete'`` command);
- a search within an outlet: SQLite's ``documents_fts`` and ``attributions_fts`` index each row's
  outlet as one token in a column of its own (migration 0009), so the outlet goes into the full-text
  query (:meth:`Dialect.outlet_match`); PostgreSQL filters by the document's ``outlet_key``;
- the time budget of one query (a progress handler in SQLite, ``statement_timeout`` in PostgreSQL).
- how ``documents.record`` is kept: SQLite packs the record's JSON with zlib (migration 0010,
  :func:`reportedly.corpus.rows.pack_record`); PostgreSQL keeps the text, which its TOAST storage
  compresses already (:attr:`Dialect.packs_records`). Every reader unpacks either
  (:func:`reportedly.corpus.rows.stored_record`).

Both connections speak the ``sqlite3`` module's interface: ``execute`` / ``executemany`` returning a
cursor with ``fetchone``, ``fetchall`` and ``lastrowid``, rows readable by index and by column name,
``in_transaction``, and the ``sqlite3`` error classes.
"""

from __future__ import annotations

import contextlib
import re
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
#: SQLite's full-text tables that index their row's outlet too (migration 0009): ``table → view``. The
#: table reads its rows from the view, which gives the content table's columns and, last, the column
#: :data:`OUTLET_COLUMN` holding the outlet's token (:func:`outlet_token`); bm25 gives that column weight 0.
FTS_OUTLET_VIEWS: dict[str, str] = {
    "documents_fts": "documents_fts_content",
    "attributions_fts": "attributions_fts_content",
}
#: The column of :data:`FTS_OUTLET_VIEWS`' tables that holds the outlet's token.
OUTLET_COLUMN = "outlet"
#: FTS5 keeps at most this many bytes of a token (``FTS5_MAX_TOKEN_SIZE``); an outlet whose token is
#: longer is filtered outside the index.
MAX_TOKEN_BYTES = 32768


_WORD = re.compile(r"[^\W_]+")
_OUTLET_LIKE = re.compile(r"o[0-9a-f]*")


def may_match_outlet(expression: str) -> bool:
    """Could a word of ``expression`` (FTS5 syntax) match an outlet's token (:func:`outlet_token`), as
    itself or as a ``prefix*``? Yes for a word that is ``o`` and hex digits (in any case, with any
    diacritics); to be safe, also for any word with a character outside ASCII once its diacritics are
    taken off, whatever FTS5's tokenizer would fold it to."""
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", expression) if not unicodedata.combining(ch))
    return any(not w.isascii() or _OUTLET_LIKE.fullmatch(w.lower()) for w in _WORD.findall(bare))


def outlet_token(outlet_key: str) -> str:
    """The word that stands for the outlet ``outlet_key`` in SQLite's full-text tables: ``o`` and the hex
    digits of its UTF-8 bytes, as migration 0009's views write it (``'o' || lower(hex(outlet_key))``).
    One token for FTS5's ``unicode61`` tokenizer, whatever the name's punctuation or spaces, and one per
    outlet key."""
    return "o" + outlet_key.encode("utf-8", "surrogatepass").hex()


def nfc(text: str | None) -> str:
    """``text`` in Unicode normal form C (a letter and its combining marks as one character where one exists)."""
    return unicodedata.normalize("NFC", text or "")


class Dialect:
    """SQLite: FTS5 tables, bm25 ranking, a progress handler for the time budget."""

    name = "sqlite"
    #: ``documents.record`` is stored packed (:func:`reportedly.corpus.rows.pack_record`), not as JSON text
    packs_records = True

    def match(self, table: str) -> str:
        """The condition that ``table``'s row matches the query (one parameter: :meth:`query`)."""
        return f"{table} MATCH ?"

    def query(self, expression: str) -> Any:
        """The parameter :meth:`match` and :meth:`rank` take for a query in FTS5 syntax (NFC)."""
        return nfc(expression)

    def rank(self, table: str) -> tuple[str, int]:
        """An expression ranking ``table``'s matches, best first in ascending order, and how many
        :meth:`query` parameters it takes."""
        if table in FTS_OUTLET_VIEWS:  # each text column weighs 1, the outlet's token nothing
            return f"bm25({table}, {', '.join('1.0' for _ in FTS_TABLES[table][1])}, 0.0)", 0
        return f"bm25({table})", 0

    def text_match(self, table: str, expression: str) -> str:
        """The full-text expression for the matches of ``expression`` (FTS5 syntax, the user's) in ``table``'s
        text columns alone: never in the outlet's token of a table of :data:`FTS_OUTLET_VIEWS`. Where a word
        of ``expression`` could be such a token (:func:`may_match_outlet`) the expression goes inside a
        filter on the text columns (a column filter inside it can only narrow them further); otherwise it
        stays as it is, since the filter costs time (FTS5 then reads each match's positions to check the
        column: up to a quarter more for a phrase in the articles)."""
        if table not in FTS_OUTLET_VIEWS or not may_match_outlet(expression):
            return expression
        return f"{{{' '.join(FTS_TABLES[table][1])}}} : ({expression})"

    def outlet_match(self, table: str, expression: str, outlet_key: str) -> str | None:
        """The full-text expression for the matches of ``expression`` in ``table``'s text columns from the
        outlet ``outlet_key``, or ``None`` where the index does not hold the outlet (the caller filters by
        the document's ``outlet_key``)."""
        token = outlet_token(outlet_key)
        if table not in FTS_OUTLET_VIEWS or len(token) > MAX_TOKEN_BYTES:
            return None
        return f"({self.text_match(table, expression)}) AND {OUTLET_COLUMN} : {token}"

    def fts_insert(self, conn: Any, table: str, rowid: int | None, *texts: str | None) -> None:
        """Index the row ``rowid`` of ``table``'s content (stored first) with the texts it holds; a table
        of :data:`FTS_OUTLET_VIEWS` takes its outlet's token from its view."""
        cols = FTS_TABLES[table][1]
        if table in FTS_OUTLET_VIEWS:
            conn.execute(f"INSERT INTO {table} (rowid, {', '.join(cols)}, {OUTLET_COLUMN})"
                         f" VALUES (?, {', '.join('?' * len(cols))},"
                         f" (SELECT {OUTLET_COLUMN} FROM {FTS_OUTLET_VIEWS[table]} WHERE rowid = ?))",
                         (rowid, *texts, rowid))
            return
        conn.execute(f"INSERT INTO {table} (rowid, {', '.join(cols)}) VALUES (?, {', '.join('?' * len(cols))})",
                     (rowid, *texts))

    def fts_delete(self, conn: Any, table: str, where: str, params: Sequence[Any]) -> None:
        """Take out of ``table`` the rows of its content table that ``where`` selects (before they are
        deleted; for a table of :data:`FTS_OUTLET_VIEWS`, before their document is)."""
        content, cols = FTS_TABLES[table]
        if content is None:
            conn.execute(f"DELETE FROM {table} WHERE {where}", params)
            return
        if table in FTS_OUTLET_VIEWS:
            content, cols = FTS_OUTLET_VIEWS[table], (*cols, OUTLET_COLUMN)
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
