import pytest

from reportedly.document import Attribution, Claim, Document, Metadata, Source, Span
from reportedly.errors import SchemaError, SpanError


def make() -> Document:
    return Document("Headline\n\nHe said it was fine.", input="x.txt", meta=Metadata(title="Headline"))


def test_spans_are_checked_on_creation():
    doc = make()
    doc.add_span("title", 0, 8)
    with pytest.raises(SpanError):
        doc.add_span("paragraph", 5, 100)
    with pytest.raises(SpanError):
        doc.add_span("paragraph", 4, 4)
    with pytest.raises(SpanError):
        doc.set_layer("paragraph", [Span(-1, 3)])


def test_body_joins_paragraphs_with_blank_lines():
    doc = make()
    doc.add_span("paragraph", 10, 15)
    doc.add_span("paragraph", 0, 8)
    assert doc.body == "Headline\n\nHe sa"


def test_text_is_read_only():
    doc = make()
    with pytest.raises(AttributeError):
        doc.text = "other"  # type: ignore[misc]


def test_attribution_spans_checked_and_round_trip():
    doc = make()
    doc.add_span("paragraph", 10, len(doc.text))
    doc.add_attribution(Attribution("a1", Source([(10, 12)], entity="Joe"), cue=[(13, 17)], content=[(18, 30)],
                                    hedges=["reportedly"], date="2022-11-10"))
    doc.add_claim(Claim([(18, 30)], "cause stated without a source"))
    with pytest.raises(SpanError):
        doc.add_attribution(Attribution("a2", Source([(10, 99)]), cue=[(13, 17)], content=[]))
    doc.record("test", "1")
    d = doc.to_dict()
    assert d["attributions"][0]["cue"]["text"] == "said"
    again = Document.from_dict(d)
    assert again.to_dict() == d
    assert again.id == doc.id


def test_from_dict_rejects_other_schema():
    with pytest.raises(SchemaError):
        Document.from_dict({"schema": "other/2", "text": "x"})
    with pytest.raises(SchemaError):
        Document.from_dict({"title": "no text"})


def test_kinds_are_the_documented_values_and_from_dict_checks_them():
    import re
    from pathlib import Path

    from reportedly.document import ATTRIBUTION_KINDS, SOURCE_KINDS, Entity

    schema = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text("utf-8")
    rows = [(m.group(1), re.findall(r"`(\w+)`", m.group(2)))
            for m in re.finditer(r"\| `([\w.]+)` \| ((?:`\w+`, )+`\w+`) \|", schema)]
    # the attribution's kind, its source's kind, then the entity's kind, as schema.md lists them
    assert [(field, set(values)) for field, values in rows] == [
        ("kind", set(ATTRIBUTION_KINDS)), ("source.kind", set(SOURCE_KINDS)), ("kind", set(SOURCE_KINDS))]
    doc = make()
    doc.add_attribution(Attribution("a1", Source([(10, 12)], kind="person"), cue=[(13, 17)], content=[(18, 30)],
                                    kind="according_to"))
    doc.add_entity(Entity("e1", "Joe", "person", mentions=[(10, 12)]))
    d = doc.to_dict()
    assert Document.from_dict(d).to_dict() == d
    for path, value in ((("attributions", 0, "kind"), "quoted"), (("attributions", 0, "source", "kind"), "pronoun"),
                        (("entities", 0, "kind"), "robot")):
        bad = doc.to_dict()
        *where, key = path
        target = bad
        for step in where:
            target = target[step]
        target[key] = value
        with pytest.raises(SchemaError, match=f"unknown .*kind '{value}'"):
            Document.from_dict(bad)
