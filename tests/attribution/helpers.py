"""Small hand-built documents and attributions for the attribution tests."""

from __future__ import annotations

import re

from reportedly.document import Attribution, Document, Metadata, Source


def make_doc(text: str, *, date: str | None = None, credit: str | None = None, title: str | None = None) -> Document:
    """A document whose body paragraphs are the blank-line separated blocks of ``text``."""
    doc = Document(text, meta=Metadata(date=date, title=title))
    if credit:
        doc.meta.headline_credit = {"entity": credit, "text": credit, "spans": []}
    for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        if m.group().strip():
            doc.add_span("paragraph", m.start(), m.end())
    return doc


def span(text: str, sub: str, nth: int = 0, after: int = 0) -> tuple[int, int]:
    """``[start, end)`` of the ``nth`` occurrence of ``sub`` in ``text`` at or after ``after``."""
    at = after - 1
    for _ in range(nth + 1):
        at = text.index(sub, at + 1)
    return (at, at + len(sub))


def att(doc: Document, aid: str, *, source: str | None = None, cue: str | None = None,
        content: str | None = None, after: int = 0, kind: str = "indirect") -> Attribution:
    """An attribution built from substrings (each looked up at or after ``after``), added to ``doc``."""
    t = doc.text
    a = Attribution(
        id=aid,
        source=Source(spans=[span(t, source, after=after)] if source else []),
        cue=[span(t, cue, after=after)] if cue else [],
        content=[span(t, content, after=after)] if content else [],
        kind=kind,
    )
    return doc.add_attribution(a)


def text_of(doc: Document, pairs) -> str:
    return " ".join(doc.text[s:e] for s, e in pairs)


def check_spans(doc: Document) -> None:
    """Every span of every attribution and claim fits the text and is non-empty."""
    n = len(doc.text)
    for a in doc.attributions:
        for s, e in [*a.source.spans, *a.cue, *a.content]:
            assert 0 <= s < e <= n
        assert a.cue or a.content
    for c in doc.claims:
        for s, e in c.spans:
            assert 0 <= s < e <= n
