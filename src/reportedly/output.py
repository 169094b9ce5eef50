"""Writing documents: JSON, JSON Lines, and a readable text view for a person."""

from __future__ import annotations

import json
import textwrap
from typing import IO, Any

from .document import Document


def to_record(doc: Document, *, include_layers: bool = True) -> dict[str, Any]:
    """The JSON record of a document (``docs/schema.md``; a superset of ``contract.md``)."""
    return doc.to_dict(include_layers=include_layers)


def dumps(doc: Document, *, indent: int | None = None) -> str:
    return json.dumps(to_record(doc), ensure_ascii=False, indent=indent)


class JsonWriter:
    """Streams records: one object for a single document, a JSON list for several."""

    def __init__(self, out: IO[str], *, lines: bool = False):
        self.out, self.lines, self.count = out, lines, 0
        self._pending: str | None = None

    def write(self, doc: Document) -> None:
        if self.lines:
            self.out.write(dumps(doc) + "\n")
        else:
            rec = dumps(doc, indent=1)
            if self.count == 1:
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
        elif self._pending is not None:
            self.out.write(self._pending + "\n")
        else:
            self.out.write("\n]\n")
        self.out.flush()


def render_text(doc: Document, width: int = 100) -> str:
    """A readable view: the article's fields, its body, then who said what."""
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
    lines.append("")
    for para in doc.body.split("\n\n"):
        if para.strip():
            lines.extend(textwrap.wrap(para, width) or [""])
            lines.append("")
    if doc.attributions:
        lines.append(f"-- {len(doc.attributions)} attributions")
        for a in doc.attributions:
            src = a.source.entity or " ".join(doc.text[s:e] for s, e in a.source.spans) or "?"
            flags = []
            if a.source.anonymous:
                flags.append("anonymous")
            if a.hedges:
                flags.append("hedged: " + ", ".join(a.hedges))
            if a.date:
                flags.append(a.date)
            if a.via:
                flags.append(f"via {a.via}")
            cue = " … ".join(doc.text[s:e] for s, e in a.cue)
            content = " … ".join(doc.text[s:e] for s, e in a.content)
            head = f"[{a.id}] {src} —{cue}→"
            lines.append(head + (f"  ({'; '.join(flags)})" if flags else ""))
            lines.extend(textwrap.wrap(content, width, initial_indent="      ", subsequent_indent="      "))
    if doc.claims:
        lines.append(f"-- {len(doc.claims)} unsourced claims")
        for c in doc.claims:
            lines.extend(textwrap.wrap(" … ".join(doc.text[s:e] for s, e in c.spans) + f"  ({c.reason})",
                                       width, initial_indent="  ! ", subsequent_indent="    "))
    return "\n".join(lines).rstrip() + "\n"
