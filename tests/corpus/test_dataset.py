"""The Parquet dataset: written per task, read only where a task finished, loaded into the store as
ingest would store it, queried with DuckDB, speakers merged across it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reportedly.corpus import Store
from reportedly.corpus.dataset import DONE, TABLES, Dataset, tables, task_id
from reportedly.corpus.load import load
from reportedly.corpus.query import query
from reportedly.corpus.rows import record_text
from reportedly.corpus.speaker_merge import merge_speakers
from reportedly.document import Document
from reportedly.errors import ConfigError, QueryError

from . import sample, trace_gold

#: every stored table, with the columns that do not depend on when a row was written
COMPARED = {
    "documents": "rowid, id, input, text_hash, title, content, date, day, month, outlet, outlet_key, url, format, record",
    "attributions": "*", "speakers": "*", "statements": "*", "statement_members": "*", "statement_keys": "*",
    "entities": "*", "entity_mentions": "*", "spans": "*", "claims": "*", "provenance": "*",
    "statements_fts": "rowid, content", "documents_fts": "rowid, title, content",
    "attributions_fts": "rowid, content_text, source_text",
}


def write(data: Dataset | str | Path, groups: list[list[Document]]) -> Dataset:
    """A dataset with one finished task per group (its input named after the group's first document)."""
    ds = data if isinstance(data, Dataset) else Dataset(str(data))
    for i, docs in enumerate(groups):
        inputs = [{"hash": f"{i:064x}", "path": f"in/{i:03d}-{docs[0].input}", "documents": len(docs)}]
        ds.write_task(task_id([(x["path"], x["hash"]) for x in inputs]), tables(docs), inputs)
    return ds


def rows(db: Path, table: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(tuple(r) for r in conn.execute(f"SELECT {COMPARED[table]} FROM {table}"))


def ingested(db: Path, docs: list[Document]) -> Path:
    with Store(db) as s:
        for d in docs:
            s.add(d)
        s.refresh_speakers()
    return db


@pytest.mark.parametrize("corpus", ["sample", "trace_gold"])
def test_load_stores_what_ingest_stores(tmp_path: Path, corpus: str) -> None:
    docs = (sample if corpus == "sample" else trace_gold).documents()
    ingest_db = ingested(tmp_path / "ingest.db", docs)
    ds = write(tmp_path / "data", [docs[:2], docs[2:]])
    stats = load(ds, tmp_path / "load.db")
    assert stats.documents == len(docs) and stats.existing == 0
    for table in COMPARED:
        assert rows(tmp_path / "load.db", table) == rows(ingest_db, table), table
    with Store(tmp_path / "load.db") as s:
        assert s.integrity_check() == "ok"
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert len(s.conn.execute("SELECT * FROM inputs").fetchall()) == 2
        if corpus == "trace_gold":
            assert s.trace("") and s.trace("") == Store(ingest_db).trace("")
    assert not (tmp_path / "load.db.loading").exists()


def test_load_into_a_store_that_holds_documents_adds_only_the_new_ones(tmp_path: Path) -> None:
    docs = sample.documents()
    db = ingested(tmp_path / "c.db", docs[:1])
    ds = write(tmp_path / "data", [docs[:2], docs[2:]])
    stats = load(ds, db)
    assert (stats.documents, stats.existing) == (3, 1)
    assert rows(db, "attributions") == rows(ingested(tmp_path / "all.db", docs), "attributions")
    again = load(ds, db)
    assert (again.documents, again.existing) == (0, 4)
    with Store(db) as s:
        assert s.integrity_check() == "ok"
        assert len({r["document_id"] for r in s.search("", speaker="Mark Milley")}) == 3


def test_a_task_without_its_done_record_counts_for_nothing(tmp_path: Path) -> None:
    docs = sample.documents()
    ds = write(tmp_path / "data", [docs[:2], docs[2:]])
    (task, *_rest) = ds.tasks()
    (tmp_path / "data" / DONE / f"{task}.json").unlink()  # killed after its tables, before its record
    (tmp_path / "data" / "documents" / ".part-x.parquet.1234.tmp").write_bytes(b"half a file")
    ds = Dataset(str(tmp_path / "data"))  # a reader that comes later
    assert len(ds.tasks()) == 1
    assert query("SELECT count(*) FROM documents", ds).rows == [(2,)]
    assert load(ds, tmp_path / "c.db").documents == 2


def test_tables_have_the_export_types(tmp_path: Path) -> None:
    got = tables(sample.documents())
    assert set(got) == set(TABLES)
    docs, atts = got["documents"], got["attributions"]
    assert str(docs.schema.field("date").type) == "timestamp[s]" and str(docs.schema.field("authors").type) == "list<item: string>"
    assert str(atts.schema.field("date").type) == "date32[day]" and str(atts.schema.field("anonymous").type) == "bool"
    assert atts.column("hedges").to_pylist()[1] == ["reportedly"]
    assert got["statements"].num_rows >= 1 and len(got["statements"].column("keys").to_pylist()[0]) == 16


def test_query_answers_research_questions_in_a_line(tmp_path: Path) -> None:
    ds = write(tmp_path / "data", [sample.documents()])
    quoted = query("SELECT outlet, strftime(document_date, '%Y-%m') AS month, speaker, count(*) AS n FROM attributions"
                   " WHERE speaker IS NOT NULL GROUP BY ALL ORDER BY n DESC, speaker LIMIT 1", ds)
    assert quoted.columns == ["outlet", "month", "speaker", "n"]
    anonymous = dict(query("SELECT outlet, avg(anonymous::int) FROM attributions GROUP BY outlet", ds).rows)
    assert anonymous["Daily Planet"] == pytest.approx(2 / 7)
    assert query("SELECT count(*) FROM inputs", ds).rows == [(1,)]
    with pytest.raises(QueryError):
        query("SELEC 1", ds)
    with pytest.raises(ConfigError):
        query("SELECT 1", tmp_path / "nothing")


def test_speakers_merged_across_the_dataset_are_the_stores(tmp_path: Path) -> None:
    docs = sample.documents()
    ds = write(tmp_path / "data", [[d] for d in docs])
    assert merge_speakers(ds.url, scheduler="synchronous") == 4
    db = ingested(tmp_path / "c.db", docs)
    with sqlite3.connect(db) as conn:
        stored = sorted(conn.execute("SELECT d.id, a.att_id, a.speaker_id FROM attributions a JOIN documents d"
                                     " ON d.rowid = a.doc_rowid WHERE a.speaker_id IS NOT NULL"))
        speakers = sorted(conn.execute("SELECT id, name FROM speakers"))
    got = query("SELECT document_id, attribution_id, speaker_id FROM attributions WHERE speaker_id IS NOT NULL"
                " ORDER BY ALL", ds).rows
    assert sorted(got) == stored  # "Milley" alone in the herald is Mark Milley, as in the store
    assert sorted(query("SELECT id, name FROM speakers", ds).rows) == speakers


def test_a_dataset_in_object_storage_through_fsspec(tmp_path: Path) -> None:
    ds = write(Dataset("memory://reportedly-test/run"), [sample.documents()[:2], sample.documents()[2:]])
    assert ds.files("documents")[0].startswith("memory://")
    assert query("SELECT count(*) FROM attributions", ds).rows == [(9,)]
    assert load(ds, tmp_path / "c.db").documents == 4


def test_an_unknown_location_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        Dataset("nosuchprotocol://x/y")


@pytest.mark.parametrize("corpus", ["sample", "trace_gold"])
def test_a_stored_record_is_the_documents_own_though_the_store_keeps_less(tmp_path: Path, corpus: str) -> None:
    docs = (sample if corpus == "sample" else trace_gold).documents()
    ingested(tmp_path / "c.db", docs)
    load(write(tmp_path / "data", [docs]), tmp_path / "l.db")
    for db in ("c.db", "l.db"):
        with Store(tmp_path / db) as s:
            for doc in docs:
                want, got = doc.to_dict(), s.get_record(doc.id)
                assert got == want
                assert list(got) == list(want) and [list(a) for a in got["attributions"]] == \
                    [list(a) for a in want["attributions"]]
                assert [list(c) for c in got["unattributed_claims"]] == [list(c) for c in want["unattributed_claims"]]
                stored = record_text(s.conn.execute("SELECT record FROM documents WHERE id = ?",
                                                     (doc.id,)).fetchone()[0])
                assert '"body"' not in stored and (not doc.attributions or '"text": "' not in stored.split('"attributions"')[1])
