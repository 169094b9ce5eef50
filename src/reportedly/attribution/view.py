"""A plain-text view of an analysed article for a person to read.

:func:`render` prints the headline, standfirst and body paragraphs with every attribution marked
in place — source in ``[brackets]``, cue in ``{braces}``, content in ``«guillemets»``, each mark
followed by the attribution's number (``[the New York Times]4 {reported}4``) — and the outlet's
unsourced claims in ``⟦double brackets⟧`` with a letter. A legend below lists each attribution:
number, kind, speaker entity and its kind (``→e1``: the document's entity it refers to), anonymity,
hedges, statement date and the attribution it was relayed through; then each claim with its
reason; then the entities, one line each with every form the text refers to them by.

Marks nest: a content that holds another attribution shows that attribution's marks inside its
guillemets. Nothing is cut; the text between the marks is the document's own.
"""

from __future__ import annotations

import textwrap

from ..document import Document
from ..output import render_entities

Pair = tuple[int, int]

_MARKS = {"source": ("[", "]"), "cue": ("{", "}"), "content": ("«", "»"), "claim": ("⟦", "⟧")}


def _label(att_id: str) -> str:
    return att_id[1:] if att_id.startswith("a") and att_id[1:].isdigit() else att_id


def _regions(doc: Document) -> list[tuple[str, Pair]]:
    out: list[tuple[str, Pair]] = []
    for name in ("title", "standfirst", "paragraph"):
        for sp in doc.layer(name):
            out.append((name, (sp.start, sp.end)))
    out.sort(key=lambda r: r[1])
    if not out and doc.text.strip():
        out = [("paragraph", (0, len(doc.text)))]
    return out


def _marked(text: str, lo: int, hi: int, marks: list[tuple[int, int, str, str]]) -> str:
    """``text[lo:hi]`` with ``(start, end, role, label)`` marks inserted."""
    events: list[tuple[int, int, int, str]] = []  # (pos, order, tiebreak, string)
    for s, e, role, label in marks:
        s2, e2 = max(s, lo), min(e, hi)
        if e2 <= s2:
            continue
        op, cl = _MARKS[role]
        # at one position: closes first (inner before outer), then opens (outer before inner)
        events.append((s2, 1, -(e2 - s2), op))
        events.append((e2, 0, e2 - s2, cl + label))
    events.sort(key=lambda ev: (ev[0], ev[1], ev[2]))
    out, pos = [], lo
    for at, _order, _tb, mark in events:
        out.append(text[pos:at])
        out.append(mark)
        pos = at
    out.append(text[pos:hi])
    return "".join(out)


def legend(doc: Document) -> list[str]:
    """One line per attribution and per claim."""
    lines: list[str] = []
    for a in doc.attributions:
        s = a.source
        who = s.entity or s.mention or "(no source)"
        if s.kind:
            who += f" ({s.kind})"
        if s.entity_id:
            who += f" →{s.entity_id}"
        bits = [f"{_label(a.id):>3}  {a.kind:<12} {who}"]
        if s.anonymous:
            bits.append("anonymous" + (f": {s.description}" if s.description and s.description != s.entity else ""))
        if s.mention and s.entity and s.entity.lower() not in s.mention.lower():
            bits.append(f"as “{s.mention}”")
        if s.role:
            bits.append(f"role: {s.role}")
        if a.hedges:
            bits.append("hedged: " + ", ".join(a.hedges))
        if a.date:
            bits.append(f"on {a.date}")
        if a.via:
            bits.append(f"via {_label(a.via)}")
        lines.append(" · ".join(bits))
    for k, c in enumerate(doc.claims):
        lines.append(f"{_claim_label(k):>3}  unsourced    {c.reason}")
    return lines


def _claim_label(k: int) -> str:
    return chr(ord("A") + k) if k < 26 else f"C{k + 1}"


def render(doc: Document, width: int = 0) -> str:
    """The article with attributions marked, then a numbered legend (``width`` > 0 wraps lines)."""
    text = doc.text
    labels: dict[tuple[int, int, str], list[str]] = {}
    for a in doc.attributions:
        lab = _label(a.id)
        for role, spans in (("source", a.source.spans), ("cue", a.cue), ("content", a.content)):
            for s, e in spans:
                labels.setdefault((s, e, role), []).append(lab)
    for k, c in enumerate(doc.claims):
        for s, e in c.spans:
            labels.setdefault((s, e, "claim"), []).append(_claim_label(k))
    # one mark for a span several attributions share (a source shared by a participle)
    marks = [(s, e, role, ",".join(labs)) for (s, e, role), labs in labels.items()]
    blocks: list[str] = []
    for _name, (lo, hi) in _regions(doc):
        body = " ".join(_marked(text, lo, hi, marks).split())
        if not body:
            continue
        if width > 0:
            body = textwrap.fill(body, width=width, break_long_words=False, break_on_hyphens=False)
        blocks.append(body)
    out = "\n\n".join(blocks)
    leg = legend(doc)
    ents = render_entities(doc)
    if ents:
        leg += ["", *ents]
    if leg:
        out += "\n\n" + "-" * 20 + "\n" + "\n".join(leg)
    elif not doc.attributions:
        out += "\n\n" + "-" * 20 + "\n(no attributions found)"
    return out + "\n"
