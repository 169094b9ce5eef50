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
