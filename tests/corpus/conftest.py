from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.corpus import Store

from . import pg, sample

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="module", params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The hand-built corpus, read-only, in each backend (PostgreSQL: see tests/corpus/pg.py)."""
    db = pg.target(request.param, tmp_path_factory.mktemp("corpus"))
    sample.build(db)
    with Store(db, readonly=True) as s:
        yield s


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return sample.build(tmp_path / "c.db")
