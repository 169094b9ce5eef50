"""Attribution metrics over whole documents, with PolNeAR's definitions.

* ``span/<role>``: exact match of contiguous pieces. A role's pieces are runs of covered word
  tokens; an uncovered word token ends a run (punctuation never does), so edge punctuation does
  not count. Pieces are pooled per document and role.
* ``token/<role>``: tokens covered by any span of the role.
* ``relation``: one-to-one matching of predicted to gold attributions: cues share a token, content
  token F1 ≥ 0.5, and sources share a token (or neither has one).
* ``content-exact``: matched relations whose content word sequence is identical.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

ROLES = ("source", "cue", "content")
WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
Pair = tuple[int, int]
_MAX = 1 << 62
Relation = Mapping[str, Sequence[Sequence[int]]]


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    @property
    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Scores:
    """Counts per metric; ``table()`` gives ``{metric: (P, R, F1)}``."""

    counts: dict[str, Counts] = field(default_factory=dict)

    def add(self, other: Scores) -> None:
        for k, c in other.counts.items():
            self.counts.setdefault(k, Counts()).add(c)

    def table(self) -> dict[str, tuple[float, float, float]]:
        order = [f"span/{r}" for r in ROLES] + [f"token/{r}" for r in ROLES] + ["relation", "content-exact"]
        return {k: self.counts[k].prf for k in order if k in self.counts}

    def f1(self, metric: str) -> float:
        return self.counts[metric].prf[2] if metric in self.counts else 0.0


def _covered(toks: list[Pair], spans: Iterable[Sequence[int]]) -> set[int]:
    """Indices of the tokens (sorted, non-overlapping) that overlap any of ``spans``."""
    out: set[int] = set()
    for a, b in spans:
        a, b = int(a), int(b)
        i = bisect_right(toks, (a, _MAX)) - 1  # the last token starting at or before a
        if i < 0 or toks[i][1] <= a:
            i += 1
        while i < len(toks) and toks[i][0] < b:
            if toks[i][1] > a:
                out.add(i)
            i += 1
    return out


def _pieces(text: str, toks: list[Pair], spans: Iterable[Sequence[int]]) -> set[tuple[int, int]]:
    idx = sorted(i for i in _covered(toks, spans) if text[toks[i][0]].isalnum() or text[toks[i][0]] == "_")
    out: set[tuple[int, int]] = set()
    run: list[int] = []
    for i in idx:
        if run and any(text[toks[j][0]].isalnum() for j in range(run[-1] + 1, i)):
            out.add((run[0], run[-1]))
            run = []
        run.append(i)
    if run:
        out.add((run[0], run[-1]))
    return out


def _words(text: str, toks: list[Pair], idx: set[int]) -> list[str]:
    return [text[toks[i][0]:toks[i][1]].lower() for i in sorted(idx) if text[toks[i][0]].isalnum()]


def score_attributions(text: str, gold: Sequence[Relation], pred: Sequence[Relation]) -> Scores:
    """Scores of one document's predicted attributions against its gold ones."""
    toks = [(m.start(), m.end()) for m in WORD.finditer(text)]
    sc = Scores()
    for role in ROLES:
        gs = set().union(*[_covered(toks, r.get(role, ())) for r in gold]) if gold else set()
        ps = set().union(*[_covered(toks, r.get(role, ())) for r in pred]) if pred else set()
        sc.counts[f"token/{role}"] = Counts(len(gs & ps), len(ps), len(gs))
        gp = set().union(*[_pieces(text, toks, r.get(role, ())) for r in gold]) if gold else set()
        pp = set().union(*[_pieces(text, toks, r.get(role, ())) for r in pred]) if pred else set()
        sc.counts[f"span/{role}"] = Counts(len(gp & pp), len(pp), len(gp))
    gsets = [{r: _covered(toks, rel.get(r, ())) for r in ROLES} for rel in gold]
    psets = [{r: _covered(toks, rel.get(r, ())) for r in ROLES} for rel in pred]
    used: set[int] = set()
    tp = exact = 0
    for p in psets:
        for j, g in enumerate(gsets):
            if j in used or not (p["cue"] & g["cue"]):
                continue
            inter = len(p["content"] & g["content"])
            denom = len(p["content"]) + len(g["content"])
            f = 2 * inter / denom if denom else 1.0
            src_ok = bool(p["source"] & g["source"]) or (not p["source"] and not g["source"])
            if f >= 0.5 and src_ok:
                used.add(j)
                tp += 1
                if _words(text, toks, p["content"]) == _words(text, toks, g["content"]):
                    exact += 1
                break
    sc.counts["relation"] = Counts(tp, len(psets), len(gsets))
    sc.counts["content-exact"] = Counts(exact, len(psets), len(gsets))
    return sc


def format_table(table: Mapping[str, tuple[float, float, float]], label: str = "") -> str:
    """The scorer's layout: one metric a line with P, R and F1."""
    return "\n".join(f"{label}{k:16s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}" for k, (p, r, f) in table.items())
