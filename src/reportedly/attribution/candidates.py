"""Attribution candidates: the learned tagger's spans merged with the rules' findings.

:func:`find_candidates` is the single entry point the attribution component calls. It runs the
passes of :data:`PASSES`, in that order, and returns :class:`Candidate` objects (source, cue and
content as character pairs, a ``kind``, and the links ``shares_source_with`` / ``relayed_by`` the
rules know about), in text order. Speakers, hedges, dates, chains and claims are worked out
afterwards from these. The types live in :mod:`.candidate_types`, which every pass imports.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import rules
from .calibration import Calibrator, speech_like
from .candidate_types import Candidate, Pair
from .inner import inner_candidates, speech_inside
from .merge import RULES_ADDED, merge
from .speakers import analyse
from .tagger import TaggedRelation

_WORD = re.compile(r"\w+")


def regions_of(doc) -> list[Pair]:
    """The parts of a document attributions are looked for in: title, standfirst and body paragraphs.

    A standfirst that the body repeats (a page's summary is often its first paragraph, whole or
    cut short) is left out, so its statements are not found twice."""
    paragraphs = doc.layer("paragraph")
    body = " ".join(_WORD.findall(" ".join(doc.text[p.start:p.end] for p in paragraphs).lower()))
    standfirst = [sp for sp in doc.layer("standfirst") if not _repeated(doc.text[sp.start:sp.end], body)]
    spans = [*doc.layer("title"), *standfirst, *paragraphs]
    if not spans:
        return [(0, len(doc.text))] if doc.text.strip() else []
    return sorted({(s.start, s.end) for s in spans})


def _repeated(text: str, body: str) -> bool:
    """Whether the body (words, lower case, space-joined) holds the opening of ``text``."""
    words = _WORD.findall(text.lower())
    return len(words) >= 6 and " ".join(words[:12]) in body


def _headline_filter(text: str, cands: list[Candidate], titles: list[Pair]) -> list[Candidate]:
    """A headline is terse: a verb there is a statement only if it is a word news uses for one
    ("White House divided on pushing for peace – NYT" reports no statement; "…, officials say" does)."""
    if not titles:
        return cands
    return [c for c in cands if not (c.cue and any(s <= c.cue[0][0] < e for s, e in titles))
            or speech_like(text, c.cue)]


#: A headline that ends by naming who said it: "Impeachment sham completely debunked: White House".
_HEADLINE_SPEAKER = re.compile(
    r"(?P<content>\S.{14,}?)\s*(?P<colon>:)\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*$")


def _headline_speakers(text: str, titles: list[Pair], found: list[Candidate]) -> list[Candidate]:
    """A statement the headline credits after a colon to a body or a named person (not a topic:
    "Brexit: What comes next" opens with its label and is left to the speaker-label rule)."""
    out = []
    for s, e in titles:
        m = _HEADLINE_SPEAKER.fullmatch(text, s, e)
        if m is None or any(c.cue and s <= c.cue[0][0] < e for c in found):
            continue
        said = analyse(m.group("name"))
        if said.kind not in ("person", "government", "organisation") or said.needs:
            continue
        out.append(Candidate(cue=[m.span("colon")], source=[m.span("name")], content=[m.span("content")],
                             kind="indirect", sentence=(s, e), lemma=":", rule="label", score=0.45))
    return out


def _by_cue(cands: list[Candidate]) -> list[Candidate]:
    return sorted(cands, key=lambda c: c.cue_start)


@dataclass
class Work:
    """What the passes read and write for one text: its regions and titles, the tagger (or
    ``None``), the tagger's linked relations and the candidates so far."""

    text: str
    regions: list[Pair]
    titles: list[Pair]
    tagger: Any = None
    tagged: list[TaggedRelation] = field(default_factory=list)
    cands: list[Candidate] = field(default_factory=list)


def _tag_and_link(w: Work) -> None:
    """tagger.py + linking.py: the model's source, cue and content spans, linked into relations."""
    w.tagged = w.tagger.extract(w.text, w.regions)


def _rules(w: Work) -> None:
    """rules/: what sentences and quotation marks say, one sentence at a time."""
    w.cands = rules.extract(w.text, w.regions)


def _headline_speaker(w: Work) -> None:
    """A headline that credits its statement after a colon ("…: White House")."""
    w.cands = _by_cue(w.cands + _headline_speakers(w.text, w.titles, w.cands))


def _merge(w: Work) -> None:
    """merge.py: the tagger's relations, enriched by the rules, plus what only the rules found;
    which rules are added or preferred is the model config's choice."""
    config = w.tagger.config
    chosen = config.get("merge_rules")
    add = frozenset(chosen) if chosen is not None else RULES_ADDED
    prefer = frozenset(config.get("prefer_rule") or ())
    nested = config.get("nested_rules", [])
    w.cands = merge(w.text, w.tagged, w.cands, add_rules=add, prefer_rule=prefer,
                    nested_ok=frozenset(nested) if nested is not None else None)


def _inner(w: Work) -> None:
    """inner.py: statements quoted inside a quotation, and (after a merge with the tagger) speech
    reported inside another's content, each relayed by the candidate holding it. Both read the
    candidates as they stand before this pass; speech inside speech shortens its outer one in place."""
    relayed = inner_candidates(w.text, w.cands)
    if w.tagger is not None:
        relayed += speech_inside(w.text, w.cands)
    w.cands = _by_cue(w.cands + relayed)


def _headline_verbs(w: Work) -> None:
    """A headline's cue must be a word news uses for speech (calibration.py's cue prior)."""
    w.cands = _headline_filter(w.text, w.cands, w.titles)


def _calibrate(w: Work) -> None:
    """calibration.py: each score becomes the probability that the attribution is right, when the
    model's config carries a ``"calibration"`` block; those under its cut-off go."""
    calibrator = Calibrator.from_config(w.tagger.config.get("calibration"))
    if calibrator is not None:
        w.cands = calibrator.apply(w.text, w.cands, w.regions)


@dataclass(frozen=True)
class Pass:
    """One step of :func:`find_candidates`: its name, what it does, and whether it needs the tagger."""

    name: str
    run: Callable[[Work], None]
    needs_tagger: bool = False


#: The candidate passes, in the order they run. Without a tagger those that need it are skipped
#: (the rules run alone, unscored).
PASSES: tuple[Pass, ...] = (
    Pass("tagger and linking", _tag_and_link, needs_tagger=True),
    Pass("rules", _rules),
    Pass("headline speaker", _headline_speaker),
    Pass("merge", _merge, needs_tagger=True),
    Pass("inner quotes and speech", _inner),
    Pass("headline verbs", _headline_verbs),
    Pass("calibration", _calibrate, needs_tagger=True),
)


def find_candidates(text: str, regions: list[Pair], tagger=None, titles: list[Pair] | None = None) -> list[Candidate]:
    """All attribution candidates inside ``regions`` of ``text``, in text order.

    With a ``tagger`` (:class:`~reportedly.attribution.tagger.Tagger`) its candidates are merged
    with the rules' and, when the model's config carries a ``"calibration"`` block, each score
    becomes the calibrated probability that the attribution is right
    (:mod:`~reportedly.attribution.calibration`); without a tagger only the rules run.
    The steps are those of :data:`PASSES`, in order.
    """
    work = Work(text, regions, titles or [], tagger)
    for step in PASSES:
        if tagger is not None or not step.needs_tagger:
            step.run(work)
    return work.cands


__all__ = ["PASSES", "Candidate", "Pair", "Pass", "Work", "find_candidates", "regions_of"]
