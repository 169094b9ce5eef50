"""Token-level helpers of the rules: word classes, the sentence view and noun phrases."""

from __future__ import annotations

import bisect
import re

from .. import lexicon as L
from ..candidate_types import Pair
from ..segment import Quote, tokens

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
