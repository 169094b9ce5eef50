"""Attribution candidates: the learned tagger's spans merged with the rules' findings.

:func:`find_candidates` is the single entry point the attribution component calls. It returns
:class:`Candidate` objects (source, cue and content as character pairs, a ``kind``, and the links
``shares_source_with`` / ``relayed_by`` the rules know about), in text order. Speakers, hedges,
dates, chains and claims are worked out afterwards from these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import AttributionKind

#: A ``[start, end)`` pair of character offsets into a document's text.
Pair = tuple[int, int]


@dataclass
class Candidate:
    """One attribution found by the tagger, the rules or both, before its speaker, hedges and date are worked out."""

    cue: list[Pair]
    source: list[Pair]
    content: list[Pair]
    kind: AttributionKind = "indirect"
    score: float = 0.6
    sentence: Pair | None = None
    shares_source_with: Candidate | None = field(default=None, repr=False)
    relayed_by: Candidate | None = field(default=None, repr=False)
    lemma: str = ""
    rule: str = ""
    #: The tagger's confidence per role ("source", "cue", "content"); empty for rule-only candidates.
    role_scores: dict[str, float] = field(default_factory=dict)

    @property
    def cue_start(self) -> int:
        return self.cue[0][0] if self.cue else (self.content[0][0] if self.content else 0)


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
    from .calibration import speech_like

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
    from .speakers import analyse

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


def find_candidates(text: str, regions: list[Pair], tagger=None, titles: list[Pair] | None = None) -> list[Candidate]:
    """All attribution candidates inside ``regions`` of ``text``, in text order.

    With a ``tagger`` (:class:`~reportedly.attribution.tagger.Tagger`) its candidates are merged
    with the rules' and, when the model's config carries a ``"calibration"`` block, each score
    becomes the calibrated probability that the attribution is right
    (:mod:`~reportedly.attribution.calibration`); without a tagger only the rules run.
    """
    from . import rules
    from .calibration import Calibrator
    from .inner import inner_candidates, speech_inside

    found = rules.extract(text, regions)
    found = sorted(found + _headline_speakers(text, titles or [], found), key=lambda c: c.cue_start)
    if tagger is None:
        return _headline_filter(text, sorted(found + inner_candidates(text, found), key=lambda c: c.cue_start),
                                titles or [])
    from .merge import RULES_ADDED, merge

    chosen = tagger.config.get("merge_rules")
    add = frozenset(chosen) if chosen is not None else RULES_ADDED
    prefer = frozenset(tagger.config.get("prefer_rule") or ())
    nested = tagger.config.get("nested_rules", [])
    merged = merge(text, tagger.extract(text, regions), found, add_rules=add, prefer_rule=prefer,
                   nested_ok=frozenset(nested) if nested is not None else None)
    merged = sorted(merged + inner_candidates(text, merged) + speech_inside(text, merged), key=lambda c: c.cue_start)
    calibrator = Calibrator.from_config(tagger.config.get("calibration"))
    merged = _headline_filter(text, merged, titles or [])
    return calibrator.apply(text, merged, regions) if calibrator is not None else merged
