"""Chains: which attribution each one was relayed through (``via``).

Links are tried in this order; the first that applies sets ``via``:

1. **Explicit relays** the rules found: "X reported …, citing sources" → the sources' attribution
   is relayed by X's.
2. **Named or referred-to intermediaries** in the source or between the cue and the content:
   "officials interviewed by / quoted by / cited by / who spoke to / told the outlet" → the
   attribution whose source is that outlet. A named outlet ("told Reuters") takes the latest
   earlier attribution to it (else the first later one); an anaphor ("the outlet", "the newspaper",
   "the paper", "the report") takes the latest earlier attribution to an outlet (across sentences),
   else to a document, else the attribution to the outlet the headline credits.
3. **Nesting**: an attribution whose cue lies inside another attribution's content is relayed
   through the innermost such attribution (Milley "stated" inside the officials' "According to"
   content → via the officials). Not between attributions of the same speaker (a participle that
   shares its source with the clause it hangs on continues it, and "Perdue said he didn't
   believe …" is Perdue's own belief: neither is relayed).

A named outlet that has no attribution of its own ("the minister told Agence France-Presse", "said
in an email to The Associated Press", "in a phone interview with CNN") is recorded as the
attribution's ``relay`` (the outlet's name and where the text names it) instead.

Attributions to the outlet the headline credits (``doc.meta.headline_credit``) are the root of the
article's relays: nesting never hangs them under anything else. A participle or floating
quotation that shares a source takes its main clause's ``via``. No link is made that would close
a cycle.
"""

from __future__ import annotations

import bisect
import re

from ..document import Attribution, Document
from . import lexicon as L
from .context import Context
from .speakers import norm, outlet_name

_INTERMEDIARY = re.compile(
    r"\b(?:(?:interviewed|quoted|cited|contacted|reached|consulted|surveyed|polled|briefed|approached)\s+by"
    r"|(?:who\s+)?(?:spoke|speaking|talked|talking)\s+(?:to|with)"
    r"|told|telling|said\s+to"
    r"|in\s+(?:an?\s+)?(?:(?:phone|telephone|television|TV|radio|video)\s+)?"
    r"(?:interview|conversation|statement|e-?mail|call|text(?:\s+message)?|message|letter|post)s?\s+(?:with|to)"
    r"|(?:quoted|cited|named)\s+in)"
    r"\s+(?P<o>(?:the\s+|a\s+)?[\w’'.&\- ]{2,60}?)(?=\s*(?:[,;:.!?“\"”()]|\s(?:that|on|as|in|about|last|this|after|before|when|while)\b|$))",
    re.IGNORECASE,
)
#: Words that refer back to an outlet or a report ("the newspaper", "the report").
_ANAPHORS = L.OUTLET_ANAPHORS | {"report", "article", "story"}


def _would_cycle(by_id: dict[str, Attribution], child: str, parent: str) -> bool:
    cur: str | None = parent
    seen: set[str] = set()
    while cur and cur not in seen:
        if cur == child:
            return True
        seen.add(cur)
        nxt = by_id.get(cur)
        cur = nxt.via if nxt else None
    return False


def _credit_entity(doc: Document) -> str | None:
    credit = doc.meta.headline_credit or {}
    ent = credit.get("entity")
    return norm(ent) if ent else None


def _pos(a: Attribution) -> int:
    return a.start


def _intermediary(doc: Document, a: Attribution, atts: list[Attribution]
                  ) -> tuple[Attribution | None, dict | None]:
    """The attribution ``a`` was relayed through, else the named outlet it was given to (a relay)."""
    text = doc.text
    relay = None
    spans = list(a.source.spans)
    if a.cue:
        c0, c1 = a.cue[0][0], a.cue[-1][1]
        starts = [s for s, _ in a.content if s >= c1]
        end = min(starts) if starts else min(len(text), c1 + 60)
        if end > c1:
            spans.append((c0, end))
    pos = _pos(a)
    for s, e in spans:
        for m in _INTERMEDIARY.finditer(text, s, e):
            o = " ".join(m.group("o").split())
            words = norm(o).split()
            if not words:
                continue
            target = None
            if len(words) <= 3 and words[-1] in _ANAPHORS and words[0] in {"the", "this", "that"}:
                prior = [b for b in atts if b is not a and _pos(b) < pos]
                outlets = [b for b in prior if b.source.kind == "outlet"]
                docs = [b for b in prior if b.source.kind == "document"]
                if outlets:
                    target = outlets[-1]
                elif docs:
                    target = docs[-1]
                else:
                    credit = _credit_entity(doc)
                    target = next((b for b in atts if b is not a and credit and b.source.entity
                                   and norm(b.source.entity) == credit), None)
            else:
                name = outlet_name(o)
                if name:
                    same = [b for b in atts if b is not a and b.source.entity and norm(b.source.entity) == norm(name)]
                    before = [b for b in same if _pos(b) < pos]
                    target = before[-1] if before else (same[0] if same else None)
                    if target is None and relay is None:
                        relay = {"outlet": name, "spans": [(m.start("o"), m.start("o") + len(m.group("o").rstrip()))]}
            if target is not None:
                return target, None
    return None, relay


def link_chains(ctx: Context) -> None:
    """Set ``via`` on the attributions of ``atts``; see the module docstring for the order."""
    doc, atts, relayed, shares = ctx.doc, ctx.atts, ctx.relayed, ctx.shares
    by_id = ctx.by_id()
    credit = _credit_entity(doc)
    ent = {a.id: norm(a.source.entity) if a.source.entity else None for a in atts}

    def same_speaker(x: Attribution, y: Attribution) -> bool:
        if shares.get(x.id) == y.id or shares.get(y.id) == x.id:
            return True
        if shares.get(x.id) and shares.get(x.id) == shares.get(y.id):
            return True
        if ent[x.id] and ent[x.id] == ent[y.id]:
            return True  # "Perdue said he didn't believe …": his own belief, not relayed
        return bool(x.source.spans) and x.source.spans == y.source.spans

    def set_via(a: Attribution, parent: Attribution | None) -> bool:
        if parent is None or parent is a or _would_cycle(by_id, a.id, parent.id):
            return False
        a.via = parent.id
        return True

    for a in atts:
        a.via = None
        a.relay = None
    # 1. explicit relays
    for a in atts:
        if a.id in relayed and relayed[a.id] in by_id:
            set_via(a, by_id[relayed[a.id]])
    # 2. intermediaries named or referred to
    for a in atts:
        if a.via is None:
            target, relay = _intermediary(doc, a, atts)
            if not set_via(a, target):
                a.relay = relay
    # 3. nesting (content spans indexed by start, so each cue looks only at spans that can hold it)
    spans = sorted(((s, e, b) for b in atts for s, e in b.content), key=lambda sp: (sp[0], sp[1]))
    starts = [sp[0] for sp in spans]
    longest = max((e - s for s, e, _ in spans), default=0)
    for a in sorted(atts, key=_pos):
        if a.via is not None or not a.cue or a.id in shares:
            continue
        if credit and ent[a.id] == credit:
            continue
        c0 = a.cue[0][0]
        holders = []
        k = bisect.bisect_right(starts, c0) - 1
        while k >= 0 and spans[k][0] >= c0 - longest:
            s, e, b = spans[k]
            k -= 1
            if e > c0 and b is not a and not same_speaker(a, b):
                holders.append((e - s, -_pos(b), b))
        holders.sort(key=lambda h: (h[0], h[1]))
        for _size, _p, b in holders:
            if set_via(a, b):
                break
    # 4. shared sources follow their main clause
    for a in atts:
        main = by_id.get(shares.get(a.id, ""))
        if a.via is None and main is not None and main.via and main.via != a.id:
            set_via(a, by_id[main.via])
