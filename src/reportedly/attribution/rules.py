"""Rule-based attribution candidates: quotations, reporting verbs, "according to", participles.

The rules work on tokens and quote marks alone (no parser), one sentence at a time:

* a **cue** is a reporting verb ("said", "stated", "set out", "called for"), a verb of belief
  ("believes", "fear"), a verb of intention before a "to"-infinitive ("wants to", "declined to"),
  a verb that judges in words ("criticized", "praised"), "is/are afraid", a hedged passive ("are
  said to oppose"), "according to", or a participle after a comma or "by"/"from"/"after"
  ("…, arguing that …", "…, citing sources", "by saying") or after "with NP"; in a title-case
  headline the capitalised "Says" too;
* the **source** is the noun phrase walked left from the cue over auxiliaries and adverbs
  ("Moscow has repeatedly stated"), keeping an appositive between commas ("Gen. Mark Milley,
  who heads …, stated"), or the phrase after the cue when the order is inverted ("…," said
  Smith), after "according to" and after "citing". A participle with no noun phrase of its own
  shares the source of the main clause;
* the **content** is the clause after the cue (from "that" when it comes within a few words, so
  "said on Thursday that …" keeps the date out), or, when nothing follows the cue, the text before
  the source ("…, the newspaper reported."). It stops where the next attribution of the sentence
  starts, and at the first comma when the cue sits in a leading subordinate clause ("Although
  they believe that …, …").

More sentence patterns: an inverted source keeps its appositive and party tag ("…," said Kenneth
Baer, a former official who …; Rep. Gwen Moore (D-Wis.) said), a participle appositive stays out
of the source ("Trump, speaking to veterans, said"), a second predicate shares the speaker and
ends the first one's content ("X says A and said B"), "called (for/on)" and "cited" need a named,
pronoun or definite institutional subject, words that are also nouns ("tweets", "states") are
cues only before a clause, and a reduced passive ("officials quoted by the paper") is no cue.

Quotations add what sentences alone miss: a quotation spanning several paragraphs (an opening
mark on each, one closing mark) joins the attribution that ends it, a bare quotation that
follows an attribution in the same paragraph (or opens the next sentence) joins it, and a
paragraph that is a quotation with no cue at all continues the last speaker (kind ``floating``).
A quotation signed with a dash at the end of its paragraph ("“…” ― Sonya Herridge") and a
paragraph opened by a speaker label ("Pat Caddell: …", transcripts' "PENCE: …") are attributions
with the dash or colon as cue. Cue words inside quotations are
never cues. Nothing here raises on odd input: unbalanced marks, texts without punctuation and
other languages simply give fewer candidates.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import lexicon as L
from .segment import Quote, find_quotes, sentences, tokens

Pair = tuple[int, int]

_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these",
                "those", "that", "whose", "such", "no", "any", "each", "every", "some"}
_BE = {"is", "are", "was", "were", "be", "been", "being", "'s", "’s"}
_PASSIVE_HEDGE = {"said", "reported", "believed", "thought", "rumoured", "rumored", "understood",
                  "alleged", "known", "claimed"}
_SUBORDINATORS = {"although", "though", "while", "whereas", "because", "if", "since", "as", "when",
                  "even", "unless", "despite"}
_OBJECT_VERBS = {"tell", "ask", "warn", "assure", "advise", "urge", "remind", "promise", "accuse", "answer"}
_LEAD_ADVERBIALS = {"however", "but", "and", "meanwhile", "still", "yet", "also", "so", "instead",
                    "indeed", "moreover", "separately", "earlier", "later", "now", "then", "previously"}
_DATE_WORDS = set(L.WEEKDAYS) | set(L.MONTHS) | {
    "on", "last", "this", "next", "earlier", "later", "week", "month", "year", "yesterday", "today",
    "tonight", "morning", "afternoon", "evening", "night", "day", "same", "the", "in", "late", "early",
    "weekend", "recently", "previously", "ago", "days", "weeks", "months", "years"}
_PREPOSITIONS = {"on", "in", "at", "to", "during", "after", "before", "via", "through", "with", "for",
                 "from", "by", "of", "about", "over", "under", "into", "onto", "upon", "since", "until"}
_OPEN_MARKS = "“\"«„'`‘"
_CLOSE_MARKS = "”\"»“'’"
_NUMBER = re.compile(r"\d")
_COORD = {"while", "whereas", "and", "but", "as", "although", "though", "yet", "so"}
_NOT_CONTENT_START = (_PREPOSITIONS | _SUBORDINATORS | {"before", "after", "until", "and", "or", "but", "by",
                                                        "than", "also", "then"}) - {"that", "as"}


_PAST_FORMS = {"said", "told", "wrote", "warned", "claimed", "admitted", "insisted", "denied", "revealed",
               "argued", "reported", "suggested", "confirmed", "announced", "declared", "stated"}
_SUBJECT_PRONOUNS = {"he", "she", "they", "we", "i", "you", "it"}
#: Prepositions of a short phrase between a cue and its clause ("said after the convention he …").
_SHORT_PP = {"after", "before", "during", "at", "in", "on", "following", "from", "over"}
#: Role nouns that open an appositive (", executive director of AROS,").
_ROLE_NOUNS = {"executive", "founder", "co-founder", "owner", "partner", "member", "head", "leader", "editor",
               "professor", "researcher", "fellow", "president", "chair", "chairman", "chairwoman", "ceo", "cfo",
               "coo", "vice", "deputy", "assistant", "associate", "senior", "spokesman", "spokeswoman", "author",
               "co-author", "historian", "economist", "lawyer", "attorney", "pastor", "manager", "coordinator",
               "organizer", "organiser", "analyst", "strategist", "consultant", "adviser", "advisor", "aide"}
#: Words after which a participle continues the sentence's speaker ("…, saying", "by saying").
_PARTICIPLE_AFTER = {",", "—", "by", "after", "before", "while", "when", "without", "from", "for", "and"}
#: "It" followed by these is not a speaker ("It is clear …, saying" has none).
_IT_COPULA = _BE | {"was", "has", "had", "would", "will", "may", "might", "could", "seems", "seemed", "appears",
                    "appeared", "remains", "looks", "takes", "took", "became", "becomes", "s"}


#: Bumped with every change to the rules that changes what they find; part of the attribution
#: component's version (see :func:`reportedly.attribution.component_version`).
RULES_VERSION = "2026.12.3.2"


@dataclass
class RuleCandidate:
    """One attribution found by the rules, before its speaker, hedges and date are worked out."""

    cue: list[Pair]
    source: list[Pair]
    content: list[Pair]
    kind: str = "indirect"
    score: float = 0.6
    sentence: Pair | None = None
    shares_source_with: RuleCandidate | None = field(default=None, repr=False)
    relayed_by: RuleCandidate | None = field(default=None, repr=False)
    lemma: str = ""
    rule: str = ""
    #: The tagger's confidence per role ("source", "cue", "content"); empty for rule-only candidates.
    role_scores: dict[str, float] = field(default_factory=dict)

    @property
    def cue_start(self) -> int:
        return self.cue[0][0] if self.cue else (self.content[0][0] if self.content else 0)


class _Sentence:
    """Tokens of one sentence with the lower-cased words and quote membership."""

    def __init__(self, text: str, span: Pair, quotes: list[Quote]):
        self.text = text
        self.span = span
        self.toks = tokens(text, *span)
        self.words = [text[s:e].lower() for s, e in self.toks]
        self.quotes = [q for q in quotes if q.start < span[1] and span[0] < q.end]
        starts = [s for s, _ in self.toks]
        self.quoted = [False] * len(starts)  # token start strictly inside a quotation
        for q in self.quotes:
            for k in range(bisect.bisect_right(starts, q.start), bisect.bisect_left(starts, q.end)):
                self.quoted[k] = True

    def __len__(self) -> int:
        return len(self.toks)

    def is_word(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and self.words[i][0].isalnum()

    def cap(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and self.text[self.toks[i][0]].isupper()

    def pair(self, i: int, j: int) -> Pair:
        """Character span of tokens ``i..j`` inclusive."""
        return (self.toks[i][0], self.toks[j][1])

    def is_open_mark(self, i: int) -> bool:
        return any(q.start == self.toks[i][0] for q in self.quotes)

    def is_close_mark(self, i: int) -> bool:
        return any(q.closed and q.end == self.toks[i][1] for q in self.quotes)


def _abbrev_dot(s: _Sentence, i: int) -> bool:
    """Is token ``i`` a full stop that belongs to an abbreviation ("Gen.", "U.S.")?"""
    if s.words[i] != "." or i == 0:
        return False
    prev = s.words[i - 1]
    return prev in L.ABBREVIATIONS or (len(prev) == 1 and prev.isalpha())


def _np_left(s: _Sentence, end: int, lo: int = 0, limit: int = 16) -> tuple[int, int] | None:
    """The noun phrase that ends at token ``end`` (inclusive), walking left no further than ``lo``."""
    if end > lo and _abbrev_dot(s, end) and s.is_word(end - 1) and not s.quoted[end]:
        inner = _np_left(s, end - 1, lo, limit)  # "The S.E.C. said"
        return (inner[0], end) if inner else None
    if end < lo or not s.is_word(end) or s.quoted[end]:
        return None
    w = s.words[end]
    if w in L.RELATIVE and w != "that" or w in _SUBJECT_PRONOUNS:
        return (end, end)  # "at the time she said": a pronoun takes no modifiers
    if w in L.NP_BOUNDARY or w in _DETERMINERS or w in _PREPOSITIONS:
        return None
    i = end
    while i - 1 >= lo and end - (i - 1) < limit:
        j = i - 1
        wj = s.words[j]
        if s.quoted[j]:
            break
        if s.is_word(j):
            if wj in L.NP_BOUNDARY or wj in L.RELATIVE or wj in _SUBJECT_PRONOUNS:
                if wj == "and" and s.cap(j - 1) and s.cap(i):
                    i = j
                    continue
                break
            i = j
            continue
        if _abbrev_dot(s, j) or wj in {"-", "&", "’", "'", "–", "/"} and s.is_word(j - 1):
            i = j
            continue
        break
    # drop a leading date or prepositional phrase with no name in it ("On Thursday Smith")
    while i < end and (s.words[i] in _PREPOSITIONS or s.words[i] in _DATE_WORDS and not s.cap(i + 1)
                       and s.words[i] not in _DETERMINERS):
        i += 1
    while i < end and not s.is_word(i):
        i += 1
    if s.words[i] in _PREPOSITIONS:
        return None
    return (i, end)


def _np_right(s: _Sentence, start: int, *, loose: bool = False, limit: int = 20) -> tuple[int, int] | None:
    """The noun phrase that starts at token ``start``; ``loose`` lets it run to the next comma."""
    if start >= len(s) or not s.is_word(start) or s.quoted[start]:
        return None
    j = start
    last = None
    while j < len(s) and j - start < limit:
        w = s.words[j]
        if s.quoted[j] or s.is_open_mark(j):
            break
        if s.is_word(j):
            if not loose and (w in L.NP_BOUNDARY and j > start or L.cue_lemma(w) and j > start):
                break
            last = j
        elif _abbrev_dot(s, j) and j + 1 < len(s) and s.is_word(j + 1):
            pass
        elif w in {"-", "&", "’", "'", "–", "/"}:
            pass
        else:
            break
        j += 1
    return (start, last) if last is not None else None


def _skip_left(s: _Sentence, i: int, lo: int) -> int:
    """Walk left from token ``i`` over auxiliaries, adverbs and short date phrases."""
    j = i
    while j >= lo:
        w = s.words[j]
        if w in L.AUX or (w.endswith("ly") and s.is_word(j) and not s.cap(j) and len(w) > 4):
            j -= 1
            continue
        if w in L.WEEKDAYS or w in {"yesterday", "today"}:
            j -= 1
            if j >= lo and s.words[j] in {"on", "last", "this"}:
                j -= 1
            continue
        if w in {"week", "month", "year"} and j - 1 >= lo and s.words[j - 1] in {"last", "this"}:
            j -= 2  # "officials last week said"
            continue
        if w in L.MONTHS and s.cap(j) and len(w) > 2 and j - 1 >= lo and s.words[j - 1] in {"in", "since", "during"}:
            j -= 2  # "federal prosecutors in April said"
            continue
        break
    return j


def _appositive_np(s: _Sentence, comma: int, lo: int) -> tuple[int, int] | None:
    """``NAME, APPOSITIVE,`` ending with the comma at ``comma``: the whole phrase, or None."""
    k = comma - 1
    while k > lo and s.words[k] != ",":
        if s.quoted[k] or s.words[k] in {";", ":", "(", ")"} or comma - k > 35:
            return None
        k -= 1
    if k <= lo or s.words[k] != ",":
        return None
    first = s.words[k + 1]
    if not (first in {"who", "which", "a", "an", "the", "whose", "now", "then", "himself", "herself", "its", "his",
                      "her", "their", "also", "both", "one", "formerly", "former", "currently"}
            or _NUMBER.match(first) or first in L.TITLES
            or (first.endswith("ing") and len(first) > 5 and not s.cap(k + 1))  # ", speaking to reporters,"
            or first in {"at", "in", "during", "after", "before", "while", "when"}  # ", at a press gaggle,"
            or s.cap(k + 1)  # ", Phil Lovas,", ", Democrat of California,"
            or any(s.words[m] in L.TITLES or s.words[m] in L.ANONYMOUS_HEADS or s.words[m] in _ROLE_NOUNS
                   for m in range(k + 1, min(comma, k + 4)))):  # ", executive director of AROS,"
        return None
    head = _paren_np(s, k - 1) if s.words[k - 1] == ")" else _np_left(s, k - 1, lo)
    if head is not None and head[0] - 2 >= lo and s.words[head[0] - 1] == "," and first in {"who", "which", "whose"}:
        # two appositives: "Michael Mulgrew, president of the union, which represents teachers,"
        k2 = head[0] - 2
        outer = _paren_np(s, k2) if s.words[k2] == ")" else _np_left(s, k2, lo)
        if outer is not None and (s.cap(outer[1]) or s.words[outer[1]] == ")"):
            return (outer[0], comma - 1)
    name_app = all(s.cap(m) or _abbrev_dot(s, m) for m in range(k + 1, comma))
    if head is None or not (s.cap(head[1]) or s.words[head[1]] == ")" or name_app and s.words[head[0]] in _DETERMINERS | {"’s", "'s"}
                            or name_app and head[1] - head[0] >= 1):
        return None
    if (first.endswith("ing") or first in _PREPOSITIONS | {"while", "when"}) and not s.cap(k + 1):
        return head  # ", speaking to reporters,", ", at a later press gaggle," are not part of the source
    return (head[0], comma - 1)


_APPOSITIVE_START = {"a", "an", "the", "who", "whose", "one", "now", "formerly", "former", "currently", "then"}


def _with_appositive(s: _Sentence, np_: tuple[int, int]) -> tuple[int, int]:
    """An inverted source with what describes it: "said Kenneth Baer, a former official who …"."""
    a, b = np_
    n = len(s)
    j = b + 1
    if j < n and s.words[j] == "(":  # "Rep. Gwen Moore (D-Wis.)"
        k = j + 1
        while k < n and s.words[k] != ")" and k - j <= 8 and not s.quoted[k]:
            k += 1
        if k < n and s.words[k] == ")":
            b, j = k, k + 1
    if not (j + 1 < n and s.words[j] == "," and s.cap(a)):
        return (a, b)
    first = s.words[j + 1]
    if not (first in _APPOSITIVE_START or first in L.TITLES or first in L.ANONYMOUS_HEADS) or s.quoted[j + 1]:
        return (a, b)
    end = j + 1
    while end + 1 < n and not s.quoted[end + 1] and not s.is_open_mark(end + 1) and s.words[end + 1] not in {";", ":"}:
        end += 1
    while end > j and not s.is_word(end):
        end -= 1
    return (a, end) if end > j else (a, b)


def _source_like(s: _Sentence, np_: tuple[int, int]) -> bool:
    """Can the phrase after "citing" be who the news came from ("sources", "Pentagon officials", "a report")?"""
    words = [s.words[k] for k in range(np_[0], np_[1] + 1)]
    if any(w in L.ANONYMOUS_HEADS or w in L.DOCUMENT_HEADS or w in {"sources", "source", "reports", "people",
                                                                     "media", "documents", "data"} for w in words):
        return True
    k = np_[0] + (1 if words[0] in {"the", "a", "an"} else 0)
    return s.cap(k) and k <= np_[1]


def _paren_np(s: _Sentence, close: int) -> tuple[int, int] | None:
    """``NAME (PARTY-STATE)`` ending with the parenthesis at ``close``: the whole phrase, or None."""
    k = close - 1
    while k > 0 and s.words[k] != "(" and close - k <= 8:
        if s.words[k] in {")", ",", ";"} or s.quoted[k]:
            return None
        k -= 1
    if k <= 0 or s.words[k] != "(":
        return None
    head = _np_left(s, k - 1, 0)
    if head is None or not s.cap(head[1]):
        return None
    return (head[0], close)


def _sentence_subject(s: _Sentence, before: int) -> tuple[int, int] | None:
    """The subject at the start of the sentence: a pronoun or a run of capitalised words."""
    i = 0
    while i < before and (s.words[i] in _LEAD_ADVERBIALS or s.words[i] == ","):
        i += 1
    if i < before and (s.words[i] in _PREPOSITIONS or s.words[i].endswith("ly") and not s.cap(i + 1)):
        # "In a speech on Monday, the court …", "Recently, it …": the subject follows the comma
        comma = next((k for k in range(i, min(before, i + 12)) if s.words[k] == ","), None)
        if comma is not None:
            i = comma + 1
    if i >= before or s.quoted[i]:
        return None
    if s.words[i] in L.PRONOUNS and (s.words[i] != "it" or i + 1 < before and s.words[i + 1] not in _IT_COPULA):
        return (i, i)
    j = i
    while j < before and (s.cap(j) or _abbrev_dot(s, j) or s.words[j] in {"’s", "'s", "-"}):
        j += 1
    if j == i or j >= len(s) or (not s.is_word(j) and s.words[j] != ",") or s.cap(j):
        return None
    return (i, j - 1)


def _that_within(s: _Sentence, i: int, stop: int, window: int = 9) -> int | None:
    """Index of "that" within a few tokens after ``i`` (no comma or quote in between)."""
    for j in range(i, min(stop, i + window)):
        if s.words[j] == "that" and not s.quoted[j]:
            return j
        if s.words[j] in {",", ";", ":"} or s.is_open_mark(j) or s.quoted[j]:
            return None
        if s.words[j] in L.PRONOUNS or s.words[j] in {"there", "this", "these", "those"} or L.cue_lemma(s.words[j]):
            return None  # "said it underscores that …": the clause starts before "that"
    return None


def _adverbial_only(s: _Sentence, a: int, b: int) -> bool:
    """Are tokens ``a..b`` only a short adverbial ("on Thursday", "in a statement")?"""
    words = [s.words[k] for k in range(a, b + 1) if s.is_word(k)]
    if not words:
        return True
    if all(w in _DATE_WORDS for w in words):
        return True
    return len(words) <= 4 and words[0] in _PREPOSITIONS and not any(s.quoted[k] for k in range(a, b + 1))


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
        if found and prev not in _DETERMINERS and not s.cap(i) or (found and i == 0) or headline_cue:
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


def _sentence_candidates(text: str, span: Pair, quotes: list[Quote]) -> list[RuleCandidate]:
    s = _Sentence(text, span, quotes)
    n = len(s)
    if n == 0:
        return []
    cues = _find_cues(s)
    if not cues:
        return []
    # sources first
    for c in cues:
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
    # keep cues with a source (participles may borrow one later)
    kept: list[_Cue] = []
    for c in cues:
        if c.source is None and c.kind not in {"participle"} and not c.coord:
            continue
        if c.lemma in L.DOCUMENT_VERBS and c.kind == "verb":
            src_words = {s.words[k] for k in range(c.source[0], c.source[1] + 1)} if c.source else set()
            if not src_words & L.DOCUMENT_HEADS and not (c.end + 1 < n and s.words[c.end + 1] == "that"):
                continue
        if c.lemma in L.NAMING_VERBS and c.source and c.source_side == "left":
            head = s.words[c.source[1]]
            inner = [s.words[k] for k in range(c.source[0] + 1, c.source[1])]
            definite = s.words[c.source[0]] in {"the", "its", "his", "her", "their"} or s.cap(c.source[0])
            if not (s.cap(c.source[1]) or head in L.PRONOUNS
                    or definite and not any(w in _DETERMINERS for w in inner)
                    and (head in L.ANONYMOUS_HEADS or head in L.ORG_WORDS or head in L.GOVERNMENT_WORDS)):
                continue  # "a group called …", "amid calls for …"
        if c.kind == "verb" and c.cls == "cognitive" and c.source and c.source_side == "left":
            if s.words[c.source[1]] in {"it", "this", "that", "which"}:
                continue
        kept.append(c)
    cues = kept
    if not cues:
        return []
    # cut points: where a later attribution's own words begin
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
    lead_sub = s.words[0] in _SUBORDINATORS
    first_comma = next((k for k in range(n) if s.words[k] == "," and not s.quoted[k]), None)

    out: list[RuleCandidate] = []
    made: dict[int, RuleCandidate] = {}
    for idx, c in enumerate(cues):
        later = [st for st in starts[idx + 1:] if st > c.end]
        stop = min(later) if later and c.kind != "according" else n
        if lead_sub and first_comma is not None and c.end < first_comma < stop:
            stop = first_comma
        source = c.source
        shares = None
        relay = None
        content: list[Pair] = []
        kind = "cognitive" if c.cls in {"cognitive", "intent"} else "indirect"
        rule = c.kind
        if c.kind == "according":
            if source is None:
                continue
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
            kind = "according_to"
        elif c.kind == "citing":
            prev_c = [o for o in out if o.cue and o.cue[0][0] < s.toks[c.start][0]]
            if prev_c:
                relay = prev_c[-1]
                content = list(relay.content)
            else:
                left = _content_left(s, c.start - 1)
                content = [left] if left else []
            if source is None:
                continue
        else:
            if (c.kind == "participle" or c.coord) and source is None:
                prev_c = [o for o in out if o.rule != "citing" and o.cue and o.cue[0][0] < s.toks[c.start][0]
                          and o.source]
                if prev_c:
                    shares = prev_c[-1]
                    shares = shares.shares_source_with or shares
                else:
                    subj = _sentence_subject(s, c.start)
                    if subj is None:
                        continue
                    source = subj
                if not c.coord and (c.start == 0 or s.words[c.start - 1] not in _PARTICIPLE_AFTER):
                    continue
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
                continue
        cand = RuleCandidate(
            cue=[s.pair(c.start, c.end)],
            source=[s.pair(*source)] if source else [],
            content=content,
            kind=kind,
            sentence=span,
            shares_source_with=shares,
            relayed_by=relay,
            lemma=c.lemma,
            rule=rule,
        )
        if shares is not None:
            cand.source = list(shares.source)
        if cand.kind in {"indirect", "cognitive"} and any(_has_quote(text, p) for p in cand.content):
            cand.kind = "direct" if _all_quote(text, cand.content) else "mixed"
        made[idx] = cand
        out.append(cand)
    return [c for c in out if not _own_belief(text, c, out)]


def _own_belief(text: str, c: RuleCandidate, cands: list[RuleCandidate]) -> bool:
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


def extract(text: str, regions: list[Pair] | None = None) -> list[RuleCandidate]:
    """All rule candidates in ``text`` within ``regions`` (whole text when none), in text order."""
    regions = sorted(regions) if regions else [(0, len(text))]
    out: list[RuleCandidate] = []
    region_quotes: list[list[Quote]] = []
    for rs, re_ in regions:
        quotes = find_quotes(text, rs, re_)
        region_quotes.append(quotes)
        q_starts = [q.start for q in quotes]
        q_ends = [q.end for q in quotes]  # quotations never overlap, so their ends are sorted too
        for sent in sentences(text, rs, re_, quotes):
            local = quotes[bisect.bisect_right(q_ends, sent[0]):bisect.bisect_left(q_starts, sent[1])]
            out.extend(_sentence_candidates(text, sent, local))
        out.extend(_signed_quotes(text, rs, re_, quotes, out))
    out.extend(_speaker_labels(text, regions, out))
    out.sort(key=lambda c: c.cue_start)
    _attach_quotes(text, regions, region_quotes, out)
    out.sort(key=lambda c: c.cue_start)
    return out


_SIGNED = re.compile(r"(?P<mark>[”\"»])\s*(?P<dash>[―—–]|-{1,2})\s*(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|del|bin|al)){0,4})"
                     r"(?P<tail>(?:,\s*[^\n.“”\"]{2,80})?)\s*\.?\s*$")


def _signed_quotes(text: str, rs: int, re_: int, quotes: list[Quote],
                   cands: list[RuleCandidate]) -> list[RuleCandidate]:
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
    return [RuleCandidate(cue=[(m.start("dash"), m.end("dash"))], source=[(m.start("name"), src_end)],
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
}


def _speaker_labels(text: str, regions: list[Pair], cands: list[RuleCandidate]) -> list[RuleCandidate]:
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
        found.append((name, RuleCandidate(cue=[(m.end("name"), m.end("name") + 1)] if text[m.end("name")] == ":"
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


def _covered(cands: list[RuleCandidate], a: int, b: int) -> RuleCandidate | None:
    for c in cands:
        for x, y in c.content:
            if x <= a + 1 and b - 1 <= y:
                return c
    return None


def _attach_quotes(text: str, regions: list[Pair], region_quotes: list[list[Quote]],
                   cands: list[RuleCandidate]) -> None:
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
                    fl = RuleCandidate(cue=[], source=[], content=pieces, kind="floating",
                                       sentence=(rs, re_), shares_source_with=speakers[k - 1], rule="floating",
                                       score=0.4)
                    cands.append(fl)
                    local.append(fl)
