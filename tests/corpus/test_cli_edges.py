"""Rough edges of the corpus commands: one error line, never a traceback."""

from __future__ import annotations

import json

import pytest

from reportedly.cli import main

from . import sample


def test_export_to_a_missing_directory_is_one_line_exit_2(tmp_path, capsys) -> None:
    db = sample.build(tmp_path / "c.db")
    target = tmp_path / "missing" / "dir" / "x.csv"
    for fmt in ("csv", "parquet"):
        assert main(["export", "--db", str(db), "--format", fmt, "-o", str(target)]) == 2
        _out, err = capsys.readouterr()
        assert err.splitlines() == [f"reportedly: export: cannot write {target}: directory {target.parent} "
                                    "does not exist"]


def test_export_to_an_unwritable_path_is_one_line_exit_2(tmp_path, capsys) -> None:
    db = sample.build(tmp_path / "c.db")
    assert main(["export", "--db", str(db), "--format", "csv", "-o", str(tmp_path)]) == 2  # a directory
    _out, err = capsys.readouterr()
    (line,) = err.splitlines()
    assert line.startswith(f"reportedly: export: cannot write {tmp_path}: ")


def test_search_limit_is_the_number_of_rows(tmp_path, capsys) -> None:
    db = sample.build(tmp_path / "c.db")
    assert main(["search", "", "--outlet", "Daily Planet", "--db", str(db), "--format", "json", "--limit", "3"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    assert main(["search", "", "--db", str(db), "--limit", "3"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    with pytest.raises(SystemExit) as info:
        main(["search", "x", "--db", str(db), "--limit", "0"])
    assert info.value.code == 2


def test_batch_with_an_unreachable_scheduler_is_one_line(tmp_path, capsys) -> None:
    pytest.importorskip("distributed")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("The mayor said on Monday that the bridge would reopen next week.\n")
    cfg = tmp_path / "settings.toml"
    cfg.write_text('[pipeline]\ncomponents = ["structure"]\n')
    code = main(["--config", str(cfg), "batch", str(src), "--db", str(tmp_path / "c.db"),
                 "--scheduler", "tcp://127.0.0.1:1", "--connect-timeout", "1", "--no-progress"])
    _out, err = capsys.readouterr()
    assert code == 1
    (line,) = err.splitlines()
    assert line.startswith("reportedly: cannot reach the Dask scheduler at tcp://127.0.0.1:1 within 1 s")
