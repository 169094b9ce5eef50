"""CLI tests run the structure component only: they check the command, not attribution results."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def structure_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTEDLY_PIPELINE_COMPONENTS", "structure")
