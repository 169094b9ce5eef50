"""The attribution component: candidates become attributions; the tagger is optional."""

from __future__ import annotations

import pytest

from reportedly.attribution import AttributionComponent, build, load_tagger
from reportedly.attribution import tagger as tagger_mod
from reportedly.attribution.candidates import Candidate
from reportedly.document import Document
from reportedly.pipeline import Pipeline
from reportedly.settings import Settings

from .helpers import check_spans, make_doc, text_of

TEXT = (
    "The US is divided on talks, the New York Times reported on Thursday, citing sources.\n\n"
    "US President Joe Biden said on Thursday that the war would go on. He added that aid would continue.\n\n"
    "Moscow has repeatedly stated that it remains open to talks. Russia pulled its troops out of Kherson, "
    "a move made to calm its allies."
)


@pytest.fixture(params=["rules", "default"])
def component(request) -> AttributionComponent:
    """The component with the rules alone, and as shipped (with the model when one is packaged)."""
    settings = Settings.load(env={})
    if request.param == "rules":
        return AttributionComponent(settings, tagger=None)
    return AttributionComponent(settings)


def test_load_tagger_without_model_dir(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(tagger_mod, "DEFAULT_MODEL_DIR", tmp_path / "absent")
    assert load_tagger(Settings.load(env={})) is None
    comp = AttributionComponent(Settings.load(env={}))
    assert comp.tagger is None  # loaded lazily, then remembered


def test_ids_in_text_order_and_no_shared_cues(component) -> None:
    doc = component(make_doc(TEXT, date="2022-11-11T10:53:00"))
    check_spans(doc)
    assert [a.id for a in doc.attributions] == [f"a{k}" for k in range(1, len(doc.attributions) + 1)]
    starts = [a.cue[0][0] if a.cue else a.content[0][0] for a in doc.attributions]
    assert starts == sorted(starts)
    cues = [p for a in doc.attributions for p in a.cue]
    for i, (s1, e1) in enumerate(cues):
        for s2, e2 in cues[i + 1:]:
            assert not (s1 < e2 and s2 < e1), "two attributions share a cue"


def _by_cue(doc: Document, word: str):
    return next(a for a in doc.attributions if word in text_of(doc, a.cue))


def test_end_to_end_small_article() -> None:
    """What the rules find and how it is resolved (the shipped model's spans are checked by the seed test)."""
    component = AttributionComponent(Settings.load(env={}), tagger=None)
    doc = component(make_doc(TEXT, date="2022-11-11T10:53:00"))
    nyt = _by_cue(doc, "reported")
    assert nyt.source.entity == "The New York Times" and nyt.source.kind == "outlet"
    assert nyt.date == "2022-11-10"
    citing = _by_cue(doc, "citing")
    assert citing.source.anonymous and citing.via == nyt.id
    biden = _by_cue(doc, "said")
    assert biden.source.entity == "Joe Biden" and biden.date == "2022-11-10"
    added = _by_cue(doc, "added")
    assert added.source.entity == "Joe Biden" and added.source.mention == "He"
    moscow = _by_cue(doc, "stated")
    assert moscow.source.kind == "government"
    assert any("a move made to calm its allies" in text_of(doc, c.spans) for c in doc.claims)


def test_build_merges_overlapping_cues_and_keeps_links() -> None:
    doc = make_doc("Smith said that it rained, adding that it was cold.")
    t = doc.text
    said = (t.index("said"), t.index("said") + 4)
    main = Candidate(cue=[said], source=[(0, 5)], content=[(t.index("that it rained"), t.index(","))])
    dup = Candidate(cue=[said], source=[], content=[], score=0.1)
    adding = Candidate(cue=[(t.index("adding"), t.index("adding") + 6)], source=[],
                           content=[(t.index("that it was"), len(t) - 1)], shares_source_with=dup)
    bad = Candidate(cue=[(5, 5)], source=[(-3, 2)], content=[(40, 999)])
    built = build(doc, [adding, dup, main, bad])
    assert [a.id for a in built.attributions] == ["a1", "a2"]
    a1, a2 = built.attributions
    assert a1.cue == [said] and a1.source.spans == [(0, 5)]
    assert built.shares == {"a2": "a1"}
    assert a2.source.spans == [(0, 5)]  # the shared source's spans


def test_pipeline_records_component(component) -> None:
    doc = Pipeline([component])(make_doc(TEXT))
    assert doc.provenance[-1]["component"] == "attribution"
    again = Document.from_dict(doc.to_dict())
    assert len(again.attributions) == len(doc.attributions)


@pytest.mark.parametrize("text", ["", "   \n\n  ", "said", "“", "According to"])
def test_degenerate_documents(component, text: str) -> None:
    doc = component(Document(text))
    check_spans(doc)


def test_document_without_layers_uses_whole_text(component) -> None:
    doc = component(Document("The minister said that the talks had stalled."))
    check_spans(doc)
    if component.tagger is None:
        assert len(doc.attributions) == 1
        assert "minister" in (doc.attributions[0].source.mention or "")
