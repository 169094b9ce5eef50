"""How a large store is read (migration 0007 and the queries that use it): filtered searches keep the
matches among the rowids the filters select, listings sort rowids before reading rows, a speaker's
mention forms are counted in SQL; each gives what the plain query gives."""

from __future__ import annotations

import importlib
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from reportedly.corpus import Store
from reportedly.corpus.load import load
from reportedly.corpus.postgres import translate
from reportedly.corpus.speaker_index import ATT_ENTITY_JOIN, linked_speakers
from reportedly.corpus.store import counted_forms
from reportedly.output import mention_forms

from . import sample, trace_gold
from .test_dataset import write

search_module = importlib.import_module("reportedly.corpus.search")  # the package's `search` is the function


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample and the trace gold set in one store: several outlets, speakers, dates and statements."""
    db = tmp_path_factory.mktemp("read") / "c.db"
    with Store(db) as s:
        for d in sample.documents() + trace_gold.documents():
            s.add(d)
        s.refresh_speakers()
    return db


def _plain_ranked(conn: sqlite3.Connection, word: str, where: list[str], params: list[Any]) -> list[tuple]:
    """What a filtered search ranks, by the plain join: every match, its row and document read."""
    return [tuple(r) for r in conn.execute(
        "SELECT f.rowid, bm25(attributions_fts) AS rank FROM attributions_fts f"
        " JOIN attributions a ON a.rowid = f.rowid JOIN documents d ON d.rowid = a.doc_rowid"
        " WHERE attributions_fts MATCH ?" + "".join(f" AND {w}" for w in where) + " ORDER BY rank, f.rowid",
        (f'"{word}"', *params))]


def _plain_documents(conn: sqlite3.Connection, word: str, outlet: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT d.id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid WHERE documents_fts MATCH ?"
        " AND d.outlet_key = ? ORDER BY bm25(documents_fts), f.rowid", (f'"{word}"', outlet))]


@pytest.mark.parametrize("ratio", [0, 4, 10**9])  # each match's row / the cheaper / the filters' rows first
@pytest.mark.parametrize("word", ["said", "the", "audit", "Milley", "economy"])
def test_a_filtered_search_finds_and_ranks_what_the_plain_join_does(both: Path, word: str, ratio: int,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_module, "SUBSET_RATIO", ratio)
    with Store(both, readonly=True) as s:
        c = s.conn
        outlets = [r[0] for r in c.execute("SELECT DISTINCT outlet_key FROM documents ORDER BY 1")]
        speakers = [r[0] for r in c.execute("SELECT DISTINCT speaker_id FROM attributions"
                                            " WHERE speaker_id IS NOT NULL ORDER BY 1")]
        assert len(outlets) >= 5 and len(speakers) >= 3
        cases: list[tuple[dict[str, Any], list[str], list[Any]]] = []
        for o in outlets:
            cases.append(({"outlet": o}, ["d.outlet_key = ?"], [o]))
            cases.append(({"outlet": o, "date_from": "2024-03-02"}, ["d.outlet_key = ?", "a.day >= ?"],
                          [o, "2024-03-02"]))
        for sp in speakers:
            cases.append(({"speaker": sp}, ["a.speaker_id = ?"], [sp]))
        cases.append(({"anonymous": True}, ["a.anonymous = 1"], []))
        cases.append(({"hedged": True}, ["a.hedged = 1"], []))
        for filters, where, params in cases:
            expected = _plain_ranked(c, word, where, params)
            got = [r for r in s.search(word, limit=1000, **filters) if r["type"] == "attribution"]
            rowids = {r[0]: r for r in c.execute("SELECT a.rowid, d.id, a.att_id FROM attributions a"
                                                 " JOIN documents d ON d.rowid = a.doc_rowid")}
            assert [(rowids[rid][1], rowids[rid][2]) for rid, _ in expected] == \
                [(r["document_id"], r["attribution_id"]) for r in got], filters
            assert [rank for _, rank in expected] == [r["rank"] for r in got]
            if expected:  # a page further on is the same list cut
                page = [r for r in s.search(word, limit=2, offset=1, **filters) if r["type"] == "attribution"]
                assert [r["attribution_id"] for r in page] == [r["attribution_id"] for r in got[1:3]]
            if "outlet" in filters and len(filters) == 1:
                docs = [r["document_id"] for r in s.search(word, limit=1000, **filters) if r["type"] == "document"]
                assert docs == _plain_documents(c, word, filters["outlet"])


def test_a_listing_without_words_is_newest_first_as_the_plain_sort_gives(both: Path) -> None:
    with Store(both, readonly=True) as s:
        c = s.conn
        order = [(r[0], r[1]) for r in c.execute(
            "SELECT d.id, a.att_id FROM attributions a JOIN documents d ON d.rowid = a.doc_rowid"
            " ORDER BY a.day DESC, a.rowid")]
        got = [(r["document_id"], r["attribution_id"]) for r in s.search("", limit=1000, anonymous=False)
               if r["type"] == "attribution"]
        assert got == order
        assert [(r["document_id"], r["attribution_id"]) for r in s.search("", limit=3, offset=2)
                if r["type"] == "attribution"] == order[2:5]
        for o in [r[0] for r in c.execute("SELECT DISTINCT outlet_key FROM documents")]:
            atts = [(r[0], r[1]) for r in c.execute(
                "SELECT d.id, a.att_id FROM attributions a JOIN documents d ON d.rowid = a.doc_rowid"
                " WHERE d.outlet_key = ? ORDER BY a.day DESC, a.rowid", (o,))]
            docs = [r[0] for r in c.execute("SELECT id FROM documents WHERE outlet_key = ?"
                                            " ORDER BY day DESC, rowid", (o,))]
            got_all = s.search("", outlet=o, limit=1000)
            assert [(r["document_id"], r["attribution_id"]) for r in got_all if r["type"] == "attribution"] == atts
            assert [r["document_id"] for r in got_all if r["type"] == "document"] == docs
            assert all(r["outlet"] and r["title"] is not None for r in got_all)


def test_a_speakers_mention_forms_are_counted_as_mention_forms_counts_them(both: Path) -> None:
    with Store(both, readonly=True) as s:
        for (sid,) in s.conn.execute("SELECT id FROM speakers").fetchall():
            mentions = [r[0] for r in s.conn.execute(
                "SELECT m.text FROM entity_mentions m WHERE m.entity_rowid IN (SELECT e.rowid FROM attributions a"
                f" {ATT_ENTITY_JOIN} WHERE a.speaker_id = ? AND e.rowid IS NOT NULL) ORDER BY m.doc_rowid, m.start",
                (sid,))]
            page = s.speaker(sid)
            assert page is not None
            assert page["referred_as"] == [{"form": f, "count": n}
                                           for f, n in sorted(mention_forms(mentions), key=lambda fc: -fc[1])]


def test_counted_forms_is_mention_forms_of_the_counted_texts() -> None:
    rng = random.Random(7)
    words = ["he", "He", "Milley", "Gen.  Milley", "gen. milley", "Gen. Milley", "  ", "the general", "The General"]
    for _ in range(200):
        texts = [rng.choice(words) for _ in range(rng.randrange(0, 30))]
        first: dict[str, int] = {}
        counts: dict[str, int] = {}
        for i, t in enumerate(texts):
            first.setdefault(t, i)
            counts[t] = counts.get(t, 0) + 1
        rows = sorted(((t, counts[t], first[t]) for t in counts), key=lambda r: r[2])
        assert counted_forms(rows) == mention_forms(texts)


def test_linked_speakers_are_the_distinct_speakers_of_a_name(both: Path) -> None:
    with Store(both, readonly=True) as s:
        for (key,) in s.conn.execute("SELECT DISTINCT speaker_name FROM attributions WHERE speaker_name IS NOT NULL"):
            assert linked_speakers(s.conn, key) == {r[0] for r in s.conn.execute(
                "SELECT DISTINCT speaker_id FROM attributions WHERE speaker_name = ? AND speaker_id IS NOT NULL",
                (key,))}
        assert linked_speakers(s.conn, "nobody at all") == set()


def _indexes(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return {r[0]: r[1] for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                                                 " AND sql IS NOT NULL")}


def test_a_loaded_store_has_the_indexes_of_a_migrated_one(tmp_path: Path) -> None:
    built = sample.build(tmp_path / "ingest.db")
    load(write(tmp_path / "data", [sample.documents()]), tmp_path / "load.db")
    assert _indexes(tmp_path / "load.db") == _indexes(built)
    for name in ("documents_head", "documents_outlet_month", "speakers_name", "entities_doc_seq", "attributions_day"):
        assert name in _indexes(built)
    assert "entities_doc" not in _indexes(built)
    with Store(tmp_path / "load.db", readonly=True) as s:  # the pages that name documents_head read it
        assert s.speaker("mark-milley") == Store(built, readonly=True).speaker("mark-milley")


def test_postgresql_leaves_indexed_by_out() -> None:
    sql = "SELECT d.id FROM attributions a JOIN documents d INDEXED BY documents_head ON d.rowid = a.doc_rowid"
    assert translate(sql, False)[0] == "SELECT d.id FROM attributions a JOIN documents d ON d.rowid = a.doc_rowid"


def test_a_speaker_is_found_by_name_in_any_case(both: Path) -> None:
    with Store(both, readonly=True) as s:
        name = s.conn.execute("SELECT name FROM speakers WHERE id = 'mark-milley'").fetchone()[0]
        assert s.find_speakers(name.upper()) == s.find_speakers(name) == ["mark-milley"]
        plan = " ".join(r[3] for r in s.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM speakers WHERE id = ? OR lower(name) = lower(?)", ("x", "x")))
        assert "speakers_name" in plan


def test_the_speaker_list_counts_what_the_attributions_hold_from_one_index(store: Store) -> None:
    """Migration 0008: each speaker's statements, documents and first and last day, as the attributions'
    rows give them, read from ``attributions_speaker`` alone (SQLite's plan; PostgreSQL has the index)."""
    names = {r[0]: (r[1], r[2]) for r in store.conn.execute("SELECT id, name, kind FROM speakers")}
    rows: dict[str, list[tuple[int, str | None]]] = {}
    for sid, doc, day in store.conn.execute("SELECT speaker_id, doc_rowid, day FROM attributions"):
        if sid in names:
            rows.setdefault(sid, []).append((doc, day))
    expected = {sid: {"id": sid, "name": names[sid][0], "kind": names[sid][1], "statements": len(got),
                      "documents": len({d for d, _ in got}), "first": min((x for _, x in got if x), default=None),
                      "last": max((x for _, x in got if x), default=None)} for sid, got in rows.items()}
    listed = store.speakers(limit=-1)
    assert len(expected) >= 3 and {r["id"]: r for r in listed} == expected
    assert [(-r["statements"], r["name"]) for r in listed] == sorted((-r["statements"], r["name"]) for r in listed)
    assert store.speakers(limit=2, offset=1) == listed[1:3]
    if store.dialect.name == "sqlite":
        plan = " ".join(r[3] for r in store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT count(*), count(DISTINCT a.doc_rowid), min(a.day), max(a.day)"
            " FROM speakers s JOIN attributions a ON a.speaker_id = s.id GROUP BY s.id"))
        assert "COVERING INDEX attributions_speaker" in plan
    else:
        assert store.conn.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'attributions_speaker'"
                                  " AND schemaname = current_schema()").fetchone()[0].endswith(
            "(speaker_id, day, doc_rowid)")
