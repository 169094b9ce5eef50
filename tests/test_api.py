"""The public API: analyze_paths keeps input order and reports failures in place, in parallel too."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.api import Analyzer
from reportedly.readers import Failure
from reportedly.settings import Settings


@pytest.mark.parametrize("workers", [1, 2])
def test_analyze_paths_keeps_order_and_failures(tmp_path: Path, workers: int) -> None:
    paths = []
    for i in range(7):
        p = tmp_path / f"a{i}.txt"
        p.write_text(f"Minister number {i} said on Monday that the bridge {i} would reopen in May.\n")
        paths.append(str(p))
    paths.insert(3, str(tmp_path / "missing.txt"))
    analyzer = Analyzer(Settings.load(pipeline={"workers": workers}))
    out = list(analyzer.analyze_paths(paths))
    assert [getattr(o, "input", None) for o in out] == paths
    assert isinstance(out[3], Failure)
    assert all(not isinstance(o, Failure) for k, o in enumerate(out) if k != 3)
    assert all(o.attributions for k, o in enumerate(out) if k != 3)
