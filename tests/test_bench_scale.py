"""The scale benchmark's synthetic corpora: copies with their own ids, outlets and dates load cleanly."""

from __future__ import annotations

import random
import time
from pathlib import Path

from tests.corpus import sample

from reportedly.bench.scale import WORDS, queries, replicate, synthetic, word_in_outlet
from reportedly.corpus import Store
from reportedly.corpus.dataset import Dataset, tables, task_id
from reportedly.corpus.load import load
from reportedly.corpus.query import query
from reportedly.document import Document


def test_a_synthetic_copy_has_its_own_id_outlet_and_date() -> None:
    rec = sample.planet().to_dict()
    copy = synthetic(rec, 3, random.Random(0))
    doc = Document.from_dict(copy)
    assert doc.id != rec["id"] and copy["sitename"].startswith("Outlet ") and copy["date"] != rec["date"]


def test_copies_of_a_dataset_load_as_documents_of_their_own(tmp_path: Path) -> None:
    base = Dataset(str(tmp_path / "base"))
    base.write_task(task_id([("in", "0" * 64)]), tables(sample.documents()), [{"hash": "0" * 64, "path": "in",
                                                                               "documents": 4}])
    replicate(tmp_path / "base", tmp_path / "copies", 3)
    assert query("SELECT count(DISTINCT id), count(DISTINCT outlet) > 3 FROM documents", tmp_path / "copies").rows == \
        [(12, True)]
    assert query("SELECT count(*) FROM attributions a JOIN documents d ON d.id = a.document_id",
                 tmp_path / "copies").rows == [(27,)]
    stats = load(str(tmp_path / "copies"), tmp_path / "c.db")
    assert stats.documents == 12
    with Store(tmp_path / "c.db") as s:
        assert s.integrity_check() == "ok"
        rec = s.get_record(s.document_ids()[-1])
        assert rec is not None and rec["sitename"].startswith("Outlet ")
    figures: dict[str, dict[str, float]] = {}
    queries(tmp_path / "c.db", reps=2, into=figures, timer=time.process_time)  # processor time
    assert figures["search: word --outlet"]["n"] == 2
    assert word_in_outlet(tmp_path / "c.db", outlets=3)["n"] == 3 * len(WORDS)


def test_a_query_stopped_at_the_time_budget_counts_with_its_time_and_as_stopped() -> None:
    from reportedly.bench.scale import _ms, _stats, _timed
    from reportedly.errors import QueryError

    def query(q: str) -> None:
        if q == "slow":
            raise QueryError("search for 'slow' took over 2 s and was stopped")

    samples = _timed(query, ["a", "slow", "b", "slow"])
    assert len(samples) == 4 and samples.stopped == 2
    assert _stats(samples)["stopped"] == 2 and "2 stopped at the time budget" in _ms(samples)
    assert "stopped" not in _stats(_timed(query, ["a"]))
