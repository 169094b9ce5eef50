"""The benchmarks that feed README's corpus, fuzzing and memory figures and docs/scale.md save what they
measured with ``--save-run``, and the renderers read those run files. Figures are checked for shape,
never for speed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportedly.bench import figures
from reportedly.bench import runs as bench_runs


def _run(bench: str, fig: dict) -> dict:
    return {"bench": bench, "command": f"python -m reportedly.bench {bench} --save-run bench/results/{bench}.json",
            "date": "2026-12-07T12:00:00Z", "version": "0.0.0", "source": {"commit": "a" * 40, "src_modified": []},
            "machine": {"cpu": "Test CPU", "cores": 2, "avx2": True, "avx512": False, "vnni": False, "flags": [],
                        "load_average": [1.0, 1.0, 1.0], "load_average_end": [2.0, 1.0, 1.0]},
            "figures": fig}


def test_fuzz_save_run_writes_the_counts_and_outcomes(tmp_path: Path) -> None:
    pytest.importorskip("hypothesis")
    from reportedly.bench.fuzz import main

    out = tmp_path / "fuzz.json"
    main(["--examples", "3", "--target", "cleaner", "--target", "store", "--save-run", str(out)])
    run = json.loads(out.read_text("utf-8"))
    f = run["figures"]
    assert run["bench"] == "fuzz" and f["inputs"] == 6 and set(f["targets"]) == {"cleaner", "store"}
    assert f["uncaught_exceptions"] == 0 and f["over_budget"] == 0
    assert f["targets"]["store"]["answered"] + f["targets"]["store"]["refused"] == 3
    assert f["slowest"]["target"] in {"cleaner", "store"} and isinstance(f["slowest"]["size"], int)


def test_the_renderers_read_the_memory_load_fuzz_and_scale_runs(tmp_path: Path, monkeypatch) -> None:
    rows = [{"case": c, "command": cmd, "exit": 1, "peak_rss_mb": 100.0 + i, "wall_s": 1.0, "records": i % 2,
             "stderr": ["reportedly: too large"]}
            for i, (c, cmd) in enumerate([("refused", "reportedly analyze big.txt"),
                                          ("pipe", "cat big.txt | reportedly analyze -")])]
    runs = {
        "memory": {"big_bytes": 100_000_000, "gz_bytes": 390_000, "measured_with": "ru_maxrss", "rows": rows},
        "load": {"ingest": {"articles": 840, "stored": 840, "failed": 0, "attributions": 16_000, "speakers": 900,
                            "articles_per_s": 3.4, "analysis_s": 240.0, "storage_s": 3.0, "speakers_s": 1.0,
                            "storage_articles_per_s": 280.0},
                 "search": {"requests": 1000, "clients": 10, "errors": 0, "median_ms": 25.5, "p95_ms": 72.3,
                            "target_median_ms": 50.0, "target_p95_ms": 200.0, "server_cpu_ms_per_request": 3.1}},
        "fuzz": {"inputs": 4000, "uncaught_exceptions": 0, "over_budget": 0, "seconds": 300.0,
                 "targets": {"readers": {"inputs": 1000, "documents": 600, "failures": 700},
                             "attribution": {"inputs": 1000}, "store": {"inputs": 1000, "answered": 500, "refused": 500}},
                 "slowest": {"seconds": 6.4, "target": "attribution", "size": 10_124}},
    }
    q = {"p50_ms": 12.0, "p95_ms": 1234.0, "n": 40}
    def size(n: int, store_bytes: int) -> dict:
        return {"dataset_bytes": 87 * n * 100, "dataset_s": 66.0, "dataset_made": "by 2 processes",
                "load": {"wall_s": 61.6, "documents_per_s": 162.0, "cpu_s": 54.0 * n / 10_000,
                         "helper_cpu_s": 28.0 * n / 10_000, "store_bytes": store_bytes},
                "ingest": {"documents": 200, "cpu_ms": 23.9, "wall_ms": 40.0},
                "queries": {key: q for _, key, _ in figures._SCALE_QUERIES},
                "export": {"attribution_rows_per_s": 17_800.0}}

    runs["scale"] = {"backend": "sqlite", "records": 300, "analysed": {"articles": 300, "s_per_article": 0.6},
                     "sizes": {"10000": size(10_000, 401_000_000), "100000": size(100_000, 3_998_000_000)}}
    for name, fig in runs.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(_run(name, fig)), "utf-8")
    monkeypatch.setattr(bench_runs, "RESULTS", tmp_path)  # where runs() reads the committed runs

    memory = figures.memory_table()
    assert "| `cat big.txt \\| reportedly analyze -` (size unknown" in memory and "| 101 MB | 1 | 1 |" in memory
    corpus = figures.corpus_phrase()
    assert "840 articles ingested at 3.40 articles/s (840 stored, 0 failed" in corpus and "median 25.5 ms and p95 72.3 ms" in corpus
    fuzz = figures.fuzz_phrase()
    assert fuzz.startswith("4,000 inputs (1,000 readers, 1,000 attribution, 1,000 store;")
    assert "**0 uncaught exceptions, 0 over the budget**" in fuzz and "an attribution input of 10,124 characters" in fuzz
    scale = figures.scale_table()
    assert "|  | 10,000 documents | 100,000 documents | target |" in scale  # every size of the one run
    assert "| store size | 401 MB, 39.2 KB per document | 3,998 MB, 39.0 KB per document | was 49 KB |" in scale
    assert "| outlet page | 12 / 1,234 ms | 12 / 1,234 ms |  |" in scale
    assert "| `load`: processor time per document, both processes | 5.4 ms (loader 2.6, statements 2.8) |" in scale
