"""The corpus store on a PostgreSQL server: ``Store("postgresql://user@host:port/db")``.

:class:`PostgresStore` runs every method of :class:`~reportedly.corpus.store.Store` over a
connection (:class:`PgConnection`, ``psycopg`` 3) that speaks the ``sqlite3`` interface the store's
queries are written for. The queries themselves are shared; this module translates what is
spelled differently and nothing else:

- ``?`` placeholders become ``%s`` (and a literal ``%`` is doubled);
- ``INSERT OR IGNORE`` becomes ``INSERT … ON CONFLICT DO NOTHING``;
- ``BEGIN IMMEDIATE`` (SQLite's one writer at a time) becomes ``BEGIN`` plus a transaction-level
  advisory lock, so writers take turns here too (clustering statements assumes it);
- ``… day DESC`` sorts undated rows last, as SQLite does (``NULLS LAST``);
- ``INDEXED BY name`` (SQLite's choice of a covering index) is left out: the planner chooses;
- an ``INSERT`` into a table whose rows have a ``rowid`` (documents, attributions, entities)
  gets ``RETURNING rowid``, which the cursor gives as ``lastrowid``;
- errors are raised as the ``sqlite3`` module's classes (a statement stopped by the time budget as
  an ``OperationalError`` saying "interrupted"), with PostgreSQL's message.

Full-text search (:class:`PostgresDialect`): each full-text table holds a ``tsvector`` per row with a
GIN index. The text is cut into words as SQLite's FTS5 ``unicode61`` tokenizer cuts it (letters and
digits; case and diacritics folded, after Unicode NFC) and stored with its word positions, so
phrases match word for word; a query in the search language (words, ``"phrases"``, ``AND``/``OR``/
``NOT``, ``prefix*``, parentheses, ``NEAR(…)``) becomes a ``tsquery`` built from the same words.
Matches are the same rows as SQLite's; ranking uses ``ts_rank`` instead of ``bm25``.

Schema: ``migrations/pg_NNNN_baseline.sql`` holds the schema as of migration NNNN (for a new
database); later migrations are the shared ``migrations/NNNN_*.sql`` files translated as above,
unless a ``migrations/pg_NNNN_*.sql`` file of that number is PostgreSQL's own. ``schema_migrations`` records
each version applied.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from importlib import resources
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreError
from .backend import FTS_TABLES, Dialect
from .migrate import migrations
from .store import SERVERS, Store

#: A number every writer of one database locks (pg_advisory_xact_lock) for its transaction.
WRITER_LOCK = 0x7265706F72746564  # "reported"
#: The tables whose rows have a serial ``rowid`` an INSERT returns.
_ROWID_TABLES = ("documents", "attributions", "entities")
#: The largest word position a tsvector keeps.
_MAX_POSITION = 16383
_MIGRATION_NAME = re.compile(r"^pg_(\d{4})_[\w-]+\.sql$")


# -- SQL -------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=4096)
def translate(sql: str, has_params: bool = True) -> tuple[str, bool]:
    """The PostgreSQL spelling of one shared statement, and whether it returns the new rowid."""
    out = []
    quoted = None
    for ch in sql:
        if quoted:
            if ch == quoted:
                quoted = None
            out.append("%%" if ch == "%" and has_params else ch)
            continue
        if ch in "'\"":
            quoted = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%" and has_params:
            out.append("%%")
        else:
            out.append(ch)
    text = "".join(out)
    if re.match(r"\s*INSERT\s+OR\s+IGNORE\s+", text, re.I):
        text = re.sub(r"INSERT\s+OR\s+IGNORE\s+", "INSERT ", text, count=1, flags=re.I) + " ON CONFLICT DO NOTHING"
    text = re.sub(r"\bday DESC\b(?! NULLS)", "day DESC NULLS LAST", text)
    text = re.sub(r"\s+INDEXED BY \w+", "", text)
    returning = bool(re.match(rf"\s*INSERT INTO ({'|'.join(_ROWID_TABLES)}) ", text)) and "RETURNING" not in text
    if returning:
        text += " RETURNING rowid"
    return text, returning


# -- rows ------------------------------------------------------------------------------------------
class Row(tuple):
    """A row readable by index and by column name, and by ``dict(row)``: what ``sqlite3.Row`` offers."""

    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


@functools.lru_cache(maxsize=1024)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"_index": {n: i for i, n in enumerate(names)}, "__slots__": ()})


def _row_factory(cursor: Any) -> Any:
    desc = cursor.description
    if desc is None:
        return tuple
    cls = _row_class(tuple(d.name for d in desc))
    return lambda values: cls(values)


# -- errors ----------------------------------------------------------------------------------------
def _sqlite_error(exc: Exception) -> sqlite3.Error:
    """A psycopg error as the ``sqlite3`` class the store's callers catch."""
    import psycopg

    msg = " ".join(str(exc).split())[:300]
    if isinstance(exc, psycopg.errors.QueryCanceled):
        return sqlite3.OperationalError(f"interrupted: {msg}")
    if isinstance(exc, psycopg.IntegrityError):
        return sqlite3.IntegrityError(msg)
    if isinstance(exc, psycopg.OperationalError):
        return sqlite3.OperationalError(msg)
    if isinstance(exc, psycopg.errors.ReadOnlySqlTransaction):
        return sqlite3.OperationalError(f"attempt to write a readonly database: {msg}")
    return sqlite3.DatabaseError(msg)


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    import psycopg

    try:
        yield
    except psycopg.Error as exc:
        raise _sqlite_error(exc) from exc


# -- the connection --------------------------------------------------------------------------------
class PgCursor:
    """A finished statement's rows, as a ``sqlite3.Cursor`` gives them."""

    def __init__(self, cur: Any, lastrowid: int | None = None):
        self._cur = cur
        self.lastrowid = lastrowid
        self.rowcount = cur.rowcount
        self.description = cur.description

    def fetchone(self) -> Any:
        with _errors():
            return self._cur.fetchone() if self._cur.description is not None else None

    def fetchall(self) -> list[Any]:
        with _errors():
            return self._cur.fetchall() if self._cur.description is not None else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class PgConnection:
    """One psycopg connection in autocommit mode (transactions are explicit, as in the SQLite store),
    serialised by a lock so that threads may share it."""

    def __init__(self, url: str, *, readonly: bool, timeout: float):
        import psycopg

        self.dialect = POSTGRES
        self._lock = threading.RLock()
        with _errors():
            self.raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory,
                                       connect_timeout=max(1, int(timeout)))
            if readonly:  # the server refuses every write of this session
                self.raw.execute("SET default_transaction_read_only = on")

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> PgCursor:
        params = tuple(parameters)
        if sql.strip().upper() == "BEGIN IMMEDIATE":
            with self._lock, _errors():
                self.raw.execute("BEGIN")
                self.raw.execute(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")
            return PgCursor(self.raw.cursor())
        text, returning = translate(sql, bool(params))
        with self._lock, _errors():
            cur = self.raw.execute(text, params or None)
            lastrowid = None
            if returning:
                row = cur.fetchone()
                lastrowid = row[0] if row else None
            return PgCursor(cur, lastrowid)

    def executemany(self, sql: str, parameters: Any, /) -> PgCursor:
        rows = [tuple(p) for p in parameters]
        text, _ = translate(sql, True)
        with self._lock, _errors():
            cur = self.raw.cursor()
            if rows:
                cur.executemany(text, rows)
            return PgCursor(cur)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status in (TransactionStatus.INTRANS, TransactionStatus.INERROR)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.raw.close()


# -- full-text search ------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W_]+")


def _fold(text: str) -> str:
    """Lower case without diacritics, after NFC: what FTS5's ``unicode61 remove_diacritics 2`` compares."""
    text = text.lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def index_words(text: str | None) -> list[str]:
    """The words FTS5's ``unicode61`` tokenizer finds in ``text``: runs of letters and digits, folded as
    :func:`_fold` does."""
    return _WORD.findall(_fold(text or ""))


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(*texts: str | None) -> str:
    """A ``tsvector`` literal of ``texts`` (a title and a body: positions jump between them, so that no
    phrase runs from one into the next)."""
    positions: dict[str, list[int]] = {}
    pos = 0
    for text in texts:
        for w in index_words(text):
            pos += 1
            positions.setdefault(w[:2046], []).append(min(pos, _MAX_POSITION))
        pos += 1
    return " ".join(f"{_lexeme(w)}:{','.join(str(p) for p in sorted(set(ps))[:256])}" for w, ps in positions.items())


_QUERY_TOKEN = re.compile(r'"[^"]*"?|\(|\)|,|[^\s"(),]+')


class _Syntax(Exception):
    pass


def tsquery(expression: str) -> str:
    """The ``tsquery`` for a query in FTS5's syntax (as :func:`reportedly.corpus.search.fts_query` makes
    it); raises ``sqlite3.OperationalError`` ("fts5: syntax error …") where FTS5 would."""
    toks = _QUERY_TOKEN.findall(expression)
    pos = 0

    def peek() -> str | None:
        return toks[pos] if pos < len(toks) else None

    def take() -> str:
        nonlocal pos
        pos += 1
        return toks[pos - 1]

    def phrase(tok: str) -> str | None:
        if tok.startswith('"'):
            if len(tok) < 2 or not tok.endswith('"'):
                raise _Syntax("unterminated string")
            ws = index_words(tok[1:-1])
            star = False
        else:
            star = tok.endswith("*")
            body = tok[:-1] if star else tok
            if not body or any(not (c.isalnum() or c == "_" or ord(c) > 127) for c in body):
                raise _Syntax(f'syntax error near "{tok}"')
            ws = index_words(body)
        if not ws:
            return None  # no word: left out, as FTS5 leaves out a phrase with no token
        parts = [_lexeme(w) for w in ws]
        if star:
            parts[-1] += ":*"
        return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"

    def primary() -> str | None:
        tok = peek()
        if tok is None or tok in ("AND", "OR", "NOT", ")", ","):
            raise _Syntax(f'syntax error near "{tok or ""}"')
        take()
        if tok == "(":
            inner = or_expr()
            if peek() != ")":
                raise _Syntax("syntax error: unbalanced parentheses")
            take()
            return None if inner is None else "(" + inner + ")"
        if tok == "NEAR" and peek() == "(":  # NEAR(a b, N): the phrases in one row (distance not kept)
            take()
            terms: list[str | None] = []
            while peek() not in (None, ")", ","):
                terms.append(phrase(take()))
            if peek() == ",":
                take()
                if peek() is None or not peek().isdigit():  # type: ignore[union-attr]
                    raise _Syntax("syntax error in NEAR")
                take()
            if peek() != ")" or not terms:
                raise _Syntax("syntax error in NEAR")
            take()
            return _joined(terms, " & ")
        return phrase(tok)

    def not_expr() -> str | None:
        left = primary()
        while peek() == "NOT":
            take()
            right = primary()
            if left is not None and right is not None:
                left = f"({left} & !{right})"
        return left

    def and_expr() -> str | None:
        parts = [not_expr()]
        while peek() not in (None, "OR", ")", ","):
            if peek() == "AND":
                take()
            parts.append(not_expr())
        return _joined(parts, " & ")

    def or_expr() -> str | None:
        parts = [and_expr()]
        while peek() == "OR":
            take()
            parts.append(and_expr())
        return _joined(parts, " | ")

    try:
        out = or_expr()
        if peek() is not None:
            raise _Syntax(f'syntax error near "{peek()}"')
    except _Syntax as exc:
        raise sqlite3.OperationalError(f"fts5: {exc}") from None
    return out or ""  # no word at all: an empty query, which matches nothing


def _joined(parts: list[str | None], op: str) -> str | None:
    kept = [p for p in parts if p is not None]
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else "(" + op.join(kept) + ")"


class PostgresDialect(Dialect):
    """PostgreSQL: ``tsvector`` rows with a GIN index, ``ts_rank``, ``statement_timeout``."""

    name = "postgresql"
    #: ``documents.record`` stays JSON text: TOAST compresses a large value already (pglz), and the text
    #: stays readable in SQL
    packs_records = False

    def match(self, table: str) -> str:
        return f"{table}.tsv @@ CAST(? AS tsquery)"

    def query(self, expression: str) -> Any:
        return tsquery(expression)

    def rank(self, table: str) -> tuple[str, int]:
        return f"-ts_rank({table}.tsv, CAST(? AS tsquery))", 1

    def text_match(self, table: str, expression: str) -> str:
        return expression  # a tsvector holds the text columns alone

    def outlet_match(self, table: str, expression: str, outlet_key: str) -> str | None:
        return None  # the outlet is no part of the tsvector: a search within one filters by outlet_key

    def speaker_match(self, table: str, expression: str, speaker_ids: Sequence[str]) -> str | None:
        return None  # nor is the speaker: a search of a speaker's statements filters by speaker_id

    @contextlib.contextmanager
    def speakers_relinked(self, conn: Any, reindex: bool = True) -> Iterator[None]:
        yield  # the tsvectors hold the texts alone: nothing to keep in step

    def fts_insert(self, conn: Any, table: str, rowid: int | None, *texts: str | None) -> None:
        if table == "statements_fts":
            conn.execute("INSERT INTO statements_fts (rowid, content, tsv) VALUES (?, ?, CAST(? AS tsvector))",
                         (rowid, texts[0], tsvector(*texts)))
        else:
            conn.execute(f"INSERT INTO {table} (rowid, tsv) VALUES (?, CAST(? AS tsvector))", (rowid, tsvector(*texts)))

    def fts_delete(self, conn: Any, table: str, where: str, params: Sequence[Any]) -> None:
        content, _ = FTS_TABLES[table]
        if content is None:
            conn.execute(f"DELETE FROM {table} WHERE {where}", params)
        else:
            conn.execute(f"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {content} WHERE {where})", params)

    @contextlib.contextmanager
    def time_budget(self, conn: Any, seconds: float, steps: int = 1000) -> Iterator[None]:
        if seconds <= 0:  # a budget spent before the statement starts
            raise sqlite3.OperationalError("interrupted: no time left for the statement")
        conn.execute(f"SET statement_timeout = {int(seconds * 1000)}")
        try:
            yield
        finally:
            conn.execute("SET statement_timeout = 0")


POSTGRES = PostgresDialect()


# -- migrations ------------------------------------------------------------------------------------
def pg_migrations() -> tuple[tuple[int, str, str], list[tuple[int, str, str]]]:
    """The baseline ``(number, name, sql)`` for a new database and the later migrations, each with
    PostgreSQL's own file where there is one, else the shared one (translated when applied)."""
    own: dict[int, tuple[str, str]] = {}
    for entry in resources.files("reportedly.corpus").joinpath("migrations").iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            own[int(m.group(1))] = (entry.name, entry.read_text("utf-8"))
    base_n = min(n for n, (name, _) in own.items() if "baseline" in name)
    baseline = (base_n, *own[base_n])
    later = [(n, *own[n]) if n in own else (n, name, sql) for n, name, sql in migrations() if n > base_n]
    return baseline, later


def _schema_version(conn: PgConnection) -> int:
    row = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    return int(conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0])


def _run_script(conn: PgConnection, sql: str, translated: bool) -> None:
    for stmt in _split(sql):
        if translated:
            stmt = translate(stmt, False)[0]
        with _errors():
            conn.raw.execute(stmt)


def _split(sql: str) -> Iterator[str]:
    """The statements of a migration file: ``;`` at the end of a line ends one; comment lines are left out."""
    buf: list[str] = []
    for line in sql.splitlines():
        if not buf and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buf.append(line)
        if line.rstrip().endswith(";"):
            yield "\n".join(buf).strip().rstrip(";")
            buf = []
    if "".join(buf).strip():
        yield "\n".join(buf).strip()


def pg_migrate(conn: PgConnection, shown: str) -> int:
    """Bring the database's schema up to date (each step one transaction, writers locked out)."""
    (base_n, base_name, base_sql), later = pg_migrations()
    latest = max([base_n] + [n for n, _, _ in later])
    have = _schema_version(conn)
    if have > latest:
        raise StoreError(f"{shown}: store schema is version {have}, newer than this reportedly knows ({latest}); "
                         "upgrade reportedly to open it")
    steps = [(base_n, base_name, base_sql, False)] if have == 0 else []
    steps += [(n, name, sql, name not in _own_names()) for n, name, sql in later if n > have]
    for number, name, sql, translated in steps:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if _schema_version(conn) >= number:  # another process migrated meanwhile
                conn.execute("ROLLBACK")
                continue
            conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                         " name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT"
                         " (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))")
            _run_script(conn, sql, translated)
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (number, name))
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError(f"{shown}: migration {name} failed: {exc}") from exc
            raise
    return _schema_version(conn)


@functools.lru_cache(maxsize=1)
def _own_names() -> frozenset[str]:
    return frozenset(e.name for e in resources.files("reportedly.corpus").joinpath("migrations").iterdir()
                     if _MIGRATION_NAME.match(e.name))


def latest_version() -> int:
    (base_n, _, _), later = pg_migrations()
    return max([base_n] + [n for n, _, _ in later])


# -- the store -------------------------------------------------------------------------------------
def shown_url(url: str) -> str:
    """``url`` with its password left out, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = (parts.username or "") + ":…"
    return urlunsplit((parts.scheme, user + "@" + netloc[-1], parts.path, parts.query, parts.fragment))


class PostgresStore(Store):
    """The store in a PostgreSQL database; see the module docstring."""

    dialect = POSTGRES

    def __init__(self, path: str, *, readonly: bool = False, timeout: float = 30.0):
        self.url = str(path)
        self.path = shown_url(self.url)  # type: ignore[assignment]  # messages name the database
        self.readonly = readonly
        self.lock = threading.RLock()
        self.statement_seconds = 0.0
        self.open_mode = "read" if readonly else "write"
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise StoreError(f"{self.path}: a PostgreSQL store needs psycopg: pip install 'psycopg[binary]'") from None
        try:
            self.conn = PgConnection(self.url, readonly=readonly, timeout=timeout)  # type: ignore[assignment]
            if readonly:
                self._check_version()
            else:
                self._prepare()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open corpus store: {exc}") from exc

    def _prepare(self) -> None:
        self.migrate()
        from .trace import is_stale, rebuild

        if is_stale(self.conn):
            rebuild(self)

    @property
    def schema_version(self) -> int:
        return _schema_version(self.conn)  # type: ignore[arg-type]

    def _check_version(self) -> None:
        latest, have = latest_version(), self.schema_version
        if have > latest:
            raise StoreError(f"{self.path}: store schema is version {have}, newer than this reportedly knows "
                             f"({latest}); upgrade reportedly to read it")
        if have != latest:
            raise StoreError(f"{self.path}: store schema is version {have}, this reportedly needs {latest} "
                             "(open it once for writing, e.g. 'reportedly ingest', to migrate)")

    def migrate(self) -> int:
        with self.lock:
            return pg_migrate(self.conn, self.path)  # type: ignore[arg-type]

    def integrity_check(self) -> str:
        """PostgreSQL keeps its own tables consistent; this checks that every document has its
        full-text row and every attribution too."""
        missing = self.conn.execute(
            "SELECT (SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM documents_fts f"
            " WHERE f.rowid = d.rowid)) + (SELECT count(*) FROM attributions a WHERE NOT EXISTS"
            " (SELECT 1 FROM attributions_fts f WHERE f.rowid = a.rowid))").fetchone()[0]
        return "ok" if not missing else f"full-text index: {missing} rows missing"


SERVERS["postgresql"] = PostgresStore
