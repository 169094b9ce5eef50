"""Unsourced claims: what the outlet asserts in its own voice where a reader would expect a source.

The procedure favours precision: a claim is flagged only when a *trigger* is found in text the
outlet says itself. Step by step:

1. **Own voice.** Only the title, standfirst and body paragraphs are read. Characters inside any
   attribution's source, cue or content, and inside quotation marks, are someone else's words and
   are skipped. One exception: an appositive gloss (below) inside the content of an attribution
   whose cue is no verb of saying or believing ("Milley was referring to X, a move made to …") is
   still the outlet's own comment.
2. **Triggers**, each a fixed pattern for one kind of claim that needs a source:

   * *appositive gloss of purpose or motive* — a comma, then "a move / step / decision / bid /
     attempt / gesture / ploy …" and "made / taken / designed / intended / aimed / meant /
     calculated" + "to" or "at" ("…, a move made to preserve the lives of Russian soldiers");
   * *purpose adverbials* — "in an (apparent) effort / bid / attempt to", "in order to", "so as
     to", "in a move to", "with the aim / goal / intention of", "as part of a plan / plot / scheme /
     effort / campaign / strategy to";
   * *stated design* — "designed / intended / meant / aimed / calculated to" or "aimed at" right
     after an action noun ("sanctions designed to cripple …", "a decree aimed at …");
   * *retaliation* — "in retaliation for", "as retaliation for", "in revenge for", "as punishment
     for";
   * *motive clauses* — "because" followed within a few words by a verb of wanting, fearing or
     planning ("because Moscow wanted …"), "motivated by", "out of fear / spite / desperation".

3. **Span.** From the trigger (for a gloss, from its article: "a move …") to the end of its clause:
   the next semicolon, dash, or sentence end; for purpose adverbials also the next comma. The whole
   trigger must lie in own-voice text.
4. **Reason.** A short phrase naming the kind of claim and the trigger words.

Nothing else is flagged: questions, purpose phrases that state a requirement ("he needs a win in
order to stay in the race"), plain factual statements, numbers and quotations are left alone, as
are hedged inferences ("apparently referring to") that already signal uncertainty.
"""

from __future__ import annotations

import re

from ..document import Attribution, Claim
from . import lexicon as L
from .candidates import regions_of
from .context import Context
from .segment import find_quotes, region_sentences

Pair = tuple[int, int]

_ACTION_NOUNS = (r"move|step|decision|measure|bid|effort|attempt|gesture|ploy|tactic|ruse|manoeuvre|maneuver|"
                 r"policy|plan|law|bill|decree|order|ban|sanctions?|tariffs?|strikes?|attacks?|campaign|operation|"
                 r"offensive|withdrawal|retreat|visit|trip|deal|proposal|announcement|action|actions|change|"
                 r"changes|rule|rules|reform|reforms|restrictions?|crackdown|purge|cuts?|payments?|program|"
                 r"programme|initiative|legislation|amendment|exercise|exercises|deployment|blockade|embargo")
_PURPOSE_VERBS = r"made|taken|designed|intended|aimed|meant|calculated|undertaken|done|launched|carried out"

_TRIGGERS: list[tuple[str, re.Pattern[str], str]] = [
    ("motive or purpose given as fact", re.compile(
        rf",\s+(?P<start>(?:in\s+)?(?:a|an|the|what\s+(?:was|is)\s+(?:seen\s+as\s+)?a)\s+(?:[\w-]+\s+){{0,2}}?"
        rf"(?:{_ACTION_NOUNS})\s+(?:(?:that|which)\s+(?:was|is|were|are)\s+)?(?:\w+ly\s+)?(?:{_PURPOSE_VERBS})"
        rf"\s+(?:to|at|in\s+order\s+to)\b)", re.IGNORECASE), "gloss"),
    ("purpose given as fact", re.compile(
        r"\b(?P<start>in\s+(?:an?\s+)?(?:apparent\s+|clear\s+|deliberate\s+|desperate\s+|last-ditch\s+)?"
        r"(?:effort|bid|attempt|move|ploy|push)\s+to"
        r"|in\s+order\s+to|so\s+as\s+to"
        r"|with\s+the\s+(?:aim|goal|intention|intent|purpose|objective)\s+of"
        r"|as\s+part\s+of\s+(?:a|an|its|his|her|their|the)\s+(?:[\w-]+\s+)?"
        r"(?:plan|plot|scheme|effort|campaign|strategy|push|drive|bid)\s+to)\b", re.IGNORECASE), "adverbial"),
    ("intention given as fact", re.compile(
        rf"\b(?:{_ACTION_NOUNS})\s+(?:(?:that|which)\s+(?:was|is|were|are)\s+)?(?:\w+ly\s+)?"
        r"(?P<start>(?:designed|intended|meant|calculated)\s+to|aimed\s+(?:at|to))\b", re.IGNORECASE), "design"),
    ("motive (retaliation) given as fact", re.compile(
        r"\b(?P<start>in\s+retaliation\s+for|as\s+(?:a\s+)?retaliation\s+for|in\s+revenge\s+for|as\s+revenge\s+for"
        r"|as\s+(?:a\s+)?punishment\s+for|to\s+retaliate\s+for)\b", re.IGNORECASE), "adverbial"),
    ("motive given as fact", re.compile(
        r"\b(?P<start>because\s+(?:[\w’'-]+\s+){1,6}?(?:wanted|wants|feared|fears|hoped|hopes|sought|seeks|"
        r"intended|intends|planned|plans|wished|wishes|was\s+determined|were\s+determined|was\s+desperate|"
        r"were\s+desperate)"
        r"|motivated\s+by|out\s+of\s+(?:fear|spite|desperation|revenge|malice|jealousy|greed))\b", re.IGNORECASE),
     "clause"),
]


_NEED = re.compile(r"\b(?:needs?|needed|must|ha(?:ve|s|d) to|required?|requires|necessary|enough)\b", re.IGNORECASE)


def _taken(atts: list[Attribution], text: str = "", reporting_only: bool = False) -> list[Pair]:
    """Spans in other voices; ``reporting_only`` keeps contents only of saying/believing cues."""
    out: list[Pair] = []
    for a in atts:
        out.extend(a.source.spans)
        out.extend(a.cue)
        if not reporting_only or _reports(text, a):
            out.extend(a.content)
    return sorted(out)


def _reports(text: str, a: Attribution) -> bool:
    """Is ``a``'s cue a verb of saying or believing ("said", "according to"), or a quotation?"""
    if not a.cue:
        return True  # a floating quotation
    words = " ".join(text[s:e] for s, e in a.cue).lower().split()
    if "according" in words or any(L.cue_lemma(w) for w in words) or a.kind in {"direct", "mixed"}:
        return True
    return any(w in {"said", "say", "says"} for w in words) or not any(w.isalpha() for w in words)


def _hits(spans: list[Pair], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def _clause_end(text: str, start: int, sent_end: int, at_comma: bool) -> int:
    stops = ";—–" + ("," if at_comma else "")
    k = start
    while k < sent_end and text[k] not in stops:
        k += 1
    # trailing full stop or closing punctuation is not part of the claim
    while k > start and text[k - 1] in " .!?\n\t":
        k -= 1
    return k


def find_claims(ctx: Context) -> list[Claim]:
    """Claims in the outlet's own voice that a reader would expect to be sourced (see module docstring)."""
    doc, atts, regions, all_sentences = ctx.doc, ctx.atts, ctx.regions, ctx.all_sentences
    text = doc.text
    if regions is None:
        regions = regions_of(doc)
    taken = _taken(atts)
    taken_gloss = _taken(atts, text, reporting_only=True)
    quoted = [(q.start, q.end) for rs, re_ in regions for q in find_quotes(text, rs, re_)]
    out: list[Claim] = []
    seen: list[Pair] = []
    for ss, se in all_sentences if all_sentences is not None else region_sentences(text, regions):
        if text[ss:se].rstrip(" \"”’'»)").endswith("?"):
            continue  # a question asserts nothing
        for reason, pat, how in _TRIGGERS:
            for m in pat.finditer(text, ss, se):
                start = m.start("start")
                trig_end = m.end()
                if _hits(taken_gloss if how == "gloss" else taken, start, trig_end) or _hits(quoted, start, trig_end):
                    continue
                if how == "adverbial" and _NEED.search(text, ss, start):
                    continue  # "he may need a third-place finish in order to remain viable": a requirement
                end = _clause_end(text, trig_end, se, at_comma=how in {"adverbial", "clause", "design"})
                if end <= start:
                    continue
                if _hits(seen, start, end):
                    continue
                seen.append((start, end))
                words = " ".join(text[start:trig_end].split())
                out.append(Claim(spans=[(start, end)], reason=f"{reason}, with no source: “{words}”"))
    out.sort(key=lambda c: c.spans[0])
    return out
