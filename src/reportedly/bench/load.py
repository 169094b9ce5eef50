"""Load benchmark: ingest PolNeAR into a corpus store, then load the search API with concurrent clients.

    python -m reportedly.bench load [../shared/data/polnear] [--split train] [--clients 10] [--requests 1000]
                                    [--save-run bench/results/load.json]

1. **Ingest.** Every article of the split (840 in ``train``) is read with its publisher, date,
   title and author from ``metadata.tsv``, analysed with the real pipeline (the settings'
   components, or ``--components``) and stored in a fresh store (a temporary file unless
   ``--db``). Prints pipeline load time, analysis and storage time, and articles/s.
2. **Serve.** ``reportedly serve`` runs in a child process on a free loopback port.
3. **Load.** ``--clients`` threads, each with its own keep-alive connection, send ``--requests``
   ``GET /api/search`` requests in all (after a short warm-up), cycling through queries drawn
   from the corpus — words, phrases, speakers, outlets, anonymous/hedged only, date ranges — and
   time each one. Prints median, 95th and 99th percentile and maximum latency, throughput and
   errors, beside the targets (median < 50 ms, p95 < 200 ms). It never asserts: figures only.

``--save-run FILE`` also writes the figures, the command and the machine to FILE as JSON
(``python -m reportedly.bench figures`` renders README's corpus paragraph from it).
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, TypedDict
from urllib.parse import urlencode

TARGET_MEDIAN_MS = 50.0
TARGET_P95_MS = 200.0


def _default_polnear() -> Path:
    here = Path(__file__).resolve()
    for base in (Path.cwd(), *here.parents):
        cand = base.parent / "shared" / "data" / "polnear"
        if cand.is_dir():
            return cand
    return Path("../shared/data/polnear")


def _metadata(folder: Path) -> dict[str, dict[str, str]]:
    meta_file = folder / "metadata.tsv"
    if not meta_file.is_file():
        return {}
    with open(meta_file, encoding="utf-8", newline="") as f:
        return {row["filename"]: row for row in csv.DictReader(f, delimiter="\t")}


def _clean(value: str | None) -> str | None:
    return value if value and value != "None" else None


_ANON = re.compile(r"\b(officials?|sources?|aides?|people|person|someone|advisers?|analysts?|experts?|critics?|"
                   r"insiders?|observers?|staffers?|allies|supporters|residents|witnesses|reports?)\b", re.I)
_HEDGES = re.compile(r"\b(reportedly|allegedly|apparently|purportedly|supposedly|believed|rumou?red|"
                     r"said to|claimed?|may|might|could)\b", re.I)


def gold_attributions(doc, relations: list[dict[str, list[tuple[int, int]]]]) -> int:
    """Add PolNeAR's annotated attributions to ``doc`` (ids ``g1``…), with rough anonymity and hedges.

    Used with ``--gold``: the search load then runs on a corpus as dense in attributions as real
    news, whatever the attribution component finds today.
    """
    from ..document import Attribution, Source
    from ..errors import SpanError

    text, n = doc.text, 0
    for i, rel in enumerate(relations, 1):
        src = rel.get("source") or []
        src_text = " ".join(text[a:b] for a, b in src).strip()
        anonymous = bool(src_text) and (src_text[:1].islower() or bool(_ANON.search(src_text))) \
            and not any(w[:1].isupper() for w in src_text.split()[1:])
        window = " ".join(text[a:b] for a, b in rel.get("cue") or [])
        hedges = sorted({m.group(1).lower() for m in _HEDGES.finditer(window)})
        try:
            doc.add_attribution(Attribution(
                id=f"g{i}", source=Source(spans=list(src), entity=None if anonymous else (src_text or None),
                                          kind="anonymous" if anonymous else None, anonymous=anonymous,
                                          description=src_text if anonymous else None),
                cue=list(rel.get("cue") or []), content=list(rel.get("content") or []), hedges=hedges,
                component="polnear-gold"))
            n += 1
        except SpanError:
            continue
    return n


def ingest(folder: Path, split: str, db: Path, components: list[str] | None, limit: int | None,
           gold: bool = False) -> dict[str, Any]:
    """Analyse and store the split; returns the timings."""
    from ..api import Analyzer
    from ..corpus import Store
    from ..document import Document, Metadata

    files = sorted((folder / split / "text").glob("*.txt"))
    if limit:
        files = files[:limit]
    if not files:
        raise SystemExit(f"reportedly.bench load: no articles in {folder / split / 'text'}")
    meta = _metadata(folder)
    gold_rels: dict[str, list] = {}
    if gold:
        from ..evaluation.polnear import parse_ann

        for path in files:
            anns = sorted((folder / split / "attributions").glob(path.stem + "_*.ann"))
            if anns:
                gold_rels[path.stem] = parse_ann(anns[0].read_text("utf-8"))
    t0 = time.perf_counter()
    analyzer = Analyzer(components=components)
    t_load = time.perf_counter() - t0
    print(f"pipeline: {', '.join(f'{k} {v}' for k, v in analyzer.pipeline.versions.items()) or '(none)'}"
          f"  (loaded in {t_load:.2f} s)")
    t_analyse = t_store = 0.0
    added = failed = atts = 0
    show = sys.stderr.isatty()
    with Store(db) as store:
        for i, path in enumerate(files, 1):
            m = meta.get(path.stem, {})
            doc = Document(path.read_text(encoding="utf-8"), input=str(path), meta=Metadata(
                format="text", encoding="utf-8", title=_clean(m.get("title")), date=_clean(m.get("publication_date")),
                sitename=_clean(m.get("publisher")), authors=[a for a in [_clean(m.get("author"))] if a]))
            t1 = time.perf_counter()
            try:
                doc = analyzer.analyze(doc)
            except Exception as exc:  # a benchmark goes on; the failure is counted and named
                failed += 1
                print(f"  {path.name}: analysis failed: {type(exc).__name__}: {exc}", file=sys.stderr)
                t_analyse += time.perf_counter() - t1
                continue
            t2 = time.perf_counter()
            if gold and path.stem in gold_rels:
                doc.attributions = []
                gold_attributions(doc, gold_rels[path.stem])
            added += bool(store.add(doc))
            atts += len(doc.attributions)
            t3 = time.perf_counter()
            t_analyse += t2 - t1
            t_store += t3 - t2
            if show:
                print(f"\r  {i}/{len(files)} articles", end="", file=sys.stderr, flush=True)
        if show:
            print(file=sys.stderr)
        t4 = time.perf_counter()
        n_speakers = store.refresh_speakers()
        t_speakers = time.perf_counter() - t4
        counts = store.counts()
    n = len(files)
    total = t_analyse + t_store + t_speakers
    print(f"ingest: {n} articles ({added} stored, {failed} failed), {atts} attributions, {n_speakers} speakers")
    print(f"  analysis {t_analyse:.1f} s ({n / t_analyse if t_analyse else 0:.1f} articles/s), "
          f"storage {t_store:.2f} s ({n / t_store if t_store else 0:.0f} articles/s), "
          f"speaker resolution {t_speakers:.2f} s")
    print(f"  INGEST RATE: {n / total if total else 0:.2f} articles/s "
          f"({n / (total + t_load) if total + t_load else 0:.2f} with pipeline loading)")
    print(f"  store: {db} ({db.stat().st_size / 1e6:.1f} MB) {counts}")
    return {"articles": n, "stored": added, "failed": failed, "attributions": atts, "speakers": n_speakers,
            "seconds": total, "load": t_load, "analysis_s": t_analyse, "storage_s": t_store,
            "speakers_s": t_speakers}


def _queries(db: Path, n: int, seed: int = 0) -> list[dict[str, str]]:
    """A deterministic mix of search requests built from what the store holds.

    Half the queries are common news words (some very common: "said", "the"), half are words
    drawn from the stored headlines, so most requests differ; one in eight carries each filter.
    """
    import random
    import sqlite3

    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        speakers = [r[0] for r in conn.execute(
            "SELECT s.name FROM speakers s JOIN attributions a ON a.speaker_id = s.id GROUP BY s.id "
            "ORDER BY count(*) DESC LIMIT 50")]
        outlets = [r[0] for r in conn.execute("SELECT outlet FROM documents GROUP BY outlet_key ORDER BY count(*) DESC")]
        days = conn.execute("SELECT min(day), max(day) FROM documents").fetchone()
        titles = [r[0] or "" for r in conn.execute("SELECT title FROM documents")]
    finally:
        conn.close()
    common = ["Trump", "Clinton", "campaign", "said", "election", "Obama", "Republican", "Democrats", "poll",
              "immigration", "Senate", "voters", "debate", "economy", "email", '"White House"', "tax*",
              "Sanders OR Cruz", "foreign policy", "the"]
    vocab = sorted({w.strip(".,:;!?'\"‘’“”()").lower() for t in titles for w in t.split()} - {""})
    vocab = [w for w in vocab if len(w) >= 4 and w.isalpha()] or common
    months = []
    if days and days[0]:
        y0, m0 = int(days[0][:4]), int(days[0][5:7])
        y1, m1 = int((days[1] or days[0])[:4]), int((days[1] or days[0])[5:7])
        months = [f"{y:04d}-{m:02d}" for y in range(y0, y1 + 1) for m in range(1, 13)
                  if (y0, m0) <= (y, m) <= (y1, m1)]
    out: list[dict[str, str]] = []
    for i in range(n):
        q: dict[str, str] = {"q": common[i % len(common)] if i % 2 == 0 else rng.choice(vocab)}
        kind = i % 8
        if kind == 1 and speakers:
            q["speaker"] = rng.choice(speakers)
            if i % 16 == 1:
                q["q"] = ""
        elif kind == 2 and outlets:
            q["outlet"] = rng.choice(outlets)
        elif kind == 3:
            q["anonymous"] = "true"
        elif kind == 4:
            q["hedged"] = "true"
        elif kind == 5 and months:
            a, b = sorted((rng.choice(months), rng.choice(months)))
            q["from"], q["to"] = a, b
        elif kind == 6:
            q["limit"] = "50"
        out.append(q)
    return out


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    code = "import sys; from reportedly.cli import main; sys.exit(main())"
    proc = subprocess.Popen([sys.executable, "-c", code, "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            said = proc.stderr.read().decode()[-500:] if proc.stderr else ""
            raise SystemExit(f"reportedly.bench load: the server exited: {said}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("reportedly.bench load: the server did not start within 60 s")


class LoadResult(TypedDict):
    latencies: list[float]  # ms, one per answered request
    errors: list[str]
    wall: float  # seconds
    results: int  # search results in all answers


def load(port: int, queries: list[dict[str, str]], clients: int, warmup: int) -> LoadResult:
    """Send every query once from ``clients`` threads; returns latencies (ms) and errors."""
    lock = threading.Lock()
    todo = iter(queries)
    latencies: list[float] = []
    errors: list[str] = []
    results = [0]

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                q = next(todo, None)
            if q is None:
                break
            url = "/api/search?" + urlencode(q)
            t0 = time.perf_counter()
            try:
                conn.request("GET", url)
                resp = conn.getresponse()
                body = resp.read()
                dt = (time.perf_counter() - t0) * 1000
                if resp.status != 200:
                    with lock:
                        errors.append(f"{resp.status} {url}")
                    continue
                n = len(json.loads(body)["results"])
                with lock:
                    latencies.append(dt)
                    results[0] += n
            except (OSError, http.client.HTTPException, ValueError) as exc:
                with lock:
                    errors.append(f"{type(exc).__name__} {url}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    # warm-up: each client thread's first connection and the server's caches
    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for q in queries[:warmup]:
        warm.request("GET", "/api/search?" + urlencode(q))
        warm.getresponse().read()
    warm.close()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {"latencies": latencies, "errors": errors, "wall": wall, "results": results[0]}


def _cpu_seconds(pid: int) -> float | None:
    """User plus system CPU seconds a process has used (Linux /proc), None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _pct(values: list[float], p: float) -> float:
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reportedly.bench load", description=__doc__.split("\n\n")[0])
    ap.add_argument("polnear", nargs="?", type=Path, default=None,
                    help="the PolNeAR folder with metadata.tsv and SPLIT/text/*.txt (default ../shared/data/polnear)")
    ap.add_argument("--split", default="train")
    ap.add_argument("--limit", type=int, default=None, help="ingest only the first N articles")
    ap.add_argument("--components", default=None,
                    help="comma-separated pipeline components (default: the settings', i.e. the real pipeline)")
    ap.add_argument("--db", type=Path, default=None, help="store here (kept; reused without re-ingesting "
                    "when it already holds documents) instead of a temporary file")
    ap.add_argument("--gold", action="store_true", help="store PolNeAR's annotated attributions in place of the "
                    "pipeline's (the load then runs on a corpus as dense in attributions as real news)")
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--requests", type=int, default=1000, help="search requests in all (bounded)")
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--save-run", type=Path, metavar="FILE",
                    help="also write the figures, command and machine to FILE as JSON (bench figures reads it)")
    args = ap.parse_args(argv)
    from .runs import Run, number

    run = Run("load", list(sys.argv[1:] if argv is None else argv)) if args.save_run else None
    folder = args.polnear or _default_polnear()
    components = [c.strip() for c in args.components.split(",") if c.strip()] if args.components else None
    requests = max(1, min(args.requests, 100_000))
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="reportedly-load-")
        db = Path(tmp.name) / "polnear.db"
    else:
        db = args.db
    try:
        print(f"reportedly load benchmark — {folder} ({args.split}), {os.cpu_count()} CPUs")
        reuse = False
        if db.exists():
            from ..corpus import Store

            with Store(db) as s:
                reuse = s.counts()["documents"] > 0
        took: dict[str, Any] | None = None
        if reuse:
            print(f"ingest: skipped, {db} already holds documents")
        else:
            took = ingest(folder, args.split, db, components, args.limit, args.gold)
        port = _free_port()
        server = _start_server(db, port)
        try:
            queries = _queries(db, requests)
            cpu0 = _cpu_seconds(server.pid)
            res = load(port, queries, args.clients, min(args.warmup, len(queries)))
            cpu1 = _cpu_seconds(server.pid)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        lat, errors = res["latencies"], res["errors"]
        med, p95, p99 = _pct(lat, 0.5), _pct(lat, 0.95), _pct(lat, 0.99)
        print(f"search API: {len(lat)} requests from {args.clients} concurrent clients on 127.0.0.1 in "
              f"{res['wall']:.1f} s ({len(lat) / res['wall']:.0f} requests/s), {len(errors)} errors, "
              f"{res['results'] / max(len(lat), 1):.1f} results per answer")
        if lat:
            print(f"  latency ms: median {med:.1f} (target < {TARGET_MEDIAN_MS:.0f}: "
                  f"{'met' if med < TARGET_MEDIAN_MS else 'MISSED'}), p95 {p95:.1f} (target < {TARGET_P95_MS:.0f}: "
                  f"{'met' if p95 < TARGET_P95_MS else 'MISSED'}), p99 {p99:.1f}, mean {statistics.fmean(lat):.1f}, "
                  f"max {max(lat):.1f}")
        if cpu0 is not None and cpu1 is not None and lat:
            print(f"  server CPU: {(cpu1 - cpu0) * 1000 / (len(lat) + len(errors) + args.warmup):.2f} ms per request "
                  f"(one process; the figure to compare across runs on a busy machine)")
        for e in errors[:5]:
            print(f"  error: {e}", file=sys.stderr)
        if run is not None and args.save_run is not None:
            if took is not None:
                n, analysed, stored = took["articles"], took["analysis_s"], took["storage_s"]
                run.figures["ingest"] = {
                    "split": args.split, "gold": args.gold, **{k: took[k] for k in (
                        "articles", "stored", "failed", "attributions", "speakers")},
                    "pipeline_load_s": round(took["load"], 2), "analysis_s": round(analysed, 2),
                    "storage_s": round(stored, 2), "speakers_s": round(took["speakers_s"], 2),
                    "articles_per_s": number(n / took["seconds"]) if took["seconds"] else None,
                    "analysis_articles_per_s": number(n / analysed) if analysed else None,
                    "storage_articles_per_s": number(n / stored) if stored else None}
            per_request = ((cpu1 - cpu0) * 1000 / (len(lat) + len(errors) + args.warmup)
                           if cpu0 is not None and cpu1 is not None else None)
            run.figures["search"] = {
                "requests": len(lat) + len(errors), "answered": len(lat), "errors": len(errors),
                "clients": args.clients, "wall_s": round(res["wall"], 2),
                "requests_per_s": number(len(lat) / res["wall"]) if res["wall"] else None,
                "results_per_answer": number(res["results"] / max(len(lat), 1)),
                **{f"{k}_ms": number(round(v, 2)) for k, v in (
                    ("median", med), ("p95", p95), ("p99", p99),
                    ("mean", statistics.fmean(lat) if lat else float("nan")), ("max", max(lat, default=float("nan"))))},
                "target_median_ms": TARGET_MEDIAN_MS, "target_p95_ms": TARGET_P95_MS,
                "server_cpu_ms_per_request": number(round(per_request, 3)) if per_request is not None else None}
            run.save(args.save_run)
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
