"""Several processes creating the same new store at once all succeed, and the schema is applied once."""

from __future__ import annotations

import multiprocessing
import sqlite3


def _open(path: str, barrier, results) -> None:
    from reportedly.corpus.store import Store

    barrier.wait(timeout=60)
    try:
        with Store(path) as store:
            results.put(("ok", store.schema_version))
    except Exception as exc:  # reported to the test, not raised in the child
        results.put(("error", str(exc)))


def test_concurrent_creators_of_a_new_store_all_succeed(tmp_path) -> None:
    from reportedly.corpus.migrate import migrations

    ctx = multiprocessing.get_context("fork")
    for trial in range(5):
        path = str(tmp_path / f"new-{trial}.db")
        n = 6
        barrier, results = ctx.Barrier(n), ctx.Queue()
        procs = [ctx.Process(target=_open, args=(path, barrier, results)) for _ in range(n)]
        for p in procs:
            p.start()
        outcomes = [results.get(timeout=120) for _ in range(n)]
        for p in procs:
            p.join(timeout=60)
        assert outcomes == [("ok", len(migrations()))] * n
        with sqlite3.connect(path) as conn:
            applied = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert applied == [m[0] for m in migrations()]  # each migration once
