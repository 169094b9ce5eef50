"""One sentence's candidates: the content and source around each cue."""

from __future__ import annotations

import re

from ...document import AttributionKind
from .. import lexicon as L
from ..candidate_types import Candidate, Pair
from ..segment import Quote
from .cues import _Cue, _find_cues
from .tokens import (
    _COORD,
    _DETERMINERS,
    _LEAD_ADVERBIALS,
    _NOT_CONTENT_START,
    _OBJECT_VERBS,
    _OPEN_MARKS,
    _PARTICIPLE_AFTER,
    _SHORT_PP,
    _SUBORDINATORS,
    _adverbial_only,
    _appositive_np,
    _np_left,
    _np_right,
    _paren_np,
    _Sentence,
    _sentence_subject,
    _skip_left,
    _source_like,
    _that_within,
    _with_appositive,
)


def _content_right(s: _Sentence, c: _Cue, stop: int) -> Pair | None:
    """The clause after the cue, up to token ``stop`` (exclusive)."""
    a = c.end + 1
    if a >= stop:
        return None
    if c.lemma in _OBJECT_VERBS:  # "told reporters that", "told the outlet:"
        that = _that_within(s, a, stop)
        if that is not None:
            a = that
        else:
            j = a
            while j < stop and s.is_word(j) and not s.quoted[j] and j - a < 6:
                j += 1
            if j < stop and s.words[j] in {",", ":"}:
                a = j + 1
            elif j < stop and s.is_open_mark(j):
                a = j
    else:
        that = _that_within(s, a, stop) if c.end == c.start or s.words[c.end] not in {"for", "on"} else None
        if that is not None:
            a = that
        elif s.words[a] in {",", ":"}:
            a += 1
    stop = _predicate_end(s, a, stop)
    # trailing punctuation does not make content
    b = stop - 1
    while b >= a and s.words[b] in {",", ";", ".", ":", "—", "–", "-"}:
        b -= 1
    if b < a or _adverbial_only(s, a, b) and not (c.cls == "intent" and s.words[a] == "to"):
        return None
    if c.cls == "intent" and s.words[a] == "to":
        pass  # "wants to triple …": the infinitive is the content
    elif s.words[a] in _NOT_CONTENT_START and c.lemma not in {"", "according to"}:
        # "said on the other hand, “the current system …”": an adverbial, then the quotation
        lead = next((k for k in range(a + 1, min(b, a + 9)) if s.words[k] == "," and k + 1 <= b
                     and s.is_open_mark(k + 1)), None)
        if lead is None:
            # "said after the convention he would not …": the clause starts at its subject
            subj = next((k for k in range(a + 1, min(b, a + 7)) if s.words[k] in {"he", "she", "they", "we", "i", "it"}
                         and not s.quoted[k]), None)
            if subj is None or s.words[a] not in _SHORT_PP or s.words[c.end + 1] == "," \
                    or any(s.words[k] in {",", ";", ":"} or s.quoted[k] for k in range(a, subj)):
                return None
            a = subj
    return s.pair(a, b)


def _predicate_end(s: _Sentence, a: int, stop: int) -> int:
    """Where the reported clause ends before a second predicate of the speaker.

    "said that A and called for B", "…, but still lost": "and"/"but" followed directly by a verb
    of saying or believing (or an auxiliary and one) starts a new predicate of the sentence's
    subject, not more of what was said.
    """
    for j in range(a + 1, stop - 1):
        if s.quoted[j] or s.words[j] not in {"and", "but"}:
            continue
        k = j + 1
        while k < stop and s.words[k] in {"also", "then", "later", "still", "has", "have", "had"}:
            k += 1
        if k < stop and not s.quoted[k] and L.cue_lemma(s.words[k]) and not s.words[k].endswith("ing") \
                and s.words[k] not in {"want", "hope", "fear", "expect", "show", "find", "think", "believe", "feel"}:
            cut = j - 1 if s.words[j - 1] == "," else j
            return cut
        # ", but still lost", "but has been met with opposition": a subjectless predicate
        if s.words[j] == "but" and k < stop and not s.quoted[k] and (
                s.words[j + 1] in {"still", "also", "then", "never", "has", "have", "had", "was", "were", "is", "are"}
                or s.words[j + 1].endswith("ed") and len(s.words[j + 1]) > 4):
            return j - 1 if s.words[j - 1] == "," else j
    return stop


def _content_left(s: _Sentence, src_start: int, lo: int = 0) -> Pair | None:
    """The text before the source, when the sentence ends with "…, SOURCE said"."""
    b = src_start - 1
    while b >= lo and s.words[b] in {",", "—", "–", "-", ":"}:
        b -= 1
    if b < lo:
        return None
    a = lo
    while a <= b and s.words[a] in {",", "—"}:
        a += 1
    if b - a < 1:
        return None
    return s.pair(a, b)


def _parenthetical(s: _Sentence, src0: int, cue_end: int, stop: int) -> list[Pair]:
    """"Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": both sides of the aside."""
    if src0 < 2 or s.words[src0 - 1] != ",":
        return []
    j = cue_end + 1
    while j < stop and j - cue_end <= 6 and s.words[j] != "," and not s.quoted[j]:
        j += 1
    if j >= stop or s.words[j] != "," or not _adverbial_only(s, cue_end + 1, j - 1) and j > cue_end + 1:
        return []
    left = _content_left(s, src0)
    if left is None:
        return []
    out = [left]
    a = j + 1
    b = stop - 1
    while b >= a and s.words[b] in {",", ";", ".", ":"}:
        b -= 1
    if a <= b and not (s.words[a] in {"and", "but"} and not (a + 1 <= b and s.is_open_mark(a + 1))):
        out.append(s.pair(a, b))
    return out


def _after_source(s: _Sentence, source: tuple[int, int], stop: int) -> Pair | None:
    """What follows an inverted source at the start of a sentence ("Said Ellis: “…”")."""
    a = source[1] + 1
    while a < stop and s.words[a] in {",", ":", "—", "–"}:
        a += 1
    b = stop - 1
    while b >= a and s.words[b] in {",", ";", ".", ":"}:
        b -= 1
    return s.pair(a, b) if b >= a else None


def _quote_before(s: _Sentence, src_start: int) -> Pair | None:
    """A closed quotation that ends right before the source ("“…,” Melanie said, and soon …")."""
    at = s.toks[src_start][0]
    for q in s.quotes:
        if q.closed and q.end <= at and not s.text[q.end:at].strip(" ,—–-\n") \
                and not s.text[s.span[0]:q.start].strip(" \"“”'‘’«»„—–-:\n"):
            return (q.start, q.end)  # the quotation opens the sentence (not a title inside it)
    return None


def _tail_is_adverbial(s: _Sentence, a: int, stop: int) -> bool:
    """Is everything from ``a`` to ``stop`` punctuation, adverbials or an appositive?"""
    if a >= stop:
        return True
    b = stop - 1
    while b >= a and not s.is_word(b):
        b -= 1
    if b < a:
        return True
    if s.words[a] == "," and a + 1 <= b:
        nxt = s.words[a + 1]
        return (_adverbial_only(s, a + 1, b) or nxt in {"a", "an", "the", "who", "whose", "which"}
                or (nxt.endswith("ing") and len(nxt) > 4) or nxt in L.TITLES)
    if s.words[a] == "(":
        return True
    return _adverbial_only(s, a, b)


def _sentence_candidates(text: str, span: Pair, quotes: list[Quote]) -> list[Candidate]:
    """The candidates of one sentence: cues, then each cue's source, then its content."""
    s = _Sentence(text, span, quotes)
    if len(s) == 0:
        return []
    cues = _find_cues(s)
    for c in cues:
        _find_source(s, c)
    cues = [c for c in cues if _keeps(s, c)]
    if not cues:
        return []
    starts = _cut_points(s, cues)
    n = len(s)
    lead_sub = s.words[0] in _SUBORDINATORS
    first_comma = next((k for k in range(n) if s.words[k] == "," and not s.quoted[k]), None)
    out: list[Candidate] = []
    for idx, c in enumerate(cues):
        later = [st for st in starts[idx + 1:] if st > c.end]
        stop = min(later) if later and c.kind != "according" else n
        if lead_sub and first_comma is not None and c.end < first_comma < stop:
            stop = first_comma
        if c.kind == "according":
            cand = _according(s, c, stop)
        elif c.kind == "citing":
            cand = _citing(s, c, out)
        else:
            cand = _clause(s, c, stop, out)
        if cand is None:
            continue
        cand.sentence = span
        if cand.kind in {"indirect", "cognitive"} and any(_has_quote(text, p) for p in cand.content):
            cand.kind = "direct" if _all_quote(text, cand.content) else "mixed"
        out.append(cand)
    return [c for c in out if not _own_belief(text, c, out)]


def _find_source(s: _Sentence, c: _Cue) -> None:
    """Set ``c.source`` (token indices) and its side: left of the cue, or right when inverted."""
    if c.kind == "according":
        np_ = _np_right(s, c.end + 1, loose=True)
        c.source, c.source_side = np_, "right"
    elif c.kind == "citing":
        np_ = _np_right(s, c.end + 1, loose=True)
        if np_ is not None and not _source_like(s, np_):
            # "…, citing a threat to public health": a reason the subject gives, not a relay
            c.kind, c.source = "participle", None
        else:
            c.source, c.source_side = np_, "right"
    elif c.kind == "participle":
        # "with some officials arguing": the phrase between "with" and the participle
        j = c.start - 1
        k = j
        while k >= 0 and s.is_word(k) and s.words[k] != "with" and not s.quoted[k] and j - k < 8:
            k -= 1
        if k >= 0 and k < j and s.words[k] == "with":
            c.source, c.with_np = (k + 1, j), True
    else:
        j = _skip_left(s, c.start - 1, 0)
        if j >= 0 and s.words[j] == ",":
            c.source = _appositive_np(s, j, 0)
        elif j >= 0 and s.words[j] == ")":
            c.source = _paren_np(s, j)
        elif j >= 0:
            c.source = _np_left(s, j, 0)
        if c.source is None and (c.start == 0 or s.words[c.start - 1] == "," or s.is_close_mark(c.start - 1)):
            # inverted: "…," said Smith / "…," says the report
            np_ = _np_right(s, c.end + 1)
            if np_ is not None:
                c.source, c.source_side = _with_appositive(s, np_), "right"
        if c.source is None and c.kind == "verb" and j >= 0 and s.words[j] in {"and", "but"} \
                and not c.lemma.endswith("ing"):
            c.coord = True


def _keeps(s: _Sentence, c: _Cue) -> bool:
    """Is the cue kept: it has a source (participles may borrow one later) its verb allows?"""
    n = len(s)
    if c.source is None and c.kind not in {"participle"} and not c.coord:
        return False
    if c.lemma in L.DOCUMENT_VERBS and c.kind == "verb":
        src_words = {s.words[k] for k in range(c.source[0], c.source[1] + 1)} if c.source else set()
        if not src_words & L.DOCUMENT_HEADS and not (c.end + 1 < n and s.words[c.end + 1] == "that"):
            return False
    if c.lemma in L.NAMING_VERBS and c.source and c.source_side == "left":
        head = s.words[c.source[1]]
        inner = [s.words[k] for k in range(c.source[0] + 1, c.source[1])]
        definite = s.words[c.source[0]] in {"the", "its", "his", "her", "their"} or s.cap(c.source[0])
        if not (s.cap(c.source[1]) or head in L.PRONOUNS
                or definite and not any(w in _DETERMINERS for w in inner)
                and (head in L.ANONYMOUS_HEADS or head in L.ORG_WORDS or head in L.GOVERNMENT_WORDS)):
            return False  # "a group called …", "amid calls for …"
    if c.kind == "verb" and c.cls == "cognitive" and c.source and c.source_side == "left":
        if s.words[c.source[1]] in {"it", "this", "that", "which"}:
            return False
    return True


def _cut_points(s: _Sentence, cues: list[_Cue]) -> list[int]:
    """Per cue, the token where its attribution's own words begin: a later one cuts the content there."""
    n = len(s)
    starts: list[int] = []
    for c in cues:
        begin = c.start
        if c.source and c.source_side == "left" and not c.with_np:
            begin = min(begin, c.source[0])
        if c.with_np and c.source:
            begin = c.source[0] - 1
        # a later attribution cuts the content only where a new clause starts
        while begin > 0 and s.words[begin - 1] in _COORD:
            begin -= 1
        if begin > 0 and s.words[begin - 1] == ",":
            begin -= 1
        # a participle cuts only where it can start an attribution ("…, arguing"; not "disparaging remarks")
        live_participle = c.kind == "citing" or c.kind == "participle" and (
            c.with_np or c.start > 0 and s.words[c.start - 1] in _PARTICIPLE_AFTER)
        clause = begin == 0 or s.words[begin] in _COORD | {",", ";", "—"} or live_participle
        starts.append(begin if clause else n)
    return starts


def _candidate(s: _Sentence, c: _Cue, source: tuple[int, int] | None, content: list[Pair], kind: AttributionKind,
               rule: str, shares: Candidate | None = None, relay: Candidate | None = None) -> Candidate:
    cand = Candidate(cue=[s.pair(c.start, c.end)], source=[s.pair(*source)] if source else [], content=content,
                     kind=kind, shares_source_with=shares, relayed_by=relay, lemma=c.lemma, rule=rule)
    if shares is not None:
        cand.source = list(shares.source)
    return cand


def _according(s: _Sentence, c: _Cue, stop: int) -> Candidate | None:
    """"According to X, …" / "…, according to X": the words on either side of the source."""
    n = len(s)
    source = c.source
    if source is None:
        return None
    content: list[Pair] = []
    after = source[1] + 1
    while after < n and s.words[after] == ",":
        after += 1
    before = c.start - 1
    while before >= 0 and s.words[before] in {",", "—"}:
        before -= 1
    if before >= 0:
        lead = 0
        while lead <= before and s.words[lead] in _LEAD_ADVERBIALS | {","}:
            lead += 1
        if lead <= before:
            content.append(s.pair(lead, before))
    tail = _content_right(s, _Cue(after - 1, after - 1, "verb", "", ""), stop) if after < stop else None
    if tail:
        content.append(tail)
    return _candidate(s, c, source, content, "according_to", c.kind)


def _citing(s: _Sentence, c: _Cue, out: list[Candidate]) -> Candidate | None:
    """"…, citing sources": the sources relayed the content of the attribution before them."""
    relay = None
    prev_c = [o for o in out if o.cue and o.cue[0][0] < s.toks[c.start][0]]
    if prev_c:
        relay = prev_c[-1]
        content = list(relay.content)
    else:
        left = _content_left(s, c.start - 1)
        content = [left] if left else []
    if c.source is None:
        return None
    kind: AttributionKind = "cognitive" if c.cls in {"cognitive", "intent"} else "indirect"
    return _candidate(s, c, c.source, content, kind, c.kind, relay=relay)


def _clause(s: _Sentence, c: _Cue, stop: int, out: list[Candidate]) -> Candidate | None:
    """A reporting verb, a participle or a coordinated verb: the clause after it, else the words before."""
    source = c.source
    shares = None
    content: list[Pair] = []
    kind: AttributionKind = "cognitive" if c.cls in {"cognitive", "intent"} else "indirect"
    rule = c.kind
    if (c.kind == "participle" or c.coord) and source is None:
        prev_c = [o for o in out if o.rule != "citing" and o.cue and o.cue[0][0] < s.toks[c.start][0]
                  and o.source]
        if prev_c:
            shares = prev_c[-1]
            shares = shares.shares_source_with or shares
        else:
            subj = _sentence_subject(s, c.start)
            if subj is None:
                return None
            source = subj
        if not c.coord and (c.start == 0 or s.words[c.start - 1] not in _PARTICIPLE_AFTER):
            return None
        if c.coord:
            rule = "coordinated"
    right = _content_right(s, c, stop)
    if right is not None and (source is None or source[0] <= c.start or source[1] < right[0]):
        if c.source_side == "right" and source is not None:
            # "said Smith, …" – the content is before, not after; but "Said Ellis: “…”"
            # opens its sentence and the quotation follows
            right = _after_source(s, source, stop) if c.start == 0 else None
    if right is not None and source is not None and c.source_side == "left" and shares is None:
        # "“…,” she said, clapping." / "“…,” Graham told the Times then.": the quotation is the content
        first = s.text[right[0]]
        if not (s.words[c.end + 1] in {"that", ":"} or first in _OPEN_MARKS) and _quote_before(s, source[0]):
            right = None
    if right is not None:
        content.append(right)
    elif source is not None or shares is not None:
        if c.source_side == "right" and source is not None:
            tail_ok = _tail_is_adverbial(s, source[1] + 1, stop)
            left = _content_left(s, c.start) if tail_ok else _quote_before(s, c.start)
        else:
            src0 = source[0] if source else c.start
            tail_ok = _tail_is_adverbial(s, c.end + 1, stop)
            left = _content_left(s, src0) if tail_ok else _quote_before(s, src0)
            if left is None and source is not None and shares is None:
                content.extend(_parenthetical(s, src0, c.end, stop))
        if left:
            content.append(left)
    if not content:
        return None
    return _candidate(s, c, source, content, kind, rule, shares=shares)


def _own_belief(text: str, c: Candidate, cands: list[Candidate]) -> bool:
    """"X said she thinks …": a belief a speaker reports of herself adds no attribution of its own."""
    if (c.lemma not in L.COGNITIVE.values() and c.lemma not in L.INTENT.values()) or len(c.source) != 1:
        return False
    s, e = c.source[0]
    if text[s:e].lower() not in {"he", "she", "they", "we", "i"}:
        return False
    for o in cands:
        if o is c or not o.cue or L.cue_lemma(text[o.cue[0][0]:o.cue[0][1]]) is None:
            continue
        for cs, ce in o.content:
            lead = text[cs:s].lower().split()
            if cs <= s < ce and lead in ([], ["that"]):
                return True
    return False


def _has_quote(text: str, p: Pair) -> bool:
    return bool(re.search(r"[“”\"«»„]|''", text[p[0]:p[1]]))


def _all_quote(text: str, pairs: list[Pair]) -> bool:
    for a, b in pairs:
        t = text[a:b].strip(" ,.")
        if not (t[:1] in "“\"«„'" and t[-1:] in "”\"»“'"):
            return False
    return True


def _starts_with_quote(text: str, a: int, b: int) -> bool:
    t = text[a:b].lstrip()
    return t[:1] in "“\"«„" or t.startswith("''")
