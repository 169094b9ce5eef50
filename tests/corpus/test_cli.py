"""The corpus commands end to end: ingest, search, export and serve."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from reportedly.cli import main

from . import sample

ARTICLES = {
    "a.txt": "Pentagon weighs aid\n\nGen. Mark Milley said on Thursday that the war could last for years.\n",
    "b.txt": "Budget talks resume\n\nTalks on the budget resumed on Monday in Washington, officials said.\n",
}


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    src = tmp_path / "in"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text)
    cfg = tmp_path / "settings.toml"
    cfg.write_text('[pipeline]\ncomponents = ["structure"]\n')
    return src, cfg, tmp_path / "corpus.db"


def test_ingest_is_idempotent(setup, capsys) -> None:
    src, cfg, db = setup
    assert main(["--config", str(cfg), "ingest", str(src), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "2 files (0 already ingested), 2 documents added" in err
    assert "file/s" not in err and "%|" not in err  # no progress bar when stderr is not a terminal
    assert main(["--config", str(cfg), "ingest", str(src), str(src / "a.txt"), "--db", str(db)]) == 0
    assert "3 files (3 already ingested), 0 documents added" in capsys.readouterr().err


def test_ingest_default_db_is_in_the_current_directory(setup, monkeypatch, capsys) -> None:
    src, cfg, db = setup
    monkeypatch.chdir(db.parent)
    monkeypatch.delenv("REPORTEDLY_STORE_PATH", raising=False)
    assert main(["--config", str(cfg), "ingest", str(src)]) == 0
    assert (db.parent / "reportedly.db").exists()


def test_ingest_reports_a_failed_input(setup, capsys) -> None:
    src, cfg, db = setup
    assert main(["--config", str(cfg), "ingest", str(src / "missing.txt"), str(src / "a.txt"),
                 "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "missing.txt" in err and "1 documents added" in err


def test_search_table_and_json(setup, capsys) -> None:
    src, cfg, db = setup
    main(["--config", str(cfg), "ingest", str(src), "--db", str(db)])
    capsys.readouterr()
    assert main(["search", "budget", "--db", str(db), "--format", "json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert [r["type"] for r in res] == ["document"] and res[0]["title"] == "Budget talks resume"
    assert res[0]["document_id"] and "[budget]" in res[0]["snippet"].lower()
    assert main(["search", "budget", "--db", str(db)]) == 0
    assert "Budget talks resume" in capsys.readouterr().out
    assert main(["search", "x" * 501, "--db", str(db)]) == 2  # a usage error
    assert "query too long" in capsys.readouterr().err
    assert main(["search", "nothing-like-this", "--db", str(db)]) == 0
    assert "no results" in capsys.readouterr().err


def test_search_filters_on_the_command_line(tmp_path, capsys) -> None:
    db = sample.build(tmp_path / "c.db")
    assert main(["search", "--speaker", "Gen. Milley", "--hedged", "--db", str(db), "--format", "json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert [r["attribution_id"] for r in res] == ["c1"]
    assert main(["search", "--anonymous", "--outlet", "Daily Planet", "--from", "2022-11-01", "--to", "2022-11-30",
                 "--db", str(db), "--format", "json"]) == 0
    assert [r["attribution_id"] for r in json.loads(capsys.readouterr().out)] == ["a2"]
    assert main(["search", "--via", "New York Times", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Pentagon" in out and "via The New York Times" in out


def test_search_without_a_store(tmp_path, capsys) -> None:
    assert main(["search", "x", "--db", str(tmp_path / "none.db")]) == 1
    assert "no such corpus store" in capsys.readouterr().err


@pytest.mark.parametrize("what", ["documents", "attributions", "speakers", "entities"])
def test_export_every_format(tmp_path, capsys, what) -> None:
    db = sample.build(tmp_path / "c.db")
    assert main(["export", "--what", what, "--format", "jsonl", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == {"documents": 4, "attributions": 9, "speakers": 4, "entities": 9}[what]
    assert all(json.loads(line) for line in lines)
    assert main(["export", "--what", what, "--format", "csv", "--db", str(db)]) == 0
    assert len(list(csv.DictReader(io.StringIO(capsys.readouterr().out)))) == len(lines)
    out = tmp_path / f"{what}.parquet"
    assert main(["export", "--what", what, "--format", "parquet", "-o", str(out), "--db", str(db)]) == 0
    assert f"wrote {len(lines)} {what}" in capsys.readouterr().err
    assert out.stat().st_size > 0


def test_export_parquet_needs_a_file(tmp_path, capsys) -> None:
    db = sample.build(tmp_path / "c.db")
    assert main(["export", "--format", "parquet", "--db", str(db)]) == 2  # a usage error
    assert "output file" in capsys.readouterr().err


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_serve(tmp_path) -> None:
    db = sample.build(tmp_path / "c.db")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from reportedly.cli import main; sys.exit(main())",
                             "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ})
    try:
        url = f"http://127.0.0.1:{port}/api/search?q=Milley&speaker=Milley"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    body = json.loads(r.read())
                break
            except OSError:
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "server did not answer"
                time.sleep(0.2)
        assert {r["attribution_id"] for r in body["results"]} == {"a1", "b1", "c1"}
        doc_id = body["results"][0]["document_id"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/documents/{doc_id}", timeout=5) as r:
            assert r.status == 200 and b'class="hl' in r.read()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert f"at http://127.0.0.1:{port}/" in proc.stderr.read().decode()


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_batch_with_dask(setup, capsys, scheduler) -> None:
    pytest.importorskip("dask")
    src, cfg, db = setup
    assert main(["--config", str(cfg), "batch", str(src), "--db", str(db), "--scheduler", scheduler,
                 "--workers", "2"]) == 0
    assert "2 documents added" in capsys.readouterr().err
    assert main(["--config", str(cfg), "ingest", str(src), "--db", str(db)]) == 0
    assert "(2 already ingested), 0 documents added" in capsys.readouterr().err


def test_ingest_update_flag(setup, capsys) -> None:
    src, cfg, db = setup
    assert main(["--config", str(cfg), "ingest", str(src), "--db", str(db)]) == 0
    assert main(["--config", str(cfg), "ingest", str(src), "--db", str(db), "--update"]) == 0
    assert "2 files (0 already ingested), 0 documents added, 2 already present" in capsys.readouterr().err


def test_progress_bar_only_on_a_terminal(setup) -> None:
    import fcntl
    import pty
    import struct
    import termios

    src, cfg, db = setup
    for i in range(5):
        (src / f"more{i}.txt").write_text(f"Headline {i}\n\nThe mayor said bridge {i} would reopen.\n")
    code = "import sys; from reportedly.cli import main; sys.exit(main())"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    try:
        proc = subprocess.run([sys.executable, "-c", code, "--config", str(cfg), "ingest", str(src), "--db", str(db)],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, timeout=120)
        os.close(slave)
        slave = -1
        out = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(master)
        if slave >= 0:
            os.close(slave)
    assert proc.returncode == 0
    text = out.decode("utf-8", "replace")
    assert "/7 [" in text and "file/s" in text, repr(text)  # tqdm bar, counting input files
    assert "7 documents added" in text
