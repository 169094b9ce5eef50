"""batch --output, query, load and merge-speakers end to end (structure component only)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reportedly.cli import main
from reportedly.corpus import Store

ARTICLES = {
    "a.txt": "Pentagon weighs aid\n\nGen. Mark Milley said on Thursday that the war could last for years.\n",
    "b.txt": "Budget talks resume\n\nTalks on the budget resumed on Monday in Washington, officials said.\n",
    "c.txt": "Harbour reopens\n\nThe harbour reopened on Friday after a week of repairs to the quay.\n",
}


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text)
    return src


@pytest.mark.parametrize("scheduler", ["synchronous", "threads", "processes"])
def test_batch_writes_a_dataset_and_a_rerun_skips_what_is_done(inputs: Path, tmp_path: Path, capsys,
                                                               scheduler: str) -> None:
    out = tmp_path / "data"
    assert main(["batch", str(inputs), "--output", str(out), "--scheduler", scheduler, "--workers", "2",
                 "--task-size", "2"]) == 0
    assert "3 files (0 already in the dataset), 3 documents added" in capsys.readouterr().err
    assert len(list((out / "documents").glob("part-*.parquet"))) == 2  # one file per task
    assert not list(out.rglob("*.tmp"))
    assert main(["batch", str(inputs), "--output", str(out), "--scheduler", scheduler]) == 0
    assert "3 files (3 already in the dataset), 0 documents added" in capsys.readouterr().err
    (inputs / "d.txt").write_text("Late news\n\nA fourth article arrived late on Sunday evening.\n")
    assert main(["batch", str(inputs), "--output", str(out), "--scheduler", scheduler]) == 0
    assert "4 files (3 already in the dataset), 1 documents added" in capsys.readouterr().err


def test_query_load_and_merge_speakers(inputs: Path, tmp_path: Path, capsys) -> None:
    out, db = tmp_path / "data", tmp_path / "corpus.db"
    assert main(["batch", str(inputs), "--output", str(out), "--scheduler", "synchronous"]) == 0
    capsys.readouterr()
    assert main(["query", "SELECT input FROM documents ORDER BY input", "--data", str(out), "--format", "json"]) == 0
    assert [Path(r["input"]).name for r in json.loads(capsys.readouterr().out)] == ["a.txt", "b.txt", "c.txt"]
    assert main(["query", "SELECT count(*) AS n FROM inputs", "--data", str(out), "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["n", "3"]
    assert main(["query", "SELECT count(*) AS n FROM documents", "--data", str(out)]) == 0
    assert capsys.readouterr().out.split() == ["n", "3"]
    assert main(["merge-speakers", "--data", str(out), "--scheduler", "synchronous"]) == 0
    assert "speakers across" in capsys.readouterr().err
    assert main(["load", str(out), "--db", str(db)]) == 0
    assert "3 documents loaded (0 already present)" in capsys.readouterr().err
    with Store(db, readonly=True) as s:
        assert len(s.document_ids()) == 3 and s.search("harbour")
    # ingest knows the inputs are there
    assert main(["ingest", str(inputs), "--db", str(db)]) == 0
    assert "3 files (3 already ingested), 0 documents added" in capsys.readouterr().err


def test_usage_errors_are_one_line_exit_2(inputs: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "data"
    assert main(["batch", str(inputs), "--output", str(out), "--db", str(tmp_path / "c.db")]) == 2
    assert "not both" in capsys.readouterr().err
    assert main(["query", "SELECT 1", "--data", str(out)]) == 2
    assert "no dataset here" in capsys.readouterr().err
    assert main(["batch", str(inputs), "--output", str(out), "--scheduler", "synchronous"]) == 0
    capsys.readouterr()
    assert main(["query", "SELECT nope FROM documents", "--data", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reportedly: query failed:") and len(err.strip().splitlines()) == 1
    assert main(["load", str(tmp_path / "nothing"), "--db", str(tmp_path / "c.db")]) == 2
    assert not os.path.exists(tmp_path / "c.db")
