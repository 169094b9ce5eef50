"""The corpus at scale: a Parquet dataset of N documents loaded into the store, then queried.

``python -m reportedly.bench scale --records FILE [--sizes 10000,100000] [--batch-files 24]``

- **Records**: real analysed articles (``reportedly analyze --format jsonl`` over PolNeAR, or
  ``--analyse N`` to analyse N PolNeAR articles here). A corpus of N documents is made of them and
  synthetic copies: each copy gets a new text (so a new id: a line added, about one attribution in
  six left out, in a third of the copies one quoted word changed; every span still valid), one of 60
  outlets and a date anywhere in 2015–2024. The copies are written as a dataset, as ``batch
  --output`` workers write one (500 documents per task), by two processes; that is preparation, not timed.
- **Load**: ``load`` of the dataset into a new store: documents per second (wall clock), processor
  time per document, the phases, and bytes per document of the store (with the biggest tables).
- **Ingest at that size**: the same 200 further copies stored one by one with ``Store.add`` into a copy
  of the loaded store (into the store itself, after its queries, where the disk has no room for a copy):
  processor time per document, which should not grow with the store.
- **Queries** on the loaded store, each kind 40 times with varied terms: search with one word, a
  phrase, a rare name, ``--speaker``, ``--outlet``; a speaker page (``Store.speaker``, the most
  quoted speakers and others), an outlet page (``outlet_profile``), a ``trace`` query; p50/p95 in ms.
  And one export: every attribution as CSV (rows per second).
- **PostgreSQL** (``--db postgresql://…``): the same dataset loaded into a schema of that database
  (``reportedly_bench_N``, made anew; ``load`` fills an SQLite store and copies it over), then the same
  queries, export and ingest probe (``Store.add`` into that store, wall clock too: the server's work is
  not this process's processor time).
- **Batch** (``--batch-files N``): N PolNeAR articles analysed by ``batch --output`` with 1 and with 2
  local worker processes: documents per second and the ratio.

It prints figures and never asserts them. ``--save-run FILE`` also writes them, the command and the
machine to FILE as JSON (``python -m reportedly.bench figures`` renders docs/scale.md's table from it).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

OUTLETS = 60
TASK_DOCS = 500


def _records(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def synthetic(rec: dict[str, Any], k: int, rng: random.Random) -> dict[str, Any]:
    """Copy ``k`` of a record with another id, outlet and date (see the module's description)."""
    from .trace import variant

    out = variant(rec, k, rng)
    out["sitename"] = f"Outlet {rng.randrange(OUTLETS):02d} News"
    day = 1 + rng.randrange(3650)
    y, rest = 2015 + day // 365, day % 365
    out["date"] = f"{y:04d}-{1 + rest // 31 % 12:02d}-{1 + rest % 28:02d}"
    return out


def _write_tasks(args: tuple[str, str, list[int], int]) -> int:
    """In a helper process: write the tasks ``numbers`` of a dataset of copies of the records."""
    from ..corpus.dataset import Dataset, tables, task_id
    from ..document import Document

    records_path, data, numbers, n = args
    records = _records(Path(records_path))
    ds = Dataset(data)
    written = 0
    for t in numbers:
        rng = random.Random(t)
        docs = []
        for i in range(t * TASK_DOCS, min(n, (t + 1) * TASK_DOCS)):
            rec = records[i % len(records)]
            docs.append(Document.from_dict(rec if i < len(records) else synthetic(rec, i // len(records), rng)))
        digest, name = f"{t:064x}", f"synthetic/{t:06d}.jsonl"
        ds.write_task(task_id([(name, digest)]), tables(docs), [{"hash": digest, "path": name, "documents": len(docs)}])
        written += len(docs)
    return written


def pg_schema(url: str, n: int) -> str:
    """A URL of the empty schema ``reportedly_bench_N`` of the database at ``url`` (dropped first if there)."""
    from urllib.parse import quote

    import psycopg

    schema = f"reportedly_bench_{n}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={schema}')}"


def make_dataset(records_path: Path, data: Path, n: int, procs: int = 2) -> float:
    """Write a dataset of ``n`` documents; returns the seconds it took."""
    t0 = time.perf_counter()
    tasks = list(range((n + TASK_DOCS - 1) // TASK_DOCS))
    parts = [(str(records_path), str(data), tasks[i::procs], n) for i in range(procs)]
    with multiprocessing.get_context("spawn").Pool(procs) as pool:
        pool.map(_write_tasks, parts)
    return time.perf_counter() - t0


def _shift(table: Any, column: str, days: int) -> Any:
    """``table`` with a date or timestamp column moved by ``days``."""
    import datetime as dt

    import pyarrow as pa

    values = table.column(column).to_pylist()
    moved = [v + dt.timedelta(days=days) if v is not None else None for v in values]
    return table.set_column(table.schema.get_field_index(column), column, pa.array(moved, table.schema.field(column).type))


def _moved(value: str | None, days: int) -> str | None:
    import datetime as dt

    if not value or len(value) < 10:
        return value
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return (day + dt.timedelta(days=days)).isoformat() + value[10:]


def replicate(base: Path, data: Path, copies: int) -> float:
    """A dataset of ``copies`` times the documents of the dataset at ``base``: each copy of a document gets
    another id, another of the outlets and a date 364 days later per copy (the texts, and so the statements,
    stay the same: copy ``j`` of a story is a wire story republished). Returns the seconds it took."""
    import hashlib

    import pyarrow as pa

    from ..corpus.dataset import Dataset, task_id

    t0 = time.perf_counter()
    src, out = Dataset(str(base)), Dataset(str(data))
    for task in src.tasks():
        got = {name: next(src.read(name, [task])) for name in ("documents", "attributions", "entities", "statements",
                                                                "failures")}
        for j in range(copies):
            t = dict(got)
            if j:
                days = 364 * j
                docs = t["documents"]
                old = docs.column("id").to_pylist()
                new = [hashlib.sha256(f"{i}:{j}".encode()).hexdigest()[:len(i)] for i in old]
                ids = dict(zip(old, new, strict=True))
                outlets = {o: f"Outlet {(int(hashlib.md5(o.encode()).hexdigest(), 16) + 7 * j) % OUTLETS:02d} News"
                           for o in set(docs.column("outlet").to_pylist())}
                recs = []
                for rec, i, o, d in zip(docs.column("record").to_pylist(), old, docs.column("outlet").to_pylist(),
                                        docs.column("date_raw").to_pylist(), strict=True):
                    rec = rec.replace(json.dumps(i), json.dumps(ids[i]), 1)
                    if d:
                        rec = rec.replace(f'"date": {json.dumps(d)}', f'"date": {json.dumps(_moved(d, days))}', 1)
                    recs.append(rec.replace(f'"sitename": {json.dumps(o)}', f'"sitename": {json.dumps(outlets[o])}', 1))

                def put(table: Any, column: str, values: list[Any]) -> Any:
                    return table.set_column(table.schema.get_field_index(column), column,
                                            pa.array(values, table.schema.field(column).type))

                docs = put(docs, "id", new)
                docs = put(docs, "record", recs)
                for col in ("outlet", "sitename"):
                    docs = put(docs, col, [outlets.get(o, o) for o in docs.column(col).to_pylist()])
                docs = put(docs, "outlet_key", [o.lower() for o in docs.column("outlet").to_pylist()])
                docs = put(docs, "date_raw", [_moved(d, days) for d in docs.column("date_raw").to_pylist()])
                docs = _shift(_shift(docs, "date", days), "day", days)
                docs = put(docs, "month", [d[:7] if d and len(d) >= 7 else None for d in docs.column("date_raw").to_pylist()])
                t["documents"] = docs
                for name in ("attributions", "entities", "statements"):
                    tb = put(t[name], "document_id", [ids[i] for i in t[name].column("document_id").to_pylist()])
                    if "outlet" in tb.column_names:
                        tb = put(tb, "outlet", [outlets.get(o, o) for o in tb.column("outlet").to_pylist()])
                    for col in ("day", "date", "document_date"):
                        if col in tb.column_names:
                            tb = _shift(tb, col, days)
                    if "date_raw" in tb.column_names:
                        tb = put(tb, "date_raw", [_moved(d, days) for d in tb.column("date_raw").to_pylist()])
                    t[name] = tb
            name = f"replica/{task}/{j}"
            digest = hashlib.sha256(name.encode()).hexdigest()
            out.write_task(task_id([(name, digest)]), t, [{"hash": digest, "path": name,
                                                          "documents": t["documents"].num_rows}])
    return time.perf_counter() - t0


class Samples(list[float]):
    """Seconds per query, and how many of the queries were stopped at the store's time budget."""

    stopped = 0


def _stats(samples: list[float]) -> dict[str, Any]:
    """p50 and p95 in ms, the number of samples, and (when any) how many were stopped at the time budget."""
    s = sorted(samples)
    p95 = s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]
    out = {"p50_ms": round(1000 * statistics.median(s), 2), "p95_ms": round(1000 * p95, 2), "n": len(s)}
    if getattr(samples, "stopped", 0):
        out["stopped"] = samples.stopped  # type: ignore[attr-defined]
    return out


def _ms(samples: list[float]) -> str:
    st = _stats(samples)
    stopped = f", {st['stopped']} stopped at the time budget" if st.get("stopped") else ""
    return f"p50 {st['p50_ms']:7.1f} ms  p95 {st['p95_ms']:7.1f} ms  (n={st['n']}{stopped})"


def _timed(fn: Any, args_list: list[Any], timer: Any = time.perf_counter) -> Samples:
    """The time each call of ``fn`` took; a query the store stops at its time budget (a one-line
    ``QueryError``) counts with the time it took, and as stopped."""
    from ..errors import QueryError

    out = Samples()
    for a in args_list:
        t0 = timer()
        try:
            fn(a)
        except QueryError:
            out.stopped += 1
        out.append(timer() - t0)
    return out


#: The words the searches of :func:`queries` draw from.
WORDS = ["president", "campaign", "election", "voters", "police", "economy", "tax", "email", "debate",
         "immigration", "Republican", "Democrats", "senator", "poll", "wall"]


def queries(db: Path | str, reps: int = 40, into: dict[str, Any] | None = None,
            timer: Any = time.perf_counter) -> dict[str, str]:
    """p50/p95 of each query kind on the store at ``db`` (as figures in ``into`` too, when given); ``timer``
    reads the clock (``time.process_time``: processor time, for a shared machine)."""
    from ..corpus import Store, outlet_profile

    def _clocked(fn: Any, args_list: list[Any]) -> Samples:
        return _timed(fn, args_list, timer)

    rng = random.Random(1)
    out: dict[str, str] = {}
    with Store(db, readonly=True) as s:
        c = s.conn
        top = [r[0] for r in c.execute("SELECT speaker_id FROM attributions WHERE speaker_id IS NOT NULL"
                                       " GROUP BY speaker_id ORDER BY count(*) DESC LIMIT 20")]
        names = dict(c.execute("SELECT id, name FROM speakers"))
        rare = [r[0] for r in c.execute("SELECT s.name FROM speakers s JOIN attributions a ON a.speaker_id = s.id"
                                        " WHERE s.name LIKE '% %' GROUP BY s.id HAVING count(*) <= 3 LIMIT 200")]
        if not rare:
            rare = [r[0] for r in c.execute("SELECT s.name FROM speakers s JOIN attributions a ON a.speaker_id = s.id"
                                            " GROUP BY s.id ORDER BY count(*) LIMIT 200")]
        outlets = [r[0] for r in c.execute("SELECT DISTINCT outlet FROM documents LIMIT 100")]
        words = WORDS
        phrases = ['"White House"', '"Hillary Clinton"', '"Donald Trump"', '"the campaign"', '"Supreme Court"',
                   '"health care"', '"national security"', '"New York"']
        any_speaker = list(names)
        taken: list[dict[str, Any]] = []

        def _record(samples: list[float]) -> str:
            taken.append(_stats(samples))
            return _ms(samples)

        out["search: one word"] = _record(_clocked(lambda q: s.search(q, limit=20), [rng.choice(words) for _ in range(reps)]))
        out["search: phrase"] = _record(_clocked(lambda q: s.search(q, limit=20), [rng.choice(phrases) for _ in range(reps)]))
        out["search: rare name"] = _record(_clocked(lambda q: s.search(q, limit=20), [rng.choice(rare) for _ in range(reps)]))
        out["search: --speaker (top 20)"] = _record(_clocked(lambda sp: s.search("", speaker=names[sp], limit=20),
                                                       [rng.choice(top) for _ in range(reps)]))
        out["search: word --speaker"] = _record(_clocked(lambda a: s.search(a[0], speaker=names[a[1]], limit=20),
                                                   [(rng.choice(words), rng.choice(top)) for _ in range(reps)]))
        out["search: --outlet"] = _record(_clocked(lambda o: s.search("", outlet=o, limit=20),
                                             [rng.choice(outlets) for _ in range(reps)]))
        out["search: word --outlet"] = _record(_clocked(lambda a: s.search(a[0], outlet=a[1], limit=20),
                                                  [(rng.choice(words), rng.choice(outlets)) for _ in range(reps)]))
        out["speaker page (any speaker)"] = _record(_clocked(s.speaker, [rng.choice(any_speaker) for _ in range(reps)]))
        out["speaker page (top 20)"] = _record(_clocked(s.speaker, [rng.choice(top) for _ in range(min(reps, 10))]))
        out["outlet page"] = _record(_clocked(lambda o: outlet_profile(s, o), [rng.choice(outlets) for _ in range(min(reps, 10))]))
        out["trace query"] = _record(_clocked(lambda q: s.trace(q, limit=20), [rng.choice(words) for _ in range(reps)]))
        # the web page's first 100 statements (its own draws, so that the queries above keep theirs)
        paged = random.Random(2)
        out["speaker page (top 20, first 100)"] = _record(_clocked(lambda sid: s.speaker(sid, limit=100),
                                                                 [paged.choice(top) for _ in range(min(reps, 10))]))
    if into is not None:
        into.update(zip(out, taken, strict=True))
    return out


def word_in_outlet(db: Path | str, outlets: int = 20, timer: Any = time.process_time) -> dict[str, Any]:
    """p50/p95 of a search for each of :data:`WORDS` within each of the first ``outlets`` outlets of
    :func:`queries` (every pair once, ``limit=20``; processor time unless ``timer`` says otherwise)."""
    from ..corpus import Store

    with Store(db, readonly=True) as s:
        names = [r[0] for r in s.conn.execute("SELECT DISTINCT outlet FROM documents LIMIT 100")][:outlets]
        return _stats(_timed(lambda a: s.search(a[0], outlet=a[1], limit=20),
                                [(w, o) for w in WORDS for o in names], timer))


def export_rate(db: Path | str, limit: int = 100_000, into: dict[str, Any] | None = None) -> str:
    """Rows per second of ``export --what attributions --format csv`` over its first ``limit`` rows, and the
    whole ``export --what speakers`` (as figures in ``into`` too, when given)."""
    import csv
    import itertools

    from ..corpus import Store, export
    from ..corpus.export import _joined, columns, csv_cell, rows

    with Store(db, readonly=True) as s, open(os.devnull, "w", encoding="utf-8", newline="") as sink:
        t0 = time.perf_counter()
        writer = csv.DictWriter(sink, fieldnames=columns("attributions"), extrasaction="ignore")
        n = 0
        for row in itertools.islice(rows(s, "attributions"), limit):
            writer.writerow({k: csv_cell(v) for k, v in _joined(row).items()})
            n += 1
        dt = time.perf_counter() - t0
        t1 = time.perf_counter()
        m = export(s, "speakers", "csv", sink)
        dt2 = time.perf_counter() - t1
    if into is not None:
        into.update({"attribution_rows": n, "attribution_rows_per_s": round(n / dt, 1) if dt else None,
                     "speaker_rows": m, "speakers_s": round(dt2, 2)})
    return (f"export --what attributions --format csv: {n / dt:,.0f} rows/s (first {n} rows); "
            f"--what speakers: {m} rows in {dt2:.1f} s")


def ingest_probe(db: Path | str, records: list[dict[str, Any]], n: int = 200) -> tuple[float, float]:
    """Processor and wall-clock ms per document of ``Store.add`` for the same ``n`` further copies (added to a
    copy of the store, or to the PostgreSQL store itself)."""
    from ..corpus import Store
    from ..document import Document

    rng = random.Random(-1)
    docs = [Document.from_dict(synthetic(rec, 10_000 + i, rng)) for i, rec in enumerate(records[:n])]
    with Store(db) as s:
        c0, t0 = time.process_time(), time.perf_counter()
        for d in docs:
            s.add(d)
        cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    return 1000 * cpu / len(docs), 1000 * wall / len(docs)


def table_bytes(db: Path) -> list[tuple[str, int]]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8").fetchall()
    except sqlite3.OperationalError:
        rows = []
    conn.close()
    return rows


def batch_rates(files: int, work: Path, into: dict[str, Any] | None = None) -> None:
    """``batch --output`` over ``files`` PolNeAR articles with 1 and 2 worker processes."""
    from ..corpus.archive import write_dataset
    from .load import _default_polnear

    src = work / "batch-in"
    src.mkdir(exist_ok=True)
    for p in sorted((_default_polnear() / "train" / "text").glob("*.txt"))[:files]:
        shutil.copy(p, src / p.name)
    rates = {}
    for workers in (1, 2):
        import resource

        out = work / f"batch-{workers}"
        shutil.rmtree(out, ignore_errors=True)  # a dataset left by an earlier run would be skipped as done
        t0 = time.perf_counter()
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        stats = write_dataset([str(src)], str(out), workers=workers, scheduler="processes", task_size=2)
        dt = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
        rates[workers] = stats.added / dt
        if into is not None:
            into[f"workers_{workers}"] = {"documents": stats.added, "wall_s": round(dt, 2),
                                          "documents_per_s": round(rates[workers], 3),
                                          "cpu_ms_per_document": round(1000 * cpu / max(stats.added, 1), 1)}
        print(f"  batch --output, {workers} worker(s): {stats.added} documents in {dt:.1f} s "
              f"({rates[workers]:.2f} documents/s, {1000 * dt / max(stats.added, 1):.0f} ms each; the workers' "
              f"processor time {1000 * cpu / max(stats.added, 1):.0f} ms per document, model loads included)",
              flush=True)
    print(f"  speed-up with 2 workers: {rates[2] / rates[1]:.2f}x (target >= 1.8x)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reportedly.bench scale", description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=Path, help="analysed records (JSON Lines)")
    ap.add_argument("--analyse", type=int, default=0, metavar="N", help="analyse N PolNeAR articles for records")
    ap.add_argument("--sizes", default="10000,100000", help="corpus sizes (default 10000,100000)")
    ap.add_argument("--batch-files", type=int, default=0, metavar="N",
                    help="also time batch --output over N PolNeAR articles with 1 and 2 workers")
    ap.add_argument("--work", type=Path, default=None, help="where datasets and stores go (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the datasets and stores")
    ap.add_argument("--reuse", action="store_true", help="use a dataset of that size already in --work")
    ap.add_argument("--db", default=None, metavar="URL",
                    help="a PostgreSQL database (postgresql://…): store and query the documents there instead")
    ap.add_argument("--save-run", type=Path, metavar="FILE",
                    help="also write the figures, command and machine to FILE as JSON (bench figures reads it)")
    args = ap.parse_args(argv)
    from .runs import Run

    run = Run("scale", _shown_argv(list(sys.argv[1:] if argv is None else argv))) if args.save_run else None
    figs: dict[str, Any] = run.figures if run is not None else {}
    figs["backend"] = "postgresql" if args.db else "sqlite"
    figs["sizes"] = {}
    work = args.work or Path(tempfile.mkdtemp(prefix="reportedly-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    records_path = args.records
    if args.analyse:
        from .load import _default_polnear
        from .trace import analyse

        recs, per = analyse(_default_polnear(), args.analyse)
        records_path = work / "records.jsonl"
        records_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
        print(f"analysed {len(recs)} articles, {per:.2f} s each")
        figs["analysed"] = {"articles": len(recs), "s_per_article": round(per, 3)}
    try:
        if args.batch_files:
            figs["batch"] = {"files": args.batch_files}
            batch_rates(args.batch_files, work, figs["batch"])
        if records_path is None:
            if not args.batch_files:
                ap.error("give --records FILE or --analyse N")
            if run is not None and args.save_run is not None:
                run.save(args.save_run)
            return 0
        records = _records(records_path)
        print(f"records: {len(records)} analysed articles from {records_path}", flush=True)
        figs["records"] = len(records)
        base: tuple[int, Path] | None = None  # the first size's dataset: larger ones are made of copies of it
        for n in [int(x) for x in args.sizes.split(",") if x]:
            data, db = work / f"data-{n}", work / f"store-{n}.db"
            if not args.db:  # a PostgreSQL run leaves an SQLite store of the same size alone
                db.unlink(missing_ok=True)
            how = "reused"
            if args.reuse and (data / "_done").is_dir():
                made = 0.0
            elif base is not None and n % base[0] == 0:  # copies of the first size's dataset
                shutil.rmtree(data, ignore_errors=True)
                made, how = replicate(base[1], data, n // base[0]), f"as {n // base[0]} copies of the first size's"
            else:
                shutil.rmtree(data, ignore_errors=True)
                made, how = make_dataset(records_path, data, n), "by 2 processes"
            base = base or (n, data)
            size = sum(f.stat().st_size for f in data.rglob("*") if f.is_file())
            print(f"\n== {n} documents: dataset written in {made:.0f} s {how} "
                  f"({size / 1e6:.0f} MB of Parquet, {size / n / 1024:.1f} KB per document)", flush=True)
            from ..corpus.load import load

            fig: dict[str, Any] = {"dataset_bytes": size, "dataset_s": round(made, 1), "dataset_made": how,
                                   "queries": {}, "export": {}}
            figs["sizes"][str(n)] = fig
            if args.db:
                url = pg_schema(args.db, n)
                stats = load(str(data), url)
                fig["load"] = _load_figures(stats)
                print(f"  load into PostgreSQL: {stats.summary()}")
                print("  phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in (stats.phases or {}).items()))
                for name, line in queries(url, into=fig["queries"]).items():
                    print(f"  {name:28} {line}", flush=True)
                print("  " + export_rate(url, into=fig["export"]), flush=True)
                cpu, wall = ingest_probe(url, records)
                fig["ingest"] = {"documents": min(200, len(records)), "cpu_ms": round(cpu, 2), "wall_ms": round(wall, 2)}
                print(f"  ingest at this size: {cpu:.1f} ms processor time per document in this process, {wall:.1f} ms"
                      " wall clock (Store.add of the same 200 further copies)", flush=True)
                continue
            stats = load(str(data), db)
            fig["load"] = _load_figures(stats)
            fig["tables"] = {name: b for name, b in table_bytes(db)}
            print(f"  load: {stats.summary()}")
            main_cpu = stats.cpu_seconds - stats.helper_cpu_seconds
            print(f"  processor time: loader {main_cpu:.1f} s, helper (statements) {stats.helper_cpu_seconds:.1f} s;"
                  f" on two free cores about {n / max(main_cpu, stats.helper_cpu_seconds, 1e-9):.0f} documents/s")
            print("  phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in (stats.phases or {}).items()))
            print("  biggest tables: " + ", ".join(f"{name} {b / n / 1024:.1f} KB/doc" for name, b in table_bytes(db)))
            for name, line in queries(db, into=fig["queries"]).items():
                print(f"  {name:28} {line}", flush=True)
            print("  " + export_rate(db, into=fig["export"]), flush=True)
            # the probe adds to a copy of the store where the disk holds one, else to the store itself (whose
            # queries are measured by then; a kept store then holds the 200 further copies too)
            copy = shutil.disk_usage(db.parent).free > 1.2 * db.stat().st_size + 2e9
            probe = db.with_name(db.stem + "-probe.db") if copy else db
            if copy:
                shutil.copy(db, probe)
            cpu, wall = ingest_probe(probe, records)
            fig["ingest"] = {"documents": min(200, len(records)), "cpu_ms": round(cpu, 2), "wall_ms": round(wall, 2),
                             "into": "a copy of the store" if copy else "the store itself"}
            print(f"  ingest at this size: {cpu:.1f} ms processor time per document, {wall:.1f} ms wall clock"
                  f" (Store.add of the same 200 further copies, into {fig['ingest']['into']})", flush=True)
            if copy:
                probe.unlink()
            if not args.keep:
                db.unlink(missing_ok=True)
        if run is not None and args.save_run is not None:
            run.save(args.save_run)
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _load_figures(stats: Any) -> dict[str, Any]:
    """What one ``load`` did and cost, as figures."""
    return {"documents": stats.documents, "existing": stats.existing, "attributions": stats.attributions,
            "statements": stats.statements, "wall_s": round(stats.seconds, 2),
            "documents_per_s": round(stats.rate, 1), "cpu_s": round(stats.cpu_seconds, 2),
            "helper_cpu_s": round(stats.helper_cpu_seconds, 2), "store_bytes": stats.bytes,
            "phases": {k: round(v, 2) for k, v in (stats.phases or {}).items()}}


def _shown_argv(argv: list[str]) -> list[str]:
    """The arguments as a run file records them: a database URL without its password."""
    import re

    return [re.sub(r"(postgres(?:ql)?://[^:/@]+):[^@]*@", r"\1:***@", a) for a in argv]


if __name__ == "__main__":
    raise SystemExit(main())
