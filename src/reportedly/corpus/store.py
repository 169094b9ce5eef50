"""The corpus store: analysed documents in one SQLite file (WAL mode), a thin layer over ``sqlite3``.

One writer, many readers. Each document is stored in one transaction, so a killed ingest leaves
every document either fully there or absent; ids are content hashes, so storing the same
document twice adds nothing. Schema changes are numbered SQL files in ``migrations/`` applied in
order on open; ``PRAGMA user_version`` holds the number of the last one applied and
``schema_migrations`` records when each was applied.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..document import Document, Metadata
from ..errors import StoreError
from ..readers import shown_name
from .backend import SQLITE, Dialect, nfc
from .migrate import check_version, migrate, retry_busy, schema_version
from .profiles import outlet_profile
from .rows import (
    attribution_facts,
    outlet_key,
    pack_record,
    record_without_layers,
    restore_record,
    stored_record,
)
from .search import search
from .speaker_index import ATT_ENTITY_ROWID, find_speakers, link_speaker, refresh_speakers
from .trace import index_document, is_stale, rebuild, remove_document, statement, trace

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"^\d{4}-\d{2}")


def derive_outlet(meta: Metadata) -> str:
    """The outlet a document is from: sitename (the page's own name, or its footer's owner), else URL
    host, else 'unknown'.

    Never the headline credit: "… – NYT" names whom the headline cites (a relayed story), not the
    publisher; when the page does not say who published it, unknown is the honest answer."""
    if meta.sitename and meta.sitename.strip():
        return meta.sitename.strip()
    if meta.url:
        host = (urlparse(meta.url).hostname or "").lower()
        if host.startswith("www."):
            host = host[4:]
        if host:
            return host
    return "unknown"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def file_hash(path: str | Path) -> str:
    """sha256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def counted_forms(rows: Any) -> list[tuple[str, int]]:
    """:func:`reportedly.output.mention_forms` of mentions given as ``(text, count, first)`` rows, one per
    text as written, in order of first occurrence: the same forms, spellings and counts."""
    groups: dict[str, dict[str, int]] = {}
    for text, n, _ in rows:
        form = " ".join(text.split())
        if form:
            spellings = groups.setdefault(form.casefold(), {})
            spellings[form] = spellings.get(form, 0) + n
    out = []
    for spellings in groups.values():
        best = max(spellings.values())
        out.append((next(f for f, n in spellings.items() if n == best), sum(spellings.values())))
    return out


def _day(value: str | None) -> str | None:
    return value[:10] if value and _DAY.match(value) else None


def _month(value: str | None) -> str | None:
    return value[:7] if value and _MONTH.match(value) else None


class _Connection(sqlite3.Connection):
    dialect = SQLITE

    """A connection whose failures are SQLite errors with one-line messages, whatever SQLite's text holds.

    SQLite quotes a damaged store's schema in some messages ("malformed database schema (…) -
    unrecognized token: …"): those bytes may not be UTF-8, and Python then raises
    ``UnicodeDecodeError`` while reading the message, which no caller expects of a database; or they
    may hold a newline or other control character, which would break the one line a damaged store
    gets on stderr. Both become an error of SQLite's class with the message made printable (U+FFFD
    for what is not), so a damaged store is reported as one wherever it is met."""

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        with _one_line_errors():
            return super().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        with _one_line_errors():
            return super().executemany(sql, parameters)


@contextlib.contextmanager
def _one_line_errors() -> Iterator[None]:
    """SQLite errors whose message is not UTF-8 or not printable, raised as printable ones."""
    try:
        yield
    except UnicodeDecodeError as exc:
        raise _garbled(exc) from None
    except sqlite3.DatabaseError as exc:
        if str(exc).isprintable():
            raise
        raise _printable_error(exc) from None


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "\ufffd" for c in text)[:200]


def _garbled(exc: UnicodeDecodeError) -> sqlite3.DatabaseError:
    """SQLite's message, its undecodable bytes (and any control character) shown as U+FFFD."""
    return sqlite3.DatabaseError(_printable(bytes(exc.object).decode("utf-8", "replace")))


def _printable_error(exc: sqlite3.DatabaseError) -> sqlite3.DatabaseError:
    """The same error (class, SQLite's error code) with its message on one printable line."""
    out = type(exc)(_printable(str(exc)))
    for attr in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(exc, attr):
            setattr(out, attr, getattr(exc, attr))
    return out


def _connect(target: str, *, uri: bool, timeout: float) -> sqlite3.Connection:
    """Every connection the store opens: autocommit (transactions are explicit), shared by threads."""
    return sqlite3.connect(target, uri=uri, timeout=timeout, isolation_level=None, check_same_thread=False,
                           factory=_Connection)


def _no_write(path: Path, dir_: bool) -> bool:
    """Whether ``path`` is read-only: no write permission bit is set (the owner's intent, which root,
    whom the bits do not stop, respects here too), or this process may not write it (a read-only
    mount, another owner)."""
    try:
        if not path.stat().st_mode & 0o222:
            return True
    except OSError:
        return False
    return not os.access(path, os.W_OK | (os.X_OK if dir_ else 0))


def _read_only_dir(path: Path) -> bool:
    """Whether nothing can be created beside the store at ``path`` (no ``-wal``, ``-shm`` or journal)."""
    return _no_write(path.resolve().parent, dir_=True)


def _read_only_place(path: Path) -> bool:
    """Whether the store at ``path`` cannot be written: a read-only file or a read-only directory."""
    return _no_write(path, dir_=False) or _read_only_dir(path)


#: Store classes for server databases by URL scheme (:mod:`reportedly.corpus.postgres` adds "postgresql").
SERVERS: dict[str, type[Store]] = {}


def server_scheme(target: str | os.PathLike[str]) -> str | None:
    """The URL scheme of a server database (``postgresql://…``), None for a store file."""
    if isinstance(target, str) and "://" in target:
        scheme = target.split("://", 1)[0].lower()
        return "postgresql" if scheme == "postgres" else scheme
    return None


def store_exists(target: str | os.PathLike[str]) -> bool:
    """Whether there is a store at ``target``: a file that exists, or any server URL (the server says)."""
    return server_scheme(target) is not None or Path(target).exists()


class Store:
    """An open corpus store. Use as a context manager, or call :meth:`close`.

    ``Store(path)`` opens an SQLite file; ``Store("postgresql://…")`` a PostgreSQL database (the class
    :mod:`reportedly.corpus.postgres` registers in :data:`SERVERS`). Both run the same methods; what
    differs is the connection and its :class:`~reportedly.corpus.backend.Dialect`.
    ``readonly=True`` opens an existing store for reading only (the web server's threads do).
    """

    dialect: Dialect = SQLITE

    def __new__(cls, path: str | Path, *args: Any, **kwargs: Any) -> Store:
        scheme = server_scheme(path)
        if cls is Store and scheme is not None:
            backend = SERVERS.get(scheme)
            if backend is None:
                raise StoreError(f"{scheme}://…: no store for this kind of database (a file, or postgresql://…)")
            return super().__new__(backend)
        return super().__new__(cls)

    def __init__(self, path: str | Path, *, readonly: bool = False, timeout: float = 30.0):
        self.path = Path(path)
        self.readonly = readonly
        self.lock = threading.RLock()
        #: seconds spent clustering statements as documents were stored (see corpus.trace)
        self.statement_seconds = 0.0
        #: how the store was opened: "write", "read" (alongside writers) or "read as it is on disk"
        self.open_mode = "read" if readonly else "write"
        try:
            if not readonly and self.path.exists() and _read_only_place(self.path):
                # a store in a read-only directory, or a read-only file: nothing can be written there
                # (a store that needs migrating says so), so it is opened for reading, as serve needs
                self.readonly = True
            if self.readonly:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no such corpus store (run 'reportedly ingest' first)")
                self.conn = self._open_reader(timeout)
            else:
                if self.path.parent and not self.path.parent.exists():
                    raise StoreError(f"{self.path}: directory {self.path.parent} does not exist")
                self.conn = _connect(str(self.path), uri=False, timeout=timeout)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not self.readonly:
                retry_busy(self._prepare, timeout)
            else:
                self._check_version()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open corpus store: {exc}") from exc

    def _open_reader(self, timeout: float) -> sqlite3.Connection:
        """A read-only connection that writes nothing next to the store.

        A store in a writable directory is read with ``mode=ro``: SQLite keeps the write-ahead log's
        shared index (``-shm``) beside it, so a reader sees what a concurrent writer commits. Where
        nothing can be written beside it (a read-only directory) and no write-ahead log is there,
        no writer can be at work either, and the file is read as it is on disk (``immutable=1``):
        SQLite creates no ``-wal``/``-shm`` file and takes no lock. ``mode=ro`` that fails because
        those files cannot be made (an access-control list, a read-only mount) falls back to it too.
        """
        base = self.path.resolve().as_uri() + "?mode=ro"
        wal = self.path.with_name(self.path.name + "-wal")
        has_log = wal.exists() and wal.stat().st_size > 0
        if not has_log and _read_only_dir(self.path):
            self.open_mode = "read as it is on disk"
            return _connect(base + "&immutable=1", uri=True, timeout=timeout)
        conn = _connect(base, uri=True, timeout=timeout)
        try:
            conn.execute("PRAGMA user_version").fetchone()  # the first read opens (or fails to make) the -shm
        except sqlite3.OperationalError as exc:
            conn.close()
            if has_log or (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF not in (sqlite3.SQLITE_READONLY,
                                                                                  sqlite3.SQLITE_CANTOPEN):
                raise
            self.open_mode = "read as it is on disk"
            return _connect(base + "&immutable=1", uri=True, timeout=timeout)
        return conn

    def _prepare(self) -> None:
        """WAL mode and migrations, for a store opened for writing (retried while another opener holds the lock)."""
        mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"{self.path}: cannot switch to WAL journal mode (got {mode})")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA cache_size = -65536")  # 64 MiB for the writer: indexes of a large store stay cached
        self.migrate()
        if is_stale(self.conn):  # a store migrated with documents in it: cluster its statements once
            rebuild(self)

    # -- lifecycle ------------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self.conn)

    def _check_version(self) -> None:
        check_version(self.conn, self.path)

    def migrate(self) -> int:
        """Apply every migration newer than the store's ``user_version``; returns the version."""
        with self.lock:
            return migrate(self.conn, self.path)

    # -- writing --------------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def has_input(self, digest: str) -> bool:
        """True when an input file with these bytes has been ingested completely."""
        return self.conn.execute("SELECT 1 FROM inputs WHERE hash = ?", (digest,)).fetchone() is not None

    def mark_input(self, digest: str, path: str, documents: int) -> None:
        """Record that every document of the input file with hash ``digest`` is stored."""
        path = shown_name(path)
        with self.lock:
            self.conn.execute("INSERT OR IGNORE INTO inputs (hash, path, documents) VALUES (?, ?, ?)",
                              (digest, path, documents))

    def add(self, doc: Document, *, update: bool = False) -> bool:
        """Store one analysed document in one transaction; False when it was already stored.

        With ``update``, a stored document with the same id whose component versions differ from
        ``doc``'s (an older pipeline produced it) is replaced, in the same transaction.
        Speakers are resolved as documents arrive; :meth:`refresh_speakers` after a batch applies
        the corpus-wide rules (the ``ingest`` and ``batch`` commands do).
        """
        return self.put(doc, update=update) != "existing"

    def put(self, doc: Document, *, update: bool = False, replaced: list | None = None) -> str:
        """Like :meth:`add`, saying what happened: ``"added"``, ``"updated"`` or ``"existing"``.

        On ``"updated"``, ``replaced`` (when given) gets ``(stored, new)``: the component versions
        ``[(component, version), …]`` of the document replaced and of the one that replaced it."""
        if self.readonly:
            raise StoreError(f"{self.path}: store is open read-only")
        with self.lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                row = self.conn.execute("SELECT rowid FROM documents WHERE id = ?", (doc.id,)).fetchone()
                outcome = "added"
                if row is not None:
                    stored = [(r[0], r[1]) for r in self.conn.execute(
                        "SELECT component, version FROM provenance WHERE doc_rowid = ? ORDER BY rowid", (row[0],))]
                    new = [(p.get("component", ""), p.get("version", "")) for p in doc.provenance]
                    if not update or stored == new:
                        self.conn.execute("ROLLBACK")
                        return "existing"
                    self._delete(row[0])
                    outcome = "updated"
                    if replaced is not None:
                        replaced.append((stored, new))
                self._insert(doc)
                self.conn.execute("COMMIT")
                return outcome
            except BaseException as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.DatabaseError):
                    raise StoreError(f"{self.path}: cannot store {doc.input}: {exc}") from exc
                raise

    def _delete(self, drow: int) -> None:
        """Remove one document and everything hanging off it (inside the caller's transaction)."""
        c = self.conn
        remove_document(c, drow)
        self.dialect.fts_delete(c, "attributions_fts", "doc_rowid = ?", (drow,))
        self.dialect.fts_delete(c, "documents_fts", "rowid = ?", (drow,))
        for table in ("attributions", "spans", "claims", "provenance", "entity_mentions", "entities"):
            c.execute(f"DELETE FROM {table} WHERE doc_rowid = ?", (drow,))
        c.execute("DELETE FROM documents WHERE rowid = ?", (drow,))
        c.execute("DELETE FROM speakers WHERE NOT EXISTS (SELECT 1 FROM attributions a WHERE a.speaker_id = speakers.id)")

    def add_record(self, record: dict[str, Any]) -> bool:
        """Store a document given as :meth:`Document.to_dict` output."""
        return self.add(Document.from_dict(record))

    def _insert(self, doc: Document) -> None:
        c = self.conn
        m = doc.meta
        # entities are kept in their tables, as layers are in spans; SQLite keeps the JSON packed (migration 0010)
        record = json.dumps(record_without_layers(doc), ensure_ascii=False)
        outlet = derive_outlet(m)
        # what full-text search indexes, in normal form C (so is every attribution's text: rows.attribution_facts);
        # the record keeps the text as it came, and every span points into that
        body = nfc(doc.body.strip() or doc.text)
        title = None if m.title is None else nfc(m.title)
        cur = c.execute(
            "INSERT INTO documents (id, input, text_hash, title, content, date, day, month, outlet, outlet_key,"
            " url, format, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.id, doc.input, text_hash(doc.text), title, body, m.date, _day(m.date), _month(m.date),
             outlet, outlet.lower(), m.url, m.format, pack_record(record) if self.dialect.packs_records else record),
        )
        drow = cur.lastrowid
        if drow is None:  # sqlite3 sets it after every INSERT
            raise StoreError(f"document {doc.id} was not stored")
        self.dialect.fts_insert(c, "documents_fts", drow, title, body)
        c.executemany(
            'INSERT INTO spans (doc_rowid, layer, start, "end", label, data) VALUES (?,?,?,?,?,?)',
            [(drow, name, s.start, s.end, s.label, json.dumps(s.data, ensure_ascii=False) if s.data else None)
             for name in doc.layer_names for s in doc.layer(name)],
        )
        text = doc.text
        for seq, ent in enumerate(doc.entities):
            erow = c.execute(
                "INSERT INTO entities (doc_rowid, seq, entity_id, name, kind, gender, anonymous) VALUES (?,?,?,?,?,?,?)",
                (drow, seq, ent.id, ent.name, ent.kind, ent.gender, int(bool(ent.anonymous)))).lastrowid
            c.executemany('INSERT INTO entity_mentions (entity_rowid, doc_rowid, start, "end", text) VALUES (?,?,?,?,?)',
                          [(erow, drow, s, e, text[s:e]) for s, e in ent.mentions])
        names: set[tuple[str, str, str | None]] = set()
        for a, f in zip(doc.attributions, attribution_facts(doc, self._stored_outlet), strict=True):
            src = a.source
            if f.speaker_key and f.display:  # a key comes from a display name
                names.add((f.speaker_key, f.display, f.speaker_kind))
            arow = c.execute(
                "INSERT INTO attributions (doc_rowid, att_id, speaker_name, source_text, source_kind, anonymous,"
                " description, role, mention, kind, cue_text, content_text, hedges, hedged, date, day, via,"
                " via_outlet, score, component, entity, entity_id, confidence, outlet_key)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (drow, a.id, f.speaker_key, f.source_text, src.kind, int(bool(src.anonymous)), src.description,
                 src.role, src.mention, a.kind, f.cue_text, f.content_text, json.dumps(a.hedges, ensure_ascii=False),
                 int(bool(a.hedges)), a.date, _day(a.date) or _day(m.date), a.via, f.via_outlet, a.score,
                 a.component, src.entity, src.entity_id, src.confidence, outlet.lower()),
            ).lastrowid
            self.dialect.fts_insert(c, "attributions_fts", arow, f.content_text, f.source_text)
        c.executemany(
            "INSERT INTO claims (doc_rowid, text, reason, spans, component) VALUES (?,?,?,?,?)",
            [(drow, " … ".join(text[s:e] for s, e in cl.spans), cl.reason, json.dumps(cl.spans), cl.component)
             for cl in doc.claims],
        )
        c.executemany("INSERT INTO provenance (doc_rowid, component, version) VALUES (?,?,?)",
                      [(drow, p.get("component", ""), p.get("version", "")) for p in doc.provenance])
        for key, display, kind in sorted(names, key=lambda t: t[0].count(" "), reverse=True):
            self._resolve_speaker(key, display, kind)
        self.statement_seconds += index_document(c, drow)

    def _stored_outlet(self, name: str) -> bool:
        """Does the store hold documents from an outlet named ``name`` ("the Coastal Ledger" / "The Coastal Ledger")?"""
        bare = outlet_key(name)
        return self.conn.execute("SELECT 1 FROM documents WHERE outlet_key IN (?, ?) LIMIT 1",
                                 (bare, "the " + bare)).fetchone() is not None

    # -- speakers -------------------------------------------------------------------------------
    def _resolve_speaker(self, key: str, display: str, kind: str | None) -> None:
        link_speaker(self.conn, key, display, kind)

    def refresh_speakers(self) -> int:
        """Recompute every speaker from the stored sources (one transaction); returns the speaker count.

        See :func:`reportedly.corpus.speaker_index.refresh_speakers`.
        """
        with self.lock:
            return refresh_speakers(self.conn)

    def find_speakers(self, query: str) -> list[str]:
        """Speaker ids matching an id, a name, or a name as written (see :func:`speaker_index.find_speakers`)."""
        return find_speakers(self.conn, query)

    def speaker(self, speaker_id: str, limit: int | None = None, offset: int = 0) -> dict[str, Any] | None:
        """A speaker with their statements by date (undated last), the names used, how the articles referred
        to them (``referred_as``: the mention forms of the entities their statements come from, most
        used first), and outlets.

        ``limit`` statements from the ``offset``-th (``None``: all of them, the default); the counts
        (``statement_count``, ``documents``, ``by_month``, ``outlets``) are always of every statement,
        counted from the speaker index, so a page of a speaker quoted ten thousand times reads one page."""
        row = self.conn.execute("SELECT id, name, kind FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
        if row is None:
            return None
        page = "" if limit is None else f" LIMIT {max(0, int(limit))} OFFSET {max(0, int(offset))}"
        stmts = [
            {
                "document_id": r["doc_id"], "document_title": r["title"], "outlet": r["outlet"],
                "attribution_id": r["att_id"], "date": r["day"], "source": r["source_text"],
                "cue": r["cue_text"], "content": r["content_text"],
                "hedges": [] if r["hedges"] == "[]" else json.loads(r["hedges"]), "via_outlet": r["via_outlet"],
            }
            for r in self.conn.execute(
                "SELECT d.id AS doc_id, d.title, d.outlet, a.att_id, a.day, a.source_text, a.cue_text,"
                " a.content_text, a.hedges, a.via_outlet FROM attributions a"
                # a document's head from its index: the row would be read through its whole text (migration 0007)
                " JOIN documents d INDEXED BY documents_head ON d.rowid = a.doc_rowid"
                " WHERE a.speaker_id = ? ORDER BY a.day IS NULL, a.day, d.id, a.att_id" + page,
                (speaker_id,))
        ]
        counted = self.conn.execute(
            "SELECT source_text, count(*) AS n FROM attributions WHERE speaker_id = ? AND source_text != ''"
            " GROUP BY source_text ORDER BY n DESC, source_text", (speaker_id,)).fetchall()
        aliases = [r[0] for r in counted]  # most used first
        # each mention as written counted in SQL, with where it first occurs: a speaker quoted ten thousand
        # times has tens of thousands of mentions but few ways of writing them
        mentions = self.conn.execute(
            "SELECT m.text, count(*) AS n, min(m.doc_rowid * 4294967296 + m.start) AS first_at FROM entity_mentions m"
            f" WHERE m.entity_rowid IN (SELECT {ATT_ENTITY_ROWID} AS er FROM attributions a WHERE a.speaker_id = ?)"
            " GROUP BY m.text ORDER BY first_at", (speaker_id,)).fetchall()
        forms = sorted(counted_forms(mentions), key=lambda fc: -fc[1])  # most used first, then first seen
        total, documents = self.conn.execute(
            "SELECT count(*), count(DISTINCT doc_rowid) FROM attributions WHERE speaker_id = ?", (speaker_id,)).fetchone()
        by_month = {r[0]: r[1] for r in self.conn.execute(
            "SELECT substr(day, 1, 7) AS month, count(*) FROM attributions WHERE speaker_id = ? AND day IS NOT NULL"
            " AND day != '' GROUP BY month", (speaker_id,))}
        outlets = sorted((r[0] for r in self.conn.execute(
            "SELECT DISTINCT d.outlet FROM documents d INDEXED BY documents_head"
            " WHERE d.rowid IN (SELECT doc_rowid FROM attributions WHERE speaker_id = ?)", (speaker_id,))),
                         key=lambda o: (o is None, o or ""))
        return {"id": row["id"], "name": row["name"], "kind": row["kind"], "aliases": aliases,
                "alias_counts": {r[0]: r[1] for r in counted},
                "referred_as": [{"form": f, "count": n} for f, n in forms],
                "statements": stmts, "statement_count": total, "offset": 0 if limit is None else max(0, int(offset)),
                "by_month": dict(sorted(by_month.items())), "documents": documents, "outlets": outlets}

    def speakers(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Speakers by number of statements, most first (a negative ``limit``: all of them)."""
        return [dict(r) for r in self.conn.execute(
            "SELECT s.id, s.name, s.kind, count(*) AS statements, count(DISTINCT a.doc_rowid) AS documents,"
            " min(a.day) AS first, max(a.day) AS last FROM speakers s JOIN attributions a ON a.speaker_id = s.id"
            " GROUP BY s.id ORDER BY statements DESC, s.name LIMIT ? OFFSET ?",
            (limit if limit >= 0 else 2**62, offset))]

    # -- reading documents ----------------------------------------------------------------------
    def get_record(self, doc_id: str) -> dict[str, Any] | None:
        """The stored document as :meth:`Document.to_dict` output, layers included."""
        row = self.conn.execute("SELECT rowid, record FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        layers: dict[str, list[dict[str, Any]]] = {}
        for s in self.conn.execute('SELECT layer, start, "end", label, data FROM spans WHERE doc_rowid = ?'
                                   ' ORDER BY layer, start, "end"', (row["rowid"],)):
            item: dict[str, Any] = {"start": s["start"], "end": s["end"], "label": s["label"]}
            if s["data"]:
                item["data"] = json.loads(s["data"])
            layers.setdefault(s["layer"], []).append(item)
        rec = restore_record(stored_record(row["record"]), [(p["start"], p["end"]) for p in layers.get("paragraph", [])])
        out: dict[str, Any] = {}
        for k, v in rec.items():  # the entities where to_dict puts them, before the provenance
            if k == "provenance":
                out["entities"] = self._entities(row["rowid"])
            if k != "entities":
                out[k] = v
        out.setdefault("entities", self._entities(row["rowid"]))
        out["layers"] = layers
        return out

    def _entities(self, drow: int) -> list[dict[str, Any]]:
        """One document's entities as in :meth:`Document.to_dict`, from the entities tables."""
        mentions: dict[int, list[tuple[int, int, str]]] = {}
        for r in self.conn.execute('SELECT entity_rowid, start, "end", text FROM entity_mentions WHERE doc_rowid = ?'
                                   ' ORDER BY entity_rowid, start, "end"', (drow,)):
            mentions.setdefault(r[0], []).append((r[1], r[2], r[3]))
        out = []
        for r in self.conn.execute("SELECT rowid, entity_id, name, kind, gender, anonymous FROM entities"
                                   " WHERE doc_rowid = ? ORDER BY seq", (drow,)):
            ms = mentions.get(r["rowid"], [])
            out.append({"id": r["entity_id"], "name": r["name"], "kind": r["kind"], "gender": r["gender"],
                        "anonymous": bool(r["anonymous"]), "mentions": [[s, e] for s, e, _ in ms],
                        "forms": sorted({" ".join(t.split()) for _, _, t in ms})})
        return out

    def get_document(self, doc_id: str) -> Document | None:
        rec = self.get_record(doc_id)
        return Document.from_dict(rec) if rec is not None else None

    def attribution_speakers(self, doc_id: str) -> dict[str, tuple[str | None, str | None]]:
        """For one document: attribution id → (speaker id, speaker name), None for anonymous sources."""
        return {r[0]: (r[1], r[2]) for r in self.conn.execute(
            "SELECT a.att_id, a.speaker_id, s.name FROM attributions a JOIN documents d ON d.rowid = a.doc_rowid"
            " LEFT JOIN speakers s ON s.id = a.speaker_id WHERE d.id = ?", (doc_id,))}

    def document_summary(self, doc_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT id, title, date, outlet, input, url FROM documents WHERE id = ?",
                                (doc_id,)).fetchone()
        return dict(row) if row else None

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY rowid")]

    def documents(self, limit: int = 100, offset: int = 0, outlet: str | None = None) -> list[dict[str, Any]]:
        """Document summaries, newest first: id, title, date, outlet, input, attribution count."""
        where, params = "", []
        if outlet:
            where, params = "WHERE d.outlet_key = ?", [outlet.lower()]
        return [dict(r) for r in self.conn.execute(
            "SELECT d.id, d.title, d.date, d.outlet, d.input,"
            " (SELECT count(*) FROM attributions a WHERE a.doc_rowid = d.rowid) AS attributions"
            f" FROM documents d {where} ORDER BY d.day DESC, d.rowid LIMIT ? OFFSET ?",
            (*params, limit, offset))]

    def outlets(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT min(outlet) AS outlet, count(*) AS documents FROM documents GROUP BY outlet_key"
            " ORDER BY documents DESC, outlet")]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in ("documents", "spans", "attributions", "speakers", "claims", "provenance", "inputs",
                          "entities", "entity_mentions")}

    def integrity_check(self) -> str:
        """SQLite's integrity check plus the full-text indexes' own check; 'ok' when all is well."""
        res = self.conn.execute("PRAGMA integrity_check").fetchone()[0]
        if res != "ok":
            return res
        if not self.readonly:
            try:
                for t in ("documents_fts", "attributions_fts"):
                    self.conn.execute(f"INSERT INTO {t}({t}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                return f"full-text index: {exc}"
        return "ok"

    # -- search and profiles (see search.py, profiles.py) ----------------------------------------
    def search(self, query: str = "", **filters: Any) -> list[dict[str, Any]]:
        return search(self, query, **filters)

    def outlet_profile(self, name: str) -> dict[str, Any] | None:
        return outlet_profile(self, name)

    def trace(self, query: str = "", **filters: Any) -> list[dict[str, Any]]:
        """Statements seen in several documents that match ``query`` (see :func:`corpus.trace.trace`)."""
        return trace(self, query, **filters)

    def statement(self, statement_id: int) -> dict[str, Any] | None:
        return statement(self, statement_id)

    def rebuild_statements(self) -> int:
        """Cluster every stored statement again from scratch; returns how many span several documents."""
        if self.readonly:
            raise StoreError(f"{self.path}: store is open read-only")
        return rebuild(self)
