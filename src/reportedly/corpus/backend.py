"""What differs between the store's two databases, SQLite and PostgreSQL, in one place.

Every query of the store is written once, in the SQL both databases read alike (``?`` placeholders,
``INSERT OR IGNORE``; :mod:`reportedly.corpus.postgres` rewrites those two for PostgreSQL). What
cannot be written once goes through the connection's :class:`Dialect` (``conn.dialect``):

- full-text search: FTS5 tables with ``MATCH`` and ``bm25`` in SQLite; in PostgreSQL tables of
  ``tsvector`` with a GIN index, matched by a ``tsquery`` that :mod:`reportedly.corpus.postgres`
  builds from the same query language;
- writing and deleting full-text rows (FTS5 external-content tables take a ``'delete'`` command);
- a search within an outlet or of a speaker's statements: SQLite's ``documents_fts`` and
  ``attributions_fts`` index each row's outlet as one token in a column of its own (migration 0009),
  and ``attributions_fts`` each statement's speaker (migration 0011, kept in step by a trigger), so the
  filter goes into the full-text query (:meth:`Dialect.outlet_match`, :meth:`Dialect.speaker_match`);
  PostgreSQL filters by the document's ``outlet_key`` and the statement's ``speaker_id``;
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
#: The column of ``attributions_fts`` that holds the token of the statement's speaker (migration 0011;
#: :func:`speaker_token`, empty for a statement without one).
SPEAKER_COLUMN = "speaker"
#: The columns of each of :data:`FTS_OUTLET_VIEWS`' tables that hold tokens, not text: last in the table and
#: in its view, in this order; bm25 gives them weight 0 and a user's words never match them.
FTS_TOKEN_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents_fts": (OUTLET_COLUMN,),
    "attributions_fts": (OUTLET_COLUMN, SPEAKER_COLUMN),
}
#: The triggers that keep ``attributions_fts``'s speaker tokens in step with ``attributions.speaker_id``
#: (migration 0011); :meth:`Dialect.speakers_relinked` drops them for a bulk update and makes them again.
FTS_SYNC_TRIGGERS = ("attributions_fts_speaker",)
#: A search for more speakers at once than this filters by ``speaker_id`` outside the full-text index.
MAX_SPEAKER_TOKENS = 64
#: FTS5 keeps at most this many bytes of a token (``FTS5_MAX_TOKEN_SIZE``); an outlet whose token is
#: longer is filtered outside the index.
MAX_TOKEN_BYTES = 32768


_WORD = re.compile(r"[^\W_]+")
_TOKEN_LIKE = re.compile(r"o[0-9a-f]*|s[0-9a-f]+")
_S_PREFIX = re.compile(r"(?<![^\W_])s\*", re.IGNORECASE)


def may_match_token(expression: str) -> bool:
    """Could a word of ``expression`` (FTS5 syntax) match an outlet's or a speaker's token
    (:func:`outlet_token`, :func:`speaker_token`), as itself or as a ``prefix*``? Yes for a word that is
    ``o`` and hex digits or ``s`` and at least one (a speaker's id is never empty, so ``s`` alone, as in
    "Milley's", is only a token's prefix as ``s*``), in any case, with any diacritics; to be safe, also
    for any word with a character outside ASCII once its diacritics are taken off, whatever FTS5's
    tokenizer would fold it to."""
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", expression) if not unicodedata.combining(ch))
    return bool(_S_PREFIX.search(bare)) or any(not w.isascii() or _TOKEN_LIKE.fullmatch(w.lower())
                                               for w in _WORD.findall(bare))


def outlet_token(outlet_key: str) -> str:
    """The word that stands for the outlet ``outlet_key`` in SQLite's full-text tables: ``o`` and the hex
    digits of its UTF-8 bytes, as migration 0009's views write it (``'o' || lower(hex(outlet_key))``).
    One token for FTS5's ``unicode61`` tokenizer, whatever the name's punctuation or spaces, and one per
    outlet key."""
    return "o" + outlet_key.encode("utf-8", "surrogatepass").hex()


def speaker_token(speaker_id: str) -> str:
    """The word that stands for the speaker ``speaker_id`` in ``attributions_fts``: ``s`` and the hex digits
    of the id's UTF-8 bytes, as migration 0011's view writes it (``'s' || lower(hex(speaker_id))``)."""
    return "s" + speaker_id.encode("utf-8", "surrogatepass").hex()


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
        if table in FTS_OUTLET_VIEWS:  # each text column weighs 1, the tokens nothing
            weights = ["1.0"] * len(FTS_TABLES[table][1]) + ["0.0"] * len(FTS_TOKEN_COLUMNS[table])
            return f"bm25({table}, {', '.join(weights)})", 0
        return f"bm25({table})", 0

    def text_match(self, table: str, expression: str) -> str:
        """The full-text expression for the matches of ``expression`` (FTS5 syntax, the user's) in ``table``'s
        text columns alone: never in the tokens of a table of :data:`FTS_OUTLET_VIEWS`. Where a word
        of ``expression`` could be such a token (:func:`may_match_token`) the expression goes inside a
        filter on the text columns (a column filter inside it can only narrow them further); otherwise it
        stays as it is, since the filter costs time (FTS5 then reads each match's positions to check the
        column: up to a quarter more for a phrase in the articles)."""
        if table not in FTS_OUTLET_VIEWS or not may_match_token(expression):
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

    def speaker_match(self, table: str, expression: str, speaker_ids: Sequence[str]) -> str | None:
        """``expression`` (a full-text expression for the text columns, from :meth:`text_match` or
        :meth:`outlet_match`) narrowed to the statements of the speakers ``speaker_ids``, or ``None`` where
        the index does not hold them (the caller filters by ``speaker_id``)."""
        tokens = [speaker_token(s) for s in speaker_ids]
        if SPEAKER_COLUMN not in FTS_TOKEN_COLUMNS.get(table, ()) or not tokens or len(tokens) > MAX_SPEAKER_TOKENS \
                or any(len(t) > MAX_TOKEN_BYTES for t in tokens):
            return None
        return f"({expression}) AND {SPEAKER_COLUMN} : ({' OR '.join(tokens)})"

    def fts_insert(self, conn: Any, table: str, rowid: int | None, *texts: str | None) -> None:
        """Index the row ``rowid`` of ``table``'s content (stored first) with the texts it holds; a table
        of :data:`FTS_OUTLET_VIEWS` takes its outlet's token from its view."""
        cols = FTS_TABLES[table][1]
        if table in FTS_OUTLET_VIEWS:
            tokens = FTS_TOKEN_COLUMNS[table]
            conn.execute(f"INSERT INTO {table} (rowid, {', '.join(cols)}, {', '.join(tokens)})"
                         f" SELECT ?, {', '.join('?' * len(cols))}, {', '.join(tokens)}"
                         f" FROM {FTS_OUTLET_VIEWS[table]} WHERE rowid = ?", (rowid, *texts, rowid))
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
            content, cols = FTS_OUTLET_VIEWS[table], (*cols, *FTS_TOKEN_COLUMNS[table])
        conn.execute(f"INSERT INTO {table} ({table}, rowid, {', '.join(cols)})"
                     f" SELECT 'delete', rowid, {', '.join(cols)} FROM {content} WHERE {where}", params)

    @contextlib.contextmanager
    def speakers_relinked(self, conn: Any, reindex: bool = True) -> Iterator[None]:
        """Around an update of many statements' ``speaker_id`` (inside the caller's transaction): the triggers
        that would re-index each row one at a time (:data:`FTS_SYNC_TRIGGERS`) are dropped, then made again;
        with ``reindex``, ``attributions_fts`` is then rebuilt from its view in one pass (without, the
        caller rebuilds it)."""
        made = [r[0] for r in conn.execute(
            f"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({','.join('?' * len(FTS_SYNC_TRIGGERS))})",
            FTS_SYNC_TRIGGERS).fetchall()]
        for name in FTS_SYNC_TRIGGERS:
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        yield
        for sql in made:
            conn.execute(sql)
        if reindex:
            conn.execute("INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild')")

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
