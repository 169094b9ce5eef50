"""An ingest killed with SIGKILL leaves a consistent store, and a rerun completes it without duplicates.

The ingest runs as a real ``reportedly ingest`` in a subprocess. Its pipeline is the real
structure component plus a stand-in attribution component (defined in the subprocess) that marks
every "X said that Y." sentence and sleeps a little, so the run lasts long enough to be killed
half-way and every stored document carries attributions, entities, speakers and full-text rows.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportedly.corpus import Store
from reportedly.corpus.rows import stored_record

N_DOCS = 240
NAMES = ["Mark Milley", "Lloyd Austin", "Jane Doe", "John Roe", "Ann Poe"]

CHILD = r'''
import os, re, sys, time
from reportedly import pipeline
from reportedly.document import Attribution, Entity, Source

class SaidComponent:
    """Stand-in attribution: '<Name> said that <content>.' sentences; slow on purpose."""
    name = "said-test"
    version = "1"
    def __init__(self, settings=None):
        pass
    def __call__(self, doc):
        for i, m in enumerate(re.finditer(r"([A-Z][a-z]+(?: [A-Z][a-z]+)?) (said) that ([^.]+)\.", doc.text)):
            doc.add_entity(Entity(f"e{i}", m.group(1), "person", [m.span(1)]))
            doc.add_attribution(Attribution(
                id=f"t{i}", source=Source(spans=[m.span(1)], entity=m.group(1), kind="person", entity_id=f"e{i}",
                                          confidence=0.9),
                cue=[m.span(2)], content=[m.span(3)], hedges=["reportedly"] if i % 3 == 0 else []))
        time.sleep(float(os.environ.get("SAID_TEST_SLEEP", "0.02")))
        return doc

pipeline.REGISTRY["said-test"] = "__main__:SaidComponent"
from reportedly.cli import main
sys.exit(main(sys.argv[1:]))
'''


def _article(i: int) -> str:
    a, b = NAMES[i % len(NAMES)], NAMES[(i + 2) % len(NAMES)]
    surname = a.split()[-1]
    return (f"Report number {i} on the budget\n\n"
            f"WASHINGTON — {a} said that the budget talks of round {i} would resume on Monday.\n\n"
            f"The talks have stalled for weeks over spending on item {i * 7}.\n\n"
            f"{b} said that no deal was near in round {i}.\n\n"
            f"In the end {surname} said that both sides were still talking.\n")


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    for i in range(N_DOCS):
        (d / f"{i:04d}.txt").write_text(_article(i), encoding="utf-8")
    (tmp_path / "settings.toml").write_text('[pipeline]\ncomponents = ["structure", "said-test"]\n')
    return d


def _ingest(inputs: Path, db: Path, sleep: float = 0.02) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "SAID_TEST_SLEEP": str(sleep)}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, "--config", str(inputs.parent / "settings.toml"), "ingest", str(inputs),
         "--db", str(db), "--no-progress"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created or not migrated yet


def _check_consistent(db: Path) -> dict[str, int]:
    with Store(db) as store:
        assert store.integrity_check() == "ok"
        counts = store.counts()
        conn = store.conn
        # every stored document is complete: its attributions, provenance and index rows are all there
        for row in conn.execute("SELECT rowid, record FROM documents"):
            rec = stored_record(row["record"])
            n_att = conn.execute("SELECT count(*) FROM attributions WHERE doc_rowid = ?", (row["rowid"],)).fetchone()[0]
            assert n_att == len(rec["attributions"]) == 3
            n_prov = conn.execute("SELECT count(*) FROM provenance WHERE doc_rowid = ?", (row["rowid"],)).fetchone()[0]
            assert n_prov == 3  # the release, then structure and the stand-in attribution
            n_ent = conn.execute("SELECT count(*) FROM entities WHERE doc_rowid = ?", (row["rowid"],)).fetchone()[0]
            n_men = conn.execute("SELECT count(*) FROM entity_mentions WHERE doc_rowid = ?",
                                 (row["rowid"],)).fetchone()[0]
            assert n_ent == n_men == 3
        assert conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'budget'").fetchone()[0] \
            == counts["documents"]
        assert conn.execute("SELECT count(*) FROM attributions_fts WHERE attributions_fts MATCH 'talks'"
                            ).fetchone()[0] == counts["documents"]
        assert conn.execute("SELECT count(*) FROM (SELECT id FROM documents GROUP BY id HAVING count(*) > 1)"
                            ).fetchone()[0] == 0
        # an input is marked done only once its document is stored
        assert counts["inputs"] <= counts["documents"]
        assert counts["attributions"] == counts["entities"] == 3 * counts["documents"]
        return counts


def _ingest_and_kill(inputs: Path, db: Path, at_least: int, sleep: float = 0.02) -> None:
    proc = _ingest(inputs, db, sleep)
    try:
        deadline = time.monotonic() + 120
        while _count(db) < at_least:
            assert proc.poll() is None, f"ingest ended before it could be killed: {proc.communicate()}"
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun(inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    # kill four times at different points; after each kill the store is consistent and a rerun resumes.
    # The last run does not pause between documents, so it is mostly writing when it is killed.
    for at_least, sleep in ((25, 0.02), (90, 0.02), (160, 0.02), (200, 0.0)):
        _ingest_and_kill(inputs, db, at_least, sleep)
        assert (tmp_path / "corpus.db-wal").exists()  # killed with its write-ahead log still open
        partial = _check_consistent(db)
        print(f"killed after {partial['documents']} of {N_DOCS} documents: integrity ok, counts {partial}")
        assert at_least <= partial["documents"] < N_DOCS, partial

    proc = _ingest(inputs, db)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    full = _check_consistent(db)
    assert full["documents"] == N_DOCS
    assert full["inputs"] == N_DOCS
    assert f"{N_DOCS - partial['inputs']} documents added" in err or "already present" in err, err

    # a third run finds every input done and adds nothing
    proc = _ingest(inputs, db)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert f"({N_DOCS} already ingested), 0 documents added" in err, err
    assert _check_consistent(db) == full

    with Store(db) as store:  # speakers across the corpus: surname-only mentions joined to the full name
        milley = store.speaker("mark-milley")
        assert milley is not None
        assert "Milley" in milley["aliases"] and "Mark Milley" in milley["aliases"]
