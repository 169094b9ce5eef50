"""Shared fixtures: paths to the bundled examples and to ../shared when it is present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not present (the shared data sets sit beside the checkout in CI)")
    return SHARED


@pytest.fixture(autouse=True)
def fresh_default_settings():
    """``get_settings()`` caches the defaults plus the environment; a test that sets
    ``REPORTEDLY_*`` variables must not leave its settings to the next test."""
    import reportedly.settings

    reportedly.settings._DEFAULT = None
    yield
    reportedly.settings._DEFAULT = None
