"""The README's commands run as written (issue 11, item 5): every ``reportedly`` command in a ``sh`` block
of README.md and docs/corpus.md that needs nothing outside the clone is run in a fresh folder holding
the bundled examples, must exit 0 without a traceback, and the sample output the README shows must be
what the command prints. tests/test_readme_api.py does the same for the Python example."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

#: A command that contains one of these is shown in the docs but not run here, for this reason.
NOT_RUN = {
    "../shared/": "the shared data sets sit beside a checkout, not in it",
    " serve": "serves until stopped (tests/corpus/test_cli.py runs the server)",
    "batch corpus/": "a folder of the reader's own",
    "batch /data/": "a folder of the reader's own, on a Dask cluster",
    "postgresql://": "a PostgreSQL server of the reader's own (tests/corpus/test_backends.py runs the store on one)",
}

_COMMAND = re.compile(r"^(?:[A-Z_]+=\S+ )*(?:\.venv/bin/)?reportedly |\| *(?:\.venv/bin/)?reportedly ")


def commands(doc: str) -> tuple[list[str], list[str]]:
    """The ``reportedly`` command lines of ``doc``'s sh blocks (synopses left out): (to run, not run)."""
    run, shown = [], []
    text = (ROOT / doc).read_text("utf-8")
    for block in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M):
        for line in block.splitlines():
            cmd = re.sub(r"\s+#\s.*$", "", line).strip()
            if not _COMMAND.search(cmd) or "PATH..." in cmd:
                continue
            (shown if any(k in cmd for k in NOT_RUN) else run).append(cmd)
    return run, shown


def _subcommand(cmd: str) -> str:
    return re.search(r"reportedly (\w+)", cmd).group(1)


def _run(cmd: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    line = re.sub(r"(^|\| *|\s)(?:\.venv/bin/)?reportedly ", lambda m: f"{m.group(1)}{BIN}/reportedly ", cmd)
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPORTEDLY_")}
    proc = subprocess.run(line, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"{cmd}\nexit {proc.returncode}\n{proc.stderr[-2000:]}"
    assert "Traceback" not in proc.stderr, f"{cmd}\n{proc.stderr[-2000:]}"
    return proc


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path


def _in_order(shown: list[str], printed: list[str]) -> list[str]:
    """The lines of ``shown`` (``…`` stands for any lines) that do not appear in order in ``printed``."""
    missing, at = [], 0
    for line in shown:
        if line == "…":
            continue
        try:
            at = printed.index(line, at) + 1
        except ValueError:
            missing.append(line)
    return missing


def test_the_commands_are_found_and_those_not_run_say_why() -> None:
    run, shown = commands("README.md")
    assert {"analyze", "ingest", "search", "export"} <= {_subcommand(c) for c in run}
    assert {_subcommand(c) for c in commands("docs/corpus.md")[0]} >= {"ingest", "search", "export", "trace"}
    assert all(any(k in c for k in NOT_RUN) for c in shown)
    assert any("serve" in c for c in shown)


@pytest.mark.slow
def test_readme_commands_run_as_written(workdir: Path) -> None:
    run, _ = commands("README.md")
    outputs = {cmd: _run(cmd, workdir) for cmd in run}

    # the sample output of "What an attribution record holds" is what analyze prints
    sample = re.search(r"```text\n\$ (reportedly analyze [^\n]+)\n(.*?)```", (ROOT / "README.md").read_text("utf-8"),
                       re.S)
    (shown_cmd,) = [c for c in run if c.endswith(sample.group(1).removeprefix("reportedly "))]
    printed = [line.rstrip() for line in outputs[shown_cmd].stdout.splitlines()]
    assert _in_order(sample.group(2).splitlines(), printed) == []

    records = [json.loads(line) for line in (workdir / "records.jsonl").read_text("utf-8").splitlines()]
    assert len(records) == 5  # two text dumps, the HTML page and the two records of the WARC crawl
    assert all(r["schema"] == "reportedly.document/1.2" and r["attributions"] for r in records)

    (search,) = [out for cmd, out in outputs.items() if _subcommand(cmd) == "search"]
    assert "(anonymous)" in search.stdout and "[laid] [off]" in search.stdout
    with open(workdir / "attributions.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == sum(len(r["attributions"]) for r in records)
    (stdin,) = [out for cmd, out in outputs.items() if " - " in cmd]
    assert "title: Brenford library reopens after flood repairs" in stdin.stdout


@pytest.mark.slow
def test_corpus_doc_commands_run_as_written(workdir: Path) -> None:
    run, _ = commands("docs/corpus.md")
    outputs = {cmd: _run(cmd, workdir) for cmd in run}
    assert "5 documents added" in next(o.stderr for c, o in outputs.items() if _subcommand(c) == "ingest")
    traced = next(o.stdout for c, o in outputs.items() if _subcommand(c) == "trace")
    assert "2 documents, 2 outlets" in traced and "[altered: equipment → machines]" in traced
    exported = (workdir / "attributions.csv").read_text("utf-8")
    assert exported.startswith("document_id,attribution_id,") and exported.count("\n") > 10
