"""The plain-text view: marks in place, a legend below."""

from __future__ import annotations

from reportedly.attribution.view import render
from reportedly.document import Claim, Document

from .helpers import att, make_doc


def test_marks_and_legend() -> None:
    text = "Officials said that Milley believes talks could work. Russia left Kherson, a move made to save lives."
    doc = make_doc(text, date="2022-11-11")
    a1 = att(doc, "a1", source="Officials", cue="said", content="that Milley believes talks could work")
    a2 = att(doc, "a2", source="Milley", cue="believes", content="talks could work")
    a1.source.entity, a1.source.kind, a1.source.anonymous = "Officials", "anonymous", True
    a2.source.entity, a2.source.kind, a2.via, a2.hedges, a2.date = "Mark Milley", "person", "a1", ["reportedly"], "2022-11-10"
    s = text.index("a move")
    doc.add_claim(Claim([(s, len(text) - 1)], "motive given as fact"))
    out = render(doc)
    assert "[Officials]1 {said}1 «that [Milley]2 {believes}2 «talks could work»2»1." in out
    assert "⟦a move made to save lives⟧A." in out
    legend = out.split("-" * 20)[1]
    assert "Mark Milley (person)" in legend and "via 1" in legend and "hedged: reportedly" in legend
    assert "on 2022-11-10" in legend and "anonymous" in legend
    assert "A  unsourced    motive given as fact" in legend


def test_shared_source_marked_once() -> None:
    text = "Sullivan maintained that aid would go on, insisting that Kiev decides."
    doc = make_doc(text)
    att(doc, "a1", source="Sullivan", cue="maintained", content="that aid would go on")
    att(doc, "a2", source="Sullivan", cue="insisting", content="that Kiev decides")
    assert render(doc).startswith("[Sullivan]1,2 {maintained}1")


def test_empty_and_unstructured() -> None:
    assert "no attributions" in render(Document(""))
    assert render(Document("Just text.")).startswith("Just text.")
