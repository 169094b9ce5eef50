from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.corpus import Store

from . import sample


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    db = sample.build(tmp_path_factory.mktemp("corpus") / "c.db")
    with Store(db, readonly=True) as s:
        yield s


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return sample.build(tmp_path / "c.db")
