"""Records kept packed (migration 0010): SQLite stores each document's record as a zlib BLOB, every reader
unpacks it (a row left as text too), and a store migrated from schema 9 reads exactly as before."""

from __future__ import annotations

import io
import json
import sqlite3
import zlib
from pathlib import Path
from typing import Any

import pytest

from reportedly.corpus import Store, export
from reportedly.corpus import migrate as migrate_mod
from reportedly.corpus.rows import pack_record, record_text, record_without_layers, stored_record
from reportedly.document import Attribution, Document, Metadata, Source
from reportedly.errors import StoreError

from . import pg, sample


def _unicode_doc() -> Document:
    """Text beyond ASCII (decomposed and composed letters, CJK, an emoji, a line break in a quote)."""
    text = ("Zürich und Tōkyō\n\nDie Stadt Zu\u0308rich sagte: \"東京 braucht 🚆 Züge\nund mehr\", "
            "sagte die Sprecherin.")
    doc = Document(text, input="unicode.txt", meta=Metadata(title="Zürich und Tōkyō", date="2024-06-01",
                                                             sitename="Der Bote"))
    doc.add_span("title", *sample.at(text, "Zürich und Tōkyō"))
    doc.add_span("paragraph", *sample.at(text, text.split("\n\n")[1]))
    doc.attributions.append(Attribution(
        "u1", Source([sample.at(text, "die Sprecherin")], entity="Sprecherin", kind="person"),
        [sample.at(text, "sagte", 1)], [sample.at(text, "東京 braucht 🚆 Züge\nund mehr")]))
    doc.record("structure", "test")
    doc.record("attribution", "test")
    return doc


def _documents() -> list[Document]:
    return [*sample.documents(), _unicode_doc()]


def _build(db: Path) -> Path:
    with Store(db) as s:
        for d in _documents():
            s.add(d)
        s.refresh_speakers()
    return db


def _raw(db: Path) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT id, record FROM documents"))
    finally:
        conn.close()


def _views(s: Store) -> dict[str, Any]:
    """What readers get from a store: records, documents, searches, speaker pages, statements and exports."""
    out: dict[str, Any] = {"records": {d: json.dumps(s.get_record(d), ensure_ascii=False) for d in s.document_ids()}}
    out["documents"] = {d: s.get_document(d).to_dict() for d in s.document_ids()}  # type: ignore[union-attr]
    out["search"] = [s.search(q, limit=100) for q in ("budget", "Milley", "Züge", "said", "")]
    out["speakers"] = [s.speaker(r["id"]) for r in s.speakers(limit=-1)]
    out["trace"] = s.trace("")
    for what in ("documents", "attributions", "entities"):
        buf = io.StringIO()
        export(s, what, "jsonl", buf)
        out[f"export {what}"] = buf.getvalue()
    return out


def test_pack_and_unpack() -> None:
    text = json.dumps({"text": "Zürich 東京 🚆", "n": 1}, ensure_ascii=False)
    packed = pack_record(text)
    assert isinstance(packed, bytes) and zlib.decompress(packed) == text.encode("utf-8")
    assert pack_record(text) == packed  # the same record packs to the same bytes (ingest and load agree)
    assert record_text(packed) == record_text(text) == text
    assert stored_record(packed) == stored_record(text) == {"text": "Zürich 東京 🚆", "n": 1}


def test_records_are_zlib_blobs_that_read_back_byte_for_byte(tmp_path: Path) -> None:
    db = _build(tmp_path / "c.db")
    raw = _raw(db)
    docs = {d.id: d for d in _documents()}
    assert set(raw) == set(docs)
    for doc_id, value in raw.items():
        assert isinstance(value, bytes)  # a BLOB, though the column is declared TEXT
        # the JSON text the store wrote before migration 0010, exactly
        assert zlib.decompress(value).decode("utf-8") == json.dumps(record_without_layers(docs[doc_id]),
                                                                    ensure_ascii=False)
        assert len(value) < len(zlib.decompress(value))
    with sqlite3.connect(db) as conn:
        assert {r[0] for r in conn.execute("SELECT typeof(record) FROM documents")} == {"blob"}
    with Store(db, readonly=True) as s:
        for doc in _documents():
            want, got = doc.to_dict(), s.get_record(doc.id)
            assert got == want and json.dumps(got, ensure_ascii=False) == json.dumps(want, ensure_ascii=False)
            back = s.get_document(doc.id)
            assert back is not None and back.to_dict() == want
        packed = _views(s)
    # the same store with every record as plain text (as before migration 0010) reads identically
    conn = sqlite3.connect(db)
    conn.executemany("UPDATE documents SET record = ? WHERE id = ?", [(record_text(v), k) for k, v in raw.items()])
    conn.commit()
    conn.close()
    assert all(isinstance(v, str) for v in _raw(db).values())
    with Store(db, readonly=True) as s:
        assert _views(s) == packed


def test_a_row_left_as_text_still_reads_and_a_rewrite_packs_it(tmp_path: Path) -> None:
    db = _build(tmp_path / "c.db")
    planet = sample.planet()
    with Store(db) as s:
        want = s.get_record(planet.id)
        text = record_text(s.conn.execute("SELECT record FROM documents WHERE id = ?", (planet.id,)).fetchone()[0])
        s.conn.execute("UPDATE documents SET record = ? WHERE id = ?", (text, planet.id))
        assert s.conn.execute("SELECT typeof(record) FROM documents WHERE id = ?", (planet.id,)).fetchone()[0] == "text"
        assert s.get_record(planet.id) == want
        # storing the document again (a newer pipeline's result) writes it packed
        planet.provenance = [*planet.provenance[:-1], {"component": "attribution", "version": "test-2"}]
        assert s.put(planet, update=True) == "updated"
        value = s.conn.execute("SELECT record FROM documents WHERE id = ?", (planet.id,)).fetchone()[0]
        assert isinstance(value, bytes) and stored_record(value)["provenance"][-1]["version"] == "test-2"
        assert s.get_record(planet.id) == planet.to_dict()


def _as_version_9(db: Path) -> None:
    """The store as reportedly left it at schema 9: every record its JSON text."""
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT rowid, record FROM documents").fetchall()
    conn.executemany("UPDATE documents SET record = ? WHERE rowid = ?", [(record_text(v), r) for r, v in rows])
    conn.execute("DELETE FROM schema_migrations WHERE version > 9")
    sample.undo_migrations_11_12(conn)
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()


def test_migration_10_packs_the_records_of_a_store_at_schema_9(tmp_path: Path) -> None:
    db = _build(tmp_path / "c.db")
    with Store(db, readonly=True) as s:
        before = _views(s)
    _as_version_9(db)
    texts = _raw(db)
    assert all(isinstance(v, str) for v in texts.values())
    with pytest.raises(StoreError, match="needs 12"):
        Store(db, readonly=True)
    with Store(db) as s:
        assert s.schema_version == len(migrate_mod.migrations()) == 12
        applied = [tuple(r) for r in s.conn.execute("SELECT version, name FROM schema_migrations WHERE version = 10")]
        assert applied == [(10, "0010_record_zlib.sql")]
        assert s.integrity_check() == "ok"
    packed = _raw(db)
    assert packed.keys() == texts.keys()
    for doc_id, value in packed.items():
        assert isinstance(value, bytes) and zlib.decompress(value).decode("utf-8") == texts[doc_id]
    with Store(db, readonly=True) as s:
        assert _views(s) == before
    with Store(db) as s:  # opened again: nothing to do
        assert s.conn.execute("SELECT count(*) FROM schema_migrations WHERE version = 10").fetchone()[0] == 1
    assert _raw(db) == packed


def test_migration_10_leaves_packed_rows_as_they_are(tmp_path: Path) -> None:
    db = _build(tmp_path / "c.db")
    raw = _raw(db)
    planet = sample.planet().id
    conn = sqlite3.connect(db)  # one row as text, the others packed (a store left half-way)
    conn.execute("UPDATE documents SET record = ? WHERE id = ?", (record_text(raw[planet]), planet))
    conn.execute("DELETE FROM schema_migrations WHERE version > 9")
    sample.undo_migrations_11_12(conn)
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()
    with Store(db) as s:
        assert s.schema_version == 12
    assert _raw(db) == raw


def test_load_writes_the_records_packed(tmp_path: Path) -> None:
    from reportedly.corpus.load import load

    from .test_dataset import write

    docs = _documents()
    load(write(tmp_path / "data", [docs[:2], docs[2:]]), tmp_path / "l.db")
    ingest = _build(tmp_path / "c.db")
    loaded = _raw(tmp_path / "l.db")
    assert all(isinstance(v, bytes) for v in loaded.values())
    assert loaded == _raw(ingest)  # the same bytes as ingest writes
    with Store(tmp_path / "l.db", readonly=True) as s:
        for doc in docs:
            assert s.get_record(doc.id) == doc.to_dict()


def test_postgresql_keeps_the_record_as_json_text(tmp_path: Path) -> None:
    from reportedly.corpus.pg_copy import copy_store

    url = pg.fresh_url()
    docs = _documents()
    with Store(url) as s:
        for d in docs:
            s.add(d)
        for doc in docs:
            value = s.conn.execute("SELECT record FROM documents WHERE id = ?", (doc.id,)).fetchone()[0]
            assert value == json.dumps(record_without_layers(doc), ensure_ascii=False)
            assert s.get_record(doc.id) == doc.to_dict()
    # a copy of an SQLite store unpacks its records
    db = _build(tmp_path / "c.db")
    copied = pg.fresh_url()
    copy_store(db, copied)
    with Store(copied, readonly=True) as s:
        got = dict(s.conn.execute("SELECT id, record FROM documents").fetchall())
        assert got == {k: record_text(v) for k, v in _raw(db).items()}
        for doc in docs:
            assert s.get_record(doc.id) == doc.to_dict()
