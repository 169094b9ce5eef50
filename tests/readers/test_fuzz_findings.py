"""Inputs the fuzz suite (``python -m reportedly.bench fuzz``) or the hardening probe found to break a
reader, each pinned: it is read, or fails in one line, and never raises."""

from __future__ import annotations

import json

import pytest

from reportedly.cli import main
from reportedly.readers import Failure, read_inputs
from reportedly.readers.html import read_html_bytes

PROSE = ("<p>The harbour board voted on Tuesday to close the old ferry terminal after engineers found that the "
         "pier could no longer carry vehicles safely, the board said in a statement.</p>")


def test_json_ld_type_that_is_a_list_of_numbers() -> None:
    ld = json.dumps({"@type": [-5878002138183542, "NewsArticle"], "headline": "Ferry terminal to close",
                     "author": {"@type": {}, "@id": -1246, "name": 193429909}, "@graph": ["x", 10671]})
    page = (f'<html><head><script type="application/ld+json">{ld}</script></head>'
            f"<body><article>{PROSE}{PROSE}</article></body></html>").encode()
    doc = read_html_bytes(page, input="ld.html")  # was TypeError: sequence item 0: expected str instance
    assert "close the old ferry terminal" in doc.body


@pytest.mark.parametrize("graph", [10671, "x", {"@type": "NewsArticle", "headline": "Ferry terminal to close"}, None])
def test_json_ld_graph_that_is_no_list(graph) -> None:
    ld = json.dumps({"@type": "WebPage", "@graph": graph})
    page = (f'<html><head><script type="application/ld+json">{ld}</script></head>'
            f"<body><article>{PROSE}{PROSE}</article></body></html>").encode()
    doc = read_html_bytes(page, input="graph.html")  # was TypeError: Value after * must be an iterable, not int
    assert "close the old ferry terminal" in doc.body


def test_html_mixing_utf8_and_cp1252_is_read_with_one_warning(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("REPORTEDLY_PIPELINE_COMPONENTS", "structure")
    page = ("<html><head><meta charset='utf-8'><title>Café closes</title></head><body><article>"
            "<p>Zoë Marsh said the café would close on Friday, after twenty years on the corner of Dock Street, "
            "and that the building would be sold.</p>").encode() + (
            "<p>Le café a fermé à midi, a déclaré le maire dans un communiqué publié lundi matin aux "
            "habitants du quartier.</p></article></body></html>").encode("cp1252")
    path = tmp_path / "mixed.html"
    path.write_bytes(page)
    assert main(["analyze", str(path), "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    body = json.loads(out)["body"]
    assert "Zoë Marsh said the café would close" in body
    assert "Le café a fermé à midi, a déclaré le maire" in body  # was "Le caf\ufffd a ferm\ufffd"
    (line,) = err.splitlines()
    assert line.startswith(f"reportedly: {path}: warning: invalid UTF-8: ") and "read as Windows-1252" in line


def test_a_page_declaring_another_charset_keeps_the_replacement(tmp_path) -> None:
    page = ("<html><head><meta charset='shift_jis'></head><body><article>" + PROSE * 2).encode() + b"\x81\xff"
    (path := tmp_path / "sjis.html").write_bytes(page + b"</article></body></html>")
    (doc,) = list(read_inputs([str(path)]))
    assert not isinstance(doc, Failure) and "ferry terminal" in doc.body


@pytest.mark.parametrize("layout", ["lines", "document"])
def test_json_number_too_long_to_convert_is_one_bad_line(tmp_path, layout) -> None:
    # json.loads raises a plain ValueError (no position) for an integer of over 4,300 digits;
    # the reader read its .msg and crashed (found by mypy: ValueError has no attribute "msg").
    bad = '{"text": "The mayor said the bridge would reopen.", "n": %s}' % ("1" * 5000)
    good = '{"text": "The harbour board said the pier was unsafe."}'
    path = tmp_path / "n.jsonl"
    path.write_text(f"{bad}\n{good}\n" if layout == "lines" else f"[\n{bad},\n{good}\n]\n", "utf-8")
    items = list(read_inputs([str(path)]))
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(failures) == 1 and "invalid JSON (Exceeds the limit (4300 digits)" in failures[0].reason
    assert failures[0].input == (f"{path}:1" if layout == "lines" else str(path))
    assert len(items) == (2 if layout == "lines" else 1)
