"""The extraction benchmark: its measure, the generic dispatcher, a run on a tiny folder (no timing checked)."""

from __future__ import annotations

import gzip
import json

import pytest

from reportedly.bench import available
from reportedly.bench.__main__ import main as bench_main
from reportedly.bench.extraction import body_scores


def test_measure() -> None:
    truth = "one two three four five six"
    assert body_scores([(truth, truth)])["f1"] == 1.0
    assert body_scores([(truth, "")])["f1"] == 0.0
    half = body_scores([(truth, "one two three four five")])  # 2 of 3 shingles, none wrong
    assert half["precision"] == 1.0 and half["recall"] == pytest.approx(2 / 3)


def test_dispatcher(capsys) -> None:
    assert "extraction" in available()
    assert bench_main(["no-such-benchmark"]) == 2
    assert "unknown benchmark" in capsys.readouterr().err


def test_runs_on_a_folder(examples, tmp_path, capsys) -> None:
    txt = (examples / "harbour-dispute.txt").read_bytes()
    (tmp_path / "p1.txt").write_bytes(txt)
    (tmp_path / "p1.html.gz").write_bytes(gzip.compress((examples / "library-reopens.html").read_bytes()))
    body = txt.decode().split("\n\n")[4]
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": body, "url": ""}}))
    assert bench_main(["extraction", str(tmp_path), "--no-peers", "--all-cores"]) == 0
    out = capsys.readouterr().out
    assert "text  reportedly" in out and "html  reportedly" in out and "peak RSS" in out
