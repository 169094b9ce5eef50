"""Rough edges a new user hit: options without help, a silent `ingest --update`, a progress bar with
no total, batch hiding warnings, remote workers resolving relative paths on their own."""

from __future__ import annotations

import argparse
import os

import pytest

from reportedly.cli import build_parser, main

TEXT = "The mayor said on Monday that the bridge would reopen next week, officials confirmed.\n"


@pytest.fixture(autouse=True)
def structure_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTEDLY_PIPELINE_COMPONENTS", "structure")


def _options(parser: argparse.ArgumentParser, prefix: str):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _options(sub, f"{prefix} {name}")
        elif not isinstance(action, argparse._HelpAction | argparse._VersionAction):
            yield prefix, "/".join(action.option_strings) or action.dest, action.help


def test_every_option_and_argument_has_help_text() -> None:
    missing = [f"{cmd} {opt}" for cmd, opt, help in _options(build_parser(), "reportedly") if not help]
    assert missing == []


def test_batch_workers_must_be_positive(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["batch", "x", "--workers", "0"])
    assert info.value.code == 2


def test_ingest_update_says_what_it_replaced(tmp_path, capsys, monkeypatch) -> None:
    from reportedly.clean import StructureComponent

    (src := tmp_path / "a.txt").write_text(TEXT, "utf-8")
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(src), "--db", db]) == 0
    capsys.readouterr()
    old = StructureComponent().version
    monkeypatch.setattr(StructureComponent, "version", "99.0")  # a newer cleaner
    assert main(["ingest", str(src), "--db", db, "--update"]) == 0
    lines = capsys.readouterr().err.splitlines()
    from reportedly.corpus import Store

    with Store(db, readonly=True) as store:
        (doc_id,) = store.document_ids()
    assert lines == [f"reportedly: {src}: replaced document {doc_id} (structure {old} → 99.0)",
                     "reportedly: 1 files (0 already ingested), 0 documents added, 1 updated, 0 already present, "
                     "0 failed"]


def test_the_file_counter_follows_records_of_containers() -> None:
    from reportedly.cli.progress import FileCounter

    files = ["d/a.jsonl", "d/b.txt", "d/c.warc.gz", "d/d.json"]
    counter = FileCounter(files)
    assert [counter.seen(n) for n in ["d/a.jsonl:1", "d/a.jsonl#x", "d/b.txt", "d/c.warc.gz#<urn:uuid:1>",
                                      "d/d.json[0]", "elsewhere"]] == [0, 0, 1, 2, 3, 3]


def test_analyze_shows_a_total_and_an_eta_for_a_directory(tmp_path, capsys, monkeypatch) -> None:
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    for name in "abc":
        (folder / f"{name}.txt").write_text(TEXT, "utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["analyze", str(folder), "--format", "jsonl", "-o", str(tmp_path / "out.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "/3 [" in err and "<" in err  # "2/3 [00:00<00:00, …file/s]": a total and the time left
    assert "file" in err


def test_batch_prints_the_warning_lines_ingest_prints(tmp_path, capsys) -> None:
    pytest.importorskip("dask")
    (src := tmp_path / "nul.txt").write_bytes(TEXT.encode() * 1000 + b"and then\x00 more text.\n")
    assert main(["batch", str(src), "--db", str(tmp_path / "c.db"), "--scheduler", "synchronous"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == f"reportedly: {src}: warning: 1 NUL character replaced with U+FFFD"
    assert "1 documents added" in lines[-1]


SENT: list[str] = []


def _recording(path: str, config: str | None = None):
    """The worker task, noting the path it was sent (the cluster runs in this process)."""
    from reportedly.corpus.batch import _WORKER_ANALYZER, Analyzer, Settings

    SENT.append(path)
    analyzer = _WORKER_ANALYZER.setdefault("test", Analyzer(Settings.load(config)))
    out = []
    for item in analyzer.analyze_paths([path]):
        out.append(("document", item.to_dict()) if hasattr(item, "to_dict") else ("failure", item.input, item.reason))
    return out


def test_a_scheduler_address_gets_absolute_paths_and_documents_keep_the_given_name(tmp_path, capsys,
                                                                                     monkeypatch) -> None:
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    from reportedly.corpus import Store
    from reportedly.corpus import batch as batch_module

    monkeypatch.setattr(batch_module, "analyze_file", _recording)
    SENT.clear()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, "utf-8")
    monkeypatch.chdir(tmp_path)
    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        assert main(["batch", "in", "--db", "c.db", "--scheduler", cluster.scheduler_address,
                     "--no-progress"]) == 0
    assert SENT == [os.path.join(str(tmp_path), "in", "a.txt")]  # a worker elsewhere can read it
    with Store("c.db", readonly=True) as store:
        (doc_id,) = store.document_ids()
        assert store.get_document(doc_id).input == os.path.join("in", "a.txt")


def test_bare_command_prints_help(capsys) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: reportedly") and "analyze" in out


def test_misspelt_command_gets_a_suggestion(capsys) -> None:
    assert main(["analyse", "x.txt"]) == 2
    assert main(["--config", "x.toml", "serch", "q"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["reportedly: unknown command 'analyse'; did you mean 'analyze'?",
                   "reportedly: unknown command 'serch'; did you mean 'search'?"]


def test_url_is_not_fetched_and_says_so(capsys) -> None:
    assert main(["analyze", "https://example.com/story", "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "a URL" in err and "fetches nothing" in err


def test_unknown_model_name_lists_the_valid_ones(capsys, monkeypatch) -> None:
    monkeypatch.delenv("REPORTEDLY_PIPELINE_COMPONENTS")  # the tagger is loaded
    assert main(["analyze", "examples/harbour-dispute.txt", "--model", "bogus", "--no-progress"]) == 2
    assert "name a packaged one (default, fast)" in capsys.readouterr().err


def test_empty_json_array_is_a_failure_line(tmp_path, capsys) -> None:
    path = tmp_path / "none.json"
    path.write_text("[]\n")
    assert main(["analyze", str(path), "--no-progress"]) == 1
    assert "an empty JSON array: no article" in capsys.readouterr().err


def test_file_names_are_printed_escaped(tmp_path, capsys) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\nreportedly: 0 failed \x1b]0;owned\x07.txt").write_text("")
    assert main(["analyze", str(folder), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1  # one failure, one line
    assert "\\nreportedly: 0 failed \\x1b]0;owned\\x07.txt" in err and "\x1b" not in err


def test_usage_errors_exit_2(tmp_path, capsys) -> None:
    db = tmp_path / "c.db"
    assert main(["ingest", "examples/harbour-dispute.txt", "--db", str(db), "--no-progress"]) == 0
    assert main(["search", "strike", "--from", "notadate", "--db", str(db)]) == 2
    assert main(["search", "strike", "--from", "2025-13", "--db", str(db)]) == 2  # no thirteenth month
    assert main(["--config", str(tmp_path / "nope.toml"), "search", "strike", "--db", str(db)]) == 2
    assert main(["export", "--what", "attributions", "--format", "parquet", "--db", str(db)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-4:-2] == ["reportedly: 'from' date 'notadate' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD",
                          "reportedly: 'from' date '2025-13' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"]
    assert main(["search", "strike", "--from", "2025-02", "--db", str(db)]) == 0


def test_export_into_a_reader_that_stops_early_is_quiet(tmp_path) -> None:
    """`reportedly export … | head -1`: the closed pipe is the reader's choice, not a write error."""
    import subprocess
    import sys

    paths = []
    for i in range(40):
        path = tmp_path / f"a{i}.txt"
        path.write_text(f"Article {i}\n\n" + TEXT * 30)
        paths.append(str(path))
    db = tmp_path / "c.db"
    assert main(["ingest", *paths, "--db", str(db), "--no-progress"]) == 0
    for fmt in ("jsonl", "csv"):
        proc = subprocess.Popen(
            [sys.executable, "-c", "import sys; from reportedly.cli import main; sys.exit(main())", "export", "--what", "documents", "--format", fmt, "--db", str(db)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ},
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()
        err = proc.stderr.read().decode()
        assert proc.wait() == 0, err
        assert "cannot write" not in err and "Traceback" not in err, err
