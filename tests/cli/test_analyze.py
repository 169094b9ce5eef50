"""``reportedly analyze``: formats, output file, contract fields, exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from reportedly.cli import main

CONTRACT = ("input", "text", "body", "title", "description", "date", "authors", "headline_credit",
            "attributions", "unattributed_claims")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["analyze", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_single_document(capsys, examples) -> None:
    code, out, err = _run(capsys, str(examples / "harbour-dispute.txt"))
    assert code == 0 and err == ""
    rec = json.loads(out)
    assert isinstance(rec, dict)
    for key in CONTRACT:
        assert key in rec
    assert rec["input"] == str(examples / "harbour-dispute.txt")
    assert rec["text"] == (examples / "harbour-dispute.txt").read_text("utf-8")
    assert rec["title"].startswith("Port of Velmora dockworkers")
    assert rec["date"] == "2025-03-14T08:40:00"
    assert rec["authors"] == ["Marta Lindqvist"]
    assert rec["headline_credit"]["entity"] == "The Coastal Ledger"
    assert rec["schema"].startswith("reportedly.document/")
    assert isinstance(rec["attributions"], list)


def test_json_list_for_several(capsys, examples) -> None:
    code, out, _ = _run(capsys, str(examples), "--format", "json")
    assert code == 0
    recs = json.loads(out)
    assert isinstance(recs, list) and len(recs) == 5  # two WARC records, two text dumps, one page
    assert {r["format"] for r in recs} == {"warc", "text", "html"}


def test_jsonl_to_file(capsys, examples, tmp_path) -> None:
    target = tmp_path / "out.jsonl"
    code, out, _ = _run(capsys, str(examples / "crawl.warc.gz"), str(examples / "library-reopens.html"),
                        "--format", "jsonl", "-o", str(target))
    assert code == 0 and out == ""
    recs = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert len(recs) == 3
    assert recs[0]["input"].startswith(str(examples / "crawl.warc.gz") + "#<urn:uuid:")
    assert recs[0]["url"] == "https://valleyherald.example/2025/06/02/orchard-frost"
    assert recs[2]["title"] == "Brenford library reopens after flood repairs"


def test_text_view(capsys, examples) -> None:
    code, out, _ = _run(capsys, str(examples / "library-reopens.html"), "--format", "text")
    assert code == 0
    assert out.startswith(f"== {examples / 'library-reopens.html'}")
    assert "title: Brenford library reopens after flood repairs" in out
    assert "authors: Nadia Oyelaran" in out
    assert "queue of more than a hundred people" in " ".join(out.split())


def test_no_record_at_all_is_an_empty_list(capsys, tmp_path) -> None:
    code, out, err = _run(capsys, str(tmp_path / "missing.txt"))
    assert code == 1
    assert json.loads(out) == []
    assert err.strip() == f"reportedly: {tmp_path / 'missing.txt'}: no such file or directory"


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["analyze"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["analyze", "x.txt", "--format", "xml"])
    assert info.value.code == 2


def test_unwritable_output_exit_2(capsys, examples, tmp_path) -> None:
    code, _, err = _run(capsys, str(examples / "harbour-dispute.txt"), "-o", str(tmp_path / "no" / "dir" / "x.json"))
    assert code == 2 and "cannot write output" in err


def test_stdin(capsys, examples, monkeypatch) -> None:
    import io

    data = (examples / "harbour-dispute.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = _run(capsys, "-")
    assert code == 0 and json.loads(out)["input"] == "-"


def test_subprocess(examples, tmp_path) -> None:
    """The installed entry point, end to end: records on stdout, one line per failure on stderr."""
    env = dict(os.environ, REPORTEDLY_PIPELINE_COMPONENTS="structure")
    proc = subprocess.run(
        [sys.executable, "-m", "reportedly.cli", "analyze", str(examples / "harbour-dispute.txt"),
         str(tmp_path / "missing.txt"), "--format", "jsonl"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert proc.returncode == 1
    (line,) = proc.stdout.splitlines()
    assert json.loads(line)["title"].startswith("Port of Velmora")
    assert proc.stderr.splitlines() == [f"reportedly: {tmp_path / 'missing.txt'}: no such file or directory"]


def test_text_view_marks_attributions() -> None:
    from reportedly.document import Attribution, Document, Source
    from reportedly.output import render_text

    text = "Headline\n\nThe mayor said the bridge would reopen in May. Nothing else happened."
    doc = Document(text, input="t.txt")
    doc.add_span("paragraph", 10, len(text))
    s = text.index("The mayor")
    doc.add_attribution(Attribution(
        id="a1", source=Source(spans=[(s, s + 9)], entity="the mayor"),
        cue=[(s + 10, s + 14)], content=[(s + 15, text.index(".", s))], hedges=["reportedly"]))
    view = render_text(doc)
    assert "[The mayor] {said} <the bridge would reopen in May>. Nothing else happened." in view
    assert "a1: [the mayor] {said}  (hedged: reportedly)" in view


def test_json_list_when_several_inputs_even_if_one_fails(capsys, examples, tmp_path) -> None:
    code, out, _ = _run(capsys, str(examples / "harbour-dispute.txt"), str(tmp_path / "missing.txt"))
    assert code == 1
    recs = json.loads(out)
    assert isinstance(recs, list) and len(recs) == 1


def test_json_list_for_a_warc_of_two(capsys, examples) -> None:
    code, out, _ = _run(capsys, str(examples / "crawl.warc.gz"))
    assert code == 0 and len(json.loads(out)) == 2


def _biden() -> object:
    from reportedly.document import Attribution, Document, Entity, Source

    text = ("Biden speaks\n\nJoe Biden said the deal was done. He added that the president would sign it. "
            "He said Joe Biden keeps his word, he said. Officials said otherwise.")
    doc = Document(text, input="b.txt")
    doc.add_span("paragraph", 14, len(text))

    def at(needle: str, nth: int = 0) -> tuple[int, int]:
        s = -1
        for _ in range(nth + 1):
            s = text.index(needle, s + 1)
        return (s, s + len(needle))

    doc.add_entity(Entity("e1", "Joe Biden", "person", [at("Joe Biden"), at("He"), at("the president"), at("He", 1),
                                                        at("Joe Biden", 1), at("he", 0)], gender="male"))
    doc.add_entity(Entity("e2", "officials", "anonymous", [at("Officials")], anonymous=True))
    doc.add_entity(Entity("e3", "Agency", "group", [at("Biden", 0)], anonymous=True))
    doc.add_attribution(Attribution(id="a1", source=Source(spans=[at("Joe Biden")], entity="Joe Biden",
                                                           kind="person", entity_id="e1", confidence=0.97),
                                    cue=[at("said")], content=[at("the deal was done")]))
    doc.add_attribution(Attribution(id="a2", source=Source(spans=[at("He")], entity_id="e1", confidence=0.8),
                                    cue=[at("added")], content=[at("the president would sign it")]))
    doc.add_attribution(Attribution(id="a3", source=Source(spans=[at("Officials")], kind="anonymous", anonymous=True),
                                    cue=[at("said", 3)], content=[at("otherwise")]))
    return doc


def test_text_view_lists_entities_and_each_sources_entity() -> None:
    from reportedly.output import render_text

    view = render_text(_biden())
    lines = view.splitlines()
    assert "a1: [Joe Biden] →e1 {said}" in lines
    assert "a2: [Joe Biden] →e1 {added}" in lines  # "He": the entity's name
    assert "a3: [Officials] {said}  (anonymous)" in lines  # no entity id: none shown
    start = lines.index("-- 3 entities  (id name (kind): mention ×count, …)")
    assert start > lines.index("a3: [Officials] {said}  (anonymous)")
    # forms in order of first use, "He"/"he" as one form
    assert lines[start + 1:] == ["e1 Joe Biden (person, male): Joe Biden ×2, He ×3, the president ×1",
                                 "e2 officials (anonymous): Officials ×1",
                                 "e3 Agency (group, anonymous): Biden ×1"]


def test_text_view_without_entities_has_no_entities_section() -> None:
    from reportedly.document import Document
    from reportedly.output import render_text

    assert "entities" not in render_text(Document("Plain words.", input="p.txt"))


def test_attribution_view_legend_names_entities() -> None:
    from reportedly.attribution.view import render

    out = render(_biden())
    legend = out.split("-" * 20)[1]
    assert "Joe Biden (person) →e1" in legend
    assert "e1 Joe Biden (person, male): Joe Biden ×2, He ×3, the president ×1" in legend
    assert legend.index("Joe Biden (person) →e1") < legend.index("-- 3 entities")
