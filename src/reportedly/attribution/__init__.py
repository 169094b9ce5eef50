"""Attribution: who said what, according to whom, how sure, and when.

The component runs, in order:

1. :func:`candidates.find_candidates` — the learned tagger's spans merged with the rules' (rules
   only when no packaged model is present, see :func:`load_tagger`), through the passes listed,
   in their order, in :data:`candidates.PASSES`;
2. each candidate becomes a :class:`~reportedly.document.Attribution` (ids ``a1``, ``a2``, … in
   text order; candidates whose cues overlap are merged into one, so no two attributions share a
   cue word); a participle or floating quotation that shares a source takes that source's spans;
3. :mod:`.entities` builds the document's entity layer and resolves each source to an entity
   (name, kind, anonymity, confidence), reading each mention with :mod:`.speakers`;
4. :mod:`.hedges` lists the words that weaken each attribution;
5. :mod:`.when` resolves statement dates against the publication date;
6. :mod:`.chains` sets ``via`` (relayed through which attribution);
7. :mod:`.claims` flags the outlet's own unsourced claims.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..document import ATTRIBUTION_ACTS, Attribution, Claim, Document, Source
from ..errors import ConfigError
from ..settings import Settings, get_settings
from . import candidates as _candidates
from .candidate_types import Candidate, Pair
from .context import Context
from .segment import region_sentences

log = logging.getLogger(__name__)

_UNSET = object()


def load_tagger(settings: Settings | None = None):
    """The tagger ``[attribution] model`` names: a packaged one ("default", "fast": see
    :data:`~reportedly.attribution.tagger.PACKAGED_MODELS`) or a model directory; ``None`` when
    the default is wanted and none is packaged (then the rules run alone).

    A model that is named but missing, or present but unloadable, raises
    :class:`~reportedly.errors.ModelError`.
    """
    from . import tagger as _tagger

    settings = settings or get_settings()
    named = str(settings.attribution.model or "").strip()
    if named in ("", "default"):
        model_dir = _tagger.DEFAULT_MODEL_DIR
        if not (model_dir / "model.onnx").is_file():
            return None
    else:
        model_dir = _tagger.PACKAGED_MODELS.get(named) or Path(named).expanduser()
        if not model_dir.exists() and not any(c in named for c in "/\\~."):  # a bare word, not a path
            from ..errors import ModelError

            raise ModelError(f"unknown model {named!r}: name a packaged one ({', '.join(_tagger.PACKAGED_MODELS)}) "
                             "or a model directory (model.onnx, tokenizer.json, config.json)")
    threads = int(settings.attribution.threads)
    if threads <= 0 and int(settings.pipeline.workers) > 1:
        threads = 1  # parallel documents: one onnxruntime thread each
    return _tagger.Tagger.load(model_dir, threads=threads)


@dataclass
class Built:
    """Attributions made from candidates, with the links the rules found between them."""

    attributions: list[Attribution] = field(default_factory=list)
    shares: dict[str, str] = field(default_factory=dict)  # id -> id whose source it shares
    relayed: dict[str, str] = field(default_factory=dict)  # id -> id it was relayed by ("citing")
    sentences: dict[str, Pair] = field(default_factory=dict)  # id -> its sentence


def _valid(pairs, n: int) -> list[Pair]:
    out = []
    for p in pairs or ():
        try:
            s, e = int(p[0]), int(p[1])
        except (TypeError, ValueError, IndexError):
            continue
        if 0 <= s < e <= n:
            out.append((s, e))
    return sorted(set(out))


_CLASH_WINDOW = 12


def _cue_overlap(a: list[Pair], b: list[Pair]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _better(a: Candidate, b: Candidate) -> bool:
    """Is ``a`` the better of two candidates with overlapping cues?"""
    key = lambda c: (bool(c.content), bool(c.source), c.score or 0.0, sum(e - s for s, e in c.content))  # noqa: E731
    return key(a) > key(b)


def build(doc: Document, cands: list[Candidate], component: str = "attribution") -> Built:
    """Turn candidates into attributions (not yet attached to ``doc``)."""
    n = len(doc.text)
    for c in cands:
        c.cue = _valid(c.cue, n)
        c.source = _valid(c.source, n)
        c.content = _valid(c.content, n)
    usable = [c for c in cands if c.cue or c.content]
    usable.sort(key=lambda c: (c.cue_start, -(c.score or 0)))
    kept: list[Candidate] = []
    replaced: dict[int, Candidate] = {}
    floating: dict[tuple, Candidate] = {}
    for c in usable:
        clash = None
        if c.cue:
            # candidates come in cue order, so only the last few kept ones can overlap this cue
            for k in reversed(kept[-_CLASH_WINDOW:]):
                if k.cue and _cue_overlap(c.cue, k.cue):
                    clash = k
                    break
        else:
            clash = floating.get(tuple(c.content))
        if clash is None:
            kept.append(c)
            if not c.cue:
                floating[tuple(c.content)] = c
            continue
        if _better(c, clash):
            kept[len(kept) - 1 - kept[::-1].index(clash)] = c
            if not c.cue:
                floating[tuple(c.content)] = c
            replaced[id(clash)] = c
            # keep what the loser knew about links
            c.shares_source_with = c.shares_source_with or clash.shares_source_with
            c.relayed_by = c.relayed_by or clash.relayed_by
        else:
            replaced[id(c)] = clash
            clash.shares_source_with = clash.shares_source_with or c.shares_source_with
            clash.relayed_by = clash.relayed_by or c.relayed_by

    def final(c: Candidate | None) -> Candidate | None:
        seen = set()
        while c is not None and id(c) in replaced and id(c) not in seen:
            seen.add(id(c))
            c = replaced[id(c)]
        return c

    kept.sort(key=lambda c: (c.cue_start, c.content[0][0] if c.content else 0))
    ids = {id(c): f"a{i}" for i, c in enumerate(kept, start=1)}
    out = Built()
    for c in kept:
        aid = ids[id(c)]
        shares = final(c.shares_source_with)
        relay = final(c.relayed_by)
        source = list(c.source)
        if shares is not None and id(shares) in ids and shares is not c:
            out.shares[aid] = ids[id(shares)]
            if not source:
                source = list(shares.source)
        if relay is not None and id(relay) in ids and relay is not c:
            out.relayed[aid] = ids[id(relay)]
        if c.sentence:
            out.sentences[aid] = c.sentence
        out.attributions.append(Attribution(
            id=aid,
            source=Source(spans=source),
            cue=list(c.cue),
            content=list(c.content),
            kind=c.kind or "indirect",
            score=round(float(c.score), 3) if c.score is not None else None,
            component=component if not c.rule.startswith("tagger") else c.rule,
        ))
    return out


#: The component's own version: bumped when the steps after the candidates change what they write
#: (0.2: the entity layer; 0.3: calibrated scores and the minimum score).
BASE_VERSION = "0.3.0"


def component_version(tagger) -> str:
    """The attribution component's version as it decides the output: base, model and rules.

    ``0.3.0+model.0.1.1.c1a2b3c4.rules.2026.12.3`` reads: component 0.3.0, the packaged model's
    config version 0.1.1 with the hash of its whole config (linking, merge and calibration
    settings included), and the rules' :data:`~reportedly.attribution.rules.RULES_VERSION`.
    Without a model it says ``model.none``. Stored records carry this string, so a new model or
    new rules make ``ingest --update`` analyse a document again.
    """
    from .rules import RULES_VERSION

    if tagger is None:
        model = "none"
    else:
        config = getattr(tagger, "config", {}) or {}
        digest = hashlib.sha256(json.dumps(config, sort_keys=True).encode("utf-8")).hexdigest()[:8]
        model = f"{config.get('version', '0')}.{digest}"
    return f"{BASE_VERSION}+model.{model}.rules.{RULES_VERSION}"


class AttributionComponent:
    """Finds attributions and unsourced claims and adds them to the document.

    Attributions whose calibrated ``score`` is under ``settings.attribution.min_score`` are left
    out (0 keeps all). Without a packaged model the scores are the rules' fixed confidences.
    """

    name = "attribution"

    def __init__(self, settings: Settings | None = None, tagger=_UNSET):
        self.settings = settings or get_settings()
        self._tagger = tagger
        self._lock = threading.Lock()
        self.min_score = float(getattr(self.settings.attribution, "min_score", 0.0) or 0.0)
        if not 0.0 <= self.min_score <= 1.0:
            raise ConfigError(f"attribution.min_score must be between 0 and 1, not {self.min_score}")
        self.acts = tuple(getattr(self.settings.attribution, "acts", None) or ATTRIBUTION_ACTS)
        unknown = [a for a in self.acts if a not in ATTRIBUTION_ACTS]
        if unknown:
            raise ConfigError(f"attribution.acts: unknown act {unknown[0]!r} (known: {', '.join(ATTRIBUTION_ACTS)})")

    @property
    def version(self) -> str:
        """What produced the attributions: see :func:`component_version`."""
        return component_version(self.tagger)

    @property
    def tagger(self):
        """The learned tagger, loaded on first use (once, whatever the threads); ``None`` runs the rules alone."""
        if self._tagger is _UNSET:
            with self._lock:
                if self._tagger is _UNSET:
                    self._tagger = load_tagger(self.settings)
        return self._tagger

    def __call__(self, doc: Document) -> Document:
        from . import acts, chains, claims, entities, hedges, when

        regions = _candidates.regions_of(doc)
        if not regions:
            return doc
        titles = [(sp.start, sp.end) for sp in doc.layer("title")]
        cands = _candidates.find_candidates(doc.text, regions, tagger=self.tagger, titles=titles)
        if self.min_score > 0:
            cands = [c for c in cands if c.score is None or c.score >= self.min_score]
        built = build(doc, cands, self.name)
        for att in built.attributions:
            doc.add_attribution(att)
        atts = built.attributions
        sents = region_sentences(doc.text, regions)
        ctx = Context(doc, atts, shares=built.shares, relayed=built.relayed, sentences=built.sentences,
                      regions=regions, all_sentences=sents)
        entities.resolve_entities(ctx)
        hedges.apply_hedges(ctx)
        when.resolve_dates(ctx)
        chains.link_chains(ctx)
        acts.apply_acts(doc.text, atts)
        for claim in claims.find_claims(ctx):
            claim.component = self.name
            doc.add_claim(claim)
        if set(self.acts) != set(ATTRIBUTION_ACTS):
            acts.keep_acts(doc, self.acts)
        return doc


__all__ = ["AttributionComponent", "BASE_VERSION", "Built", "Claim", "build", "component_version", "load_tagger"]
