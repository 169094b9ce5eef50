"""Golden test: the seed article (``../shared/seed``) meets every "document" expectation of its
expected file — the same checks as ``../shared/tools/check_seed.py EXPECTED OUT document``.

Skipped, with the reason, when ``../shared`` is not beside the checkout.
"""

from __future__ import annotations

import json

import pytest

from reportedly.cli import main

SEED = "seed/000_645b49bcd7d0ac49"


def _norm(s: str | None) -> str:
    return " ".join((s or "").replace("\u2019", "'").split()).lower()


@pytest.fixture
def seed_record(shared, tmp_path, monkeypatch, capsys) -> tuple[dict, dict]:
    monkeypatch.setenv("REPORTEDLY_PIPELINE_COMPONENTS", "structure")  # document fields only
    out = tmp_path / "seed.json"
    assert main(["analyze", str(shared / f"{SEED}.txt"), "--format", "json", "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""
    expected = json.loads((shared / f"{SEED}.expected.json").read_text("utf-8"))
    return expected["document"], json.loads(out.read_text("utf-8"))


def test_seed_document(seed_record) -> None:
    exp, rec = seed_record
    body = _norm(rec["body"])
    assert _norm(rec["title"]) == _norm(exp["title"])
    assert str(rec["date"]).startswith(exp["published"])
    assert _norm(rec["description"]).startswith(_norm(exp["standfirst_starts"]))
    credit = _norm(json.dumps(rec["headline_credit"], ensure_ascii=False))
    assert any(_norm(c) in credit for c in exp["headline_credits"])
    assert body.startswith(_norm(exp["body_starts"]))
    assert body.endswith(_norm(exp["body_ends"]))
    for junk in exp["boilerplate_not_in_body"]:
        assert _norm(junk) not in body, junk


def test_seed_text_is_the_file(shared, seed_record) -> None:
    _, rec = seed_record
    assert rec["text"] == (shared / f"{SEED}.txt").read_text("utf-8")
    for layer, spans in rec["layers"].items():
        for sp in spans:
            assert 0 <= sp["start"] < sp["end"] <= len(rec["text"]), layer
