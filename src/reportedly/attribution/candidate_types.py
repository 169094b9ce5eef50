"""The types the candidate passes share: :data:`Pair` and :class:`Candidate`.

They live apart from the passes (:mod:`.candidates` runs them in order; :mod:`.rules`,
:mod:`.merge`, :mod:`.inner` and :mod:`.calibration` make and change candidates) so that every
pass imports its types from here and none imports another back.
"""

from __future__ import annotations

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


__all__ = ["Candidate", "Pair"]
