"""The trace benchmark runs end to end on a few records (it prints figures; nothing is timed here)."""

from __future__ import annotations

import json
from pathlib import Path

from reportedly.bench import trace as bench


def test_trace_benchmark_runs_on_records(tmp_path: Path, capsys) -> None:
    from corpus import trace_gold

    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps(d.to_dict()) + "\n" for d in trace_gold.documents()), "utf-8")
    assert bench.main([str(tmp_path), "--records", str(records), "--analyse", "0", "--sizes", "7,20",
                       "--queries", "5"]) == 0
    out = capsys.readouterr().out
    assert "ingest of the real articles: 7 documents" in out
    assert "query latency at 27 documents: 5 trace queries" in out  # the 20 and the 7 further copies timed alone
    rows = [line.split("|") for line in out.splitlines() if line.strip().startswith(("7 |", "20 |"))]
    assert len(rows) == 2 and all(len(r) == 9 for r in rows)  # per size: totals, further copies, reference


def test_variants_keep_spans_valid() -> None:
    import random

    from corpus import trace_gold
    from reportedly.document import Document

    rec = trace_gold.documents()[1].to_dict()
    for k in range(1, 7):
        copy = bench.variant(rec, k, random.Random(k))
        doc = Document.from_dict(copy)  # checks every span
        assert doc.id != rec["id"] and doc.meta.sitename.startswith("Harbor Post-")
