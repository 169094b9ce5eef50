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
from itertools import repeat
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .backend import nfc
from .dataset import Dataset, _protocols
from .rows import outlet_key, pack_record, relay_with
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


def _pylist(table: Any, name: str) -> list[Any]:
    """One column of an Arrow table as a Python list."""
    return table.column(name).to_pylist()


_EPOCH = dt.date(1970, 1, 1)


def _days(column: Any) -> list[str | None]:
    """A ``date32`` column as ISO dates (``date.isoformat``), each distinct day written once."""
    import pyarrow as pa

    memo: dict[int | None, str | None] = {None: None}
    out = []
    for n in column.cast(pa.int32()).to_pylist():
        if n not in memo:
            memo[n] = (_EPOCH + dt.timedelta(days=n)).isoformat()
        out.append(memo[n])
    return out


def _pick(values: list[Any], order: list[int] | None) -> list[Any]:
    """``values`` at the indexes ``order`` (None: all of them, in order)."""
    return values if order is None else [values[i] for i in order]


def _rows_of(doc_ids: list[str], drow_of: dict[str, int]) -> tuple[list[int] | None, list[int]]:
    """The rows of a task's table that belong to the documents stored now (``drow_of``: document id →
    rowid), ordered as their documents (stably): their indexes (None: all, as they are) and rowids."""
    drows = [drow_of.get(d, 0) for d in doc_ids]
    if all(drows) and all(a <= b for a, b in zip(drows, drows[1:], strict=False)):
        return None, drows
    order = sorted((i for i, r in enumerate(drows) if r), key=drows.__getitem__)
    return order, [drows[i] for i in order]


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

    def of(self, keyed: list[tuple[Any, int, str, str | None]]) -> dict[Any, str]:
        """Attributions' speakers (``keyed``: ``(row, document rowid, key, kind)``, whole documents): row →
        speaker id."""
        from .speaker_index import speaker_of

        return speaker_of(keyed, self.resolved, self.kinds)

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
        """Insert one task's rows, then cluster its statements.

        The rows are read column by column (one list per column, zipped into the rows' tuples) and
        ordered by their document's place in the task, as the documents are: the rowids are those a
        document-by-document insert gives."""
        from .trace import _add_member

        c = self.c
        dt_ = tables["documents"]
        ids = _pylist(dt_, "id")
        index: dict[str, int] = {}  # document id → its place in the task (the documents stored now)
        drow_of: dict[str, int] = {}  # document id → its rowid
        for i, doc_id in enumerate(ids):
            if doc_id in self.ids:
                self.stats.existing += 1
                continue
            self.ids.add(doc_id)
            index[doc_id] = i
            drow_of[doc_id] = self.next_doc
            self.next_doc += 1
        new: list[int] | None = list(index.values())
        if len(index) == len(ids):
            new = None
        drows = list(drow_of.values())
        doc_day = _days(dt_.column("day"))
        outlet_keys = _pylist(dt_, "outlet_key")
        titles = [_nfc(t) for t in _pick(_pylist(dt_, "title"), new)]
        head = [_pick(_pylist(dt_, name), new) for name in ("input", "date_raw")]
        tail = [_pick(_pylist(dt_, name), new) for name in ("month", "outlet", "outlet_key", "url", "format")]
        days = _pick(doc_day, new)
        if self.minimal:  # what clustering reads of a document
            empty = [""] * len(drows)
            docs = list(zip(drows, _pick(ids, new), head[0], empty, titles, empty, head[1], days, *tail, empty,
                            strict=True))
        else:
            records = _pick(_pylist(dt_, "record"), new)
            bodies = [nfc((b or "").strip() or json.loads(r).get("text") or "")
                      for b, r in zip(_pick(_pylist(dt_, "body"), new), records, strict=True)]
            docs = list(zip(drows, _pick(ids, new), head[0], _pick(_pylist(dt_, "text_hash"), new), titles, bodies,
                            head[1], days, *tail, [pack_record(r) for r in records], strict=True))
        spans: list[tuple] = []
        claims: list[tuple] = []
        prov: list[tuple] = []
        if not self.minimal:
            for drow, layers, found, given in zip(drows, _pick(_pylist(dt_, "layers"), new),
                                                  _pick(_pylist(dt_, "claims"), new),
                                                  _pick(_pylist(dt_, "provenance"), new), strict=True):
                spans.extend((drow, name, s, e, label, json.dumps(data, ensure_ascii=False) if data else None)
                             for name, s, e, label, data in json.loads(layers))
                claims.extend((drow, text, reason, json.dumps(where), component)
                              for text, reason, where, component in json.loads(found))
                prov.extend((drow, *p.split("=", 1)) for p in given or [])
        # entities and their mentions
        et = tables["entities"]
        ents: list[tuple] = []
        mentions: list[tuple] = []
        if et.num_rows:
            order, erow_docs = _rows_of(_pylist(et, "document_id"), drow_of)
            starts, ends, texts = (_pylist(et, name) for name in ("starts", "ends", "texts"))
            seq, entity_id, name, kind, gender, anonymous = (
                _pylist(et, col) for col in ("seq", "entity_id", "name", "kind", "gender", "anonymous"))
            for i, drow in zip(range(et.num_rows) if order is None else order, erow_docs, strict=True):
                erow = self.next_ent
                self.next_ent += 1
                ents.append((erow, drow, seq[i], entity_id[i], name[i], kind[i], gender[i], int(anonymous[i])))
                n = len(texts[i])
                mentions.extend(zip(repeat(erow, n), repeat(drow, n), starts[i], ends[i], texts[i], strict=True))
        # attributions
        at = tables["attributions"]
        atts: list[tuple] = []
        att_rows: dict[tuple[str, str], tuple[int, str | None]] = {}
        if at.num_rows:
            doc_ids = _pylist(at, "document_id")
            order, att_docs = _rows_of(doc_ids, drow_of)
            arows = list(range(self.next_att, self.next_att + len(att_docs)))
            self.next_att += len(att_docs)
            att_id = _pick(_pylist(at, "attribution_id"), order)
            key = _pick(_pylist(at, "speaker_key"), order)
            chains = _pick(_pylist(at, "via_chain"), order)
            vias = [relay_with(chain, vo, self.is_outlet) if chain else vo
                    for chain, vo in zip(chains, _pick(_pylist(at, "via_outlet"), order), strict=True)]
            sids: list[str | None] = [None] * len(att_docs)
            if self.speakers is not None:
                speaker = _pick(_pylist(at, "speaker"), order)
                kind = _pick(_pylist(at, "speaker_kind"), order)
                got = self.speakers.of([(j, drow, k, kd) for j, (drow, k, s, kd)
                                        in enumerate(zip(att_docs, key, speaker, kind, strict=True)) if k and s])
                for j, speaker_id in got.items():
                    sids[j] = speaker_id
                self.used.update(got.values())
            hedges = _pick(_pylist(at, "hedges"), order)
            hedge_json: dict[tuple[str, ...], str] = {}
            for h in hedges:
                t = tuple(h or ())
                if t not in hedge_json:
                    hedge_json[t] = json.dumps(list(t), ensure_ascii=False)
            source_text, source_kind = (_pick(_pylist(at, name), order) for name in ("source", "source_kind"))
            atts = list(zip(
                arows, att_docs, att_id, key, sids, source_text, source_kind,
                [int(bool(x)) for x in _pick(_pylist(at, "anonymous"), order)],
                *(_pick(_pylist(at, name), order) for name in ("description", "role", "mention", "kind", "cue",
                                                               "content")),
                [hedge_json[tuple(h or ())] for h in hedges], [int(bool(h)) for h in hedges],
                _pick(_pylist(at, "date_raw"), order), _pick(_days(at.column("day")), order),
                _pick(_pylist(at, "via"), order), vias,
                *(_pick(_pylist(at, name), order) for name in ("score", "component", "entity", "entity_id",
                                                               "confidence")),
                [outlet_keys[index[d]] for d in _pick(doc_ids, order)], strict=True))
            if self.cluster:
                entity = _pick(_pylist(at, "entity"), order)
                doc_of = _pick(doc_ids, order)
                for j in range(len(att_docs)):
                    relay = vias[j] or ((entity[j] or source_text[j] or None) if (source_kind[j] or "") == "outlet"
                                        else None)
                    att_rows[(doc_of[j], att_id[j])] = (arows[j], relay)
        # what statements are made of
        members: list[tuple] = []
        st = tables["statements"]
        if self.cluster and st.num_rows:
            doc_ids = _pylist(st, "document_id")
            order, st_docs = _rows_of(doc_ids, drow_of)
            att_ids, tokens, keys = (_pylist(st, name) for name in ("attribution_id", "tokens", "keys"))
            for i, drow in zip(range(st.num_rows) if order is None else order, st_docs, strict=True):
                d = index[doc_ids[i]]
                arow, relay = att_rows[(doc_ids[i], att_ids[i])]
                members.append((arow, drow, tokens[i].split(" "), (doc_day[d], outlet_keys[d], relay), keys[i]))
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
            " via_outlet, score, component, entity, entity_id, confidence, outlet_key)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", atts)
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


#: the columns of each table that the loading process stores
_COLUMNS = {
    "documents": ["id", "input", "text_hash", "title", "body", "record", "date_raw", "day", "month", "outlet",
                  "outlet_key", "url", "format", "layers", "claims", "provenance"],
    "attributions": ["document_id", "attribution_id", "speaker_key", "speaker", "speaker_kind", "source",
                     "source_kind", "anonymous", "description", "role", "mention", "kind", "cue", "content", "hedges",
                     "date_raw", "day", "via", "via_chain", "via_outlet", "score", "component", "entity", "entity_id",
                     "confidence"],
    "entities": ["document_id", "seq", "entity_id", "name", "kind", "gender", "anonymous", "starts", "ends", "texts"],
    "statements": ["document_id", "attribution_id", "tokens", "keys"],
}
#: what the helper that clusters statements reads of the dataset (its attributions as above)
_MINIMAL = {"documents": ["id", "input", "title", "date_raw", "day", "month", "outlet", "outlet_key", "url", "format"],
            "entities": ["document_id"]}


def _read_task(ds: Dataset, task: str, minimal: bool = False, statements: bool = True) -> dict[str, Any]:
    """One task's tables, the columns the loader reads of them (``minimal``: the helper's; ``statements``:
    what statements are made of too, else an empty table)."""
    import pyarrow as pa

    def empty(columns: list[str]) -> Any:
        return pa.table({name: pa.array([], pa.string()) for name in columns})

    out = {}
    for name, columns in _COLUMNS.items():
        columns = _MINIMAL.get(name, columns) if minimal else columns
        if (name == "entities" and minimal) or (name == "statements" and not statements):
            out[name] = empty(columns[:1])
        else:
            out[name] = next(ds.read(name, [task], columns=columns))
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
                got = _read_task(ds, task, statements=not parallel)
                t = phase("read", t)
                loader.task(got)
                t = phase("insert" if parallel else "insert and cluster", t)
                if on_task:
                    on_task(i, len(tasks))
            for sql in indexes:
                c.execute(sql)
            t = phase("indexes", t)
            if speakers is not None:
                c.executemany("INSERT OR IGNORE INTO speakers (id, name, kind, surname) VALUES (?,?,?,?)",
                              speakers.rows(loader.used))
            else:
                loader.finish_statements()
                t = phase("statements", t)
                refresh_speakers(c, transaction=False, reindex=False)
            # after the speakers: the statements' full-text index holds each one's speaker (migration 0011)
            for fts in ("documents_fts", "attributions_fts"):
                c.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")
            t = phase("full text", t)
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
