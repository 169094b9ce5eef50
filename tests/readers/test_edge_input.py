"""Input edge cases: NULs past the head, UTF-8 mixed with Windows-1252, odd JSONL metadata."""

from __future__ import annotations

import json

from reportedly.cli import main
from reportedly.readers import Failure, read_inputs

BODY = "The council met on Friday and approved the new budget after a long debate, officials said.\n"


def _one(path):
    (item,) = list(read_inputs([str(path)]))
    assert not isinstance(item, Failure), item
    return item


def test_mixed_utf8_and_cp1252_is_read_with_a_warning(tmp_path, capsys, monkeypatch) -> None:
    data = "Zoë said “yes” — twice.\n".encode() + "Café prices rose 5 €.\n".encode("cp1252") + BODY.encode()
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    doc = _one(path)
    assert doc.text == "Zoë said “yes” — twice.\nCafé prices rose 5 €.\n" + BODY
    assert doc.meta.encoding == "utf-8"
    (warning,) = doc.meta.extra["warnings"]
    first = data.index(b"\xe9")
    assert warning == f"invalid UTF-8: 2 bytes read as Windows-1252 (the first at offset {first})"
    # every span indexes the decoded text: the repaired words are where the text says they are
    start = doc.text.index("Café")
    assert doc.text[start:start + 4] == "Café"
    monkeypatch.setenv("REPORTEDLY_PIPELINE_COMPONENTS", "structure")
    assert main(["analyze", str(path), "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["text"] == doc.text
    assert err.splitlines() == [f"reportedly: {path}: warning: {warning}"]
    assert main(["ingest", str(path), "--db", str(tmp_path / "c.db"), "--no-progress"]) == 0
    _out, err = capsys.readouterr()
    assert err.splitlines()[0] == f"reportedly: {path}: warning: {warning}"


def test_undefined_cp1252_bytes_are_kept_as_one_character_each(tmp_path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes("Zoë “said” — ".encode() + b"\x81\x8d" + BODY.encode())
    doc = _one(path)
    assert doc.text == "Zoë “said” — \x81\x8d" + BODY


def test_nul_past_the_head_becomes_a_replacement_character(tmp_path) -> None:
    head = BODY * 800  # past the sniffed (8 KB) and checked (64 KB) head
    path = tmp_path / "nul.txt"
    path.write_bytes((head + "a\x00b\x00c\n").encode())
    doc = _one(path)
    assert "\x00" not in doc.text
    assert doc.text.endswith("a\ufffdb\ufffdc\n") and len(doc.text) == len(head) + 6
    assert doc.meta.extra["warnings"] == ["2 NUL characters replaced with U+FFFD"]


def test_nul_in_the_head_is_still_refused(tmp_path) -> None:
    path = tmp_path / "bin.txt"
    path.write_bytes(b"text\x00with\x00nuls " + BODY.encode())
    (item,) = list(read_inputs([str(path)]))
    assert isinstance(item, Failure) and "NUL" in item.reason


def test_nul_in_a_jsonl_text_field(tmp_path) -> None:
    path = tmp_path / "nul.jsonl"
    path.write_text(json.dumps({"text": BODY + "x\x00y"}) + "\n", encoding="utf-8")
    doc = _one(path)
    assert doc.text.endswith("x\ufffdy") and doc.meta.extra["warnings"] == ["1 NUL character replaced with U+FFFD"]


def test_jsonl_authors_must_be_strings(tmp_path) -> None:
    path = tmp_path / "authors.jsonl"
    rows = [{"id": "a", "text": BODY, "authors": {"x": 1}}, {"id": "b", "text": BODY, "authors": ["Kim", 3]},
            {"id": "c", "text": BODY, "author": "Kim Example"}, {"id": "d", "text": BODY, "authors": ["A", "B"]}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    a, b, c, d = list(read_inputs([str(path)]))
    assert a.meta.authors == [] and a.meta.extra["warnings"] == [
        "'authors' ignored: expected a string or a list of strings, got dict"]
    assert b.meta.authors == [] and "'authors' ignored" in b.meta.extra["warnings"][0]
    assert c.meta.authors == ["Kim Example"] and "warnings" not in c.meta.extra
    assert d.meta.authors == ["A", "B"]


def test_jsonl_dates_are_parsed_or_dropped(tmp_path) -> None:
    path = tmp_path / "dates.jsonl"
    dates = ["2025-01-02", "2025-03-14T08:40:00+01:00", "March 3, 2024", "2024-05", "not a date", 20250102]
    path.write_text("\n".join(json.dumps({"text": BODY, "date": d}) for d in dates) + "\n", encoding="utf-8")
    docs = list(read_inputs([str(path)]))
    assert [d.meta.date for d in docs] == ["2025-01-02", "2025-03-14T08:40:00+01:00", "2024-03-03", "2024-05",
                                          None, None]
    assert docs[4].meta.extra["warnings"] == ["'date' ignored: 'not a date' is not a date"]
    assert docs[5].meta.extra["warnings"] == ["'date' ignored: expected a string, got int"]
    assert all("warnings" not in d.meta.extra for d in docs[:4])
