"""``[attribution] model`` runs a tagger from another directory (one you trained and exported)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reportedly.api import Analyzer
from reportedly.attribution.tagger import DEFAULT_MODEL_DIR, PACKAGED_MODELS
from reportedly.errors import ModelError
from reportedly.settings import Settings

packaged = pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "model.onnx").is_file(), reason="no packaged model")


def _attribution(settings: Settings):
    analyzer = Analyzer(settings)
    return analyzer, next(c for c in analyzer.pipeline.components if c.name == "attribution")


@packaged
def test_a_named_model_directory_is_used_and_named_in_provenance(tmp_path: Path) -> None:
    model = tmp_path / "my-tagger"
    model.mkdir()
    for name in ("model.onnx", "tokenizer.json"):
        os.symlink(DEFAULT_MODEL_DIR / name, model / name)
    config = json.loads((DEFAULT_MODEL_DIR / "config.json").read_text())
    (model / "config.json").write_text(json.dumps({**config, "version": "9.9.9"}))
    analyzer, comp = _attribution(Settings.load(env={"REPORTEDLY_ATTRIBUTION_MODEL": str(model)}))
    doc = analyzer.analyze_text("The mayor said on Monday that the bridge would reopen in May.")
    assert doc.attributions
    assert "+model.9.9.9." in comp.version
    assert any("+model.9.9.9." in p["version"] for p in doc.to_dict()["provenance"])


def test_a_named_model_that_is_missing_is_one_clear_error(tmp_path: Path) -> None:
    analyzer, comp = _attribution(Settings.load(env={"REPORTEDLY_ATTRIBUTION_MODEL": str(tmp_path / "nowhere")}))
    with pytest.raises(ModelError, match="not found in .*nowhere"):
        _ = comp.tagger


@pytest.mark.skipif(not (PACKAGED_MODELS["fast"] / "model.onnx").is_file(), reason="no packaged fast model")
def test_the_packaged_fast_model_runs_by_name(tmp_path: Path) -> None:
    from reportedly.cli import main

    analyzer, comp = _attribution(Settings.load(env={"REPORTEDLY_ATTRIBUTION_MODEL": "fast"}))
    doc = analyzer.analyze_text("The mayor said on Monday that the bridge would reopen in May.")
    (said,) = [a for a in doc.attributions if doc.text[a.cue[0][0]:a.cue[0][1]].startswith("said")]
    assert "bridge would reopen" in doc.text[said.content[0][0]:said.content[-1][1]]
    version = comp.tagger.config["version"]
    assert comp.tagger.config["layers"] == 3 and f"+model.{version}." in comp.version
    src = tmp_path / "a.txt"
    src.write_text("Headline\n\nThe mayor said on Monday that the bridge would reopen soon.\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["analyze", str(src), "--model", "fast", "--format", "json", "-o", str(out), "--no-progress"]) == 0
    assert f"+model.{version}." in out.read_text(encoding="utf-8")


def test_a_model_that_cannot_load_stops_the_command_with_one_line(tmp_path: Path, capsys) -> None:
    from reportedly.cli import main

    src = tmp_path / "a.txt"
    src.write_text("The mayor said the bridge would reopen.\n", encoding="utf-8")
    assert main(["analyze", str(src), "--model", str(tmp_path / "nowhere"), "--no-progress"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "attribution tagger not found" in err[0]
