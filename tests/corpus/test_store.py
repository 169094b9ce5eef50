"""The corpus store: migrations, WAL, idempotent content-hash storage, records as in the contract."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reportedly.corpus import Store, derive_outlet, ingest_paths
from reportedly.corpus import migrate as migrate_mod
from reportedly.corpus.rows import stored_record
from reportedly.document import Document, Metadata
from reportedly.errors import StoreError

from . import sample


def test_new_store_is_wal_and_fully_migrated(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.schema_version == len(migrate_mod.migrations()) >= 1
        applied = [r[0] for r in s.conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert applied == list(range(1, s.schema_version + 1))
        assert s.integrity_check() == "ok"


def test_migrations_are_numbered_from_one() -> None:
    found = migrate_mod.migrations()
    assert [n for n, _, _ in found] == list(range(1, len(found) + 1))
    assert found[0][1] == "0001_initial.sql"


def test_a_new_migration_is_applied_once_and_keeps_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = sample.build(tmp_path / "c.db")
    first = migrate_mod.migrations()
    extra = (len(first) + 1, f"{len(first) + 1:04d}_note.sql",
             "-- a later schema change\nALTER TABLE documents ADD COLUMN note TEXT;\n"
             "CREATE INDEX documents_note ON documents (note);\n")
    monkeypatch.setattr(migrate_mod, "migrations", lambda: [*first, extra])
    with Store(db) as s:
        assert s.schema_version == len(first) + 1
        assert s.counts()["documents"] == 4
        assert s.conn.execute("SELECT count(*) FROM documents WHERE note IS NULL").fetchone()[0] == 4
    with Store(db) as s:  # reopening applies nothing again
        assert s.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(first) + 1


def test_readonly_refuses_a_store_that_needs_migrating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = sample.build(tmp_path / "c.db")
    first = migrate_mod.migrations()
    monkeypatch.setattr(migrate_mod, "migrations", lambda: [*first, (len(first) + 1, "x.sql", "SELECT 1;")])
    with pytest.raises(StoreError, match="open it once for writing"):
        Store(db, readonly=True)


def test_readonly_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such corpus store"):
        Store(tmp_path / "missing.db", readonly=True)


def test_readonly_cannot_write(tmp_path: Path) -> None:
    db = sample.build(tmp_path / "c.db")
    with Store(db, readonly=True) as s, pytest.raises(StoreError):
        s.add(sample.courier())


def test_storing_the_same_document_twice_adds_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as s:
        assert s.add(sample.planet()) is True
        before = s.counts()
        assert s.add(sample.planet()) is False
        assert s.counts() == before
        assert before["documents"] == 1 and before["attributions"] == 4 and before["claims"] == 1


def test_record_round_trips_with_contract_fields(tmp_path: Path) -> None:
    doc = sample.planet()
    with Store(sample.build(tmp_path / "c.db")) as s:
        rec = s.get_record(doc.id)
        back = s.get_document(doc.id)
    assert rec is not None and back is not None
    for key in ("input", "text", "body", "title", "description", "date", "authors", "headline_credit",
                "attributions", "unattributed_claims"):
        assert key in rec
    assert rec["text"] == doc.text and rec["body"] == doc.body
    assert back.to_dict() == doc.to_dict()
    a4 = next(a for a in rec["attributions"] if a["id"] == "a4")
    assert a4["via"] == "a3" and a4["source"]["entity"] == "Pentagon"
    assert set(a4["source"]) >= {"spans", "entity", "anonymous", "kind", "role", "description"}
    assert rec["provenance"] == [{"component": "structure", "version": "test"},
                                 {"component": "attribution", "version": "test"}]


def test_component_versions_are_stored(tmp_path: Path) -> None:
    with Store(sample.build(tmp_path / "c.db")) as s:
        rows = s.conn.execute("SELECT DISTINCT component, version FROM provenance ORDER BY component").fetchall()
    assert [tuple(r) for r in rows] == [("attribution", "test"), ("structure", "test")]


def test_outlet_is_derived_from_the_page() -> None:
    assert derive_outlet(Metadata(sitename=" Daily Planet ")) == "Daily Planet"
    assert derive_outlet(Metadata(url="https://www.example.com/a/b")) == "example.com"
    # a headline credit ("… – NYT") names whom the headline cites, never the publisher
    assert derive_outlet(Metadata(headline_credit={"entity": "The New York Times"})) == "unknown"
    assert derive_outlet(Metadata()) == "unknown"


def _settings_file(tmp_path: Path) -> Path:
    cfg = tmp_path / "settings.toml"
    cfg.write_text('[pipeline]\ncomponents = ["structure"]\n')
    return cfg


def test_ingest_skips_inputs_already_done_and_documents_already_stored(tmp_path: Path) -> None:
    from reportedly.api import Analyzer
    from reportedly.settings import Settings

    analyzer = Analyzer(Settings.load(_settings_file(tmp_path)))
    src = tmp_path / "in"
    src.mkdir()
    texts = [f"Headline {i}\n\nThe mayor said on Monday that the bridge {i} would reopen soon.\n" for i in range(3)]
    for i, t in enumerate(texts):
        (src / f"{i}.txt").write_text(t)
    with Store(tmp_path / "c.db") as s:
        # a document stored before its input was marked done (as after a kill between the two)
        s.add(Document(texts[0], input=str(src / "0.txt")))
        stats = ingest_paths(s, [str(src)], analyzer)
        assert (stats.files, stats.added, stats.existing, stats.skipped_files) == (3, 2, 1, 0)
        stats = ingest_paths(s, [str(src)], analyzer)
        assert (stats.files, stats.added, stats.skipped_files) == (3, 0, 3)
        assert s.counts()["documents"] == 3 and s.counts()["inputs"] == 3


def test_a_bad_input_is_reported_and_the_rest_stored(tmp_path: Path) -> None:
    from reportedly.api import Analyzer
    from reportedly.settings import Settings

    analyzer = Analyzer(Settings.load(_settings_file(tmp_path)))
    good = tmp_path / "good.txt"
    good.write_text("Headline\n\nThe mayor said the bridge would reopen.\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with Store(tmp_path / "c.db") as s:
        stats = ingest_paths(s, [str(empty), str(good), str(tmp_path / "missing.txt")], analyzer)
        assert stats.added == 1 and len(stats.failures) == 2
        assert s.counts()["inputs"] == 1  # failed inputs are retried next time


def test_store_path_in_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nope" / "c.db")


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open corpus store"):
        Store(bad)


def test_concurrent_reader_sees_committed_documents_only(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as w:
        w.add(sample.planet())
        r = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        assert r.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        w.conn.execute("BEGIN IMMEDIATE")
        w.conn.execute("INSERT INTO documents (id, input, text_hash, content, outlet, outlet_key, record)"
                       " VALUES ('x', 'x', 'x', 'x', 'x', 'x', '{}')")
        assert r.execute("SELECT count(*) FROM documents").fetchone()[0] == 1  # not yet committed
        w.conn.execute("ROLLBACK")
        r.close()


def test_update_replaces_a_document_analysed_by_older_components(tmp_path: Path) -> None:
    from reportedly.document import Attribution, Source

    old = sample.planet()
    new = sample.planet()
    new.provenance = [{"component": "structure", "version": "test"}, {"component": "attribution", "version": "2"}]
    new.attributions = new.attributions[:1]
    text = new.text
    new.add_attribution(Attribution(id="n1", source=Source(spans=[sample.at(text, "Officials")], anonymous=True,
                                                           kind="anonymous", description="officials"),
                                    cue=[sample.at(text, "believe")], content=[sample.at(text, "talks will fail")]))
    with Store(tmp_path / "c.db") as s:
        assert s.put(old) == "added"
        assert s.put(new) == "existing"  # without update, the stored analysis stays
        assert s.put(new, update=True) == "updated"
        assert s.put(new, update=True) == "existing"  # same component versions: nothing to do
        assert s.integrity_check() == "ok"
        counts = s.counts()
        assert (counts["documents"], counts["attributions"], counts["claims"]) == (1, 2, 1)
        assert [r["attribution_id"] for r in s.search("talks") if r["type"] == "attribution"] == ["n1"]
        assert [r["type"] for r in s.search("stockpiles")] == ["document"]  # the old statements are gone
        assert {r["id"] for r in s.speakers()} == {"mark-milley"}
        assert s.get_record(new.id)["provenance"][1]["version"] == "2"


def test_ingest_update_reanalyses_inputs_already_done(tmp_path: Path) -> None:
    from reportedly.api import Analyzer
    from reportedly.settings import Settings

    src = tmp_path / "a.txt"
    src.write_text("Headline\n\nThe mayor said on Monday that the bridge would reopen soon.\n")
    with Store(tmp_path / "c.db") as s:
        ingest_paths(s, [str(src)], Analyzer(Settings.load(_settings_file(tmp_path))))
        stats = ingest_paths(s, [str(src)], Analyzer(Settings.load(_settings_file(tmp_path))), update=True)
        assert (stats.skipped_files, stats.existing, stats.updated) == (0, 1, 0)
        stats = ingest_paths(s, [str(src)], Analyzer(), update=True)  # structure + attribution now
        assert stats.updated == 1 and "1 updated" in stats.summary()
        assert [p["component"] for p in s.get_record(s.document_ids()[0])["provenance"]] == ["reportedly", "structure",
                                                                                            "attribution"]
        assert s.integrity_check() == "ok"


def test_relaying_source_named_like_an_outlet_counts_as_one(tmp_path: Path) -> None:
    from reportedly.document import Attribution, Source

    text = "Talks broke down, the Coastal Ledger reported, citing people close to the talks."
    d = Document(text, input="x", meta=Metadata(sitename="Harbour Daily",
                                                headline_credit={"entity": "The Coastal Ledger"}))
    at = sample.at
    d.add_attribution(Attribution(id="a1", source=Source(spans=[at(text, "the Coastal Ledger")],
                                                         entity="Coastal Ledger", kind="person"),
                                  cue=[at(text, "reported")], content=[at(text, "Talks broke down")]))
    d.add_attribution(Attribution(id="a2", source=Source(spans=[at(text, "people close to the talks")],
                                                         anonymous=True, kind="anonymous"),
                                  cue=[at(text, "citing")], content=[at(text, "Talks broke down")], via="a1"))
    with Store(tmp_path / "c.db") as s:
        s.add(d)
        res = s.search("", via="Coastal Ledger")
        assert [r["attribution_id"] for r in res] == ["a2"]
        assert s.outlet_profile("Harbour Daily")["overall"]["relayed"] == 1


def test_a_store_from_a_newer_reportedly_is_refused(tmp_path: Path) -> None:
    db = sample.build(tmp_path / "c.db")
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {len(migrate_mod.migrations()) + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this reportedly"):
        Store(db)
    with pytest.raises(StoreError, match="newer than this reportedly.*upgrade reportedly to read it") as exc:
        Store(db, readonly=True)
    assert "open it once for writing" not in str(exc.value)  # writing would not help


def _as_version(db: Path, version: int) -> None:
    """Make a store built by this version look as reportedly left it at schema ``version`` (1 to 3):
    records with their entities inside them, no entity tables or columns (below 3), no statements."""
    with Store(db) as s:
        records = {doc_id: s.get_record(doc_id) for doc_id in s.document_ids()}
    conn = sqlite3.connect(db)
    for table in ("statements", "statement_members", "statement_keys", "statements_fts", "statement_state"):
        conn.execute(f"DROP TABLE {table}")
    if version >= 3:
        conn.execute("DELETE FROM schema_migrations WHERE version > ?", (version,))
        sample.undo_migrations_11_12(conn)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.commit()
        conn.close()
        return
    for doc_id, rec in records.items():
        rec.pop("layers")
        conn.execute("UPDATE documents SET record = ? WHERE id = ?", (json.dumps(rec, ensure_ascii=False), doc_id))
    conn.execute("DROP INDEX attributions_entity")
    conn.execute("ALTER TABLE attributions DROP COLUMN entity_id")
    conn.execute("ALTER TABLE attributions DROP COLUMN confidence")
    conn.execute("DROP TABLE entity_mentions")
    conn.execute("DROP TABLE entities")
    if version < 2:
        conn.execute("ALTER TABLE attributions DROP COLUMN entity")
    conn.execute("DELETE FROM schema_migrations WHERE version > ?", (version,))
    sample.undo_migrations_11_12(conn)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def test_migration_2_fills_the_entity_column_from_the_records(tmp_path: Path) -> None:
    db = sample.build(tmp_path / "c.db")
    _as_version(db, 1)  # make it a store as the first version left it
    with Store(db) as s:
        assert s.schema_version == len(migrate_mod.migrations())
        got = dict(s.conn.execute("SELECT att_id, entity FROM attributions WHERE att_id IN ('a1', 'a2', 'b2')"))
        assert got == {"a1": "Mark Milley", "a2": None, "b2": "Mark Milley"}
        assert s.refresh_speakers() == 4
        assert s.integrity_check() == "ok"


def test_documents_keep_their_entities_and_attributions_their_entity_ids(tmp_path: Path) -> None:
    doc = sample.herald()
    with Store(tmp_path / "c.db") as s:
        s.add(doc)
        rows = s.conn.execute("SELECT entity_id, name, kind, gender, anonymous FROM entities").fetchall()
        assert [tuple(r) for r in rows] == [("e1", "Mark Milley", "person", "male", 0)]
        mentions = [tuple(r) for r in s.conn.execute('SELECT start, "end", text FROM entity_mentions ORDER BY start')]
        assert [m[2] for m in mentions] == ["Milley", "Milley", "The general"]
        assert all(doc.text[a:b] == t for a, b, t in mentions)
        atts = dict((r[0], (r[1], r[2])) for r in s.conn.execute("SELECT att_id, entity_id, confidence FROM attributions"))
        assert atts == {"b1": ("e1", 0.9), "b2": ("e1", 0.7)}
        # the record holds them once: the tables, not the stored JSON
        assert "entities" not in stored_record(s.conn.execute("SELECT record FROM documents").fetchone()[0])
        rec = s.get_record(doc.id)
        assert rec["entities"] == doc.to_dict()["entities"]
        assert rec["entities"][0]["forms"] == ["Milley", "The general"]
        assert list(rec).index("entities") == list(rec).index("provenance") - 1  # where to_dict puts them
        assert rec["attributions"][1]["source"]["entity_id"] == "e1"
        assert rec["attributions"][1]["source"]["confidence"] == 0.7
        back = s.get_document(doc.id)
        assert back is not None and back.to_dict() == doc.to_dict()
        # replacing the document replaces its entities
        new = sample.herald()
        new.provenance = [{"component": "structure", "version": "test"}, {"component": "attribution", "version": "2"}]
        new.entities = new.entities[:0]
        assert s.put(new, update=True) == "updated"
        assert s.counts()["entities"] == s.counts()["entity_mentions"] == 0
        assert s.get_record(doc.id)["entities"] == []
        assert s.integrity_check() == "ok"


def test_a_document_without_entities_reads_back_with_none(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as s:
        s.add(sample.courier())
        rec = s.get_record(sample.courier().id)
        assert rec["entities"] == [] and s.counts()["entities"] == 0


def test_migration_3_moves_the_entities_of_stored_records_into_tables(tmp_path: Path) -> None:
    db = sample.build(tmp_path / "c.db")
    with Store(db) as s:
        want = {doc_id: s.get_record(doc_id) for doc_id in s.document_ids()}
        speakers = {r["id"]: r["statements"] for r in s.speakers()}
    _as_version(db, 2)  # a store as reportedly left it before the entity tables
    conn = sqlite3.connect(db)
    assert "entities" in stored_record(conn.execute("SELECT record FROM documents WHERE id = ?",
                                                 (sample.planet().id,)).fetchone()[0])
    conn.close()
    with Store(db) as s:
        assert s.schema_version == len(migrate_mod.migrations()) >= 4
        for doc_id, rec in want.items():
            assert s.get_record(doc_id) == rec
        assert s.counts()["entities"] == 9 and s.counts()["entity_mentions"] == 13
        got = dict(s.conn.execute("SELECT att_id, entity_id FROM attributions WHERE att_id IN ('a1', 'b2', 'c3')"))
        assert got == {"a1": "e1", "b2": "e1", "c3": "e4"}
        assert s.conn.execute("SELECT confidence FROM attributions WHERE att_id = 'b2'").fetchone()[0] == 0.7
        assert not any("entities" in stored_record(r[0]) for r in s.conn.execute("SELECT record FROM documents"))
        s.refresh_speakers()
        assert {r["id"]: r["statements"] for r in s.speakers()} == speakers
        assert s.integrity_check() == "ok"


def test_migration_3_leaves_records_of_schema_1_0_without_entities(tmp_path: Path) -> None:
    db = sample.build(tmp_path / "c.db")
    _as_version(db, 2)
    conn = sqlite3.connect(db)  # records as schema 1.0 wrote them: no entities, no entity ids
    conn.execute("UPDATE documents SET record = json_remove(record, '$.entities')")
    conn.commit()
    conn.close()
    with Store(db) as s:
        assert s.counts()["entities"] == 0
        assert s.get_record(sample.planet().id)["entities"] == []
        # the attributions' own entity ids are still read from their records
        assert s.conn.execute("SELECT entity_id FROM attributions WHERE att_id = 'a1'").fetchone()[0] == "e1"
        assert s.refresh_speakers() == 4
