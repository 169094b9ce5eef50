"""``[attribution] model`` runs a tagger from another directory (one you trained and exported)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reportedly.api import Analyzer
from reportedly.attribution.tagger import DEFAULT_MODEL_DIR
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
