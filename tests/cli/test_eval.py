"""``reportedly eval polnear DIR`` on the committed gold set."""

from __future__ import annotations

import json
from pathlib import Path

from reportedly.cli import main

GOLD = Path(__file__).resolve().parents[1] / "evaluation" / "gold"


def test_eval_prints_every_metric_and_a_publisher_table(capsys, tmp_path: Path) -> None:
    pred = tmp_path / "pred.json"
    assert main(["eval", "polnear", str(GOLD), "--no-progress", "--predictions", str(pred)]) == 0
    out = capsys.readouterr().out
    for metric in ("span/source", "span/cue", "span/content", "token/content", "relation", "content-exact"):
        assert metric in out
    assert "publisher" in out and "gold " in out
    assert set(json.loads(pred.read_text())) == {"gold_frost", "gold_governor", "gold_harbour"}
    assert "who-said-what" in out  # gold/speakers.json is read by default


def test_eval_lists_wrong_speakers_and_refuses_a_missing_speakers_file(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("REPORTEDLY_PIPELINE_COMPONENTS", "structure,attribution")
    speakers = tmp_path / "speakers.json"
    speakers.write_text(json.dumps({"gold_frost": {"E3": {"kind": "person", "entity": "Someone Else"}}}))
    assert main(["eval", "polnear", str(GOLD), "--no-progress", "--no-publishers", "--speakers", str(speakers),
                 "--speaker-errors", "5"]) == 0
    out = capsys.readouterr().out
    assert "speaker accuracy/all               0.000  (n=1)" in out
    assert "wrong: gold_frost E3: gold 'Someone Else'" in out
    assert main(["eval", "polnear", str(GOLD), "--speakers", str(tmp_path / "missing.json")]) == 2
    assert "no such speakers file" in capsys.readouterr().err


def test_eval_on_a_folder_that_is_no_compartment_fails_in_one_line(capsys, tmp_path: Path) -> None:
    assert main(["eval", "polnear", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a PolNeAR compartment" in err[0]
