"""Copy an SQLite store into an empty PostgreSQL store, row for row (``COPY``), in one transaction.

    python -m reportedly.corpus.pg_copy corpus.db postgresql://user@host/db

Every table keeps its rows and rowids (so statement ids and links stay what they were), and each
document its record as PostgreSQL keeps it (the JSON text that SQLite keeps packed); the full-text rows
are built from the copied texts as :class:`~reportedly.corpus.postgres.PostgresDialect` builds them
when a document is stored. ``reportedly load DIR --db postgresql://…`` loads the dataset into a
temporary SQLite store with the bulk loader and copies it over with this.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path
from typing import Any, cast

from ..errors import StoreError
from .postgres import PgConnection, PostgresStore, tsvector
from .rows import record_text
from .store import Store

#: The tables copied as they are, parents before children.
TABLES = ("documents", "speakers", "entities", "entity_mentions", "spans", "attributions", "claims", "provenance",
          "inputs", "statements", "statement_members", "statement_keys", "statement_state")
#: The tables whose ``rowid`` is a serial column: their sequences continue after the copied rows.
SERIAL = ("documents", "entities", "entity_mentions", "spans", "attributions", "claims", "provenance")


def _columns(store: PostgresStore, table: str) -> list[str]:
    return [r[0] for r in store.conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = ? ORDER BY ordinal_position", (table,))]


def _copy(store: PostgresStore, table: str, columns: list[str], rows: Any) -> int:
    names = ", ".join(f'"{c}"' for c in columns)
    n = 0
    with cast(PgConnection, store.conn).raw.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)
            n += 1
    return n


def _unpacked(rows: Any, cols: list[str]) -> Any:
    """Documents' rows with their ``record`` as PostgreSQL keeps it: the JSON text, unpacked from SQLite's
    zlib BLOB (migration 0010; :func:`~reportedly.corpus.rows.record_text`)."""
    if "record" not in cols:
        yield from rows
        return
    at = cols.index("record")
    for row in rows:
        yield (*row[:at], record_text(row[at]), *row[at + 1:])


def copy_store(src: str | Path, url: str) -> dict[str, int]:
    """Copy the SQLite store at ``src`` into the PostgreSQL store at ``url`` (created or migrated first,
    and empty); returns the rows copied per table. Either every row is copied or none."""
    with Store(src, readonly=True) as lite, Store(url) as pg:
        assert isinstance(pg, PostgresStore)
        if pg.conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
            raise StoreError(f"{pg.path}: copying a store needs an empty PostgreSQL store; this one holds documents")
        if lite.schema_version != pg.schema_version:
            raise StoreError(f"{src}: schema version {lite.schema_version}, not {pg.schema_version}: "
                             "open it once for writing to migrate it first")
        sq: sqlite3.Connection = lite.conn
        counts: dict[str, int] = {}
        pg.conn.execute("BEGIN IMMEDIATE")
        try:
            for table in TABLES:
                have = {r[1] for r in sq.execute(f"PRAGMA table_info({table})")} | {"rowid"}
                cols = [c for c in _columns(pg, table) if c in have]
                rows = sq.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM {table}")
                counts[table] = _copy(pg, table, cols, _unpacked(rows, cols) if table == "documents" else rows)
            counts["documents_fts"] = _copy(pg, "documents_fts", ["rowid", "tsv"], (
                (r[0], tsvector(r[1], r[2])) for r in sq.execute("SELECT rowid, title, content FROM documents")))
            counts["attributions_fts"] = _copy(pg, "attributions_fts", ["rowid", "tsv"], (
                (r[0], tsvector(r[1], r[2]))
                for r in sq.execute("SELECT rowid, content_text, source_text FROM attributions")))
            counts["statements_fts"] = _copy(pg, "statements_fts", ["rowid", "content", "tsv"], (
                (r[0], r[1], tsvector(r[1])) for r in sq.execute("SELECT rowid, content FROM statements_fts")))
            for table in SERIAL:
                pg.conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'rowid'),"
                                f" coalesce(max(rowid), 0) + 1, false) FROM {table}")
            pg.conn.execute("COMMIT")
        except BaseException:
            if pg.conn.in_transaction:
                pg.conn.execute("ROLLBACK")
            raise
        pg.conn.execute("VACUUM ANALYZE")  # the visibility map and statistics the planner needs to use the GIN indexes
    return counts


def database_bytes(url: str) -> int:
    """The bytes the store's tables take in the database (indexes and full text included)."""
    with Store(url, readonly=True) as pg:
        return int(pg.conn.execute(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace ns"
            " ON ns.oid = c.relnamespace WHERE ns.nspname = current_schema() AND c.relkind = 'r'").fetchone()[0])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m reportedly.corpus.pg_copy STORE.db postgresql://…", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    try:
        counts = copy_store(args[0], args[1])
    except StoreError as exc:
        print(f"pg_copy: {exc}", file=sys.stderr)
        return 1
    print(f"copied {counts['documents']} documents, {counts['attributions']} attributions, "
          f"{counts['statements']} statements in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
