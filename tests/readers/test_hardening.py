"""Inputs a probe found to abort, lose data or hang; each must fail alone and let the run go on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reportedly.cli import main
from reportedly.readers import Failure, read_inputs

GOOD = {"text": "The council met on Friday.\n\nIt approved the budget after a long debate, officials said."}


def _items(path):
    items = list(read_inputs([str(path)]))
    return ([i for i in items if not isinstance(i, Failure)], [i for i in items if isinstance(i, Failure)])


def test_deeply_nested_jsonl_line_fails_alone(tmp_path) -> None:
    path = tmp_path / "deep.jsonl"
    lines = [json.dumps(GOOD), "[" * 5000 + "]" * 5000, '{"a":' * 5000 + "1" + "}" * 5000,
             json.dumps(GOOD)[:-1] + ', "x": ' + "[" * 100 + "]" * 100 + "}",
             json.dumps(GOOD)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, fails = _items(path)
    assert len(docs) == 2
    assert [f.input for f in fails] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert all("nested too deeply" in f.reason for f in fails)


def test_deeply_nested_first_line_and_whole_document(tmp_path) -> None:
    path = tmp_path / "deep-first.jsonl"
    path.write_text('{"a":' * 5000 + "1" + "}" * 5000 + "\n" + json.dumps(GOOD) + "\n", encoding="utf-8")
    docs, fails = _items(path)
    assert len(docs) == 1 and len(fails) == 1 and "nested too deeply" in fails[0].reason
    whole = tmp_path / "deep.json"
    whole.write_text("[\n" + '{"a":' * 5000 + "1" + "}" * 5000 + "\n]\n", encoding="utf-8")
    docs, fails = _items(whole)
    assert docs == [] and len(fails) == 1 and "nested too deeply" in fails[0].reason


def test_deep_line_does_not_stop_analyze_or_ingest(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("REPORTEDLY_PIPELINE_COMPONENTS", "structure")
    bad = tmp_path / "a.jsonl"
    bad.write_text(json.dumps(GOOD) + "\n" + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    later = tmp_path / "b.jsonl"
    later.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    code = main(["analyze", str(bad), str(later), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 1
    assert len(out.splitlines()) == 2
    assert err.splitlines() == [f"reportedly: {bad}:2: JSON nested too deeply (over 64 levels)"]
    db = tmp_path / "c.db"
    code = main(["ingest", str(bad), str(later), "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"reportedly: {bad}:2: JSON nested too deeply" in err and "Traceback" not in err
    from reportedly.corpus.store import Store
    with Store(str(db)) as store:
        assert store.counts()["documents"] == 1  # the same text twice is one document


def test_broken_first_line_keeps_the_good_lines(tmp_path) -> None:
    path = tmp_path / "first-broken.jsonl"
    good = [dict(GOOD, id=f"g{i}") for i in range(3)]
    path.write_text('{"text": "cut off\n' + "\n".join(json.dumps(g) for g in good) + "\n", encoding="utf-8")
    docs, fails = _items(path)
    assert [d.input for d in docs] == [f"{path}#g{i}" for i in range(3)]
    assert [f.input for f in fails] == [f"{path}:1"]
    assert fails[0].reason.startswith("invalid JSON (")


def test_pretty_printed_json_document_is_still_read(tmp_path) -> None:
    path = tmp_path / "pretty.json"
    path.write_text(json.dumps([dict(GOOD, id="p1"), dict(GOOD, id="p2")], indent=2), encoding="utf-8")
    docs, fails = _items(path)
    assert len(docs) == 2 and fails == []


def test_json_error_does_not_double_at(tmp_path) -> None:
    path = tmp_path / "control.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b'\n{"text": "a\x01b"}\n')
    _docs, fails = _items(path)
    (fail,) = fails
    assert "at at" not in fail.reason
    assert fail.reason == "invalid JSON (Invalid control character at column 12)"


def test_named_pipe_in_a_directory_is_skipped_not_waited_on(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    (folder / "c.txt").write_text("The mayor said on Monday that the bridge would reopen next week.\n", "utf-8")
    env = dict(os.environ, REPORTEDLY_PIPELINE_COMPONENTS="structure")
    for command in (["analyze", str(folder), "--format", "jsonl"],
                    ["ingest", str(folder), "--db", str(tmp_path / "x.db")]):
        proc = subprocess.run([sys.executable, "-m", "reportedly.cli", *command],
                              capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 1, proc.stderr
        lines = proc.stderr.splitlines()
        assert lines[0] == f"reportedly: {folder / 'b.txt'}: not a regular file (a named pipe), skipped"
        assert len(lines) == (1 if command[0] == "analyze" else 2)  # ingest adds its summary line
        assert "Traceback" not in proc.stderr
        if command[0] == "analyze":
            assert len(proc.stdout.splitlines()) == 2


def test_lone_surrogates_in_any_json_field_are_repaired_and_the_run_goes_on(tmp_path, capsys) -> None:
    """A "\\ud800" escape decodes to a string no UTF-8 writer or SQLite takes: it becomes U+FFFD,
    one character for one, with one warning, in the text, the metadata and any other key."""
    bad = ('{"id": "a\\ud800", "title": "T\\udfff", "authors": ["X\\ud800"], "tag\\ud800": "y\\udc00", '
           '"text": "Officials said \\ud800 the talks had stalled."}')
    path = tmp_path / "surrogates.jsonl"
    path.write_text("\n".join([json.dumps(GOOD), bad, json.dumps(GOOD)]) + "\n", encoding="utf-8")
    docs, failures = _items(path)
    assert len(docs) == 3 and not failures
    doc = docs[1]
    assert doc.text == "Officials said \ufffd the talks had stalled."  # offsets unchanged
    assert doc.meta.title == "T\ufffd" and doc.meta.authors == ["X\ufffd"]
    assert doc.meta.extra["id"] == "a\ufffd" and doc.meta.extra["tag\ufffd"] == "y\ufffd"
    assert doc.meta.extra["warnings"] == ["6 lone surrogates (invalid \\u escapes) replaced with U+FFFD"]
    out, db = tmp_path / "out.json", tmp_path / "s.db"
    assert main(["analyze", str(path), "--format", "json", "-o", str(out), "--no-progress"]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 3
    assert main(["ingest", str(path), "--db", str(db), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "2 documents added, 1 already present, 0 failed" in err  # the two good lines are one article


def test_file_name_that_is_not_utf8_is_read_and_stored_escaped(tmp_path, capsys) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD["text"], encoding="utf-8")
    bad = os.path.join(os.fsencode(folder), b"bad\xff\xfename.txt")
    with open(bad, "wb") as f:
        f.write(b"The mayor said the bridge would reopen on Monday, officials said.")
    (folder / "z.txt").write_text("Two officials said the harbour would close for a week.", encoding="utf-8")
    out, db = tmp_path / "out.jsonl", tmp_path / "s.db"
    assert main(["analyze", str(folder), "--format", "jsonl", "-o", str(out), "--no-progress"]) == 0
    inputs = [json.loads(line)["input"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert [Path(i).name for i in inputs] == ["a.txt", "bad\\xff\\xfename.txt", "z.txt"]
    assert main(["ingest", str(folder), "--db", str(db), "--no-progress"]) == 0
    assert "3 documents added, 0 already present, 0 failed" in capsys.readouterr().err


def test_a_flood_of_blank_lines_is_skipped_in_bulk_and_lines_keep_their_numbers(tmp_path) -> None:
    import gzip

    path = tmp_path / "flood.jsonl.gz"
    with gzip.open(path, "wb") as f:
        f.write((json.dumps(GOOD) + "\n").encode())
        f.write(b"\n" * 300_000 + b" \t\r\n  \n")
        f.write(b"  not json\n")
        f.write((json.dumps({**GOOD, "id": "last"}) + "\n").encode())
    docs, failures = _items(path)
    assert [d.input.rsplit("/", 1)[-1] for d in docs] == ["flood.jsonl.gz:1", "flood.jsonl.gz#last"]
    assert [f.input.rsplit("/", 1)[-1] for f in failures] == [f"flood.jsonl.gz:{1 + 300_000 + 2 + 1}"]
