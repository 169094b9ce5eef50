"""Cues: reporting, belief and intention verbs, 'according to', participles, in one sentence."""

from __future__ import annotations

from dataclasses import dataclass

from .. import lexicon as L
from ..segment import Quote
from .tokens import _BE, _DETERMINERS, _PASSIVE_HEDGE, _PAST_FORMS, _Sentence


@dataclass
class _Cue:
    start: int  # token index
    end: int  # token index, inclusive
    kind: str  # verb | participle | according | citing | passive | adj
    lemma: str
    cls: str  # speech | cognitive
    source: tuple[int, int] | None = None
    source_side: str = "left"
    with_np: bool = False
    coord: bool = False  # "… and said …": a second predicate of the same speaker


def _find_cues(s: _Sentence) -> list[_Cue]:
    cues: list[_Cue] = []
    n = len(s)
    # a headline in title case ("Clinton Hid Health Problems, Former White House Doctor Says")
    content_words = [k for k in range(n) if s.is_word(k) and len(s.words[k]) > 3 and not s.quoted[k]]
    title_case = len(content_words) >= 3 and sum(s.cap(k) for k in content_words) >= 0.8 * len(content_words)
    i = 0
    while i < n:
        w = s.words[i]
        if s.quoted[i] or not s.is_word(i):
            i += 1
            continue
        prev = s.words[i - 1] if i else ""
        nxt = s.words[i + 1] if i + 1 < n else ""
        if w == "according" and nxt == "to":
            cues.append(_Cue(i, i + 1, "according", "according to", "speech"))
            i += 2
            continue
        if w == "citing" and prev == ",":
            cues.append(_Cue(i, i, "citing", "cite", "speech"))
            i += 1
            continue
        if w in _BE and nxt in _PASSIVE_HEDGE and i + 3 < n and s.words[i + 2] == "to" and s.is_word(i + 3):
            lemma = s.words[i + 3]
            end = i + 3
            if lemma in {"have", "be"} and i + 4 < n and s.is_word(i + 4):
                end = i + 4
            cues.append(_Cue(i, end, "passive", s.words[end], "speech"))
            i = end + 1
            continue
        if w in L.COGNITIVE_ADJ and prev in _BE | {"not", "very", "increasingly", "deeply"}:
            b = i - 1
            while b > 0 and s.words[b] not in _BE:
                b -= 1
            if s.words[b] in _BE and nxt in {"that", "of", "about", ","} | set():
                cues.append(_Cue(b, i, "adj", w, "cognitive"))
                i += 1
                continue
        if (w, nxt) in L.PARTICLE_CUES:
            if prev not in _DETERMINERS:
                cues.append(_Cue(i, i + 1, "participle" if w.endswith("ing") else "verb", w, "speech"))
            i += 2
            continue
        intent = L.intent_lemma(w)
        noun_like = intent in L.NOUN_VERBS | {"plan", "offer", "aim", "hope", "promise", "pledge", "vow", "bid"} \
            and not w.endswith(("ed", "ing"))
        subject_before = (prev in L.PRONOUNS or s.cap(i - 1) or prev in L.AUX or prev.endswith("ly")
                          or prev in L.ANONYMOUS_HEADS or prev in L.ORG_WORDS or prev in L.GOVERNMENT_WORDS)
        if intent and nxt == "to" and i + 2 < n and s.is_word(i + 2) and prev not in _DETERMINERS \
                and not s.cap(i) and prev not in _BE and not prev.endswith(("’s", "'s")) \
                and (not noun_like or subject_before):
            cues.append(_Cue(i, i, "verb", intent, "intent"))  # "Clinton wants to triple …"
            i += 1
            continue
        found = L.cue_lemma(w)
        headline_cue = found and s.cap(i) and title_case and (w.endswith("s") or w in _PAST_FORMS) \
            and i > 0 and prev not in _DETERMINERS
        if found is not None and (prev not in _DETERMINERS and not s.cap(i) or i == 0 or headline_cue):
            lemma, cls = found
            if prev in _BE and (w.endswith("ed") or w in {"told", "said", "thought", "found", "shown",
                                                           "written", "felt"}):
                i += 1  # passive ("he was told", "is expected"): not a cue of the subject
                continue
            if nxt == "by" and (w.endswith("ed") or w in {"told", "said", "written", "shown", "found"}):
                i += 1  # reduced passive ("officials quoted by the paper"): not a cue of the noun before
                continue
            if lemma in L.NOUN_VERBS and not w.endswith(("ed", "ing")) and (
                    prev.endswith(("’s", "'s", "s’", "s'")) or not _clause_follows(s, i + 1)
                    and prev not in L.AUX | {"to", "i", "we", "you", "they", "he", "she"}):
                i += 1  # "late-night tweets targeting …", "more than 20 states": a noun, not a cue
                continue
            if w == "assuming":
                i += 1  # "…, assuming no reduction in output": a condition, not a belief
                continue
            if w.endswith("ing") and prev not in _BE:
                cues.append(_Cue(i, i, "participle", lemma, cls))
            elif i > 0 or cls == "speech":
                cues.append(_Cue(i, i, "verb", lemma, cls))
        i += 1
    return cues


def _clause_follows(s: _Sentence, i: int) -> bool:
    """Does a reported clause start at token ``i`` ("that …", ", …", ": …", a quotation)?"""
    if i >= len(s):
        return False
    return s.words[i] in {"that", ",", ":", "to"} or s.is_open_mark(i) or s.quoted[i]


def _quote_at(s: _Sentence, i: int) -> Quote | None:
    return next((q for q in s.quotes if q.start == s.toks[i][0]), None)
