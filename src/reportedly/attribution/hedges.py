"""Hedges: the words that weaken an attribution ("reportedly", "apparently", "are said to").

A hedge belongs to an attribution when it sits in the attribution's *frame*, never in what is
reported:

* the cue itself ("are said to oppose", "claimed");
* the source ("according to unconfirmed reports");
* the words between a source and its cue in the same sentence ("A top US general reportedly
  believes");
* a few words on either side of the cue, inside its sentence, up to a comma or quotation and
  never into the content ("…, who apparently said …", "said, reportedly, that").

Content spans and quotations are excluded, so "said that the troops allegedly fired" is not
hedged: that "allegedly" belongs to the reported claim. The headline and the lead are the
exception: there "reportedly" inside the content ("Putin reportedly ill, officials say";
"The minister is reportedly set to resign, a government source said") is the outlet's own
marking of what it relays, so it hedges the attribution (:data:`LEAD_EVIDENTIALS`). The patterns are
:data:`lexicon.HEDGE_PATTERNS`; each hedge is reported as its surface text ("are said to"), in
text order, once. A participle or floating quotation that shares a source with a main clause
also carries the main clause's hedges ("are said to oppose …, arguing …").
"""

from __future__ import annotations

import re

from ..document import Attribution, Document
from . import lexicon as L
from .context import Context
from .segment import find_quotes, region_sentences, sentence_at

Pair = tuple[int, int]

_NEAR = 40  # characters looked at on either side of the cue
#: Adverbs that, in a headline or lead, hedge the attribution whose content holds them.
LEAD_EVIDENTIALS = ("reportedly",)  # "allegedly abusing his office" is the charge, not the outlet's hedge
_EVIDENTIAL = re.compile(r"\b(?:" + "|".join(LEAD_EVIDENTIALS) + r")\b", re.IGNORECASE)


def lead_regions(doc: Document) -> list[Pair]:
    """The headline, the standfirst and the first body paragraph: where an article's lead stands."""
    out = [(sp.start, sp.end) for sp in (*doc.layer("title"), *doc.layer("standfirst"))]
    paragraphs = sorted((sp.start, sp.end) for sp in doc.layer("paragraph"))
    if paragraphs:
        out.append(paragraphs[0])
    return out


def _lead_hedges(text: str, att: Attribution, lead: list[Pair]) -> list[str]:
    anchor = att.cue[0][0] if att.cue else (att.content[0][0] if att.content else -1)
    if not any(s <= anchor < e for s, e in lead):
        return []
    found = []
    for s, e in att.content:
        for m in _EVIDENTIAL.finditer(text, s, e):
            word = m.group().lower()
            if word not in found:
                found.append(word)
    return found


def _frame(text: str, att: Attribution, sentence: Pair | None, own_source: bool = True) -> list[Pair]:
    lo, hi = sentence if sentence else (0, len(text))
    out: list[Pair] = list(att.cue)
    if own_source:
        out.extend(att.source.spans)
    if att.cue:
        c0, c1 = att.cue[0][0], att.cue[-1][1]
        # between a source before the cue (same sentence) and the cue
        for s, e in att.source.spans if own_source else ():
            if lo <= s and e <= c0 and c0 - e <= 120:
                out.append((e, c0))
            if c1 <= s and e <= hi and s - c1 <= 60:
                out.append((c1, s))
        # a few words either side of the cue, up to a clause boundary
        a = max(lo, c0 - _NEAR)
        left = text[a:c0]
        cut = max(left.rfind(","), left.rfind(";"), left.rfind("“"), left.rfind('"'), left.rfind("”"))
        if cut >= 0:
            a += cut + 1
        out.append((a, c0))
        b = min(hi, c1 + _NEAR)
        right = text[c1:b]
        stops = [k for k in (right.find(";"), right.find("“"), right.find('"'), right.find(" that ")) if k >= 0]
        if stops:
            b = c1 + min(stops)
        out.append((c1, b))
    return [(s, e) for s, e in out if e > s]


def _past_raising_to(text: str, att: Attribution, s: int, e: int) -> Pair:
    """A content span less a leading "to" that directly follows the cue: in "are said | to oppose",
    the infinitive marker belongs to the raising frame ("are said to"), not to what is reported,
    wherever the tagger put the boundary."""
    if att.cue and text[s:s + 3].lower() == "to " and not text[att.cue[-1][1]:s].strip():
        return (s + 2, e)
    return (s, e)


def find_hedges(text: str, att: Attribution, sentence: Pair | None = None, own_source: bool = True) -> list[str]:
    """Surface strings of the hedges in ``att``'s frame, in text order.

    ``own_source`` false (a participle sharing another clause's source) leaves the source and the
    words between it and the cue to that clause.
    """
    frame = _frame(text, att, sentence, own_source)
    if not frame:
        return []
    lo = min(s for s, _ in frame)
    hi = max(e for _, e in frame)
    allowed = bytearray(hi - lo)
    for s, e in frame:
        for k in range(max(s, lo), min(e, hi)):
            allowed[k - lo] = 1
    blocked = [_past_raising_to(text, att, s, e) for s, e in att.content]
    blocked += [(q.start, q.end) for q in find_quotes(text, lo, hi)]
    for s, e in blocked:
        # the cue itself is never blocked (a cue inside a content span of its own is rare but possible)
        for k in range(max(s, lo), min(e, hi)):
            if not any(cs <= k < ce for cs, ce in att.cue):
                allowed[k - lo] = 0
    low = text[lo:hi].lower()
    found: list[tuple[int, int, str]] = []
    for _name, pat in L.HEDGE_PATTERNS:
        for m in pat.finditer(low):
            s, e = m.start(), m.end()
            if _name in {"claims", "alleges"} and re.search(r"\b(?:a|an|the|this|that|his|her|their|its)\s+$",
                                                            low[max(0, s - 7):s]):
                continue  # "a claim the contractor denies": the noun, not a hedging verb
            if all(allowed[s:e]):
                found.append((s + lo, e + lo, text[s + lo:e + lo]))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[str] = []
    last_end = -1
    for s, e, surface in found:
        if s < last_end:  # a shorter pattern inside a longer one ("unconfirmed" in "according to unconfirmed")
            continue
        last_end = e
        surface = " ".join(surface.split())
        if surface not in out:
            out.append(surface)
    return out


def apply_hedges(ctx: Context) -> None:
    """Set ``hedges`` on every attribution of ``atts`` (``all_sentences``: the regions' sentences, if known)."""
    doc, atts, shares, sentences = ctx.doc, ctx.atts, ctx.shares, ctx.sentences
    text = doc.text
    all_sents = ctx.all_sentences if ctx.all_sentences is not None else \
        region_sentences(text, ctx.regions or [(0, len(text))])
    by_id = ctx.by_id()
    lead = lead_regions(doc)
    for a in atts:
        sent = sentences.get(a.id)
        if sent is None:
            sent = sentence_at(all_sents, a.start)
        a.hedges = find_hedges(text, a, sent, own_source=a.id not in shares)
        a.hedges += [h for h in _lead_hedges(text, a, lead) if h not in a.hedges]
    for a in atts:
        main = by_id.get(shares.get(a.id, ""))
        if main is not None:
            a.hedges = a.hedges + [h for h in main.hedges if h not in a.hedges]
