"""A text dump's lines and the page the cleaning steps share.

:func:`_split_lines` cuts the text into its non-blank lines (:class:`_Line`: offsets into the text,
word count, stop-word density, a normalised form); :class:`_Page` is what every step of
:class:`~reportedly.clean.textdump.TextDumpCleaner` reads and adds to: the lines, the body segment,
the headline's line and the layer each line was given so far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document
from .dates import FoundDate, find_date
from .vocab import STOP_WORDS

_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_SENT_END_CHARS = frozenset(".!?。！？…:;\"”’»)]")
#: A sentence end followed by more text: prose (with a clause mark), not a headline.
_SENT_INSIDE = re.compile(r"[^\s.][.!?。！？]\s+\S")
_NORM = re.compile(r"\W+")


@dataclass(slots=True)
class _Line:
    idx: int
    start: int
    end: int
    text: str
    low: str
    words: int
    stop: float
    punct: bool
    norm: str
    kind: str = "short"  # good | medium | short | junk | end
    value: float = 0.0
    tags: set[str] = field(default_factory=set)
    found: FoundDate | None | bool = False  # the line's date once looked for (False: not yet)

    def date(self) -> FoundDate | None:
        """The first absolute date in the line (:func:`find_date`), looked for once."""
        if self.found is False:
            self.found = find_date(self.text)
        return self.found  # type: ignore[return-value]


def _norm(s: str) -> str:
    return _NORM.sub(" ", s.lower()).strip()


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    stop_words = STOP_WORDS.__contains__
    for m in _LINE.finditer(text):
        raw = m.group()
        body = raw.strip()
        if not body:
            continue
        start = m.start() + len(raw) - len(raw.lstrip())
        low = body.lower()
        toks = _WORD.findall(low)
        words = len(toks) if body.isascii() else len(toks) + len(_CJK.findall(body)) // 2
        n_alpha = len(toks) - sum(map(str.isdigit, toks))
        # digits are never stop words, so counting over every token counts over the alphabetic ones
        stop = sum(map(stop_words, toks)) / n_alpha if n_alpha else 0.0
        lines.append(
            _Line(
                len(lines),
                start,
                start + len(body),
                body,
                low,
                words,
                stop,
                body[-1] in _SENT_END_CHARS,  # the line is stripped: its last character ends it
                " ".join(toks),
            )
        )
    return lines


@dataclass(slots=True)
class _Page:
    """What the cleaning steps share: the document, its lines, the body segment ``[i, j]`` (line
    indexes, both ends in), the headline's line and the layer each line was given so far."""

    doc: Document
    lines: list[_Line]
    i: int = 0
    j: int = 0
    title_idx: int | None = None
    fallback: bool = False
    headline_in_body: bool = False  # the title is read from the first line, which keeps its layer
    labels: dict[int, str] = field(default_factory=dict)
    keep: list[_Line] = field(default_factory=list)
