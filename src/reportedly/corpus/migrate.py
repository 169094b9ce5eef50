"""Schema migrations of the corpus store: numbered SQL files in ``migrations/``, applied in order.

``PRAGMA user_version`` holds the number of the last migration applied and ``schema_migrations``
records when each was applied. Each migration runs in its own ``BEGIN IMMEDIATE`` transaction, so
several processes opening a new store at once apply each one exactly once (a busy answer is
retried by :func:`retry_busy`).

What SQL alone cannot compute, a migration asks of a function of this module, which :func:`migrate`
registers on the connection (:data:`FUNCTIONS`): ``pack_record(record)`` packs a record's JSON text
with zlib (migration 0010).
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .rows import pack_record

_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


def _pack_record(value: Any) -> Any:
    """A record's JSON text packed (:func:`reportedly.corpus.rows.pack_record`); anything else (a record
    packed already, NULL) as it is."""
    return pack_record(value) if isinstance(value, str) else value


#: The SQL functions migrations may call: ``name → (number of arguments, function)``.
FUNCTIONS: dict[str, tuple[int, Callable[..., Any]]] = {"pack_record": (1, _pack_record)}


def migrations() -> list[tuple[int, str, str]]:
    """The packaged migrations as ``(number, name, sql)``, numbered from 1 without gaps."""
    found = []
    for entry in resources.files("reportedly.corpus").joinpath("migrations").iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort()
    for i, (n, name, _) in enumerate(found, 1):
        if n != i:
            raise StoreError(f"migration {name} is out of sequence (expected number {i})")
    return found


def _statements(sql: str) -> Iterator[str]:
    buf = ""
    for line in sql.splitlines(keepends=True):
        if not buf and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            yield buf.strip()
            buf = ""
    if buf.strip():
        raise StoreError(f"incomplete SQL statement in a migration: {buf.strip()[:60]!r}")


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite's SQLITE_BUSY / SQLITE_LOCKED ("database is locked")."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return True
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


def retry_busy(step: Callable[[], Any], timeout: float) -> Any:
    """Run ``step`` again while SQLite answers "database is locked", for up to ``timeout`` seconds.

    Switching a new file to WAL and creating the schema take locks that SQLite's busy handler does
    not always wait for (it answers SQLITE_BUSY at once to avoid a deadlock), so several processes
    creating the same store at once would otherwise see some of them fail.
    """
    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


def schema_version(conn: sqlite3.Connection) -> int:
    """The number of the last migration applied to the store behind ``conn``."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_version(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a store (opened read-only) whose schema is not the one this reportedly writes."""
    latest = len(migrations())
    have = schema_version(conn)
    if have > latest:
        raise StoreError(f"{path}: store schema is version {have}, newer than this reportedly knows ({latest}); "
                         "upgrade reportedly to read it")
    if have != latest:
        raise StoreError(f"{path}: store schema is version {have}, this reportedly needs {latest} "
                         "(open it once for writing, e.g. 'reportedly ingest', to migrate)")


def migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Apply every migration newer than the store's ``user_version``; returns the version."""
    have = schema_version(conn)
    known = migrations()
    if have > len(known):
        raise StoreError(f"{path}: store schema is version {have}, newer than this reportedly "
                         f"knows ({len(known)}); upgrade reportedly to open it")
    pending = [m for m in known if m[0] > have]
    for fname, (nargs, func) in FUNCTIONS.items() if pending else ():
        conn.create_function(fname, nargs, func, deterministic=True)
    for number, name, sql in pending:
        try:
            conn.execute("BEGIN IMMEDIATE")
            if schema_version(conn) >= number:  # another process migrated meanwhile
                conn.execute("ROLLBACK")
                continue
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                "name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT "
                "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")
            for stmt in _statements(sql):
                conn.execute(stmt)
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (number, name))
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if is_busy(exc):
                raise  # another process is creating or migrating the store: the opener retries
            raise StoreError(f"{path}: migration {name} failed: {exc}") from exc
    return schema_version(conn)
