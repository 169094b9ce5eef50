"""Quotations beyond one sentence: signed quotations, speaker labels, multi-paragraph and floating quotes."""

from __future__ import annotations

import bisect
import re

from .. import lexicon as L
from ..candidate_types import Candidate, Pair
from ..segment import Quote
from .clauses import _starts_with_quote
from .tokens import _NUMBER

_SIGNED = re.compile(r"(?P<mark>[”\"»])\s*(?P<dash>[―—–]|-{1,2})\s*(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|del|bin|al)){0,4})"
                     r"(?P<tail>(?:,\s*[^\n.“”\"]{2,80})?)\s*\.?\s*$")


def _signed_quotes(text: str, rs: int, re_: int, quotes: list[Quote],
                   cands: list[Candidate]) -> list[Candidate]:
    """A quotation signed with a dash at the end of its paragraph: “…” ― Sonya Herridge."""
    m = _SIGNED.search(text, rs, re_)
    if not m or m.end() != re_ and text[m.end():re_].strip():
        return []
    close = m.end("mark")
    q = next((q for q in quotes if q.end == close), None)
    if q is None:
        # the quotation opened with an odd mark (”…” or "…”): take the paragraph up to the signature
        if text[rs:rs + 1] not in "“”\"«»„":
            return []
        q = Quote(rs, close, True)
    if any(c.cue and q.start <= c.cue[0][0] < re_ for c in cands):
        return []
    src_end = m.end("tail") if m.group("tail") else m.end("name")
    while src_end > m.start("name") and text[src_end - 1] in " .,":
        src_end -= 1
    return [Candidate(cue=[(m.start("dash"), m.end("dash"))], source=[(m.start("name"), src_end)],
                          content=[(q.start, q.end)], kind="direct", sentence=(rs, re_), lemma="sign",
                          rule="signed", score=0.5)]


_LABEL = re.compile(r"[\"“]?(?P<name>(?:[A-Z][\w.'’&-]*)(?:\s+(?:[A-Z][\w.'’&-]*|of|the|and|for|de|van|von)){0,5}"
                    r"(?:\s+\([^()\n]{1,20}\))?)\s*:\s+(?=\S)")
_NOT_SPEAKERS = {
    "update", "updated", "updates", "watch", "read", "listen", "note", "editor's note", "editor’s note", "photo",
    "photos", "video", "videos", "image", "images", "source", "sources", "credit", "credits", "related", "tags",
    "topics", "share", "correction", "corrections", "disclaimer", "published", "posted", "by", "contact", "email",
    "tel", "phone", "fax", "warning", "transcript", "summary", "background", "context", "opinion", "analysis",
    "exclusive", "breaking", "live", "explainer", "see also", "also", "more", "why it matters", "the big picture",
    "what's next", "what’s next", "bottom line", "key points", "highlights", "q", "a", "question", "answer",
    "pictured", "above", "below", "top", "file", "location", "date", "time", "when", "where", "who", "what",
    "how", "why", "price", "cost", "address", "website", "follow", "subscribe", "advertisement", "sponsored",
    "featured", "trending", "caption", "graphic", "chart", "map", "table", "figure", "fig", "step", "part",
    "chapter", "section", "article", "episode", "season", "act", "scene", "note to editors", "ps", "p.s",
    "the latest", "latest", "editor's", "editor’s", "editors' note", "editors’ note", "watch live", "live updates",
    "contributing", "contributors", "contributor", "contributed by", "additional reporting", "reporting",
    "reporting by", "writing", "editing", "edited by", "written by", "compiled by", "produced by", "research",
    "graphics", "photography", "illustration", "illustrations", "design", "copyright", "category", "categories",
    "keywords", "filed under", "words", "text",
}


def _speaker_labels(text: str, regions: list[Pair], cands: list[Candidate]) -> list[Candidate]:
    """Paragraphs opened by a speaker label: "Pat Caddell: Democrats worried …", transcripts ("PENCE: …").

    A label is one to six capitalised words before a colon at the start of a paragraph; common
    section labels ("Update:", "Photo:") are not speakers, and an all-capitals label (a transcript
    speaker, but also a dateline such as "MOSCOW:") counts only when it opens two paragraphs or more.
    """
    found = []
    for rs, re_ in regions:
        m = _LABEL.match(text, rs, re_)
        if not m:
            continue
        name = m.group("name")
        key = name.lower().strip()
        if key in _NOT_SPEAKERS or _NUMBER.search(name) or key in L.GOVERNMENT_NAMES or key in L.MONTHS \
                or key in L.WEEKDAYS:
            continue
        if any(c.cue and rs <= c.cue[0][0] < m.end() for c in cands):
            continue
        content_end = re_
        while content_end > m.end() and text[content_end - 1] in " .\n\"”":
            content_end -= 1
        if content_end <= m.end():
            continue
        found.append((name, Candidate(cue=[(m.end("name"), m.end("name") + 1)] if text[m.end("name")] == ":"
                                          else [(text.index(":", m.end("name")), text.index(":", m.end("name")) + 1)],
                                          source=[(m.start("name"), m.end("name"))],
                                          content=[(m.end(), content_end)], kind="indirect", sentence=(rs, re_),
                                          lemma=":", rule="label", score=0.45)))
    counts: dict[str, int] = {}
    for name, _ in found:
        counts[name] = counts.get(name, 0) + 1
    out = []
    for name, cand in found:
        letters = [ch for ch in name if ch.isalpha()]
        if letters and all(ch.isupper() for ch in letters) and counts[name] < 2:
            continue
        out.append(cand)
    return out


def _covered(cands: list[Candidate], a: int, b: int) -> Candidate | None:
    for c in cands:
        for x, y in c.content:
            if x <= a + 1 and b - 1 <= y:
                return c
    return None


def _attach_quotes(text: str, regions: list[Pair], region_quotes: list[list[Quote]],
                   cands: list[Candidate]) -> None:
    """Multi-paragraph quotations, bare follow-on quotations and floating quotations."""
    pending: list[Pair] = []  # open quotation pieces of earlier paragraphs (multi-paragraph quote)
    order = sorted(cands, key=lambda c: c.cue_start)
    starts = [c.cue_start for c in order]
    speakers = [c for c in order if c.kind != "floating"]
    speaker_starts = [c.cue_start for c in speakers]
    for (rs, re_), quotes in zip(regions, region_quotes, strict=True):
        # only this paragraph's candidates can own its quotations
        local = order[bisect.bisect_left(starts, rs):bisect.bisect_left(starts, re_)]
        region_cands = [c for c in local if c.cue and rs <= c.cue[0][0] < re_]
        starts_quoted = _starts_with_quote(text, rs, re_)
        if pending:
            if not starts_quoted:
                pending = []
        labels = [c for c in region_cands if c.rule == "label"]
        for q in quotes:
            if any(q.start <= c.cue[0][0] <= q.start + 60 for c in labels):
                continue  # a transcript line ("“PENCE: …") belongs to its speaker label
            owner = _covered(local, q.start, q.end)
            if owner is not None:
                if pending and q is quotes[0]:
                    owner.content = sorted(set(owner.content) | set(pending))
                    pending = []
                continue
            if not q.closed and q is quotes[-1] and starts_quoted and q.start - rs < 3:
                pending.append((q.start, q.end))
                continue
            if not q.closed:
                continue
            # a bare quotation after an attribution of the same paragraph joins it
            before = [c for c in region_cands if c.cue[0][0] < q.start and c.kind in {"direct", "mixed"}]
            last = before[-1] if before else None
            gap = text[max([b for _, b in (last.content + last.cue + last.source)] if last else [q.start]):q.start]
            next_sentence = last is not None and last.sentence is not None and last.sentence[1] <= q.start \
                and not text[last.sentence[1]:q.start].strip()
            if before and (len(gap) < 40 and not re.search(r"\w{3,}", gap.replace("said", "")) or next_sentence):
                before[-1].content = sorted(set(before[-1].content) | {(q.start, q.end)})
                continue
            # a paragraph that is a quotation with no cue continues the last speaker
            if starts_quoted and q.start - rs < 3 and not region_cands:
                k = bisect.bisect_left(speaker_starts, q.start)
                if k:
                    pieces = pending + [(q.start, q.end)]
                    pending = []
                    fl = Candidate(cue=[], source=[], content=pieces, kind="floating",
                                       sentence=(rs, re_), shares_source_with=speakers[k - 1], rule="floating",
                                       score=0.4)
                    cands.append(fl)
                    local.append(fl)
