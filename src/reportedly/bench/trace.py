"""Trace benchmark: what clustering statements costs at ingest, and how fast ``trace`` answers.

    python -m reportedly.bench trace [--records FILE] [--sizes 1000,3000,10000] [--analyse 40]

1. **Records.** The analysed PolNeAR articles (train + dev, with publisher, date, title and author
   from ``metadata.tsv``) as JSON Lines records: read from ``--records`` (``reportedly analyze
   --format jsonl`` output, or ``--save-records`` of an earlier run), else analysed here with the
   real pipeline (about 7 minutes on 2 cores).
2. **Ingest overhead.** ``--analyse`` articles are analysed to time the pipeline per article; every
   record is stored into a fresh store, timing storage and, within it, the statement clustering
   (``Store.statement_seconds``). Prints clustering as a share of storage and of a whole ingest
   (analysis + storage).
3. **Scaling.** For each size, a fresh store is filled with that many documents: the real records,
   then varied copies (another outlet label and date, some attributions left out, one quoted word
   changed in some copies, a line that makes the text, and so the id, new). Prints the storage and
   clustering time per size and per document, wall clock and processor time (on a shared machine
   the wall clock also measures the neighbours), and what clustering the same 200 further copies
   costs per document once the store holds that many: the cost of one more document at that size,
   with the same work at every size (the first 1,000 documents are mostly originals, the rest copies
   that join statements, so the totals compare different mixes). Beside each size, a fixed piece of
   clustering's own work (:func:`reference`) is timed before and after the fill; the processor times
   are also given at the first size's speed, so that a slower spell of a shared machine is not read
   as a cost of size.
4. **Query latency.** On the largest store, ``trace`` queries drawn from the corpus (words of
   statements seen in several documents, common words, a speaker or an outlet filter) are timed
   one after another in-process; prints median, p95 and max against the target (median < 100 ms).

Figures only: it never asserts.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .load import _clean, _default_polnear, _metadata

TARGET_MEDIAN_MS = 100.0


def analyse(folder: Path, limit: int | None = None) -> tuple[list[dict[str, Any]], float]:
    """PolNeAR train + dev analysed with the real pipeline; returns the records and seconds per article."""
    from ..api import Analyzer
    from ..document import Document, Metadata

    meta = _metadata(folder)
    files = [p for split in ("train", "dev") for p in sorted((folder / split / "text").glob("*.txt"))]
    if limit is not None:
        files = random.Random(0).sample(files, min(limit, len(files)))
    analyzer = Analyzer()
    out, t0 = [], time.perf_counter()
    for path in files:
        m = meta.get(path.stem, {})
        doc = Document(path.read_text(encoding="utf-8"), input=str(path), meta=Metadata(
            format="text", encoding="utf-8", title=_clean(m.get("title")), date=_clean(m.get("publication_date")),
            sitename=_clean(m.get("publisher")), authors=[a for a in [_clean(m.get("author"))] if a]))
        out.append(analyzer.analyze(doc).to_dict())
    return out, (time.perf_counter() - t0) / max(len(files), 1)


def variant(rec: dict[str, Any], k: int, rng: random.Random) -> dict[str, Any]:
    """Copy ``k`` of a record: a new text (one line added; every span still valid), another outlet label
    and date, about one attribution in six left out, and in a third of copies one quoted word changed."""
    rec = json.loads(json.dumps(rec))
    text = rec["text"]
    atts = [a for a in rec.get("attributions", []) if rng.random() > 1 / 6]
    if k % 3 == 0:
        for a in atts:
            spans = a.get("content", {}).get("spans") or []
            seg = text[spans[0][0]:spans[0][1]] if spans else ""
            if '"' in seg or "“" in seg:
                words = [w for w in seg.split() if w.isalpha() and len(w) >= 5]
                if words:
                    w = rng.choice(words)
                    start = spans[0][0] + seg.index(w)
                    text = text[:start] + w[::-1] + text[start + len(w):]  # same length: spans stay valid
                    break
    rec["text"] = text + f"\n\n(copy {k})"
    rec["attributions"] = atts
    keep = {a["id"] for a in atts}
    for a in atts:
        if a.get("via") not in keep:
            a["via"] = None
    rec["sitename"] = f"{rec.get('sitename') or 'outlet'}-{k % 4}"
    if rec.get("date"):
        day = int(rec["date"][8:10])
        rec["date"] = rec["date"][:8] + f"{(day + k) % 28 + 1:02d}" + rec["date"][10:]
    rec.pop("id", None)
    return rec


def corpus(records: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    rng = random.Random(n)
    out = list(records[:n])
    k = 0
    while len(out) < n:
        k += 1
        for rec in records:
            if len(out) >= n:
                break
            out.append(variant(rec, k, rng))
    return out


def reference(records: list[dict[str, Any]], n: int = 3000) -> float:
    """Seconds a fixed piece of clustering's own work takes (MinHash keys and a word comparison for
    ``n`` contents of the records, no store): the machine's speed at the moment, timed beside each size
    so that a slower spell of a shared machine is not read as a cost of size."""
    from ..corpus import trace as tr

    texts = []
    for rec in records:
        text = rec.get("text", "")
        for a in rec.get("attributions", []):
            words = tr.cased_tokens(" ".join(text[s:e] for s, e in a.get("content", {}).get("spans") or []))
            if len(words) >= tr.MIN_TOKENS:
                texts.append(words)
        if len(texts) >= n:
            break
    t0 = time.process_time()
    for a, b in zip(texts, texts[1:] + texts[:1], strict=True):
        tr.band_keys(a)
        tr.similar(a, b)
        tr.similar(a, a)
    return time.process_time() - t0


def probes(records: list[dict[str, Any]], n: int = 200) -> list[dict[str, Any]]:
    """The same ``n`` further copies for every size: what one more document costs at that size."""
    rng = random.Random(-1)
    return [variant(rec, 1000 + i, rng) for i, rec in enumerate(records[:n])]


def fill(db: Path, records: list[dict[str, Any]], probe: list[dict[str, Any]] | None = None) -> dict[str, float]:
    from ..corpus import Store
    from ..corpus import trace as tr
    from ..document import Document

    docs = [Document.from_dict(r) for r in records]
    with Store(db) as store:
        t0, c0, cc0 = time.perf_counter(), time.process_time(), tr.cpu_seconds
        for d in docs:
            store.add(d)
        t_store = time.perf_counter() - t0
        cpu_store, cpu_cluster = time.process_time() - c0, tr.cpu_seconds - cc0
        t_cluster = store.statement_seconds
        t1 = time.perf_counter()
        store.refresh_speakers()
        t_speakers = time.perf_counter() - t1
        row = store.conn.execute("SELECT count(*), coalesce(sum(documents > 1), 0), coalesce(sum(outlets > 1), 0),"
                                 " coalesce(max(occurrences), 0) FROM statements").fetchone()
        atts = store.counts()["attributions"]
        marginal = {}
        if probe:  # stored last, so the figures above are those of the corpus alone
            w0, pc0 = store.statement_seconds, tr.cpu_seconds
            for d in [Document.from_dict(r) for r in probe]:
                store.add(d)
            marginal = {"probe": len(probe), "probe_cluster": store.statement_seconds - w0,
                        "probe_cpu": tr.cpu_seconds - pc0}
        return {"documents": len(docs), "store": t_store, "cluster": t_cluster, "speakers": t_speakers,
                "cpu_store": cpu_store, "cpu_cluster": cpu_cluster, **marginal,
                "statements": row[0], "shared": row[1], "multi_outlet": row[2], "largest": row[3],
                "attributions": atts}


def queries(db: Path, n: int, seed: int = 0) -> list[dict[str, str]]:
    from ..corpus import Store
    from ..corpus.trace import FUNCTION_WORDS, tokens

    rng = random.Random(seed)
    with Store(db, readonly=True) as s:
        shared = [r[0] for r in s.conn.execute(
            "SELECT a.content_text FROM statements st JOIN attributions a ON a.rowid = st.first_att"
            " WHERE st.documents > 1 ORDER BY st.id LIMIT 2000")]
        speakers = [r[0] for r in s.conn.execute(
            "SELECT s.name FROM speakers s JOIN attributions a ON a.speaker_id = s.id GROUP BY s.id"
            " ORDER BY count(*) DESC LIMIT 30")]
        outlets = [r[0] for r in s.conn.execute("SELECT outlet FROM documents GROUP BY outlet_key")]
    common = ["Trump", "Clinton", "campaign", "said", "Muslims", "wall", "email", "tax", "debate", "Obama"]
    out = []
    for i in range(n):
        q: dict[str, str] = {}
        if i % 4 == 3:
            q["q"] = rng.choice(common)
        elif shared:
            words = [w for w in tokens(rng.choice(shared)) if w not in FUNCTION_WORDS and w.isalpha()]
            q["q"] = " ".join(rng.sample(words, min(len(words), rng.choice([1, 2, 3])))) if words else "said"
        if i % 8 == 1 and speakers:
            q["speaker"] = rng.choice(speakers)
        if i % 8 == 5 and outlets:
            q["outlet"] = rng.choice(outlets)
        out.append(q)
    return out


def latency(db: Path, qs: list[dict[str, str]]) -> dict[str, float]:
    from ..corpus import Store

    times, found = [], 0
    with Store(db, readonly=True) as s:
        s.trace("warm up")
        for q in qs:
            t0 = time.perf_counter()
            res = s.trace(q.get("q", ""), speaker=q.get("speaker"), outlet=q.get("outlet"), limit=20)
            times.append((time.perf_counter() - t0) * 1000)
            found += bool(res)
    times.sort()
    return {"n": len(times), "median": statistics.median(times), "p95": times[int(0.95 * (len(times) - 1))],
            "max": times[-1], "answered": found}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m reportedly.bench trace", description=__doc__.split("\n\n")[0])
    p.add_argument("polnear", nargs="?", type=Path, default=None, help="the PolNeAR folder (default ../shared/data/polnear)")
    p.add_argument("--records", type=Path, help="analysed records (JSON Lines) instead of analysing PolNeAR here")
    p.add_argument("--save-records", type=Path, help="write the records analysed here to this file")
    p.add_argument("--analyse", type=int, default=40, help="articles analysed to time the pipeline (default 40; 0: skip)")
    p.add_argument("--sizes", default="1000,3000,10000", help="corpus sizes, comma-separated")
    p.add_argument("--queries", type=int, default=200, help="trace queries timed on the largest store")
    p.add_argument("--keep", type=Path, help="keep the stores in this folder")
    args = p.parse_args(argv)
    folder = args.polnear or _default_polnear()
    per_article = None
    if args.records:
        records = [json.loads(line) for line in args.records.read_text("utf-8").splitlines() if line.strip()]
        if args.analyse:
            _, per_article = analyse(folder, args.analyse)
    else:
        records, per_article = analyse(folder)
        if args.save_records:
            args.save_records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    print(f"records: {len(records)} analysed articles"
          + (f"; analysis {per_article * 1000:.0f} ms per article" if per_article else ""))
    sizes = sorted(int(x) for x in args.sizes.split(",") if x.strip())
    with tempfile.TemporaryDirectory() as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        base = fill(where / "real.db", records)
        n = base["documents"]
        print(f"ingest of the real articles: {n} documents, {base['attributions']} attributions, "
              f"{base['statements']} statements, {base['shared']} in 2+ documents, {base['multi_outlet']} in 2+ outlets")
        print(f"  storage {base['store']:.2f} s ({base['store'] / n * 1000:.1f} ms/doc), of which clustering "
              f"{base['cluster']:.2f} s ({base['cluster'] / n * 1000:.2f} ms/doc) = "
              f"{base['cluster'] / (base['store'] - base['cluster']) * 100:.1f} % on top of storage")
        if per_article:
            whole = per_article * n + base["store"] - base["cluster"]
            print(f"  INGEST OVERHEAD: clustering adds {base['cluster'] / whole * 100:.2f} % to a whole ingest "
                  f"(analysis {per_article * n:.0f} s + storage {base['store'] - base['cluster']:.1f} s; target ≤ 20 %)")
        probe = probes(records)
        ref0 = reference(records)
        print("scaling: size | storage s | clustering s, ms/doc | clustering CPU s, ms/doc | "
              f"{len(probe)} more copies: clustering ms/doc, CPU ms/doc | reference CPU s | "
              "CPU ms/doc at the first size's speed | statements in 2+ documents | largest")
        rows = []
        for size in sizes:
            before = reference(records)
            got = fill(where / f"c{size}.db", corpus(records, size), probe)
            got["reference"] = (before + reference(records)) / 2  # the machine's speed while it filled
            rows.append((size, got))
            speed = rows[0][1]["reference"] / max(got["reference"], 1e-9)
            print(f"  {size:>6} | {got['store']:7.1f} | {got['cluster']:7.2f} {got['cluster'] / size * 1000:6.2f}"
                  f" | {got['cpu_cluster']:7.2f} {got['cpu_cluster'] / size * 1000:6.2f}"
                  f" | {got['probe_cluster'] / got['probe'] * 1000:6.2f} {got['probe_cpu'] / got['probe'] * 1000:6.2f}"
                  f" | {got['reference']:5.2f} | {got['cpu_cluster'] / size * 1000 * speed:6.2f}"
                  f" {got['probe_cpu'] / got['probe'] * 1000 * speed:6.2f}"
                  f" | {got['shared']:>6} | {got['largest']:>4}", flush=True)
        if len(rows) > 1:
            (s0, g0), (s1, g1) = rows[0], rows[-1]
            cpu = g1["cpu_cluster"] / max(g0["cpu_cluster"], 1e-9)
            print(f"  clustering grew {g1['cluster'] / max(g0['cluster'], 1e-9):.1f}x (CPU {cpu:.1f}x;"
                  f" {cpu * g0['reference'] / max(g1['reference'], 1e-9):.1f}x at one speed)"
                  f" for {s1 / s0:.1f}x the documents (reference {ref0:.2f} s before the first size)")
        largest = where / f"c{sizes[-1]}.db"
        lat = latency(largest, queries(largest, args.queries))
        print(f"query latency at {sizes[-1] + len(probe)} documents: {lat['n']} trace queries, median {lat['median']:.1f} ms, "
              f"p95 {lat['p95']:.1f} ms, max {lat['max']:.1f} ms ({lat['answered']} found statements; "
              f"target median < {TARGET_MEDIAN_MS:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
