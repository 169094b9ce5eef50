"""Group tagged source, cue and content spans into attributions.

Every content and source span carries the side on which the tagger expects its cue (``L`` or
``R``). Each is attached to the nearest cue on that side (falling back to the other side when
none is close), and every cue that received a content becomes one attribution. Close cue pieces
with nothing between them ("does not ... believe") are merged into one cue first.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Span:
    """One decoded span of a role: character offsets, token indices, cue side and confidence."""

    role: str
    start: int
    end: int
    tokens: list[int] = field(default_factory=list)
    side: str = "R"
    score: float = 0.0


@dataclass
class Relation:
    """An attribution assembled from spans."""

    cue: list[Span]
    source: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)
    score: float = 0.0


def _gap(text: str, a: int, b: int) -> str:
    return text[min(a, b):max(a, b)]


def _distance(span: Span, cue: list[Span]) -> int:
    """Character distance between a span and a (possibly split) cue; 0 when they overlap."""
    best = None
    for c in cue:
        if span.end <= c.start:
            d = c.start - span.end
        elif c.end <= span.start:
            d = span.start - c.end
        else:
            d = 0
        best = d if best is None else min(best, d)
    return best or 0


def link(
    text: str,
    spans: dict[str, list[Span]],
    max_content_gap: int = 400,
    max_source_gap: int = 250,
    cue_merge_gap: int = 12,
    other_side: bool = True,
    keep_orphan_content: bool = False,
    keep_cue_without_content: bool = False,
    cross_paragraph_source: bool = False,
    cross_paragraph_content: bool | str = True,
    min_cue_score: float = 0.0,
    min_content_score: float = 0.0,
) -> list[Relation]:
    """Attributions from the decoded spans of one text; the keyword arguments are the tuned knobs."""
    cues_raw = sorted((c for c in spans.get("cue", []) if c.score >= min_cue_score), key=lambda s: s.start)
    cues: list[list[Span]] = []
    for c in cues_raw:
        if cues and c.start - cues[-1][-1].end <= cue_merge_gap and _mergeable(text, cues[-1][-1], c, spans):
            cues[-1].append(c)
        else:
            cues.append([c])
    relations = [Relation(cue=c, score=sum(x.score for x in c) / len(c)) for c in cues]

    def nearest(span: Span, limit: int, allow_para: bool) -> Relation | None:
        best, best_d = None, None
        fallback, fallback_d = None, None
        for rel in relations:
            cue_start, cue_end = rel.cue[0].start, rel.cue[-1].end
            if cue_start < span.end and span.start < cue_end:
                continue  # a cue inside the span belongs to a nested attribution
            d = _distance(span, rel.cue)
            if d > limit:
                continue
            if not allow_para and "\n" in _gap(text, span.start if cue_start > span.start else span.end,
                                                 cue_start if cue_start > span.start else cue_end):
                continue
            side = "R" if cue_start >= span.end else "L"
            if side == span.side:
                if best_d is None or d < best_d:
                    best, best_d = rel, d
            elif fallback_d is None or d < fallback_d:
                fallback, fallback_d = rel, d
        if best is None and other_side:
            return fallback
        return best

    def may_cross(content: Span) -> bool:
        if cross_paragraph_content is True:
            return True
        if cross_paragraph_content == "quote":  # a quotation running on from the paragraph before
            line_start = text.rfind("\n", 0, content.start) + 1
            return text[line_start:content.start + 1].lstrip()[:1] in _OPEN_QUOTES
        return False

    orphans: list[Span] = []
    for content in spans.get("content", []):
        if content.score < min_content_score:
            continue
        rel = nearest(content, max_content_gap, may_cross(content))
        if rel is None:
            orphans.append(content)
        else:
            rel.content.append(content)
    for source in spans.get("source", []):
        rel = nearest(source, max_source_gap, cross_paragraph_source)
        if rel is None:
            continue
        rel.source.append(source)
    out = []
    for rel in relations:
        if not rel.content and not keep_cue_without_content:
            continue
        if len(rel.source) > 1:  # keep the closest source
            rel.source = [min(rel.source, key=lambda s: _distance(s, rel.cue))]
        rel.content.sort(key=lambda s: s.start)
        out.append(rel)
    if keep_orphan_content:
        out.extend(Relation(cue=[], content=[o], score=o.score) for o in orphans)
    return out


_OPEN_QUOTES = "\"“‘'«„"


def _mergeable(text: str, a: Span, b: Span, spans: dict[str, list[Span]]) -> bool:
    """Two cue pieces form one cue when no other span and no sentence end lies between them."""
    between = text[a.end:b.start]
    if any(ch in between for ch in ",;.?!\n\"\u201c\u201d"):
        return False
    for role in ("source", "content"):
        for s in spans.get(role, []):
            if a.end <= s.start and s.end <= b.start:
                return False
    return True
