"""The store on SQLite and on PostgreSQL side by side: the same documents give the same search results,
pages, statements and records; the PostgreSQL schema, its query language and the web UI over it.

The PostgreSQL variants need a server (tests/corpus/pg.py); without one they skip with the reason.
"""

from __future__ import annotations

import io
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from reportedly.corpus import Store, export
from reportedly.corpus.postgres import index_words, translate, tsquery, tsvector
from reportedly.errors import StoreError

from . import pg, sample
from . import trace_gold as gold


def _documents() -> list:
    return sample.documents() + gold.documents()


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory):
    """The hand-built corpus and the statement gold set in one store of each backend."""
    targets = [str(tmp_path_factory.mktemp("pair") / "c.db"), pg.fresh_url()]
    for t in targets:
        with Store(t) as s:
            for d in _documents():
                s.add(d)
            s.refresh_speakers()
    with Store(targets[0], readonly=True) as lite, Store(targets[1], readonly=True) as post:
        yield lite, post


SEARCHES: list[tuple[str, dict]] = [
    ("Milley", {}), ("milley", {}), ('"Mark Milley"', {}), ("Milley's", {}), ("stockpil*", {}), ("audit", {}),
    ('"publish the audit"', {}), ("audit OR firefighters", {}), ("audit AND mayor", {}), ("audit NOT full", {}),
    ("(audit OR bridge) AND buses", {}), ("NEAR(audit month)", {}), ("audit OR", {}), ('"White House" Trump\'s', {}),
    ('said"', {}), ("U.S.", {}), ("economy", {"outlet": "harbor post"}), ("", {"anonymous": True}),
    ("", {"hedged": True}), ("", {"speaker": "Milley"}), ("said", {"speaker": "Elena Duarte"}),
    ("", {"outlet": "Daily Meridian"}), ("", {"via": "daily meridian"}), ("", {"date_from": "2024-03-02"}),
    ("audit", {"date_from": "2024-03", "date_to": "2024-03-02"}), ("the", {}), ("the", {"limit": 3, "offset": 2}),
]


def _hits(results: list[dict]) -> set[tuple]:
    return {(r["type"], r["document_id"], r.get("attribution_id")) for r in results}


@pytest.mark.parametrize(("query", "filters"), SEARCHES)
def test_search_finds_the_same_on_both_backends(pair, query: str, filters: dict) -> None:
    lite, post = pair
    if "offset" in filters:  # a page of a ranked list: the rankings differ, the list does not
        whole = {k: v for k, v in filters.items() if k not in ("limit", "offset")}
        assert _hits(lite.search(query, limit=1000, **whole)) == _hits(post.search(query, limit=1000, **whole))
        assert len(post.search(query, **filters)) == len(lite.search(query, **filters))
        return
    assert _hits(post.search(query, **filters)) == _hits(lite.search(query, **filters))


def test_the_searches_above_find_something(pair) -> None:
    lite, _ = pair
    found = [q for q, f in SEARCHES if lite.search(q, **f)]
    assert len(found) >= len(SEARCHES) - 4, found  # the comparison is not between empty lists


def test_pages_statements_and_records_are_the_same_on_both_backends(pair) -> None:
    lite, post = pair
    assert post.counts() == lite.counts()
    assert post.document_ids() == lite.document_ids()
    for doc_id in lite.document_ids():
        assert post.get_record(doc_id) == lite.get_record(doc_id)
        assert post.attribution_speakers(doc_id) == lite.attribution_speakers(doc_id)
    assert post.documents(limit=50) == lite.documents(limit=50)
    assert post.speakers(limit=-1) == lite.speakers(limit=-1)
    for sp in lite.speakers(limit=-1):
        assert post.speaker(sp["id"]) == lite.speaker(sp["id"])
        assert post.find_speakers(sp["name"]) == lite.find_speakers(sp["name"])
    assert post.outlets() == lite.outlets()
    for o in lite.outlets():
        assert post.outlet_profile(o["outlet"]) == lite.outlet_profile(o["outlet"])
    assert post.trace("", limit=200) == lite.trace("", limit=200)
    for q in ("audit", "economy", '"the bridge"', "schools OR teachers"):
        assert {s["id"] for s in post.trace(q)} == {s["id"] for s in lite.trace(q)}
    for what in ("documents", "attributions", "speakers", "entities", "statements"):
        a, b = io.StringIO(), io.StringIO()
        assert export(post, what, "csv", a) == export(lite, what, "csv", b)
        assert a.getvalue() == b.getvalue()


def _nf_document(form: str, word: str, outlet: str):
    text = unicodedata.normalize(form, f"Inspectors say the bridge was {word} last week, the ministry said.")
    return gold.document(outlet, "2024-05-01", f"Bridge {outlet}", text.split("\n")[0],
                         [("a1", None, "the ministry", "Ministry", "organization", "said",
                           unicodedata.normalize(form, f"the bridge was {word} last week"), None)])


def test_a_word_is_found_whatever_its_unicode_normal_form(tmp_path: Path, backend: str) -> None:
    db = pg.target(backend, tmp_path)
    nfd = _nf_document("NFD", "geprüft", "Decomposed Daily")
    nfc = _nf_document("NFC", "überprüft", "Composed Courier")
    hangul = _nf_document("NFD", "검사했다", "Jamo Journal")  # decomposed Hangul: letters, no combining marks
    assert "u\u0308" in nfd.text and "ü" in nfc.text and "검" not in hangul.text
    with Store(db) as s:
        for d in (nfd, nfc, hangul):
            s.add(d)
        for query in ("geprüft", unicodedata.normalize("NFD", "geprüft"), '"was geprüft"'):
            got = s.search(query)
            assert {r["document_id"] for r in got} == {nfd.id}, query
            assert any(r["type"] == "attribution" for r in got)
        for query in ("überprüft", unicodedata.normalize("NFD", "überprüft")):
            assert {r["document_id"] for r in s.search(query)} == {nfc.id}, query
        assert {r["document_id"] for r in s.search("검사했다")} == {hangul.id}
        # the stored text, and so every span, is the text as it came
        for d in (nfd, hangul):
            record = s.get_record(d.id)
            assert record["text"] == d.text
            content = record["attributions"][0]["content"]
            assert d.text[content["spans"][0][0]:content["spans"][0][1]] == content["text"]


# -- PostgreSQL only ------------------------------------------------------------------------------
def test_postgresql_schema_is_created_once_and_checked_when_read(tmp_path: Path) -> None:
    from reportedly.corpus.migrate import migrations

    url = pg.fresh_url()
    with pytest.raises(StoreError, match="needs"):
        Store(url, readonly=True)  # an empty database is no store yet
    with Store(url) as s:
        assert s.schema_version == len(migrations())
        assert s.integrity_check() == "ok"
        rows = s.conn.execute("SELECT version, name FROM schema_migrations").fetchall()
        # the baseline (the schema as of migration 6), then each later migration
        assert [tuple(r) for r in rows] == [(6, "pg_0006_baseline.sql"), (7, "pg_0007_read_indexes.sql"),
                                            (8, "0008_speaker_list.sql"), (9, "pg_0009_fts_outlet.sql"),
                                            (10, "pg_0010_record_zlib.sql"), (11, "pg_0011_fts_speaker.sql"),
                                            (12, "pg_0012_attributions_outlet.sql")]
        assert len(migrations()) == 12
    with Store(url) as s:  # opened again: nothing to do
        assert s.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == 7
    with Store(url, readonly=True) as s:
        assert s.document_ids() == []
        with pytest.raises(StoreError, match="read-only"):
            s.add(sample.documents()[0])
        with pytest.raises(sqlite3.OperationalError):
            s.conn.execute("INSERT INTO inputs (hash, path, documents) VALUES ('x', 'y', 1)")


def test_postgresql_store_replaces_and_keeps_inputs(tmp_path: Path) -> None:
    url = pg.fresh_url()
    with Store(url) as s:
        docs = sample.documents()
        assert s.put(docs[0]) == "added" and s.put(docs[0]) == "existing"
        docs[0].provenance = [{"component": "attribution", "version": "9"}]
        replaced: list = []
        assert s.put(docs[0], update=True, replaced=replaced) == "updated" and replaced
        assert s.counts()["documents"] == 1
        s.mark_input("abc", "in.txt", 1)
        s.mark_input("abc", "in.txt", 1)  # INSERT OR IGNORE
        assert s.has_input("abc") and not s.has_input("abd")
        assert s.search("Milley") and s.integrity_check() == "ok"


def test_the_web_ui_and_api_read_a_postgresql_store(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from reportedly.web.app import create_app

    url = pg.fresh_url()
    sample.build(url)
    gold.build(url)
    client = TestClient(create_app(url))
    hits = client.get("/api/search", params={"q": "Milley"}).json()["results"]
    assert hits and all("document_id" in h for h in hits)
    doc_id = hits[0]["document_id"]
    assert client.get(f"/api/documents/{doc_id}").json()["id"] == doc_id
    speakers = client.get("/api/speakers").json()
    assert client.get(f"/api/speakers/{speakers[0]['id']}").status_code == 200
    outlets = client.get("/api/outlets").json()
    assert client.get(f"/api/outlets/{outlets[0]['outlet']}").status_code == 200
    statements = client.get("/api/statements", params={"q": "audit"}).json()
    assert statements and client.get(f"/api/statements/{statements[0]['id']}").status_code == 200
    for page in ("/", "/search?q=audit&outlet=harbor+post", f"/documents/{doc_id}", "/speakers", "/outlets",
                 "/statements", f"/statements/{statements[0]['id']}"):
        assert client.get(page).status_code == 200, page


def test_the_commands_take_a_postgresql_url(capsys: pytest.CaptureFixture[str]) -> None:
    from reportedly.cli import main

    url = pg.fresh_url()
    gold.build(url)
    assert main(["search", "audit", "--db", url]) == 0
    assert "audit" in capsys.readouterr().out
    assert main(["trace", "audit", "--db", url, "--format", "json"]) == 0
    assert '"first_seen"' in capsys.readouterr().out
    assert main(["export", "--db", url, "--what", "attributions", "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") > 20


# -- the query language, without a server -------------------------------------------------------------
def test_queries_become_tsqueries_with_the_words_fts5_reads() -> None:
    assert tsquery('"Milley"') == "'milley'"
    assert tsquery('"Milley\'s"') == "('milley' <-> 's')"
    assert tsquery('"White House" OR senat*') == "(('white' <-> 'house') | 'senat':*)"
    assert tsquery('"a" "b" NOT "c"') == "('a' & ('b' & !'c'))"
    assert tsquery('("a" OR "b") AND "c"') == "((('a' | 'b')) & 'c')"
    assert tsquery('NEAR("a" "b", 5)') == "('a' & 'b')"
    assert tsquery('"\'"') == ""  # no word: matches nothing
    assert tsquery(unicodedata.normalize("NFD", '"Geprüft"')) == "'gepruft'"
    for bad in ('"unterminated', "trump OR", "OR x", "Trump's", "(a", "NOT x"):
        with pytest.raises(sqlite3.OperationalError, match="fts5"):
            tsquery(bad)


def test_the_index_cuts_words_as_fts5_does() -> None:
    assert index_words("U.S. officials' e-mail, café — 2024") == ["u", "s", "officials", "e", "mail", "cafe", "2024"]
    assert tsvector("Big title", "body text") == "'big':1 'title':2 'body':4 'text':5"  # no phrase across the two


def test_shared_sql_is_translated_for_postgresql() -> None:
    assert translate("SELECT x FROM t WHERE a = ? AND b LIKE '%?'")[0] == \
        "SELECT x FROM t WHERE a = %s AND b LIKE '%%?'"
    assert translate("INSERT OR IGNORE INTO speakers (id) VALUES (?)")[0] == \
        "INSERT INTO speakers (id) VALUES (%s) ON CONFLICT DO NOTHING"
    assert translate("SELECT 1 FROM t ORDER BY d.day DESC, d.rowid")[0].endswith("d.day DESC NULLS LAST, d.rowid")
    assert translate("INSERT INTO documents (id) VALUES (?)") == ("INSERT INTO documents (id) VALUES (%s) RETURNING rowid",
                                                                 True)


#: what a store filled by ingest and one filled by load (copied over) hold alike, table by table
_SAME = {
    "documents": "rowid, id, input, text_hash, title, content, date, day, month, outlet, outlet_key, url, format, record",
    "attributions": "*", "speakers": "*", "statements": "*", "statement_members": "*", "statement_keys": "*",
    "entities": "*", "entity_mentions": "doc_rowid, entity_rowid, start, \"end\", text",
    "spans": "doc_rowid, layer, start, \"end\", label, data", "claims": "doc_rowid, text, reason, spans, component",
    "provenance": "doc_rowid, component, version", "statements_fts": "rowid, content, tsv::text",
    "documents_fts": "rowid, tsv::text", "attributions_fts": "rowid, tsv::text",
}


def test_load_into_postgresql_stores_what_ingest_stores(tmp_path: Path) -> None:
    from reportedly.corpus.load import load

    from .test_dataset import write

    docs = gold.documents()
    ingest_url, load_url = pg.fresh_url(), pg.fresh_url()
    with Store(ingest_url) as s:
        for d in docs:
            s.add(d)
        s.refresh_speakers()
    stats = load(write(tmp_path / "data", [docs[:3], docs[3:]]), load_url)
    assert stats.documents == len(docs) and "copy to PostgreSQL" in (stats.phases or {})
    with Store(ingest_url, readonly=True) as a, Store(load_url, readonly=True) as b:
        for table, cols in _SAME.items():
            got = sorted(tuple(r) for r in b.conn.execute(f"SELECT {cols} FROM {table}"))
            assert got == sorted(tuple(r) for r in a.conn.execute(f"SELECT {cols} FROM {table}")), table
        assert b.trace("") == a.trace("") and b.search("audit") and b.integrity_check() == "ok"
        assert len(b.conn.execute("SELECT * FROM inputs").fetchall()) == 2
    with Store(load_url) as b:  # the sequences go on after the copied rows
        assert b.put(sample.documents()[0]) == "added"
    with pytest.raises(StoreError, match="without documents"):
        load(tmp_path / "data", load_url)
