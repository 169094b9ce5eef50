"""What every step after the candidates reads: one object instead of six arguments.

The attribution component builds one :class:`Context` per document once the attributions exist
and hands it to each step in turn (entities, hedges, dates, chains, claims). Tests build one by
hand: ``Context(doc, [a1, a2], shares={"a2": "a1"})``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Attribution, Document
from .candidate_types import Pair


@dataclass
class Context:
    """A document, its attributions, and what the candidates knew about them."""

    doc: Document
    #: The attributions the steps work on (by default the document's own).
    atts: list[Attribution]
    #: attribution id -> id of the attribution whose source it shares (a participle, a floating quote).
    shares: dict[str, str] = field(default_factory=dict)
    #: attribution id -> id of the attribution it was explicitly relayed by ("…, citing sources").
    relayed: dict[str, str] = field(default_factory=dict)
    #: attribution id -> the sentence the rules found it in.
    sentences: dict[str, Pair] = field(default_factory=dict)
    #: The regions attributions were looked for in (``None``: each step's default).
    regions: list[Pair] | None = None
    #: The sentences of those regions, when already known.
    all_sentences: list[Pair] | None = None

    @property
    def text(self) -> str:
        return self.doc.text

    def by_id(self) -> dict[str, Attribution]:
        return {a.id: a for a in self.atts}
