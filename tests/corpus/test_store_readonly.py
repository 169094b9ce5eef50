"""A store in a read-only directory, or a read-only store file, is read without writing anything.

SQLite's ``mode=ro`` alone still creates the write-ahead log's ``-wal`` and ``-shm`` files beside a
WAL store, which a read-only directory refuses ("attempt to write a readonly database"). Root is not
stopped by permission bits, so these tests look at what a reader leaves beside the store while it
is open (nothing) and at the connection itself (it refuses a write), which fail before the fix
whoever runs them.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reportedly.cli import main
from reportedly.corpus import Store
from reportedly.errors import StoreError

from . import sample


@contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """``path`` (a directory or a file) without write permission for the duration."""
    mode = path.stat().st_mode
    path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        yield path
    finally:
        path.chmod(mode)


@pytest.fixture
def shelf(tmp_path: Path) -> Path:
    """A directory holding one store (closed, so no ``-wal``/``-shm`` file is left beside it)."""
    d = tmp_path / "shelf"
    d.mkdir()
    sample.build(d / "corpus.db")
    assert sorted(os.listdir(d)) == ["corpus.db"]
    return d


def _refuses_writes(store: Store) -> bool:
    try:
        store.conn.execute("CREATE TABLE probe (x)")
    except sqlite3.OperationalError as exc:
        return "readonly" in str(exc)
    return False


@pytest.mark.parametrize("readonly", [True, False], ids=["reader", "opened-for-writing"])
def test_a_store_in_a_read_only_directory_is_read_without_writing_beside_it(shelf, readonly) -> None:
    with read_only(shelf):
        with Store(shelf / "corpus.db", readonly=readonly) as s:  # serve opens it for writing first
            assert s.readonly and s.open_mode == "read as it is on disk"
            assert s.counts()["documents"] == 4 and s.search("Milley")
            assert sorted(os.listdir(shelf)) == ["corpus.db"]  # no -wal, no -shm, no journal
            assert _refuses_writes(s)
            with pytest.raises(StoreError, match="read-only"):
                s.put(sample.planet())
        assert sorted(os.listdir(shelf)) == ["corpus.db"]


def test_a_read_only_store_file_is_opened_for_reading(shelf) -> None:
    with read_only(shelf / "corpus.db"), Store(shelf / "corpus.db") as s:
        assert s.readonly and _refuses_writes(s)
        assert s.speaker("mark-milley") is not None


def test_a_store_in_a_writable_directory_is_still_read_alongside_a_writer(shelf) -> None:
    with Store(shelf / "corpus.db") as writer, Store(shelf / "corpus.db", readonly=True) as reader:
        assert writer.open_mode == "write" and reader.open_mode == "read"
        writer.conn.execute("DELETE FROM documents WHERE id = ?", (sample.courier().id,))
        assert reader.counts()["documents"] == 3  # sees the writer's commit


def test_search_export_and_trace_read_a_store_in_a_read_only_directory(shelf, capsys) -> None:
    db = str(shelf / "corpus.db")
    with read_only(shelf):
        assert main(["search", "Milley", "--db", db, "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)
        assert main(["export", "--db", db, "--what", "speakers", "--format", "jsonl"]) == 0
        assert "Mark Milley" in capsys.readouterr().out
        assert main(["trace", "", "--db", db, "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out) == []
        assert sorted(os.listdir(shelf)) == ["corpus.db"]


def test_the_web_app_serves_a_store_in_a_read_only_directory(shelf) -> None:
    from fastapi.testclient import TestClient

    from reportedly.web.app import create_app

    with read_only(shelf):
        Store(shelf / "corpus.db").close()  # as `reportedly serve` does before it starts
        with TestClient(create_app(shelf / "corpus.db")) as client:
            assert client.get("/api/speakers/mark-milley").status_code == 200
            assert client.get("/").status_code == 200
        assert sorted(os.listdir(shelf)) == ["corpus.db"]


def test_a_store_whose_schema_text_is_not_utf8_is_refused_as_damaged_in_one_line(tmp_path, capsys) -> None:
    """SQLite quotes the damaged schema in its message; Python could not decode it and raised
    UnicodeDecodeError, which went out as a traceback."""
    db = sample.build(tmp_path / "c.db")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = CAST(x'435245415445b4ff' AS TEXT) WHERE type = 'index' AND "
                 "rowid = (SELECT min(rowid) FROM sqlite_master WHERE type = 'index')")
    conn.commit()
    conn.close()
    for argv in (["search", "talks"], ["export", "--what", "speakers", "--format", "jsonl"], ["trace", ""]):
        assert main([*argv, "--db", str(db)]) == 1
        (line,) = capsys.readouterr().err.splitlines()
        assert line.startswith(f"reportedly: {db} cannot be read (malformed database schema")
        assert "\ufffd" in line


def test_a_damaged_schema_whose_message_holds_a_newline_is_still_one_line(tmp_path, capsys) -> None:
    """The fuzz benchmark's finding: SQLite quoted the damaged schema text, newline and all."""
    db = sample.build(tmp_path / "c.db")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX broken ON documents(\"' || char(10) || 'x' "
                 "WHERE type = 'index' AND rowid = (SELECT min(rowid) FROM sqlite_master WHERE type = 'index')")
    conn.commit()
    conn.close()
    for argv in (["search", "talks"], ["trace", ""]):
        assert main([*argv, "--db", str(db)]) == 1
        (line,) = capsys.readouterr().err.splitlines()
        assert line.startswith(f"reportedly: {db} cannot be read (malformed database schema")
