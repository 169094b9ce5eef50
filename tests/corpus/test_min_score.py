"""A minimum score filters stored attributions in search, exports, the CLI and the web UI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from reportedly.cli import main
from reportedly.corpus import Store, export
from reportedly.document import Attribution, Document, Metadata, Source
from reportedly.errors import ConfigError, QueryError

from .sample import at

TEXT = ("Budget cuts ahead\n\n"
        "The minister said on Monday that the budget would be cut.\n\n"
        "The index added 20 points as traders cheered the budget.")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    doc = Document(TEXT, input="budget.txt", meta=Metadata(title="Budget cuts ahead", sitename="Gazette"))
    doc.add_span("title", *at(TEXT, "Budget cuts ahead"))
    for block in TEXT.split("\n\n")[1:]:
        doc.add_span("paragraph", *at(TEXT, block))
    doc.add_attribution(Attribution(id="a1", source=Source(spans=[at(TEXT, "The minister")], entity="The minister"),
                                    cue=[at(TEXT, "said")], content=[at(TEXT, "the budget would be cut")],
                                    score=0.93))
    doc.add_attribution(Attribution(id="a2", source=Source(spans=[at(TEXT, "The index")]), cue=[at(TEXT, "added")],
                                    content=[at(TEXT, "20 points")], score=0.18, via="a1"))
    doc.record("attribution", "test")
    path = tmp_path / "c.db"
    with Store(path) as s:
        s.add(doc)
        s.refresh_speakers()
    return path


def test_search_filters_by_minimum_score(db: Path) -> None:
    with Store(db, readonly=True) as s:
        every = [r for r in s.search("budget OR points") if r["type"] == "attribution"]
        sure = [r for r in s.search("budget OR points", min_score=0.5) if r["type"] == "attribution"]
        assert {r["attribution_id"] for r in every} == {"a1", "a2"}
        assert [r["attribution_id"] for r in sure] == ["a1"]
        # the article itself is still found: a minimum score thins statements, not articles
        assert [r["type"] for r in s.search("budget", min_score=0.5)].count("document") == 1
        with pytest.raises(QueryError, match="between 0 and 1"):
            s.search("budget", min_score=2)


def test_exports_filter_by_minimum_score(db: Path) -> None:
    with Store(db, readonly=True) as s:
        out = io.StringIO()
        assert export(s, "attributions", "csv", out, min_score=0.5) == 1
        assert [r["attribution_id"] for r in csv.DictReader(io.StringIO(out.getvalue()))] == ["a1"]
        out = io.StringIO()
        export(s, "documents", "jsonl", out, min_score=0.5)
        rec = json.loads(out.getvalue())
        assert [a["id"] for a in rec["attributions"]] == ["a1"]
        out = io.StringIO()
        export(s, "documents", "jsonl", out, min_score=0.1)  # a via to a kept attribution stays
        assert [a.get("via") for a in json.loads(out.getvalue())["attributions"]] == [None, "a1"]
        with pytest.raises(ConfigError, match="not speakers"):
            export(s, "speakers", "jsonl", io.StringIO(), min_score=0.5)


def test_cli_min_score(db: Path, capsys) -> None:
    assert main(["search", "budget OR points", "--db", str(db), "--min-score", "0.5", "--format", "json"]) == 0
    rows = [r for r in json.loads(capsys.readouterr().out) if r["type"] == "attribution"]
    assert [r["attribution_id"] for r in rows] == ["a1"]
    assert main(["export", "--what", "attributions", "--format", "csv", "--db", str(db), "--min-score", "0.9"]) == 0
    assert capsys.readouterr().out.count("\n") == 2  # header and one row
    with pytest.raises(SystemExit) as exc:
        main(["search", "budget", "--db", str(db), "--min-score", "1.5"])
    assert exc.value.code == 2
    assert "not between 0 and 1" in capsys.readouterr().err


def test_analyze_min_score(tmp_path: Path, capsys) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Budget cuts ahead\n\nThe minister said on Monday that the budget would be cut.\n", encoding="utf-8")
    assert main(["analyze", str(src), "--no-progress"]) == 0
    every = json.loads(capsys.readouterr().out)["attributions"]
    assert every
    assert main(["analyze", str(src), "--no-progress", "--min-score", "1"]) == 0
    kept = json.loads(capsys.readouterr().out)["attributions"]
    assert all(a["score"] >= 1 for a in kept) and len(kept) < len(every)


def test_web_min_score(db: Path) -> None:
    from fastapi.testclient import TestClient

    from reportedly.web.app import create_app

    with TestClient(create_app(db)) as client:
        got = client.get("/api/search", params={"q": "budget OR points", "min_score": 0.5}).json()
        assert [r["attribution_id"] for r in got["results"] if r["type"] == "attribution"] == ["a1"]
        assert got["filters"]["min_score"] == 0.5
        assert client.get("/api/search", params={"q": "budget", "min_score": 3}).status_code == 422
        doc_id = client.get("/api/documents").json()[0]["id"]
        page = client.get(f"/documents/{doc_id}", params={"min_score": 0.5}).text
        assert "1 under score 0.5 hidden" in page and 'id="att-a2"' not in page
        assert 'id="att-a2"' in client.get(f"/documents/{doc_id}").text
        assert client.get("/search", params={"q": "budget", "min_score": ""}).status_code == 200  # empty field
        bad = client.get("/search", params={"q": "budget", "min_score": "lots"})
        assert bad.status_code == 400 and "is not a number" in bad.text


def test_control_characters_in_a_query_separate_words(db: Path) -> None:
    with Store(db, readonly=True) as s:
        plain = s.search("budget cut")
        assert plain and s.search("budget\x00cut") == plain  # was "unterminated string"
