"""`reportedly trace` on the gold set: json shape, text view, filters, --rebuild."""

from __future__ import annotations

import json
from pathlib import Path

from reportedly.cli import main

from . import trace_gold as gold


def test_trace_json_text_filters_and_rebuild(tmp_path: Path, capsys) -> None:
    db = str(gold.build(tmp_path / "g.db"))
    assert main(["trace", "audit", "--db", db, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out) == 1 and out[0]["first_seen"]["outlet"] == "Daily Meridian"
    assert [o["outlet"] for o in out[0]["occurrences"]][:3] == ["Daily Meridian", "Harbor Post", "Harbor Post"]
    assert main(["trace", "budget", "--db", db]) == 0
    text = capsys.readouterr().out
    assert "first seen 2024-03-02 in Harbor Post" in text and "disgrace to → disaster for" in text
    assert "relayed from Harbor Post" in text
    assert main(["trace", "--db", db, "--speaker", "Lisa Tran", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["trace", "--db", db, "--outlet", "Nowhere Gazette", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["trace", "--db", db, "--rebuild"]) == 0
    assert "6 statements seen in two documents or more" in capsys.readouterr().err
    assert main(["trace", "x", "--db", str(tmp_path / "missing.db")]) == 1
    assert main(["export", "--db", db, "--what", "statements", "--format", "csv", "-o", str(tmp_path / "s.csv")]) == 0
    assert (tmp_path / "s.csv").read_text("utf-8").startswith("statement_id,first_document_id")
