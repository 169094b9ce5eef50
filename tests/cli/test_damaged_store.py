"""A damaged store: every command that reads it says so in one line, naming how to check and recover it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportedly.cli import main


@pytest.fixture(scope="module")
def damaged(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "damaged.db"
    assert main(["ingest", str(Path(__file__).resolve().parents[2] / "examples"), "--db", str(db),
                 "--no-progress"]) == 0
    size = db.stat().st_size
    with open(db, "r+b") as f:
        for off in range(8192, size - 4096, 16384):
            f.seek(off)
            f.write(bytes(range(256)) * 12)
    return db


@pytest.mark.parametrize("command", [["search", "harbour"], ["export", "--what", "attributions", "--format", "jsonl"],
                                     ["trace", "strike"]])
def test_damaged_store_is_one_line_naming_the_check(damaged, command, capsys) -> None:
    assert main([*command, "--db", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "PRAGMA integrity_check" in err and ".recover" in err
    assert os.path.getsize(damaged) > 0
