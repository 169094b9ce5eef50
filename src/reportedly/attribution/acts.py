"""What kind of act an attribution reports: a statement, a stance, or a refusal to speak.

Annotation guides for attribution (PolNeAR's among them) count beliefs, plans, expectations and
refusals as attributions, and so does the analysis: "Disney is expected to switch gears",
"WeWork declined to comment" and "he believes the deal will hold" are all relayed positions.
A reader who follows *what people said* needs to tell them from speech, so every attribution
gets an ``act``:

* ``statement`` — something said or written: a verb of saying ("said", "told", "announced",
  "wrote", "denied"), "according to", or words in quotation marks;
* ``stance`` — a belief, wish, expectation or plan that the text reports without saying it was
  spoken ("believes", "wants", "is expected to", "plans to", "had anticipated", "are convinced",
  "oppose", "supports");
* ``refusal`` — a refusal to speak, or silence reported as news: "declined to say",
  "refused to comment", "did not disclose", "would not confirm", "didn't estimate",
  "have avoided criticism of".

The act is read from the cue's own words (and a negation just before them), never from the
speaker or the topic; a cue the lists do not know is a statement, as before. Quoted content
is a statement whatever its cue ("'We will win,' she believes" was said).
``settings.attribution.acts`` chooses which acts the analysis keeps (all three by default).
"""

from __future__ import annotations

import re

from ..document import Attribution, AttributionAct, Document
from . import lexicon as L

#: Verbs whose every use is a refusal ("declined to comment", "refuses to say").
REFUSAL_VERBS = {"decline", "refuse", "avoid"}
#: Verbs of telling that, negated, report a refusal or a silence ("did not disclose …").
TELLING_VERBS = {"say", "disclose", "reveal", "comment", "estimate", "discuss", "elaborate", "specify",
                 "address", "identify", "detail", "confirm", "provide", "release", "give", "answer",
                 "respond", "explain", "name", "share", "offer", "divulge", "speculate"}
#: Lemmas of belief, wish, expectation and intention: a stance unless spoken in quotation marks.
STANCE_VERBS = {"believe", "think", "feel", "fear", "want", "hope", "expect", "worry", "doubt", "suspect",
                "wish", "assume", "plan", "intend", "seek", "aim", "anticipate", "know", "understand",
                "consider", "seem", "appear", "try", "like", "prefer", "see", "oppose", "support", "favor",
                "favour"}
_IRREGULAR = {"thought": "think", "felt": "feel", "knew": "know", "known": "know", "understood": "understand",
              "sought": "seek", "saw": "see", "seen": "see", "said": "say", "gave": "give", "given": "give",
              "told": "tell", "wrote": "write", "written": "write", "spoke": "speak", "spoken": "speak"}
#: Adjectives of stance after a form of "be" ("are convinced", "seem intent on").
STANCE_ADJECTIVES = L.COGNITIVE_ADJ | {"intent", "determined", "eager", "keen", "reluctant", "unwilling",
                                      "willing", "aware", "unaware", "hoping", "expected"}
_NEGATION = re.compile(r"(?:\bnot(?!\s+only\b)|n[’']t|\bnever|\bno\s+longer)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z’']+")
_QUOTE = re.compile(r"[\"“”«»„]")
#: The lemmas of the verbs of saying and of judging in words.
_SAID = frozenset(L.SPEECH.values()) | frozenset(L.EVALUATIVE.values())


def lemma(word: str) -> str:
    """A verb form's lemma as far as the cue lists need it ("declined" → "decline", "knew" → "know")."""
    w = word.lower().replace("’", "'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for table in (L.SPEECH, L.COGNITIVE, L.INTENT, L.EVALUATIVE):
        if w in table:
            return table[w]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: len(w) - len(suffix)] + repl
            for cand in (stem, stem + "e", stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem):
                if cand in REFUSAL_VERBS or cand in TELLING_VERBS or cand in STANCE_VERBS:
                    return cand
    return w


def act_of(text: str, att: Attribution) -> AttributionAct:
    """The act ``att`` reports, read from its cue (see the module's description)."""
    if not att.cue:
        return "statement"  # a floating quotation or a shared source: words in quotation marks
    words = [m.group() for s, e in att.cue for m in _WORD.finditer(text, s, e)]
    lemmas = [lemma(w) for w in words]
    if any(x in REFUSAL_VERBS for x in lemmas):
        return "refusal"
    start = att.cue[0][0]
    negated = bool(_NEGATION.search(text[max(0, start - 40):start])) or any(
        w.lower() in {"not", "never"} or w.lower().endswith(("n't", "n’t")) for w in words)
    if negated and any(x in TELLING_VERBS for x in lemmas):
        return "refusal"
    if att.kind in {"direct", "according_to", "floating"}:
        return "statement"
    if att.kind == "mixed" and any(_QUOTE.search(text[s:e]) for s, e in att.content):
        return "statement"
    if any(x in _SAID for x in lemmas if x not in STANCE_VERBS):
        return "statement"
    if any(x in STANCE_VERBS for x in lemmas) or any(w.lower() in STANCE_ADJECTIVES for w in words):
        return "stance"
    return "statement"


def apply_acts(text: str, attributions: list[Attribution]) -> None:
    """Set every attribution's ``act``."""
    for att in attributions:
        att.act = act_of(text, att)


def keep_acts(doc: Document, kept: tuple[str, ...] | list[str]) -> None:
    """Leave out the attributions whose act is not in ``kept``; the others are numbered again
    (``a1``, ``a2``, … in text order) and a ``via`` that named a left-out attribution is cleared."""
    keep = [a for a in doc.attributions if a.act in kept]
    ids = {a.id: f"a{i}" for i, a in enumerate(keep, 1)}
    for a in keep:
        a.id = ids[a.id]
        a.via = ids.get(a.via) if a.via else None
    doc.attributions[:] = keep
