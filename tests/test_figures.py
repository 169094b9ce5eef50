"""The benchmark tables of README.md and docs/ are rendered from the committed runs in bench/results/
(``python -m reportedly.bench figures``): every marked block must be what the runs render, and the
cheap quality figures of a committed run must be what the code computes today. Nothing is timed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reportedly.bench import figures
from reportedly.bench.__main__ import main as bench_main

ROOT = Path(__file__).resolve().parents[1]


def test_every_marked_block_is_what_the_committed_runs_render() -> None:
    assert figures.differences(ROOT) == [], "run `python -m reportedly.bench figures --write` and commit the result"


def test_every_renderer_has_its_block_and_every_block_its_renderer() -> None:
    found = [name for doc in figures.DOCUMENTS for name, _ in figures.blocks((ROOT / doc).read_text("utf-8"))]
    assert sorted(found) == sorted(figures.BLOCKS), "each block once, each renderer used"
    assert {"extraction", "attribution", "who-said-what"} <= {
        name for name, _ in figures.blocks((ROOT / "README.md").read_text("utf-8"))}


def test_the_committed_runs_say_where_and_how_they_ran() -> None:
    for path in sorted(figures.RESULTS.glob("*.json")):
        if path.name == "reference.json":
            continue
        run = json.loads(path.read_text("utf-8"))
        assert run["command"].startswith(f"python -m reportedly.bench {run['bench']} ")
        assert f"--save-run bench/results/{path.name}" in run["command"]
        assert {"cpu", "cores", "avx2", "avx512", "vnni", "load_average", "load_average_end"} <= set(run["machine"])
        assert run["date"].endswith("Z") and run["version"] and run["figures"]


def test_check_names_a_block_that_differs(tmp_path: Path, capsys) -> None:
    for doc in figures.DOCUMENTS:
        (tmp_path / doc).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / doc, tmp_path / doc)
    readme = tmp_path / "README.md"
    text = readme.read_text("utf-8")
    start = text.index("<!-- figures:attribution -->")
    at = text.index("| **0.", start)
    readme.write_text(text[:at] + "| **0.999** " + text[text.index("|", at + 2):], "utf-8")
    assert figures.differences(tmp_path) == ["README.md: block 'attribution' differs from what the committed runs render"]
    # --write puts the rendered block back
    fixed = figures.render(readme.read_text("utf-8"), "README.md")
    assert fixed == text


def test_figures_command(capsys) -> None:
    assert bench_main(["figures", "--check"]) == 0
    assert "matches bench/results/" in capsys.readouterr().out


def test_save_run_records_the_machine_and_the_figures(examples: Path, tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    shutil.copy(examples / "harbour-dispute.txt", tmp_path / "texts" / "a.txt")
    out = tmp_path / "run.json"
    assert bench_main(["extraction", str(tmp_path / "texts"), "--titles", "--save-run", str(out)]) == 0
    run = json.loads(out.read_text("utf-8"))
    assert run["bench"] == "extraction" and run["figures"] == {"titles": {"titled": 1, "texts": 1}}
    assert run["command"] == f"python -m reportedly.bench extraction {tmp_path / 'texts'} --titles --save-run {out}"
    assert isinstance(run["machine"]["avx2"], bool) and run["machine"]["cpu"]


# -- the committed runs are what the code computes today (cheap quality figures only) ------------------
@pytest.mark.slow
def test_extraction_run_holds_todays_body_and_metadata_scores(shared: Path) -> None:
    """Reportedly's body P/R/F1 from text dumps and HTML over the 102 dev pages, and the metadata
    counts against the hand-read gold set: a few seconds of reading, no timing."""
    from reportedly.bench import extraction as bench

    folder = shared / "data" / "extraction-bench" / "dev"
    run = figures.runs("extraction")[-1]["figures"]
    ids, gt, pages = bench.load_pages(folder)
    truth = [gt[k] for k in ids]
    assert run["pages"] == len(pages)
    committed = {r["mode"]: r for r in run["rows"] if r["extractor"] == "reportedly"}
    for mode, make in (("text", bench._ours_text), ("html", bench._ours_html)):
        read = make()
        fresh = bench.body_scores(zip(truth, [read(p) for p in pages], strict=True))
        assert {k: round(fresh[k], 6) for k in ("f1", "precision", "recall")} == {
            k: round(committed[mode][k], 6) for k in ("f1", "precision", "recall")}, mode
    gold = ROOT / run["metadata"]["gold"]
    assert {m: {k: list(v) for k, v in s.items()} for m, s in bench._print_metadata(gold, ids, pages).items()} == {
        m: run["metadata"][m] for m in ("html", "text")}


def test_titles_run_holds_todays_count(shared: Path) -> None:
    from reportedly.bench.extraction import count_titles
    from reportedly.bench.runs import Run

    run = figures.runs("titles")[-1]["figures"]["titles"]
    fresh = Run("extraction", [])
    assert count_titles(shared / "data" / "polnear" / "dev" / "text", fresh) == 0
    assert fresh.figures["titles"] == run


def test_the_body_figures_quoted_beside_the_cli_commands_are_the_runs() -> None:
    """README's "# body F1 …" comments (the same figures through the CLI and body_f1.py) sit in a
    command block, not a figure block: they must still say what the committed run says."""
    import re

    quoted = re.findall(r"(/tmp/(txt|html)\.jsonl [\d.]+ +# body F1 ([\d.]+))", (ROOT / "README.md").read_text("utf-8"))
    rows = {r["mode"]: r for r in figures.runs("extraction")[-1]["figures"]["rows"] if r["extractor"] == "reportedly"}
    assert {mode for _, mode, _ in quoted} == {"txt", "html"}
    for _, mode, f1 in quoted:
        assert f1 == f"{rows['text' if mode == 'txt' else 'html']['f1']:.3f}", mode


def test_digest_run_holds_the_digests_the_determinism_test_pins() -> None:
    """tests/test_determinism.py computes the examples' and the seed's digests afresh against its pins;
    the committed digest run must hold the same, so the docs' digest table is today's records."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("pins", ROOT / "tests" / "test_determinism.py")
    assert spec is not None and spec.loader is not None
    pins = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pins)
    run = figures.runs("digest-examples-seed")[-1]["figures"]["digests"]
    assert {k: v[:16] for k, v in run.items()} == {**pins.EXAMPLES_DIGESTS, "000_645b49bcd7d0ac49.txt": pins.SEED_DIGEST}
