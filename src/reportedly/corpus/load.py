"""Bulk loading: a Parquet dataset (``batch --output``) into the SQLite store (``reportedly load DIR --db FILE``).

What ``ingest`` does one document at a time, done once for all of them: rows are inserted as the
dataset holds them (the workers derived them), the secondary indexes and the full-text indexes are
built once at the end, statements are clustered task by task from the MinHash keys the workers
computed (every statement seen in one document only is derived in one SQL statement, the others
from their members), and speakers are resolved once across the corpus. The result is the store
``ingest`` of the same documents would give, in the order of the dataset's tasks.

A new store is built beside its final name (``FILE.loading``, no journal) and renamed into place
when complete; loading into a store that holds documents is one transaction. Either way a load
killed at any point leaves the store as it was, and running it again loads what is missing:
documents already stored (the same id) are skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .backend import nfc
from .dataset import Dataset, _protocols
from .rows import outlet_key, relay_with
from .speaker_index import refresh_speakers
from .store import Store, server_scheme

#: tables whose secondary indexes are dropped while loading and built once at the end
_BULK_TABLES = ("documents", "spans", "attributions", "entities", "entity_mentions", "claims", "provenance")
#: indexes kept while loading: queries name them (``INDEXED BY``), and rows arrive in their order
_KEPT_INDEXES = ("documents_head",)


@dataclass
class LoadStats:
    """What one load did, and what it cost."""

    documents: int = 0  # documents stored
    existing: int = 0  # documents skipped: already in the store
    attributions: int = 0
    statements: int = 0  # statements in two documents or more, after the load
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process and the helper that clustered the statements
    helper_cpu_seconds: float = 0.0  # of which the helper
    bytes: int = 0  # size of the store file afterwards
    phases: dict[str, float] | None = None  # seconds per phase

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        per = self.bytes / max(self.documents + self.existing, 1)
        return (f"{self.documents} documents loaded ({self.existing} already present), {self.attributions} "
                f"attributions, {self.statements} statements in 2+ documents; {self.seconds:.1f} s "
                f"({self.rate:.0f} documents/s, {1000 * self.cpu_seconds / max(self.documents, 1):.2f} ms "
                f"processor time per document); store {self.bytes / 1e6:.1f} MB ({per / 1024:.1f} KB per document)")


def _nfc(value: str | None) -> str | None:
    return None if value is None else nfc(value)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _columns(table: Any) -> list[dict[str, Any]]:
    """An Arrow table's rows as dicts (column by column: faster than ``to_pylist``)."""
    cols = {name: table.column(name).to_pylist() for name in table.column_names}
    return [dict(zip(cols, values, strict=True)) for values in zip(*cols.values(), strict=True)] if cols else []


def _relay(row: dict[str, Any], via_outlet: str | None) -> str | None:
    """What :func:`corpus.trace.relay_outlet` says of an attribution row of the dataset."""
    if via_outlet:
        return via_outlet
    if (row["source_kind"] or "") == "outlet":
        return row["entity"] or row["source"] or None
    return None


class _Speakers:
    """Speakers resolved across a whole dataset before it is stored (as ``refresh_speakers`` would)."""

    def __init__(self, ds: Dataset, tasks: list[str]):
        from .speaker_index import better_displays, resolve

        displays: dict[str, tuple[str, str | None]] = {}
        for table in ds.read("attributions", tasks, columns=["speaker_key", "speaker", "speaker_kind"]):
            for key, display, kind in zip(*(table.column(i).to_pylist() for i in range(3)), strict=True):
                if key and display:
                    better_displays(displays, key, display, kind)
        self.resolved, self.kinds = resolve(displays)

    def of(self, atts: list[dict[str, Any]]) -> dict[Any, str]:
        """One document's attributions' speakers: attribution id → speaker id."""
        from .speaker_index import speaker_of

        return speaker_of([(a["attribution_id"], 0, a["speaker_key"], a["speaker_kind"]) for a in atts
                           if a["speaker_key"] and a["speaker"]], self.resolved, self.kinds)

    def rows(self, used: set[str]) -> list[tuple[str, str, str | None, str | None]]:
        from .speaker_index import speaker_rows

        return speaker_rows(used, self.resolved, self.kinds)


class _Loader:
    """Stores a dataset's tasks in order. ``speakers``: each name key's speaker, resolved across the
    dataset beforehand (a new store), else None (resolved from the store afterwards). ``cluster``:
    cluster statements as rows are stored; ``minimal``: store only what clustering reads."""

    def __init__(self, store: Store, known: set[str], *, speakers: _Speakers | None = None, cluster: bool = True,
                 minimal: bool = False):
        self.store, self.c = store, store.conn
        self.known = known
        self.speakers, self.cluster, self.minimal = speakers, cluster, minimal
        self.used: set[str] = set()
        self.ids = {r[0] for r in self.c.execute("SELECT id FROM documents")}
        self.next_doc = int(self.c.execute("SELECT coalesce(max(rowid), 0) FROM documents").fetchone()[0]) + 1
        self.next_att = int(self.c.execute("SELECT coalesce(max(rowid), 0) FROM attributions").fetchone()[0]) + 1
        self.next_ent = int(self.c.execute("SELECT coalesce(max(rowid), 0) FROM entities").fetchone()[0]) + 1
        self.touched: dict[int, bool] = {}
        self.stats = LoadStats()
        # into a store without statements, the members are also held in memory, where each new one
        # finds its candidates without a query (the clusters are the same)
        from .trace import MemberIndex

        empty = cluster and self.c.execute("SELECT 1 FROM statement_members LIMIT 1").fetchone() is None
        self.member_index = MemberIndex() if empty else None

    def is_outlet(self, name: str) -> bool:
        bare = outlet_key(name)
        return bare in self.known or "the " + bare in self.known

    def task(self, tables: dict[str, Any]) -> None:
        """Insert one task's rows, then cluster its statements."""
        from .trace import _add_member

        c = self.c
        by_doc: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for name in ("attributions", "entities", "statements"):
            for row in _columns(tables[name]):
                by_doc.setdefault(row["document_id"], {}).setdefault(name, []).append(row)
        docs: list[tuple] = []
        spans: list[tuple] = []
        ents: list[tuple] = []
        mentions: list[tuple] = []
        atts: list[tuple] = []
        claims: list[tuple] = []
        prov: list[tuple] = []
        members: list[tuple] = []
        for d in _columns(tables["documents"]):
            if d["id"] in self.ids:
                self.stats.existing += 1
                continue
            self.ids.add(d["id"])
            drow = self.next_doc
            self.next_doc += 1
            if self.minimal:  # what clustering reads of a document
                docs.append((drow, d["id"], d["input"], "", _nfc(d["title"]), "", d["date_raw"], _iso(d["day"]), d["month"],
                             d["outlet"], d["outlet_key"], d["url"], d["format"], ""))
            else:
                body = nfc((d["body"] or "").strip() or json.loads(d["record"]).get("text") or "")
                docs.append((drow, d["id"], d["input"], d["text_hash"], _nfc(d["title"]), body, d["date_raw"],
                             _iso(d["day"]), d["month"], d["outlet"], d["outlet_key"], d["url"], d["format"],
                             d["record"]))
                spans.extend((drow, name, s, e, label, json.dumps(data, ensure_ascii=False) if data else None)
                             for name, s, e, label, data in json.loads(d["layers"]))
                claims.extend((drow, text, reason, json.dumps(where), component)
                              for text, reason, where, component in json.loads(d["claims"]))
                prov.extend((drow, *p.split("=", 1)) for p in d["provenance"] or [])
            rows = by_doc.get(d["id"], {})
            for e in rows.get("entities", []):
                erow = self.next_ent
                self.next_ent += 1
                ents.append((erow, drow, e["seq"], e["entity_id"], e["name"], e["kind"], e["gender"], int(e["anonymous"])))
                mentions.extend(zip([erow] * len(e["texts"]), [drow] * len(e["texts"]), e["starts"], e["ends"],
                                    e["texts"], strict=True))
            att_rows: dict[str, tuple[int, str | None]] = {}
            sids: dict[Any, str] = {}
            if self.speakers is not None:
                sids = self.speakers.of(rows.get("attributions", []))
                self.used |= set(sids.values())
            for a in rows.get("attributions", []):
                arow = self.next_att
                self.next_att += 1
                via_outlet = relay_with(a["via_chain"] or [], a["via_outlet"], self.is_outlet)
                att_rows[a["attribution_id"]] = (arow, _relay(a, via_outlet))
                atts.append((arow, drow, a["attribution_id"], a["speaker_key"], sids.get(a["attribution_id"]),
                             a["source"], a["source_kind"],
                             int(bool(a["anonymous"])), a["description"], a["role"], a["mention"], a["kind"],
                             a["cue"], a["content"], json.dumps(a["hedges"] or [], ensure_ascii=False),
                             int(bool(a["hedges"])), a["date_raw"], _iso(a["day"]), a["via"], via_outlet, a["score"],
                             a["component"], a["entity"], a["entity_id"], a["confidence"]))
            for s in rows.get("statements", []):
                arow, relay = att_rows[s["attribution_id"]]
                members.append((arow, drow, s["tokens"].split(" "), (_iso(d["day"]), d["outlet_key"], relay),
                                list(s["keys"])))
        c.executemany("INSERT INTO documents (rowid, id, input, text_hash, title, content, date, day, month, outlet,"
                      " outlet_key, url, format, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", docs)
        c.executemany('INSERT INTO spans (doc_rowid, layer, start, "end", label, data) VALUES (?,?,?,?,?,?)', spans)
        c.executemany("INSERT INTO entities (rowid, doc_rowid, seq, entity_id, name, kind, gender, anonymous)"
                      " VALUES (?,?,?,?,?,?,?,?)", ents)
        c.executemany('INSERT INTO entity_mentions (entity_rowid, doc_rowid, start, "end", text) VALUES (?,?,?,?,?)',
                      mentions)
        c.executemany(
            "INSERT INTO attributions (rowid, doc_rowid, att_id, speaker_name, speaker_id, source_text, source_kind,"
            " anonymous, description, role, mention, kind, cue_text, content_text, hedges, hedged, date, day, via,"
            " via_outlet, score, component, entity, entity_id, confidence)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", atts)
        c.executemany("INSERT INTO claims (doc_rowid, text, reason, spans, component) VALUES (?,?,?,?,?)", claims)
        c.executemany("INSERT INTO provenance (doc_rowid, component, version) VALUES (?,?,?)", prov)
        self.stats.documents += len(docs)
        self.stats.attributions += len(atts)
        if self.cluster:
            for arow, drow, toks, place, keys in members:
                sid, whole = _add_member(c, arow, drow, toks, place, keys, self.member_index)
                self.touched[sid] = self.touched.get(sid, False) or whole

    def finish_statements(self) -> None:
        """Derive every statement the load touched: one SQL statement for those seen in one document,
        :func:`corpus.trace.refresh_statement` for the others."""
        from .trace import refresh_statement

        c = self.c
        c.execute("CREATE TEMP TABLE IF NOT EXISTS load_touched (id INTEGER PRIMARY KEY, docs INTEGER)")
        c.execute("DELETE FROM load_touched")
        c.executemany("INSERT OR IGNORE INTO load_touched (id) SELECT id FROM statements WHERE id = ?",
                      [(sid,) for sid in self.touched])
        c.execute("UPDATE load_touched SET docs = (SELECT count(DISTINCT m.doc_rowid) FROM statement_members m"
                  " WHERE m.statement_id = load_touched.id)")
        c.execute("UPDATE statement_members SET altered = 0, changes = '[]', relayed_from = NULL"
                  " WHERE statement_id IN (SELECT id FROM load_touched WHERE docs = 1)")
        c.execute("UPDATE statements SET (occurrences, documents, outlets, first_att, ref_att, first_day, last_day,"
                  " altered, relays) = (SELECT count(*), 1, 1, min(m.att_rowid), NULL, min(m.day), max(m.day), 0, 0"
                  " FROM statement_members m WHERE m.statement_id = statements.id)"
                  " WHERE id IN (SELECT id FROM load_touched WHERE docs = 1)")
        c.execute("DELETE FROM statements_fts WHERE rowid IN (SELECT id FROM load_touched WHERE docs = 1)")
        for (sid,) in c.execute("SELECT id FROM load_touched WHERE docs > 1 ORDER BY id").fetchall():
            refresh_statement(c, sid)
        c.execute("DELETE FROM load_touched")
        c.execute("DELETE FROM statement_state WHERE key = 'stale'")


def _drop_indexes(c: sqlite3.Connection) -> list[str]:
    """Drop the secondary indexes of the bulk tables; returns the SQL that makes them again."""
    rows = c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN"
                     f" ({','.join('?' * len(_BULK_TABLES))}) AND name NOT IN ({','.join('?' * len(_KEPT_INDEXES))})",
                     (*_BULK_TABLES, *_KEPT_INDEXES)).fetchall()
    for name, _ in rows:
        c.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in rows]


def _children_cpu() -> float:
    """Processor seconds of the child processes waited for so far."""
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _bulk_pragmas(c: sqlite3.Connection, fresh: bool) -> None:
    if fresh:  # a file nobody else reads yet, renamed into place when complete: no journal needed
        c.execute("PRAGMA journal_mode = OFF")
        c.execute("PRAGMA synchronous = OFF")
    c.execute("PRAGMA cache_size = -262144")  # 256 MiB while loading
    c.execute("PRAGMA temp_store = MEMORY")
    c.execute("PRAGMA foreign_keys = OFF")  # rows are inserted parents first; checked once at the end


#: what the helper that clusters statements reads of the dataset
_MINIMAL = {"documents": ["id", "input", "title", "date_raw", "day", "month", "outlet", "outlet_key", "url", "format"]}


def _read_task(ds: Dataset, task: str, minimal: bool = False) -> dict[str, Any]:
    import pyarrow as pa

    out = {name: next(ds.read(name, [task], columns=_MINIMAL.get(name) if minimal else None))
           for name in ("documents", "attributions", "statements")}
    out["entities"] = (pa.table({"document_id": pa.array([], pa.string())}) if minimal
                       else next(ds.read("entities", [task])))
    return out


def _cluster_into(data: str, tasks: list[str], known: set[str], path: str, parent: int) -> None:
    """In a helper process: store what statements are made of in a new file at ``path`` and cluster them,
    while the loading process stores everything else (the rows and rowids are the same in both)."""
    from .batch import die_with_parent

    die_with_parent(parent)
    ds = Dataset(data)
    with Store(path) as store:
        c = store.conn
        _bulk_pragmas(c, True)
        c.execute("BEGIN")
        _drop_indexes(c)
        loader = _Loader(store, known, minimal=True)
        for task in tasks:
            loader.task(_read_task(ds, task, minimal=True))
        loader.finish_statements()
        c.execute("COMMIT")


def _copy_statements(c: sqlite3.Connection, path: Path) -> None:
    """Take the statement tables from the helper's file (into a new store, outside a transaction)."""
    c.execute("ATTACH DATABASE ? AS helper", (str(path),))
    try:
        c.execute("BEGIN")
        for table in ("statements", "statement_members", "statement_keys"):
            c.execute(f"INSERT INTO {table} SELECT * FROM helper.{table}")
        c.execute("INSERT INTO statements_fts (rowid, content) SELECT rowid, content FROM helper.statements_fts")
        c.execute("DELETE FROM statement_state WHERE key = 'stale'")
        c.execute("COMMIT")
    finally:
        if c.in_transaction:
            c.execute("ROLLBACK")
        c.execute("DETACH DATABASE helper")


def _load_into_server(data: str | os.PathLike[str] | Dataset, url: str,
                      on_task: Callable[[int, int], None] | None) -> LoadStats:
    """Load into a server store (PostgreSQL): the dataset goes into a new SQLite store in a temporary
    directory as below, which is then copied over in one transaction (:mod:`reportedly.corpus.pg_copy`).
    The server store must hold no documents yet."""
    import tempfile

    from .pg_copy import copy_store, database_bytes

    with Store(url) as probe:
        if probe.conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
            raise StoreError(f"{probe.path}: load into PostgreSQL needs a store without documents; this one holds some")
    with tempfile.TemporaryDirectory(prefix="reportedly-load-") as tmp:
        stats = load(data, Path(tmp) / "load.db", on_task=on_task)
        t0, c0 = time.perf_counter(), time.process_time()
        copy_store(Path(tmp) / "load.db", url)
        copied = time.perf_counter() - t0
    stats.phases = {**(stats.phases or {}), "copy to PostgreSQL": copied}
    stats.seconds += copied
    stats.cpu_seconds += time.process_time() - c0
    stats.bytes = database_bytes(url)
    return stats


def load(data: str | os.PathLike[str] | Dataset, db: str | os.PathLike[str], *,
         on_task: Callable[[int, int], None] | None = None) -> LoadStats:
    """Fill the store at ``db`` from the Parquet dataset at ``data`` (see the module's description).

    A new store is filled by two processes: this one stores the documents, their rows and indexes
    and the speakers (resolved across the dataset first); a helper clusters the statements at the
    same time, and its tables are copied in at the end. ``on_task(done, total)`` is told after each
    task's rows are stored."""
    import multiprocessing

    from .trace import is_stale

    if server_scheme(db) is not None:
        return _load_into_server(data, str(db), on_task)
    ds = data if isinstance(data, Dataset) else Dataset(data)
    if not ds.exists():
        from ..errors import ConfigError

        raise ConfigError(f"{ds.url}: no dataset here (write one with 'reportedly batch PATH... --output {ds.url}')")
    t0, c0 = time.perf_counter(), time.process_time()
    phases: dict[str, float] = {}

    def phase(name: str, since: float) -> float:
        now = time.perf_counter()
        phases[name] = phases.get(name, 0.0) + now - since
        return now

    final = Path(db)
    fresh = not final.exists()
    if not fresh:
        with Store(final) as probe:
            fresh = not probe.conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone()
    target = final.with_name(final.name + ".loading") if fresh else final
    side = final.with_name(final.name + ".statements")
    leftovers = [f.with_name(f.name + x) for f in (target, side) for x in ("", "-wal", "-shm")] if fresh else []
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    tasks = ds.tasks()
    known = {k for t in ds.read("documents", tasks, columns=["outlet_key"]) for k in t.column(0).to_pylist()}
    helper = None
    parallel = fresh and "memory" not in _protocols(ds.fs)  # a helper process sees the same files
    children = _children_cpu()
    store = Store(target)
    try:
        c = store.conn
        known |= {r[0] for r in c.execute("SELECT DISTINCT outlet_key FROM documents")}
        if parallel:
            ctx = multiprocessing.get_context("spawn")
            helper = ctx.Process(target=_cluster_into, args=(ds.url if not ds.local else os.path.abspath(ds.root),
                                                             tasks, known, str(side), os.getpid()), daemon=True)
            helper.start()
        _bulk_pragmas(c, fresh)
        t = time.perf_counter()
        speakers = _Speakers(ds, tasks) if parallel else None
        t = phase("speakers", t)
        c.execute("BEGIN IMMEDIATE")
        try:
            if is_stale(c):
                raise StoreError(f"{final}: its statements must be clustered first (open it with 'reportedly ingest')")
            indexes = _drop_indexes(c)
            loader = _Loader(store, known, speakers=speakers, cluster=not parallel)
            for i, task in enumerate(tasks, 1):
                got = _read_task(ds, task)
                t = phase("read", t)
                loader.task(got)
                t = phase("insert" if parallel else "insert and cluster", t)
                if on_task:
                    on_task(i, len(tasks))
            for sql in indexes:
                c.execute(sql)
            t = phase("indexes", t)
            for fts in ("documents_fts", "attributions_fts"):
                c.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")
            t = phase("full text", t)
            if speakers is not None:
                c.executemany("INSERT OR IGNORE INTO speakers (id, name, kind, surname) VALUES (?,?,?,?)",
                              speakers.rows(loader.used))
            else:
                loader.finish_statements()
                t = phase("statements", t)
                refresh_speakers(c, transaction=False)
            c.executemany("INSERT OR IGNORE INTO inputs (hash, path, documents) VALUES (?, ?, ?)",
                          [(i["hash"], i["path"], i.get("documents") or 0) for rec in ds.done().values()
                           for i in rec.get("inputs", []) if i.get("hash")])
            problems = c.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise StoreError(f"{final}: load left {len(problems)} rows without their document")
            t = phase("speakers", t)
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise
        if helper is not None:
            helper.join()
            t = phase("waiting for statements", t)
            if helper.exitcode != 0:
                raise StoreError(f"{final}: clustering the statements failed (helper exit {helper.exitcode})")
            _copy_statements(c, side)
            t = phase("statements", t)
        if fresh:
            c.execute("PRAGMA journal_mode = WAL")
            c.execute("PRAGMA optimize")
        stats = loader.stats
        stats.statements = int(c.execute("SELECT count(*) FROM statements WHERE documents > 1").fetchone()[0])
    except BaseException:
        store.close()
        if helper is not None and helper.is_alive():
            helper.kill()
            helper.join()
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        raise
    store.close()
    if fresh:
        for sfx in ("-wal", "-shm"):
            final.with_name(final.name + sfx).unlink(missing_ok=True)
        os.replace(target, final)
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
    stats.seconds = time.perf_counter() - t0
    stats.helper_cpu_seconds = _children_cpu() - children
    stats.cpu_seconds = time.process_time() - c0 + stats.helper_cpu_seconds
    stats.bytes = final.stat().st_size
    stats.phases = phases
    return stats
