"""A calibrated score for each attribution candidate: the probability that it is right.

The tagger's own confidences say how sure it is of each span, not how often such a candidate is
a real attribution: a confident "added" before "20.72 points" or an "is" before "likely to be"
is narration, and a rule candidate has no confidence at all. The calibrator reads a few cheap
features of each merged candidate (the tagger's confidence per role, how often its cue words are
cues in PolNeAR train, the shape of its content and source, where it stands) and maps them to a
probability with a logistic model fitted on PolNeAR dev by ``training/calibrate.py``. The
coefficients, the feature names and the cut-off below which a candidate is dropped live in the
model's ``config.json`` under ``"calibration"``; without that block scores stay as they are.

"Right" is the relation criterion of the PolNeAR scorer: the cue overlaps a gold cue, the
content covers at least half of the gold content's words (token F1 ≥ 0.5) and the sources share
a word (or both have none). ``docs/attribution.md`` has the reliability table measured on dev.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import lexicon as L
from .candidate_types import Candidate, Pair

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_QUOTES = "“”\"«»„'‘’"
_WH = {"what", "why", "how", "whether", "if", "when", "where", "who", "which"}
_AUX_ONLY = L.AUX | {"be", "been", "being", "do", "does", "did", "not", "n't", "also", "still"}
#: Rule kinds with a feature of their own (others count only as "rule").
_RULES = ("according", "citing", "participle", "verb", "floating", "passive", "adj", "signed", "label")

#: The features, in the order the fitted coefficients expect.
FEATURES: tuple[str, ...] = (
    "tagger", "rule_only", "tagger_and_rule",
    "cue_score", "content_score", "source_score",
    "cue_prior_max", "cue_prior_last", "cue_unknown", "cue_words", "cue_aux_only",
    "has_source", "source_pronoun", "source_capital", "source_words",
    "content_words", "content_quoted", "content_that", "content_to", "content_wh", "content_number",
    "content_pieces", "content_before_cue",
    "region_short", "region_question", "region_first",
    *(f"rule_{r}" for r in _RULES),
)


@lru_cache(maxsize=1)
def cue_prior() -> dict[str, tuple[int, int]]:
    """``word -> (times inside a cue, occurrences)`` in PolNeAR train (``data/cue_prior.tsv``)."""
    text = resources.files("reportedly.attribution").joinpath("data", "cue_prior.tsv").read_text(encoding="utf-8")
    out: dict[str, tuple[int, int]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, a, n = line.split("\t")
        out[word] = (int(a), int(n))
    return out


def _log_odds(word: str, table: Mapping[str, tuple[int, int]]) -> float | None:
    hit = table.get(word)
    if hit is None:
        return None
    a, n = hit
    return math.log((a + 0.5) / (n - a + 0.5))


def _words(text: str, spans: Sequence[Pair]) -> list[str]:
    return [m.group().lower().replace("’", "'") for s, e in spans for m in _WORD.finditer(text, s, e)]


def _ntokens(text: str, spans: Sequence[Pair]) -> int:
    return sum(1 for s, e in spans for _ in _TOKEN.finditer(text, s, e))


def _region(regions: Sequence[Pair], at: int) -> tuple[int, Pair | None]:
    for i, (s, e) in enumerate(regions):
        if s <= at < e:
            return i, (s, e)
    return -1, None


def features(text: str, cand: Candidate, regions: Sequence[Pair]) -> list[float]:
    """The :data:`FEATURES` of one merged candidate, as numbers."""
    table = cue_prior()
    f: dict[str, float] = {}
    rule = cand.rule or ""
    from_tagger = rule.startswith("tagger")
    f["tagger"] = float(from_tagger)
    f["rule_only"] = float(not from_tagger)
    f["tagger_and_rule"] = float(rule.startswith("tagger+"))
    scores = cand.role_scores or {}
    for role in ("cue", "content", "source"):
        f[f"{role}_score"] = float(scores.get(role, 0.0))
    cue_words = _words(text, cand.cue)
    odds = [o for o in (_log_odds(w, table) for w in cue_words) if o is not None]
    f["cue_prior_max"] = max(odds) if odds else -4.0
    last = _log_odds(cue_words[-1], table) if cue_words else None
    f["cue_prior_last"] = last if last is not None else -4.0
    f["cue_unknown"] = float(bool(cue_words) and not odds)
    f["cue_words"] = float(min(len(cue_words), 6))
    f["cue_aux_only"] = float(bool(cue_words) and all(w in _AUX_ONLY for w in cue_words))
    src_words = _words(text, cand.source)
    f["has_source"] = float(bool(cand.source))
    f["source_pronoun"] = float(len(src_words) == 1 and src_words[0] in L.PRONOUNS)
    first_src = text[cand.source[0][0]:cand.source[0][1]].lstrip(_QUOTES + " ") if cand.source else ""
    f["source_capital"] = float(first_src[:1].isupper())
    f["source_words"] = math.log1p(len(src_words))
    content = cand.content
    n_content = _ntokens(text, content)
    f["content_words"] = math.log1p(n_content)
    head = text[content[0][0]:content[0][1]].lstrip() if content else ""
    first_word = (_WORD.match(head.lstrip(_QUOTES + " ")) or None)
    fw = first_word.group().lower() if first_word else ""
    f["content_quoted"] = float(head[:1] in _QUOTES)
    f["content_that"] = float(fw == "that")
    f["content_to"] = float(fw == "to")
    f["content_wh"] = float(fw in _WH)
    f["content_number"] = float(head.lstrip(_QUOTES + " $£€")[:1].isdigit())
    f["content_pieces"] = float(min(len(content), 3))
    f["content_before_cue"] = float(bool(content and cand.cue) and content[0][0] < cand.cue[0][0])
    at = cand.cue[0][0] if cand.cue else (content[0][0] if content else 0)
    index, span = _region(regions, at)
    region_text = text[span[0]:span[1]].strip() if span else ""
    f["region_short"] = float(len(region_text) < 80)
    f["region_question"] = float(region_text.endswith("?"))
    f["region_first"] = float(index == 0)
    base = rule.split("+", 1)[-1] if rule else ""
    for r in _RULES:
        f[f"rule_{r}"] = float(base == r)
    return [f[name] for name in FEATURES]


def speech_like(text: str, cue: Sequence[Pair], floor: float = 0.3) -> bool:
    """Is any word of the cue one that PolNeAR train marks as a cue at least ``floor`` of the time
    (or one it never saw)? "divided on" (13 % and 9 %) is not; "says", "warns", "slams" are."""
    table = cue_prior()
    words = _words(text, cue)
    if not words:
        return True  # a label's colon ("Pat Caddell: Democrat voters worried …")
    for w in words:
        hit = table.get(w)
        if hit is None or hit[1] < 5 or (hit[0] + 0.5) / (hit[1] + 1) >= floor:
            return True
    return False


@dataclass
class Calibrator:
    """A fitted logistic model over :data:`FEATURES`, with the cut-off below which a candidate goes."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float = 0.0

    @classmethod
    def from_config(cls, block: Mapping | None) -> Calibrator | None:
        """The calibrator stored in a model config's ``"calibration"`` block (``None`` if absent or stale)."""
        if not block:
            return None
        names = tuple(block.get("features", ()))
        if names != FEATURES:
            return None  # fitted for another feature set: better no calibration than a wrong one
        return cls(names, tuple(block["mean"]), tuple(block["scale"]), tuple(block["coef"]),
                   float(block["intercept"]), float(block.get("threshold", 0.0)))

    def probability(self, row: Sequence[float]) -> float:
        z = self.intercept + sum(c * (x - m) / s for c, x, m, s in zip(self.coef, row, self.mean, self.scale, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def apply(self, text: str, cands: list[Candidate], regions: Sequence[Pair]) -> list[Candidate]:
        """Set each candidate's ``score`` to its calibrated probability; drop those under the cut-off."""
        kept = []
        for c in cands:
            c.score = self.probability(features(text, c, regions))
            if c.score >= self.threshold:
                kept.append(c)
        return kept
