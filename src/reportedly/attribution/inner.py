"""Quotes inside quotes: a speaker quoted as recounting what someone else said.

"He asked, 'So he's going to do the investigation?' and I said yes," Smith testified.

The outer attribution is Smith's. Inside its quotation, "He asked, '…'" is another attribution:
its own speaker ("He"), cue ("asked") and content (the single-quoted words), relayed through
Smith's (``via``). News writing marks the inner quotation with single quotes (‘…’ or '…') inside
double ones, or with double quotes inside guillemets.

The inner quotation marks are rewritten as double quotes in a same-length copy of the text, and
the rules (:func:`reportedly.attribution.rules.extract`) read the outer quotation's words as a
region of their own, so every offset found there is an offset into the real text. An inner
candidate is kept when its content overlaps an inner quotation; it is relayed by the outer one.
"""

from __future__ import annotations

import bisect
import re

from . import lexicon as L
from .candidate_types import Candidate, Pair
from .rules import extract
from .segment import find_quotes

#: Opening and closing single quotation marks, curly and straight.
_SINGLE_OPEN = "‘'"
_SINGLE_CLOSE = "’'"


def _opens(text: str, i: int, lo: int) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:,") and (after.isalnum() or after in "¿¡$£€")


def _closes(text: str, i: int, hi: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isalpha() and after.isalpha():
        return False  # an apostrophe inside a word ("he's")
    return not before.isspace() and (after.isspace() or after in ",.;:!?)]—–-\"”»")


def single_quotes(text: str, lo: int, hi: int) -> list[Pair]:
    """Single-quoted stretches ``[start, end)`` (marks included) of ``text[lo:hi]``, never apostrophes."""
    out: list[Pair] = []
    open_at: int | None = None
    for i in range(lo, hi):
        ch = text[i]
        if open_at is None:
            if ch in _SINGLE_OPEN and _opens(text, i, lo):
                open_at = i
        elif ch in _SINGLE_CLOSE and _closes(text, i, hi):
            if i - open_at > 2:
                out.append((open_at, i + 1))
            open_at = None
    return out


def _inner_marks(text: str, lo: int, hi: int, outer_mark: str) -> list[Pair]:
    """The inner quotations of an outer one spanning ``text[lo:hi]`` (without its own marks)."""
    if outer_mark in "«»":
        return [(q.start, q.end) for q in find_quotes(text, lo, hi) if q.closed and text[q.start] in "\"“"]
    return single_quotes(text, lo, hi)


def _is_quoted(c: Candidate, marks: list[Pair]) -> bool:
    """Is the candidate's content the inner quotation itself (not words around a quoted phrase)?"""
    inside = sum(max(0, min(e, b) - max(s, a)) for s, e in c.content for a, b in marks)
    total = sum(e - s for s, e in c.content)
    return total > 0 and inside >= 0.8 * total


def _naming(text: str, c: Candidate) -> bool:
    """"… what you called 'miracles'": a phrase named, not a statement."""
    words = text[c.cue[0][0]:c.cue[-1][1]].lower().split()
    return bool(words) and words[-1].rstrip(",") in {"called", "call", "calls", "calling", "dubbed", "termed", "named"}


def _overlaps(a: Pair, b: Pair) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inner_candidates(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Attributions quoted inside the quotations of ``cands``, each relayed by the one quoting it."""
    out: list[Candidate] = []
    seen: set[Pair] = set()
    for outer in cands:
        for s, e in outer.content:
            for q in find_quotes(text, s, e):
                lo, hi = q.inner
                if (lo, hi) in seen or hi - lo < 12:
                    continue
                seen.add((lo, hi))
                marks = _inner_marks(text, lo, hi, text[q.start])
                if not marks:
                    continue
                masked = list(text)
                for a, b in marks:
                    masked[a] = masked[b - 1] = '"'
                found = extract("".join(masked), [(lo, hi)])
                for c in found:
                    if not c.cue or not _is_quoted(c, marks) or _naming(text, c):
                        continue
                    if any(_overlaps(p, o) for p in c.cue for o in outer.cue):
                        continue
                    c.relayed_by = outer
                    c.rule = "inner"
                    c.role_scores = {}
                    out.append(c)
    return out


#: Verbs whose cue, split around a speaker, reports someone else's words ("said Smith told").
_SAY_VERBS = {"say", "tell", "write", "testify", "allege", "claim", "report", "state", "add", "recount", "ask",
              "warn", "insist", "explain", "note", "argue", "announce", "recall", "confirm", "admit"}
_INNER_SOURCE = re.compile(r"\s*(?:that\s+)?((?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})|(?:he|she|they|it|I|we))\s*$")


def _say(word: str) -> bool:
    return L.SPEECH.get(word.lower(), "") in _SAY_VERBS or word.lower() in _SAY_VERBS


_CLAUSE_SPEAKER = re.compile(r"\s*(?:that\s+)?((?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})|(?:he|she|they))\s+"
                             r"(?:(?:also|later|then|had|has|have|once|privately|repeatedly)\s+)?([a-z]+)\b")
#: "called Omar a terrorist", "calls him a liar": a name called is said.
_CALLED_A = re.compile(r"\s+(?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}|him|her|them|it|me|us)\s+(?:a|an)\s+\w")
_TOLD_WHOM = re.compile(r"\s+(?:[\w’'-]+\s+){0,4}?that\b\s*|\s*[,:]\s*")


def speech_inside(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Statements reported inside another's content get records of their own, relayed by it (``via``).

    * A cue in two pieces, both verbs of saying, with a speaker between them ("prosecutors {said}
      Smith {told} a dispatcher that …"): the outer cue keeps its first piece and its content runs
      from the inner speaker to the end; the inner one has the speaker, the second verb and the
      original content.
    * A content that opens with a speaker and a verb of saying ("prosecutors said <Smith told a
      dispatcher that “…”>"): the inner statement is what follows the verb (after "that" or a
      comma or colon), the outer content stays whole.

    Returns the inner candidates; the outer ones are changed in place."""
    out: list[Candidate] = []
    cues = {p[0] for c in cands for p in c.cue}
    for c in cands:
        if not c.content or c.relayed_by is not None or c.rule == "inner":
            continue
        if len(c.cue) == 2:
            (s1, e1), (s2, e2) = c.cue
            first, second = text[s1:e1].split(), text[s2:e2].split()
            if not first or not second or not _say(first[-1]) or not _say(second[0]) or c.content[0][0] < e2:
                continue
            m = _INNER_SOURCE.fullmatch(text, e1, s2)
            if m is None or "\n" in text[e1:s2]:
                continue
            src = (m.start(1), m.end(1))
            out.append(Candidate(cue=[(s2, e2)], source=[src], content=list(c.content), kind=c.kind,
                                 score=c.score, sentence=c.sentence, relayed_by=c,
                                 lemma=L.SPEECH.get(second[0].lower(), ""), rule="inner", role_scores={}))
            c.cue = [(s1, e1)]
            c.content = [(src[0], c.content[-1][1])]
            c.kind = "indirect"
            continue
        lo, hi = c.content[0][0], c.content[-1][1]
        m = _CLAUSE_SPEAKER.match(text, lo, hi)
        if m is None or m.start(2) in cues or "\n" in text[lo:m.end()]:
            continue
        if not _say(m.group(2)) and not (L.SPEECH.get(m.group(2).lower()) == "call"
                                         and _CALLED_A.match(text, m.end(), hi)):
            continue  # "called Omar a terrorist" is said; "called the police" is not
        rest = _TOLD_WHOM.match(text, m.end(), hi)
        start = rest.end() if rest else m.end()
        while start < hi and text[start].isspace():
            start += 1
        if rest is None and L.SPEECH.get(m.group(2).lower()) == "tell":
            continue  # "told reporters" with nothing reported after it
        if len(text[start:hi].split()) < 3:
            continue
        out.append(Candidate(cue=[(m.start(2), m.end(2))], source=[(m.start(1), m.end(1))], content=[(start, hi)],
                             kind="direct" if text[start:start + 1] in "\"“" else "indirect", score=c.score,
                             sentence=c.sentence, relayed_by=c, lemma=L.SPEECH.get(m.group(2).lower(), ""),
                             rule="inner", role_scores={}))
    _cut_at_inner_cue(text, cands)
    return out


def _cut_at_inner_cue(text: str, cands: list[Candidate]) -> None:
    """An outer content cut where an inner statement's cue begins ("The office said <Carlineo also>
    called Omar a terrorist") runs on over the inner statement, which it then relays: the office
    reported the whole clause, and Carlineo's words are Carlineo's, through the office."""
    by_cue = sorted((c for c in cands if c.cue and c.source and c.content), key=lambda c: c.cue[0][0])
    starts = [d.cue[0][0] for d in by_cue]
    for c in cands:
        if not c.cue or not c.content or c.content[0][0] < c.cue[-1][1] or c.rule == "inner":
            continue
        lo, hi = c.content[0][0], c.content[-1][1]
        d = next((d for d in by_cue[bisect.bisect_left(starts, hi):] if d is not c and d.relayed_by is None), None)
        if d is None or d.cue[0][0] - hi > 12 or not re.fullmatch(r"[ \t]*(?:[a-z]+[ \t]+)?", text[hi:d.cue[0][0]]):
            continue
        if not (lo <= d.source[0][0] and d.source[-1][1] <= d.cue[0][0]) or d.content[0][0] < d.cue[-1][1]:
            continue
        end = d.content[-1][1]
        if re.search(r"[.!?]\s|\n", text[hi:end]):
            continue
        c.content[-1] = (c.content[-1][0], end)  # "The office said <Carlineo also called Omar a terrorist>"
        d.relayed_by = c
