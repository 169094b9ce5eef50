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


@pytest.mark.parametrize(("what", "n"), [("documents", 4), ("attributions", 9), ("speakers", 4)])
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
    if what == "speakers":
        assert rows[0]["id"] == "mark-milley" and rows[0]["statements"] == "4"


@pytest.mark.parametrize(("what", "n"), [("documents", 4), ("attributions", 9), ("speakers", 4)])
def test_parquet(store, tmp_path, what, n) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / f"{what}.parquet"
    assert export(store, what, "parquet", out) == n
    table = pq.read_table(out)
    assert table.num_rows == n
    if what == "attributions":
        assert str(table.schema.field("anonymous").type) == "bool"


def test_bad_format_and_target(store) -> None:
    with pytest.raises(ConfigError):
        export(store, "documents", "xml", io.StringIO())
    with pytest.raises(ConfigError):
        export(store, "people", "csv", io.StringIO())
    with pytest.raises(ConfigError, match="output file"):
        export(store, "documents", "parquet", None)
