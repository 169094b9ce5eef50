"""A search within an outlet (migration 0009): SQLite's full-text tables index each row's outlet as one
token in a column of its own, a search with words and ``--outlet`` asks the index for both, the user's
words reach only the text columns, and every write, the bulk load and the migration keep the tokens right."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from reportedly.corpus import Store
from reportedly.corpus import migrate as migrate_mod
from reportedly.corpus.backend import (
    FTS_OUTLET_VIEWS,
    MAX_TOKEN_BYTES,
    SQLITE,
    may_match_token,
    outlet_token,
)
from reportedly.corpus.load import load
from reportedly.corpus.postgres import POSTGRES
from reportedly.document import Attribution, Document, Source
from reportedly.errors import StoreError

from . import pg, sample
from .test_dataset import write

#: outlets whose names have spaces, punctuation, accents, an FTS5 operator, one name the start of another
OUTLETS = ["Daily Planet", "Daily Planet News", "L'Écho du Nord — Édition spéciale", "news.example.com", "AND"]

QUERIES = ["budget", "daily", "planet", "news", "echo", '"the budget"', "budg*", "NEAR(mayor budget, 4)",
           "budget OR harbour", "budget NOT harbour", "Édition", "said", "AND"]


def _story(i: int, outlet: str) -> Document:
    """A short article of ``outlet`` whose words include those of some outlets' names."""
    text = (f"Budget vote {i} in the harbour\n\n"
            f"Mayor Ann Lee{i} said the budget would rise by {i} percent, the daily planet reported.\n\n"
            f"Council members said news of the harbour deal was an echo of last year, édition {i}.")
    d = sample._doc(text, input=f"story{i}.txt", title=f"Budget vote {i} in the harbour",
                    date=f"2024-0{1 + i % 9}-1{i % 10}", sitename=outlet)
    d.add_attribution(Attribution(
        id=f"s{i}a", source=Source(spans=[sample.at(text, f"Mayor Ann Lee{i}")], entity=f"Ann Lee{i}", kind="person"),
        cue=[sample.at(text, "said")], content=[sample.at(text, f"the budget would rise by {i} percent")]))
    d.add_attribution(Attribution(
        id=f"s{i}b", source=Source(spans=[sample.at(text, "Council members")], kind="group"),
        cue=[sample.at(text, "said", 1)],
        content=[sample.at(text, f"news of the harbour deal was an echo of last year, édition {i}")]))
    return d


def stories() -> list[Document]:
    return [_story(i, OUTLETS[i % len(OUTLETS)]) for i in range(12)]


def _build(db: str | Path) -> None:
    with Store(db) as s:
        for d in stories() + sample.documents():
            s.add(d)
        s.refresh_speakers()


def _hits(results: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(r["type"], r["document_id"], r.get("attribution_id"), r["rank"]) for r in results]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def outlets_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    db = pg.target(request.param, tmp_path_factory.mktemp("outlets"))
    _build(db)
    with Store(db, readonly=True) as s:
        yield s


@pytest.mark.parametrize(("expression", "may"), [
    ("o", True), ("O1F", True), ("oab*", True), ('"budget" OR o0', True), ("NEAR(o1 tax)", True), ("o_1", True),
    ("ö12", True), ("ø", True), ("ｏ１", True), ("日本", True), ("Zürich", False),
    ("s*", True), ("S0a", True), ("s6a*", True), ("said OR s1", True), ("sé", True), ("s", False),
    ("budget", False), ('"White House"', False), ("ou*", False), ("office OR og", False), ("Édition", False),
    ("said", False), ("sz*", False), ('"U.S." AND Milley\'s', False), ("content_text: tax", False), ("", False)])
def test_a_word_that_may_match_a_token_is_kept_to_the_text_columns(expression: str, may: bool) -> None:
    assert may_match_token(expression) is may


def test_an_outlets_token_is_one_word_per_outlet() -> None:
    tokens = {outlet_token(o.lower()) for o in OUTLETS}
    assert len(tokens) == len(OUTLETS)
    assert all(re.fullmatch(r"o[0-9a-f]+", t) for t in tokens)
    assert outlet_token("daily planet") == "o" + b"daily planet".hex()
    token = outlet_token("daily planet")
    assert SQLITE.outlet_match("attributions_fts", '"budget"', "daily planet") == f'("budget") AND outlet : {token}'
    assert SQLITE.outlet_match("documents_fts", "o6461* OR tax", "daily planet") == \
        f"({{title content}} : (o6461* OR tax)) AND outlet : {token}"
    assert SQLITE.text_match("attributions_fts", "tax") == "tax"
    assert SQLITE.text_match("attributions_fts", f'"{token}"') == f'{{content_text source_text}} : ("{token}")'
    assert SQLITE.outlet_match("statements_fts", '"budget"', "daily planet") is None  # no outlet column there
    assert SQLITE.outlet_match("documents_fts", '"budget"', "x" * MAX_TOKEN_BYTES) is None  # too long: SQL filters
    assert POSTGRES.outlet_match("documents_fts", '"budget"', "daily planet") is None
    assert SQLITE.rank("attributions_fts") == ("bm25(attributions_fts, 1.0, 1.0, 0.0, 0.0)", 0)
    assert SQLITE.rank("documents_fts") == ("bm25(documents_fts, 1.0, 1.0, 0.0)", 0)
    assert SQLITE.rank("statements_fts") == ("bm25(statements_fts)", 0)


@pytest.mark.parametrize("query", QUERIES)
def test_a_search_within_an_outlet_is_the_search_of_its_documents_alone(outlets_store: Store, query: str) -> None:
    s = outlets_store
    everything = s.search(query, limit=1000)  # a small store: every match is ranked
    assert everything or query in ("AND",)
    for outlet in OUTLETS + ["Evening Herald", "no such outlet"]:
        for spelled in (outlet, outlet.upper(), f"  {outlet} "):
            got = s.search(query, outlet=spelled, limit=1000)
            expected = [r for r in everything if r["outlet"].lower() == outlet.lower()]
            assert _hits(got) == _hits(expected), (query, spelled)
            assert [r["snippet"] for r in got] == [r["snippet"] for r in expected]
        page = s.search(query, outlet=outlet, limit=2, offset=1)
        for kind in ("attribution", "document"):
            assert [h for h in _hits(page) if h[0] == kind] == [h for h in _hits(expected) if h[0] == kind][1:3]


def test_a_search_within_an_outlet_and_other_filters(outlets_store: Store) -> None:
    s = outlets_store
    for outlet in OUTLETS:
        everything = s.search("budget", limit=1000, date_from="2024-03", date_to="2024-07")
        got = s.search("budget", outlet=outlet, limit=1000, date_from="2024-03", date_to="2024-07")
        assert _hits(got) == _hits([r for r in everything if r["outlet"] == outlet])
        speaker = next(r["speaker"] for r in s.search("budget", outlet=outlet, limit=1) if r["speaker"])
        everything = s.search("budget", limit=1000, speaker=speaker)
        got = s.search("budget", outlet=outlet, limit=1000, speaker=speaker)
        assert got and _hits(got) == _hits([r for r in everything if r["outlet"] == outlet])


def test_the_users_words_never_match_an_outlets_token(outlets_store: Store) -> None:
    s = outlets_store
    for outlet in OUTLETS:
        token = outlet_token(outlet.lower())
        for query in (token, f'"{token}"', f"{token[:6]}*", f"outlet: {token}", f'"zzzz" OR outlet : {token}',
                      f'"budget" AND outlet : {token}', f'"budget" AND {{outlet}} : {token}', f"{{outlet}}: {token}*"):
            assert s.search(query, limit=1000) == [], query
            assert s.search(query, outlet=outlet, limit=1000) == [], query
        for r in s.search("budget", outlet=outlet, limit=1000):
            assert token not in r["snippet"] and r["outlet"] == outlet


def _token_rows(conn: sqlite3.Connection) -> dict[str, tuple[set[int], set[int]]]:
    """Per full-text table and outlet: the rowids the index holds for the outlet's token, and the rowids
    of the outlet's rows."""
    out = {}
    for key in [r[0] for r in conn.execute("SELECT DISTINCT outlet_key FROM documents")]:
        token = outlet_token(key)
        for table, by_outlet in (("documents_fts", "SELECT rowid FROM documents WHERE outlet_key = ?"),
                                 ("attributions_fts", "SELECT a.rowid FROM attributions a JOIN documents d"
                                                      " ON d.rowid = a.doc_rowid WHERE d.outlet_key = ?")):
            indexed = {r[0] for r in conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?",
                                                  (f"outlet : {token}",))}
            out[f"{table} {key}"] = (indexed, {r[0] for r in conn.execute(by_outlet, (key,))})
    return out


def _check_tokens(s: Store) -> None:
    assert s.integrity_check() == "ok"  # FTS5's own check: the index holds what the views give
    for name, (indexed, rows) in _token_rows(s.conn).items():
        assert indexed == rows, name
    assert sum(len(rows) for _, rows in _token_rows(s.conn).values()) > 20


def test_every_write_keeps_each_rows_outlet_token(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    _build(db)
    with Store(db) as s:
        _check_tokens(s)
        # an article filed again under another outlet (a newer pipeline): its rows change token
        moved = _story(3, "Daily Planet")
        moved.meta.sitename = "Brand New Outlet"
        moved.record("attribution", "test-2")
        assert s.put(moved, update=True) == "updated"
        _check_tokens(s)
        assert [r["attribution_id"] for r in s.search("budget", outlet="Brand New Outlet")
                if r["type"] == "attribution"] == ["s3a"]
        assert all(r["document_id"] != moved.id for r in s.search("budget", outlet=OUTLETS[3], limit=1000))
        s.add(_story(40, "Daily Planet"))
        _check_tokens(s)


def test_a_loaded_store_searches_as_an_ingested_one(tmp_path: Path) -> None:
    ingested = tmp_path / "ingest.db"
    _build(ingested)
    loaded = tmp_path / "load.db"
    load(write(tmp_path / "data", [stories()[:6], stories()[6:] + sample.documents()]), loaded)
    with Store(ingested, readonly=True) as a, Store(loaded) as b:
        _check_tokens(b)
        for outlet in OUTLETS:
            for query in QUERIES:
                assert _hits(a.search(query, outlet=outlet, limit=1000)) == \
                    _hits(b.search(query, outlet=outlet, limit=1000)), (query, outlet)


#: the full-text tables as migrations 1 to 8 left them
_V8_FTS = """
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, content, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE attributions_fts USING fts5 (
    content_text, source_text, content='attributions', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild');
"""


def _as_version_8(db: Path) -> None:
    conn = sqlite3.connect(db)
    sample.undo_migrations_11_12(conn)
    for table, view in FTS_OUTLET_VIEWS.items():
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"DROP VIEW {view}")
    conn.executescript(_V8_FTS)
    conn.execute("DELETE FROM schema_migrations WHERE version > 8")
    sample.undo_migrations_11_12(conn)
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()


def test_migration_9_puts_the_outlets_into_the_full_text_index_of_a_stored_corpus(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    _build(db)
    with Store(db, readonly=True) as s:
        speaker = next(r["speaker"] for r in s.search("budget", outlet=OUTLETS[2]) if r["speaker"])
        cases: list[tuple[str, str | None, dict[str, Any]]] = [
            (q, o, f) for q in QUERIES for o in [*OUTLETS, None]
            for f in ({}, {"date_from": "2024-04"}, {"speaker": speaker})]
        expected = [_hits(s.search(q, outlet=o, limit=1000, **f)) for q, o, f in cases]
    assert any(expected)
    _as_version_8(db)
    conn = sqlite3.connect(db)
    # the store as version 8 had it: the words only, the outlet filtered on the document
    word = conn.execute("SELECT count(*) FROM attributions_fts f JOIN attributions a ON a.rowid = f.rowid"
                        " JOIN documents d ON d.rowid = a.doc_rowid WHERE attributions_fts MATCH 'budget'"
                        " AND d.outlet_key = 'daily planet'").fetchone()[0]
    assert word == 3
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH 'outlet : x'").fetchall()
    conn.close()
    with pytest.raises(StoreError, match="needs 12"):
        Store(db, readonly=True)
    with Store(db) as s:
        assert s.schema_version == len(migrate_mod.migrations()) == 12
        applied = [tuple(r) for r in s.conn.execute("SELECT version, name FROM schema_migrations WHERE version = 9")]
        assert applied == [(9, "0009_fts_outlet.sql")]
        _check_tokens(s)
        assert [_hits(s.search(q, outlet=o, limit=1000, **f)) for q, o, f in cases] == expected
