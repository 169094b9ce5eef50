"""Tokens, quotations and sentences of a region of text, without a parser.

Quote marks are paired with a small state machine that never fails: curly marks (“ ”), straight
marks (" and ''), guillemets (« » and » «) and low-9 marks („ “) are all handled, a straight mark
is read as opening or closing from its neighbours and from what is already open, and a quotation
left open runs to the end of its region (``closed`` is then false). Single marks (‘ ’) are only
used inside an open double quotation, so apostrophes never open a quotation.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .lexicon import ABBREVIATIONS

WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")

_AMBIGUOUS = {'"', "''", "``"}
_MARK = re.compile(r"''|``|[“”\"«»„]")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start`` at its opening mark, ``end`` after its closing mark."""

    start: int
    end: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted words without the marks."""
        return (self.start + 1, self.end - (1 if self.closed else 0))


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word and punctuation tokens as ``(start, end)`` pairs (the scorer's tokenisation)."""
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in WORD.finditer(text, start, end)]


def _opens_here(text: str, i: int, j: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    return (before.isspace() or before in "([{—–-/:;") and not after.isspace()


def _closes_here(text: str, i: int, j: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[Quote]:
    """Pair the quote marks in ``text[start:end]``; unbalanced marks never raise."""
    end = len(text) if end is None else end
    out: list[Quote] = []
    open_at: int | None = None
    open_mark = ""
    for m in _MARK.finditer(text, start, end):
        mark, i, j = m.group(), m.start(), m.end()
        opener = _opens_here(text, i, j)
        closer = _closes_here(text, i, j)
        if open_at is None:
            if mark == "”" or (mark in _AMBIGUOUS and closer and not opener):
                continue  # a stray closing mark
            open_at, open_mark = i, mark
            continue
        if mark == "”" or (mark == "»" and open_mark != "»") or (mark == "«" and open_mark == "»"):
            closes = True
        elif mark in _AMBIGUOUS:
            closes = not (opener and not closer)
        elif mark == "“":
            closes = open_mark == "„" or (closer and not opener)
        else:  # « or „ while a quotation is open
            closes = False
        if closes:
            out.append(Quote(open_at, j, True))
            open_at = None
        else:
            out.append(Quote(open_at, _unclosed_end(text, start, open_at, i), False))
            open_at, open_mark = i, mark
    if open_at is not None:
        out.append(Quote(open_at, _unclosed_end(text, start, open_at, end), False))
    return [q for q in out if q.end > q.start + 1]


_SENT_END = re.compile(r"[.!?…](?=\s+[\"“‘'«(\[]?[A-Z0-9À-Þ])")


def _unclosed_end(text: str, region_start: int, open_at: int, limit: int) -> int:
    """Where a quotation that is never closed ends.

    One that opens its paragraph is the first paragraph of a multi-paragraph quotation and runs to
    the end of it; one that opens mid-paragraph is a stray or unbalanced mark and covers its own
    sentence only, so the sentences after it are still read.
    """
    if not text[region_start:open_at].strip():
        return _trim_end(text, open_at, limit)
    m = _SENT_END.search(text, open_at, limit)
    return _trim_end(text, open_at, m.end() if m else limit)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def inside(pos: int, quotes: list[Quote]) -> Quote | None:
    """The quotation that contains position ``pos`` (marks excluded), if any."""
    for q in quotes:
        if q.start < pos < q.end:
            return q
    return None


_BOUNDARY = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s+(?:''|``|[\"“‘'«(\[])?[A-Z0-9À-Þ])|[.!?…]+[\"”’'»)\]]*$|\n+")


_CLOSERS = "”\"’'»"
_SPEAKER_VERBS = r"(?:said|says|asked|asks|added|adds|told|wrote|writes|explained|recalled|noted|continued|replied|insisted|shouted|exclaimed|wondered)"
_SPEAKER_AFTER = re.compile(rf"\s+(?:(?:[A-Z][\w.’'-]*|the|a|an|[a-z]+)\s+){{0,4}}?{_SPEAKER_VERBS}\b(?=\s*[,.;]|\s+[A-Z]|$)"
                            rf"|\s+(?:he|she|they|I|we)\s+{_SPEAKER_VERBS}\b")


def sentences(text: str, start: int = 0, end: int | None = None,
              quotes: list[Quote] | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences; never inside a closed quotation or after an abbreviation."""
    end = len(text) if end is None else end
    quotes = find_quotes(text, start, end) if quotes is None else quotes
    closed = [q for q in quotes if q.closed]
    closed_starts = [q.start for q in closed]
    out: list[tuple[int, int]] = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        cut = m.end()
        if m.group().startswith("."):
            word = re.search(r"([\w.]+)\.$", text[max(start, m.start() - 12): m.start() + 1])
            if word:
                w = word.group(1).lower()
                if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or re.fullmatch(r"(\w\.)+\w", w):
                    continue
        k = bisect.bisect_left(closed_starts, m.start()) - 1  # quotations never overlap: only one can hold it
        if k >= 0 and cut < closed[k].end - 1:
            continue
        if m.group()[-1:] in _CLOSERS and _SPEAKER_AFTER.match(text, cut, end):
            continue  # “How many times?” Clinton said. — the attribution belongs to the quotation
        if cut > s:
            out.append((s, cut))
        s = cut
        if cut > s:
            out.append((s, cut))
        s = cut
    if s < end:
        out.append((s, end))
    trimmed = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


def region_sentences(text: str, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every sentence of every region, in text order."""
    out: list[tuple[int, int]] = []
    for rs, re_ in sorted(regions):
        out.extend(sentences(text, rs, re_))
    return out


def sentence_at(sents: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The sentence of ``sents`` (sorted, from :func:`region_sentences`) that holds ``pos``."""
    import bisect

    k = bisect.bisect_right(sents, (pos, float("inf"))) - 1
    if 0 <= k < len(sents) and sents[k][0] <= pos < sents[k][1]:
        return sents[k]
    return None
