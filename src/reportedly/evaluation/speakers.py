"""Who said what: is each found attribution credited to the right speaker?

Gold: a PolNeAR compartment plus a ``speakers.json`` mapping each article to ``{event id -> record}``,
the speaker of every annotated attribution as a careful reader resolves it (``entity``, other
acceptable spellings in ``also``, ``anonymous``, ``kind``). The definitions follow the project's
outside scorer (``tools/speaker_score.py``) so the figures agree:

- a prediction matches a gold attribution when their cues share a token and their contents have
  token F1 ≥ 0.5 (each gold used once; sources need not overlap);
- a matched gold attribution with a source is *right* when: anonymous gold → the prediction is
  anonymous; person, organisation, government, outlet → the normalised entity equals the gold
  entity or an ``also`` spelling; group, document → the last word of one name is among the
  other's words;
- **speaker accuracy** = right / matched (overall, per kind, and on "needs resolution": gold whose
  source words are not already the entity — pronouns, surnames, descriptions);
- **who-said-what** P/R/F1 = right / predictions (less those matched to gold without a source), and
  right / gold attributions with a source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..attribution.segment import WORD
from .polnear import GoldDocument
from .scoring import _covered

NAMED = {"person", "organisation", "government", "outlet"}
KINDS = ("all", "needs resolution", "person", "organisation", "government", "outlet", "anonymous", "group",
         "document")


def _norm(s: str | None) -> str:
    s = (s or "").lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"^\s*(the|both|a|an)\s+", "", s)
    return " ".join(s.split())


def speaker_right(gold: Mapping[str, Any], entity: str | None, anonymous: bool) -> bool:
    """Does a predicted speaker (``entity``, ``anonymous``) name the gold speaker?"""
    kind = gold.get("kind")
    if kind == "anonymous" or gold.get("anonymous"):
        return bool(anonymous)
    e = _norm(entity)
    if not e:
        return False
    names = [_norm(gold.get("entity")), *(_norm(a) for a in gold.get("also") or [])]
    if kind in NAMED:
        return e in names
    return any(g and (g.split()[-1] in e.split() or e.split()[-1] in g.split()) for g in names)


def _needs_resolution(gold: Mapping[str, Any]) -> bool:
    forms = {_norm(gold.get("entity"))} | {_norm(a) for a in gold.get("also") or []}
    return gold.get("kind") in NAMED and _norm(gold.get("source")) not in forms


@dataclass
class SpeakerScores:
    """Counts behind speaker accuracy and who-said-what P/R/F1."""

    right: Counter = field(default_factory=Counter)  # kind -> right
    matched: Counter = field(default_factory=Counter)  # kind -> matched
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: SpeakerScores) -> None:
        self.right.update(other.right)
        self.matched.update(other.matched)
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold
        self.errors.extend(other.errors)

    def accuracy(self, kind: str = "all") -> float:
        return self.right[kind] / self.matched[kind] if self.matched[kind] else 0.0

    def who_said_what(self) -> tuple[float, float, float]:
        p = self.tp / self.predicted if self.predicted else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def lines(self) -> list[str]:
        p, r, f = self.who_said_what()
        out = [f"who-said-what     P {p:.3f}  R {r:.3f}  F1 {f:.3f}"]
        out += [f"speaker accuracy/{k:17s} {self.accuracy(k):.3f}  (n={self.matched[k]})"
                for k in KINDS if self.matched[k]]
        return out


def match_predictions(gold: GoldDocument, speakers: Mapping[str, Mapping[str, Any]],
                      predictions: Sequence[Mapping[str, Any]]) -> Iterator[tuple[Mapping[str, Any], str | None]]:
    """Each prediction with the event id of the gold attribution it matches, or ``None``: cues share a
    token and contents have token F1 >= 0.5, the best such gold taken, each gold used once."""
    toks = [(m.start(), m.end()) for m in WORD.finditer(gold.text)]
    rels = [(i, r) for i, r in zip(gold.ids, gold.relations, strict=False) if i in speakers]
    gsets = [{k: _covered(toks, r[k]) for k in ("cue", "content")} for _, r in rels]
    used: set[int] = set()
    for a in predictions:
        p = {k: _covered(toks, a.get(k) or ()) for k in ("cue", "content")}
        best, best_f = None, 0.5
        for j, g in enumerate(gsets):
            if j in used or not (p["cue"] & g["cue"]):
                continue
            denom = len(p["content"]) + len(g["content"])
            f = 2 * len(p["content"] & g["content"]) / denom if denom else 1.0
            if f >= best_f:
                best, best_f = j, f
        if best is not None:
            used.add(best)
        yield a, (rels[best][0] if best is not None else None)


def score_speakers(gold: GoldDocument, speakers: Mapping[str, Mapping[str, Any]],
                   predictions: Sequence[Mapping[str, Any]]) -> SpeakerScores:
    """Score one article's predicted attributions (``{"cue", "content", "source": {spans, entity,
    anonymous}}`` with spans as pairs) against its gold speakers."""
    out = SpeakerScores()
    out.gold = sum(1 for i in gold.ids if i in speakers and speakers[i].get("kind") not in (None, "none"))
    for a, event in match_predictions(gold, speakers, predictions):
        if event is None:
            out.predicted += 1
            continue
        gold_speaker = speakers[event]
        if gold_speaker.get("kind") in (None, "none"):
            continue
        out.predicted += 1
        src = a.get("source") or {}
        ok = speaker_right(gold_speaker, src.get("entity"), bool(src.get("anonymous")))
        kinds = ["all", gold_speaker.get("kind")] + (["needs resolution"] if _needs_resolution(gold_speaker) else [])
        for k in kinds:
            out.matched[k] += 1
            out.right[k] += ok
        if ok:
            out.tp += 1
        else:
            out.errors.append(f"{gold.name} {event}: gold {gold_speaker.get('entity')!r} "
                              f"({gold_speaker.get('kind')}), "
                              f"predicted {src.get('entity')!r} anonymous={bool(src.get('anonymous'))}")
    return out


def prediction_of(doc) -> list[dict[str, Any]]:
    """A document's attributions in the form :func:`score_speakers` reads."""
    return [{"cue": a.cue, "content": a.content,
             "source": {"spans": a.source.spans, "entity": a.source.entity, "anonymous": a.source.anonymous}}
            for a in doc.attributions]


def total(scores: Iterable[SpeakerScores]) -> SpeakerScores:
    out = SpeakerScores()
    for s in scores:
        out.add(s)
    return out
