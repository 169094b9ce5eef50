"""Writing documents: JSON, JSON Lines, and a readable text view for a person."""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from .document import Document, Entity


def mention_forms(texts: Iterable[str]) -> list[tuple[str, int]]:
    """The distinct forms of some mentions with how often each occurs, in order of first occurrence.

    Spaces are collapsed and case is ignored ("He" and "he" are one form, shown as written most
    often, the first spelling seen on a tie): ``["Joe Biden", "he", "He"]`` →
    ``[("Joe Biden", 1), ("he", 2)]``.
    """
    counts: dict[str, Counter[str]] = {}
    for t in texts:
        form = " ".join(t.split())
        if form:
            counts.setdefault(form.casefold(), Counter())[form] += 1
    return [(c.most_common(1)[0][0], sum(c.values())) for c in counts.values()]


def to_record(doc: Document, *, include_layers: bool = True) -> dict[str, Any]:
    """The JSON record of a document (``docs/schema.md``)."""
    return doc.to_dict(include_layers=include_layers)


def dumps(doc: Document, *, indent: int | None = None) -> str:
    return json.dumps(to_record(doc), ensure_ascii=False, indent=indent)


class JsonWriter:
    """Streams records: one object for a single document, a JSON list for several.

    With ``always_list`` the records form a list even when there is only one (``analyze`` asks
    for it when it was given several inputs or a directory).
    """

    def __init__(self, out: IO[str], *, lines: bool = False, always_list: bool = False):
        self.out, self.lines, self.count = out, lines, 0
        self.always_list = always_list
        self._pending: str | None = None

    def write(self, doc: Document) -> None:
        if self.lines:
            self.out.write(dumps(doc) + "\n")
        elif self.always_list:
            self.out.write(("[\n" if self.count == 0 else ",\n") + dumps(doc, indent=1))
        else:
            rec = dumps(doc, indent=1)
            if self._pending is not None:  # a second record: the first one opens a list after all
                self.out.write("[\n" + self._pending)
                self._pending = None
            if self.count == 0:
                self._pending = rec
            else:
                self.out.write(",\n" + rec)
        self.count += 1
        self.out.flush()

    def close(self) -> None:
        if self.lines:
            return
        if self.count == 0:
            self.out.write("[]\n")
        elif self.always_list:
            self.out.write("\n]\n")
        elif self._pending is not None:
            self.out.write(self._pending + "\n")
        else:
            self.out.write("\n]\n")
        self.out.flush()


#: Inline markers of the text view: ``[source]{cue}<content>``.
MARKS: dict[str, tuple[str, str]] = {"source": ("[", "]"), "cue": ("{", "}"), "content": ("<", ">")}


def attribution_marks(doc: Document) -> list[tuple[int, int, str, str]]:
    """``(start, end, open, close)`` for every source, cue and content span of every attribution."""
    marks: list[tuple[int, int, str, str]] = []
    for a in doc.attributions:
        for role, spans in (("source", a.source.spans), ("cue", a.cue), ("content", a.content)):
            opener, closer = MARKS[role]
            marks.extend((s, e, opener, closer) for s, e in spans)
    return marks


def mark_up(text: str, start: int, end: int, marks: list[tuple[int, int, str, str]]) -> str:
    """``text[start:end]`` with each mark's opener and closer inserted (clipped to the slice)."""
    inserts: list[tuple[int, int, str]] = []
    for s, e, opener, closer in marks:
        s, e = max(s, start), min(e, end)
        if s < e:
            inserts.append((s, 1, opener))  # at the same offset, closers (0) go before openers (1)
            inserts.append((e, 0, closer))
    if not inserts:
        return text[start:end]
    inserts.sort(key=lambda x: (x[0], x[1]))
    out, pos = [], start
    for at, _kind, mark in inserts:
        out.append(text[pos:at])
        out.append(mark)
        pos = at
    out.append(text[pos:end])
    return "".join(out)


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False) or [""]


def render_header(doc: Document) -> list[str]:
    m = doc.meta
    lines = [f"== {doc.input}"]
    for label, value in (
        ("title", m.title),
        ("standfirst", m.description),
        ("date", m.date),
        ("authors", ", ".join(m.authors) if m.authors else None),
        ("credit", (m.headline_credit or {}).get("entity")),
        ("site", m.sitename),
        ("url", m.url),
    ):
        if value:
            lines.append(f"{label:>10}: {value}")
    return lines


def render_body(doc: Document, width: int = 100) -> list[str]:
    """The body paragraphs, wrapped, with attributions marked inline as ``[source]{cue}<content>``."""
    marks = attribution_marks(doc)
    lines: list[str] = []
    for span in doc.layer("paragraph"):
        para = mark_up(doc.text, span.start, span.end, marks).strip()
        if para:
            lines.extend(_wrap(" ".join(para.split()), width))
            lines.append("")
    return lines


def entity_line(doc: Document, ent: Entity) -> str:
    """``e1 Joe Biden (person, male): Joe Biden ×2, he ×3, the president ×1`` (forms in order of first use)."""
    about = ", ".join(x for x in (ent.kind, ent.gender, "anonymous" if ent.anonymous and ent.kind != "anonymous"
                                  else None) if x)
    forms = ", ".join(f"{form} ×{n}" for form, n in mention_forms(doc.text[s:e] for s, e in ent.mentions))
    return f"{ent.id} {ent.name}" + (f" ({about})" if about else "") + (f": {forms}" if forms else "")


def render_entities(doc: Document) -> list[str]:
    """One line per entity of the document: id, name, kind, and how the text refers to it."""
    if not doc.entities:
        return []
    return [f"-- {len(doc.entities)} entities  (id name (kind): mention ×count, …)",
            *(entity_line(doc, e) for e in doc.entities)]


def render_attributions(doc: Document, width: int = 100) -> list[str]:
    lines: list[str] = []
    if doc.attributions:
        lines.append(f"-- {len(doc.attributions)} attributions  ([source] →entity {{cue}} <content>)")
        for a in doc.attributions:
            ent = doc.entity(a.source.entity_id) if a.source.entity_id else None
            src = (a.source.entity or (ent.name if ent else None)
                   or " ".join(doc.text[s:e] for s, e in a.source.spans) or "?")
            flags: list[str] = [] if a.act == "statement" else [a.act]
            if a.source.anonymous:
                flags.append("anonymous")
            if a.hedges:
                flags.append("hedged: " + ", ".join(a.hedges))
            if a.date:
                flags.append(a.date)
            if a.via:
                flags.append(f"via {a.via}")
            elif a.relay:
                flags.append(f"via {a.relay.get('outlet')}")
            cue = " … ".join(doc.text[s:e] for s, e in a.cue)
            content = " … ".join(doc.text[s:e] for s, e in a.content)
            head = f"{a.id}: [{src}]" + (f" →{a.source.entity_id}" if a.source.entity_id else "") + f" {{{cue}}}"
            lines.append(head + (f"  ({'; '.join(flags)})" if flags else ""))
            lines.extend(_wrap("<" + " ".join(content.split()) + ">", width, "      "))
    if doc.claims:
        lines.append(f"-- {len(doc.claims)} unsourced claims")
        for c in doc.claims:
            claim = " … ".join(doc.text[s:e] for s, e in c.spans)
            lines.extend(textwrap.wrap(" ".join(claim.split()) + f"  ({c.reason})", width,
                                       initial_indent="  ! ", subsequent_indent="    "))
    return lines


def render_text(doc: Document, width: int = 100) -> str:
    """A readable view for a person: the article's fields, its body (attributions marked inline
    as ``[source]{cue}<content>``), then the list of who said what (each source with the id of
    its entity), the unsourced claims, and the entities with every form the text refers to them by."""
    lines = render_header(doc) + [""] + render_body(doc, width) + render_attributions(doc, width)
    lines += render_entities(doc)
    return "\n".join(lines).rstrip() + "\n"
