"""Words within a speaker's statements (migration 0011): SQLite's ``attributions_fts`` indexes each
statement's speaker as one token, a search with words and ``--speaker`` asks the index for both, a trigger
keeps the token right when names are linked across the corpus, and the bulk paths rebuild it once. Also:
a search with a filter the index holds ranks the newest matches that pass it, and an outlet's newest
statements are listed the same way whichever way SQLite reads them."""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from reportedly.corpus import Store
from reportedly.corpus.backend import MAX_SPEAKER_TOKENS, SQLITE, speaker_token
from reportedly.corpus.load import load
from reportedly.corpus.postgres import POSTGRES
from reportedly.corpus.speaker_index import find_speakers
from reportedly.document import Attribution, Document, Source

from . import pg, sample
from .test_dataset import write
from .test_outlet_fts import OUTLETS, QUERIES, _story

search_mod = importlib.import_module("reportedly.corpus.search")  # the package's `search` is the function

#: who speaks in :func:`_said`, in the order the articles are stored: a surname alone first, then the
#: full name it joins, then a second person of that surname (the surname is then a speaker of its own)
SPEAKERS = ["Lee", "Ann Lee", "Mayor Ann Lee", "Bob Lee", "Lee", "Rosa Diaz", "Diaz"]


def _said(i: int, name: str) -> Document:
    text = (f"Budget talks {i}\n\n{name} said the budget would rise by {i} percent.\n\n"
            f"Critics said the harbour plan was news to them, edition {i}.")
    d = sample._doc(text, input=f"said{i}.txt", title=f"Budget talks {i}", date=f"2024-0{1 + i % 9}-2{i % 8}",
                    sitename=OUTLETS[i % 3])
    d.add_attribution(Attribution(
        id=f"q{i}a", source=Source(spans=[sample.at(text, name)], entity=name.removeprefix("Mayor "), kind="person"),
        cue=[sample.at(text, "said")], content=[sample.at(text, f"the budget would rise by {i} percent")]))
    d.add_attribution(Attribution(
        id=f"q{i}b", source=Source(spans=[sample.at(text, "Critics")], kind="group"), cue=[sample.at(text, "said", 1)],
        content=[sample.at(text, f"the harbour plan was news to them, edition {i}")]))
    return d


def documents() -> list[Document]:
    return [_said(i, name) for i, name in enumerate(SPEAKERS)] + [_story(i, OUTLETS[i % 3]) for i in range(6)]


def _hits(results: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(r["type"], r["document_id"], r.get("attribution_id"), r["rank"]) for r in results]


def _speaker_rows(conn: Any) -> dict[str, tuple[set[int], set[int]]]:
    """Per speaker: the rowids ``attributions_fts`` holds for the speaker's token, and the statements
    whose ``speaker_id`` it is."""
    out = {}
    for (sid,) in conn.execute("SELECT DISTINCT speaker_id FROM attributions WHERE speaker_id IS NOT NULL").fetchall():
        indexed = {r[0] for r in conn.execute("SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?",
                                              (f"speaker : {speaker_token(sid)}",))}
        out[sid] = (indexed, {r[0] for r in conn.execute("SELECT rowid FROM attributions WHERE speaker_id = ?", (sid,))})
    return out


def _check_tokens(s: Store) -> None:
    assert s.integrity_check() == "ok"  # FTS5's own check: the index holds what the view gives
    rows = _speaker_rows(s.conn)
    for sid, (indexed, stored) in rows.items():
        assert indexed == stored, sid
    assert len(rows) >= 4


def _build(db: str | Path) -> None:
    with Store(db) as s:
        for d in documents():
            s.add(d)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def speakers_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    db = pg.target(request.param, tmp_path_factory.mktemp("speakers"))
    _build(db)
    with Store(db, readonly=True) as s:
        yield s


def test_a_speakers_token_is_one_word_per_speaker() -> None:
    assert speaker_token("ann-lee") == "s" + b"ann-lee".hex()
    token = speaker_token("ann-lee")
    assert SQLITE.speaker_match("attributions_fts", '"budget"', ["ann-lee"]) == f'("budget") AND speaker : ({token})'
    assert SQLITE.speaker_match("attributions_fts", "x", ["a", "b"]) == \
        f"(x) AND speaker : ({speaker_token('a')} OR {speaker_token('b')})"
    assert SQLITE.speaker_match("documents_fts", '"budget"', ["ann-lee"]) is None  # articles have no speaker
    assert SQLITE.speaker_match("attributions_fts", "x", [f"p{i}" for i in range(MAX_SPEAKER_TOKENS + 1)]) is None
    assert SQLITE.speaker_match("attributions_fts", "x", []) is None
    assert POSTGRES.speaker_match("attributions_fts", '"budget"', ["ann-lee"]) is None


def test_linking_names_across_the_corpus_keeps_each_statements_token(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as s:
        seen = set()
        for d in documents():
            s.add(d)  # "Lee" joins Ann Lee, then becomes a speaker of its own when Bob Lee arrives
            if len(_speaker_rows(s.conn)) >= 4:
                _check_tokens(s)
            seen |= set(_speaker_rows(s.conn))
        assert {"ann-lee", "bob-lee", "rosa-diaz"} <= seen
        _check_tokens(s)
        assert s.refresh_speakers() >= 4  # every speaker again, in bulk: the index rebuilt once
        _check_tokens(s)
        trigger = s.conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0]
        assert trigger == 1
        again = _said(20, "Rosa Diaz")
        again.meta.sitename = "Evening Herald"
        s.add(again)
        old = next(d for d in documents() if d.input == "said5.txt")
        old.record("attribution", "test-2")
        assert s.put(old, update=True) == "updated"  # deleted and stored again
        _check_tokens(s)


@pytest.mark.parametrize("query", QUERIES + ["rise", '"the budget"', "harbour OR budget"])
def test_words_within_a_speakers_statements_are_the_search_of_those_alone(speakers_store: Store, query: str) -> None:
    s = speakers_store
    everything = s.search(query, limit=1000)  # a small store: every match is ranked
    for name in ["Ann Lee", "Lee", "Bob Lee", "Rosa Diaz", "Diaz", "ann-lee", "Mayor Ann Lee", "Nobody Here"]:
        ids = set(find_speakers(s.conn, name))
        got = s.search(query, speaker=name, limit=1000)
        expected = [r for r in everything if r["type"] == "attribution" and r["speaker_id"] in ids]
        assert _hits(got) == _hits(expected), (query, name)
        for outlet in OUTLETS[:3]:
            both = s.search(query, speaker=name, outlet=outlet, limit=1000)
            assert _hits(both) == _hits([r for r in expected if r["outlet"] == outlet]), (query, name, outlet)
        dated = s.search(query, speaker=name, date_from="2024-03", limit=1000)
        assert _hits(dated) == _hits([r for r in expected if (r["date"] or "") >= "2024-03"])


def test_the_users_words_never_match_a_speakers_token(speakers_store: Store) -> None:
    s = speakers_store
    for sid in ("ann-lee", "bob-lee", "rosa-diaz"):
        token = speaker_token(sid)
        for query in (token, f'"{token}"', f"{token[:5]}*", f"speaker: {token}", f'"budget" AND speaker : {token}',
                      f"{{speaker}}: {token}*", "s*"):
            assert [r for r in s.search(query, limit=1000) if token in (r["snippet"] or "")] == []
            if query != "s*":
                assert s.search(query, limit=1000) == [], query
                assert s.search(query, speaker=sid, limit=1000) == [], query


def test_a_loaded_store_has_the_tokens_of_an_ingested_one(tmp_path: Path) -> None:
    ingested = tmp_path / "ingest.db"
    with Store(ingested) as s:
        for d in documents():
            s.add(d)
        s.refresh_speakers()
    loaded = tmp_path / "load.db"
    docs = documents()
    load(write(tmp_path / "data", [docs[:5], docs[5:]]), loaded)
    with Store(ingested, readonly=True) as a, Store(loaded) as b:
        _check_tokens(b)
        for name in ["Ann Lee", "Bob Lee", "Lee", "Rosa Diaz"]:
            for query in ["budget", "rise OR harbour", '"the budget"']:
                assert _hits(a.search(query, speaker=name, limit=1000)) == \
                    _hits(b.search(query, speaker=name, limit=1000)), (query, name)


def test_migration_11_puts_the_speakers_into_the_full_text_index_of_a_stored_corpus(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    _build(db)
    with Store(db, readonly=True) as s:
        expected = {(q, n): _hits(s.search(q, speaker=n, limit=1000)) for q in QUERIES for n in ["Ann Lee", "Diaz"]}
    assert any(expected.values())
    conn = sqlite3.connect(db)  # the store as schema 10 had it: no speaker column, no trigger
    sample.undo_migrations_11_12(conn)
    conn.executescript("""
        DROP TABLE attributions_fts;
        DROP VIEW attributions_fts_content;
        CREATE VIEW attributions_fts_content AS
            SELECT a.rowid AS rowid, a.doc_rowid AS doc_rowid, a.content_text AS content_text,
                   a.source_text AS source_text, 'o' || lower(hex(d.outlet_key)) AS outlet
            FROM attributions a JOIN documents d INDEXED BY documents_head ON d.rowid = a.doc_rowid;
        CREATE VIRTUAL TABLE attributions_fts USING fts5 (
            content_text, source_text, outlet, content='attributions_fts_content', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2');
        INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild');
        DELETE FROM schema_migrations WHERE version > 10;
        PRAGMA user_version = 10;
    """)
    conn.close()
    with Store(db) as s:
        assert s.schema_version == 12
        _check_tokens(s)
        assert {(q, n): _hits(s.search(q, speaker=n, limit=1000)) for q, n in expected} == expected


def _rowid(s: Store, r: dict[str, Any]) -> int:
    if r["type"] == "document":
        return int(s.conn.execute("SELECT rowid FROM documents WHERE id = ?", (r["document_id"],)).fetchone()[0])
    return int(s.conn.execute("SELECT a.rowid FROM attributions a JOIN documents d ON d.rowid = a.doc_rowid"
                              " WHERE d.id = ? AND a.att_id = ?", (r["document_id"], r["attribution_id"])).fetchone()[0])


def test_a_filter_in_the_index_ranks_the_newest_matches_that_pass_it(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "c.db"
    _build(db)
    monkeypatch.setattr(search_mod, "RANK_WINDOW", 2)
    with Store(db, readonly=True) as s:
        for kw in ({"outlet": OUTLETS[0]}, {"speaker": "Lee"}, {"speaker": "Critics", "outlet": OUTLETS[0]}, {}):
            everything = s.search("budget OR harbour", limit=1000, **kw)  # offset + limit over the window: all ranked
            got = s.search("budget OR harbour", limit=1, **kw)
            kinds = {r["type"] for r in everything}
            assert len(everything) > 2 and len(got) == len(kinds), kw
            for kind in kinds:
                rows = [r for r in everything if r["type"] == kind]
                newest = sorted(rows, key=lambda r: _rowid(s, r), reverse=True)[:2]
                best = min(newest, key=lambda r: (r["rank"], _rowid(s, r)))
                assert _hits([r for r in got if r["type"] == kind]) == _hits([best]), (kw, kind)
            page = s.search("budget OR harbour", limit=1, offset=2, **kw)  # a page past the window widens it
            rows = [r for r in everything if r["type"] == "attribution"]
            newest = sorted(rows, key=lambda r: _rowid(s, r), reverse=True)[:3]
            assert _hits([r for r in page if r["type"] == "attribution"]) == \
                _hits(sorted(newest, key=lambda r: (r["rank"], _rowid(s, r)))[2:3]), kw


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def outlets_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    db = pg.target(request.param, tmp_path_factory.mktemp("outlet-list"))
    with Store(db) as s:
        for i in range(30):
            s.add(_story(200 + i, OUTLETS[i % 3] if i % 10 else "Rare Outlet"))
        for d in documents():
            s.add(d)
    with Store(db, readonly=True) as s:
        yield s


def test_an_outlets_newest_statements_are_those_of_every_statement_from_that_outlet(outlets_store: Store) -> None:
    s = outlets_store
    everything = s.search("", limit=1000)
    assert len([r for r in everything if r["type"] == "attribution"]) > 60
    for outlet in [*OUTLETS, "Rare Outlet", "no such outlet"]:
        for lim, off in ((1, 0), (5, 3), (1000, 0)):
            for anon in (False, True):
                got = s.search("", outlet=outlet.upper(), limit=lim, offset=off, anonymous=anon)
                expected = [r for r in everything if r["outlet"] == outlet and (not anon or r.get("anonymous"))]
                for kind in ("attribution", "document"):
                    want = [r for r in expected if r["type"] == kind][off:off + lim] if not (anon and kind == "document") else []
                    assert [r for r in got if r["type"] == kind] == want, (outlet, lim, off, anon, kind)


def test_an_outlets_statements_come_from_the_index_on_outlet_and_day(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    _build(db)
    with Store(db, readonly=True) as s:
        plan = " ".join(str(tuple(r)) for r in s.conn.execute(
            "EXPLAIN QUERY PLAN SELECT a.rowid FROM attributions a WHERE a.outlet_key = ? ORDER BY a.day DESC, a.rowid"
            " LIMIT 20", ("daily planet",)))
        assert "attributions_outlet" in plan and "documents" not in plan
        assert s.conn.execute("SELECT count(*) FROM attributions a JOIN documents d ON d.rowid = a.doc_rowid"
                              " WHERE a.outlet_key IS NOT d.outlet_key").fetchone()[0] == 0


def test_migration_12_gives_each_stored_statement_its_documents_outlet(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    _build(db)
    with Store(db, readonly=True) as s:
        expected = {o: s.search("", outlet=o, limit=1000) for o in OUTLETS}
    conn = sqlite3.connect(db)  # the store as schema 11 had it: no outlet on the statements
    conn.executescript("""
        DROP INDEX attributions_outlet;
        ALTER TABLE attributions DROP COLUMN outlet_key;
        DELETE FROM schema_migrations WHERE version > 11;
        PRAGMA user_version = 11;
    """)
    conn.close()
    with Store(db) as s:
        assert s.schema_version == 12
        assert s.conn.execute("SELECT count(*) FROM attributions a JOIN documents d ON d.rowid = a.doc_rowid"
                              " WHERE a.outlet_key IS NOT d.outlet_key").fetchone()[0] == 0
        assert {o: s.search("", outlet=o, limit=1000) for o in OUTLETS} == expected
