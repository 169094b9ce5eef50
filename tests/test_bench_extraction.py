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


def test_metadata_scores() -> None:
    from reportedly.bench.extraction import date_matches, metadata_scores

    assert date_matches("2019-11-18T23:10:00-05:00", "2019-11-19T04:10:00+00:00", precise=True)
    assert date_matches("2019-11-18T23:10:00-05:00", "2019-11-19T04:10:00+00:00")  # the day in the gold zone
    assert not date_matches("2019-11-18", "2019-11-19T04:10:00+00:00")
    assert not date_matches("2019-11-19T04:10:00", "2019-11-19T04:10:00+00:00", precise=True)  # no zone
    gold = {"a": {"title": "Port strike looms", "title_alternates": ["Strike looms at the port"],
                  "authors": ["Jane Doe"], "date": "2025-01-02T10:00:00+00:00"}}
    got = {"a": {"title": "Strike looms at the port", "authors": ["jane doe"], "date": "2025-01-02"}}
    assert metadata_scores(gold, got) == {"authors": (1, 1), "title": (1, 1), "date": (1, 1), "time": (0, 1)}
