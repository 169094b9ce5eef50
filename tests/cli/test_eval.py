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
    assert set(json.loads(pred.read_text())) == {"gold_frost", "gold_harbour"}


def test_eval_on_a_folder_that_is_no_compartment_fails_in_one_line(capsys, tmp_path: Path) -> None:
    assert main(["eval", "polnear", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a PolNeAR compartment" in err[0]
