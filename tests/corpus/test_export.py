"""Exports as JSON Lines, CSV and Parquet for documents, attributions and speakers."""

from __future__ import annotations

import csv
import io
import json

import pytest

from reportedly.corpus import export
from reportedly.errors import ConfigError

from . import sample


def test_jsonl_documents_are_full_records(store) -> None:
    buf = io.StringIO()
    assert export(store, "documents", "jsonl", buf) == 4
    recs = [json.loads(line) for line in buf.getvalue().splitlines()]
    planet = next(r for r in recs if r["id"] == sample.planet().id)
    assert planet["text"] == sample.planet().text and len(planet["attributions"]) == 4
    assert "layers" in planet
    assert [e["id"] for e in planet["entities"]] == ["e1", "e2", "e3", "e4"]
    assert planet["entities"][0]["forms"] == ["Gen. Mark Milley", "Milley"]


@pytest.mark.parametrize(("what", "n"), [("documents", 4), ("attributions", 9), ("speakers", 4), ("entities", 9)])
def test_csv(store, what, n) -> None:
    buf = io.StringIO()
    assert export(store, what, "csv", buf) == n
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == n
    if what == "attributions":
        a2 = next(r for r in rows if r["attribution_id"] == "a2")
        assert a2["anonymous"] == "True" and a2["hedges"] == "reportedly"
        a4 = next(r for r in rows if r["attribution_id"] == "a4")
        assert a4["via"] == "a3" and a4["via_outlet"] == "The New York Times"
        assert (a4["entity_id"], a4["confidence"]) == ("e4", "0.9")
        assert next(r for r in rows if r["attribution_id"] == "b2")["entity_id"] == "e1"
    if what == "speakers":
        assert rows[0]["id"] == "mark-milley" and rows[0]["statements"] == "4"
    if what == "entities":
        assert list(rows[0]) == ["document_id", "entity_id", "name", "kind", "gender", "anonymous", "mentions",
                                 "forms"]
        herald = next(r for r in rows if r["document_id"] == sample.herald().id)
        assert herald == {"document_id": sample.herald().id, "entity_id": "e1", "name": "Mark Milley",
                          "kind": "person", "gender": "male", "anonymous": "False", "mentions": "3",
                          "forms": "Milley; The general"}
        wire = [r for r in rows if r["document_id"] == sample.wire().id]
        assert [(r["entity_id"], r["mentions"], r["forms"]) for r in wire] == [
            ("e1", "1", "Mark Milley"), ("e2", "1", "senior officials"), ("e3", "2", "Pentagon; the Pentagon"),
            ("e4", "1", "Lloyd Austin")]
        assert wire[1]["anonymous"] == "True"


@pytest.mark.parametrize(("what", "n"), [("documents", 4), ("attributions", 9), ("speakers", 4), ("entities", 9)])
def test_parquet(store, tmp_path, what, n) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / f"{what}.parquet"
    assert export(store, what, "parquet", out) == n
    table = pq.read_table(out)
    assert table.num_rows == n
    if what == "attributions":
        assert str(table.schema.field("anonymous").type) == "bool"
        assert str(table.schema.field("confidence").type) == "double"
        assert sorted(v for v in table.column("confidence").to_pylist() if v is not None)[-1] == 1.0
    if what == "entities":
        assert str(table.schema.field("mentions").type) == "int64"
        assert sum(table.column("mentions").to_pylist()) == 13
        assert table.column("name").to_pylist()[:4] == ["Mark Milley", "officials", "The New York Times", "Pentagon"]


def test_jsonl_entities(store) -> None:
    buf = io.StringIO()
    assert export(store, "entities", "jsonl", buf) == 9
    first = json.loads(buf.getvalue().splitlines()[0])
    assert first == {"document_id": sample.planet().id, "entity_id": "e1", "name": "Mark Milley", "kind": "person",
                     "gender": "male", "anonymous": False, "mentions": 2, "forms": "Milley; Gen. Mark Milley"}


def test_bad_format_and_target(store) -> None:
    with pytest.raises(ConfigError):
        export(store, "documents", "xml", io.StringIO())
    with pytest.raises(ConfigError):
        export(store, "people", "csv", io.StringIO())
    with pytest.raises(ConfigError, match="output file"):
        export(store, "documents", "parquet", None)


def _formula_store(tmp_path):
    from reportedly.corpus.store import Store
    from reportedly.document import Document, Metadata

    text = "=HYPERLINK(\"http://evil.example\",\"x\") opens the article.\n\nThe council met on Friday."
    doc = Document(text, input="=evil.txt", meta=Metadata(title="=1+1", date="not a date", sitename="@outlet",
                                                        authors=["-Mallory", "+Trent", "\tTab", "\rCR", "Bob"]))
    path = tmp_path / "evil.db"
    with Store(path) as s:
        s.put(doc)
    return Store(path, readonly=True)


def test_csv_cells_never_start_a_formula(tmp_path) -> None:
    with _formula_store(tmp_path) as s:
        buf = io.StringIO()
        assert export(s, "documents", "csv", buf) == 1
    (row,) = csv.DictReader(io.StringIO(buf.getvalue()))
    assert row["title"] == "'=1+1"
    assert row["sitename"] == "'@outlet"
    assert row["authors"] == "'-Mallory; +Trent; \tTab; \rCR; Bob"  # the cell starts with '-'
    assert row["input"] == "'=evil.txt"
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_leaves_ordinary_cells_alone(store) -> None:
    buf = io.StringIO()
    export(store, "attributions", "csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert not any(v.startswith("'") for r in rows for v in r.values())


def test_parquet_has_list_and_date_types(store, tmp_path) -> None:
    import datetime as dt

    pq = pytest.importorskip("pyarrow.parquet")
    export(store, "documents", "parquet", tmp_path / "d.parquet")
    docs = pq.read_table(tmp_path / "d.parquet")
    assert str(docs.schema.field("authors").type) == "list<element: string>"
    assert str(docs.schema.field("provenance").type).startswith("list<")
    assert str(docs.schema.field("date").type).startswith("timestamp[")
    assert dt.datetime(2022, 11, 11, 10, 53) in docs.column("date").to_pylist()
    assert dt.datetime(2022, 12, 2) in docs.column("date").to_pylist()
    assert docs.column("authors").to_pylist()[0] == ["A. Reporter"]
    export(store, "attributions", "parquet", tmp_path / "a.parquet")
    atts = pq.read_table(tmp_path / "a.parquet")
    assert str(atts.schema.field("hedges").type).startswith("list<")
    assert str(atts.schema.field("date").type) == "date32[day]"
    assert dt.date(2022, 11, 10) in atts.column("date").to_pylist()
    a2 = atts.to_pylist()[[r["attribution_id"] for r in atts.to_pylist()].index("a2")]
    assert a2["hedges"] == ["reportedly"]
    export(store, "speakers", "parquet", tmp_path / "s.parquet")
    assert str(pq.read_table(tmp_path / "s.parquet").schema.field("first").type) == "date32[day]"
    export(store, "entities", "parquet", tmp_path / "e.parquet")
    ents = pq.read_table(tmp_path / "e.parquet")
    assert ["Pentagon", "the Pentagon"] in ents.column("forms").to_pylist()


def test_parquet_keeps_unparseable_dates_null(tmp_path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    with _formula_store(tmp_path) as s:
        export(s, "documents", "parquet", tmp_path / "d.parquet")
    assert pq.read_table(tmp_path / "d.parquet").column("date").to_pylist() == [None]
