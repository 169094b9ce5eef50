"""Pronouns and relatives as sources: "he"/"she" to the most salient person (a ranker learned on
PolNeAR train), "who"/"which" to the name before the comma, "they"/"it" to the last group or body."""

from __future__ import annotations

import bisect
import json
import math
import re
from importlib import resources

from ..document import Attribution
from .entity_model import (
    _PRONOUN,
    Resolved,
    ResolverState,
    _Ent,
    _Ref,
    _words,
)
from .speakers import (
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    SINGLE_THING,
    Mention,
    analyse,
)

#: What the pronoun ranker knows of each candidate antecedent of a "he"/"she" (:meth:`EntityResolver.
#: _salient_person`): its most recent reference in the window — sentences back, in the same sentence,
#: recency rank among the candidates (0 = nearest, at most 4), opening its sentence — and the entity:
#: any reference opening a sentence, the previous source, a source in the window, log(1 + times named
#: or quoted), gender unknown where the pronoun has one, the reference a possessive ("Smith's"), the
#: reference inside a quotation.
ANTECEDENT_FEATURES = ("bias", "sentences_back", "same_sentence", "recency_rank", "subject", "subject_any",
                       "last_speaker", "spoke_in_window", "log_named", "unknown_gender", "possessive",
                       "in_quotation", "after_preposition", "paragraph_first", "log_window_refs", "introduced_early")

#: The hand-set weights the learned ones replaced (kept to compare against: training/train_pronoun_ranker.py).
HAND_WEIGHTS = (3.0, -0.8, 0.0, 0.0, 0.6, 0.0, 0.8, 0.0, 0.25, -0.7, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)

#: Words after which a name is an object, not the one acting: "met with Rubio", "a letter to Obama".
_OBJECT_BEFORE = re.compile(r"\b(?:with|to|of|for|by|against|about|from|than|at|on|toward|towards|like|"
                            r"between|and|or|including|beside|behind|over|under|into)\s+(?:(?:the|a|an)\s+)?$")

#: When a list, every ranking is appended to it as ``(pronoun position, [(name, features), ...])``
#: (training reads the rankings the resolver makes; ``None`` in use).
RANKING_TRACE: list | None = None

_WEIGHTS: tuple[float, ...] | None = None

def antecedent_weights() -> tuple[float, ...]:
    """The packaged pronoun ranker's weights (the hand weights when none is packaged)."""
    global _WEIGHTS
    if _WEIGHTS is None:
        weights: tuple[float, ...] = HAND_WEIGHTS
        packaged = resources.files("reportedly.attribution").joinpath("data", "pronoun_ranker.json")
        if packaged.is_file():
            data = json.loads(packaged.read_text(encoding="utf-8"))
            if tuple(data.get("features") or ()) == ANTECEDENT_FEATURES:
                weights = tuple(float(w) for w in data["weights"])
        _WEIGHTS = weights
    return _WEIGHTS

#: The plural words right before a restrictive "who": "64 percent", "Hispanics", "those", "voters".
_PLURAL_BEFORE_WHO = re.compile(r"(?<![\w’'-])((?:\d[\d.,]*\s+percent)|those|others|people|[A-Za-z][a-z]+[^s\W]s|"
                                r"(?:wo)?men|children)\s*,?\s*$")
#: Between a person and a "who" that is still about them: "of Florida,", ", the president of FIFA,".
_OF_PLACE = re.compile(r"\s+of\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}\s*,\s*")
_APPOSITIVE_ROLE = re.compile(r"(?:\s+of\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})?\s*,\s+(?:the|a|an|his|her)\s+"
                              r"[^.;:!?\n\"“”]{2,120}?\s*,\s*")
#: Words a noun phrase before "which" does not run back over.
_NP_STOPS = {"to", "by", "with", "from", "for", "in", "on", "at", "of", "that", "and", "or", "but", "than", "as",
             "about", "into", "after", "before", "following", "said", "says", "say", "is", "was", "are", "were",
             "be", "been", "has", "have", "had", "linked", "released", "cited", "including", "like", "under", "over"}


#: Words that name nobody a "they" could refer back to ("4", "one", "another", "what").
_NO_REFERENT_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen",
                      "least", "most", "more", "very", "what", "another", "someone", "somebody", "his", "her",
                      "their", "its", "second", "first", "third", "main", "other", "the", "a", "an", "some", "any",
                      "each", "both", "all", "many", "few", "several", "who", "which", "that", "this", "these"}


#: What joins the names of people named together: ", ", " and ", ", and ".
_JOINED = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)")
#: A preposition or object-taking verb right before names, which makes them no subject ("a letter to …").
_AFTER_PREPOSITION = re.compile(r"\b(?:to|for|of|with|by|from|against|between|about|on|at|than|told|asked|"
                                r"urged|called|beat|defeated|like|including)\s+(?:(?:the|a|an)\s+)?[^,.;:]{0,20}$")


def _can_be_they(e: _Ent) -> bool:
    """Can a "they" refer back to ``e``: people or a body named by a noun, not "4", "one" or "someone"
    (a singular unnamed person is "he" or "she")."""
    words = re.findall(r"[A-Za-z][\w’'-]*", e.name)
    if not any(w.lower() not in _NO_REFERENT_WORDS for w in words):
        return False
    return not (e.kind == "anonymous" and not e.plural and not e.name.lower().endswith("s"))


class PronounCases(ResolverState):
    def _pronoun(self, m: Mention, pos: int, a: Attribution) -> Resolved:
        key = m.key
        e: _Ent | None
        if key in {"we", "us", "you"}:  # an unresolved "we"/"you" is that group of people
            e = self._new(key, "group", plural=True)
            return Resolved(e, key, "group", False, 0.2)
        if key in {"i", "me"}:
            line = self.text[self.text.rfind("\n", 0, pos) + 1:pos]
            if re.match(r"\s*A\s*[:.]\s", line):  # an interview's answer ("Q: … A: I think …"): the one interviewed
                named = [e for e in self.ents if e.kind == "person" and not e.weak and e.named]
                if named:
                    e = max(named, key=lambda e: (e.named, -e.idx))
                    return Resolved(e, e.name, "person", False, 0.5)
            return Resolved(None, None, "person", False, 0.2)
        if key in {"who", "which"}:
            e = self._relative(pos, key)
            if e is not None:
                return Resolved(e, e.name, e.kind, e.anonymous, 0.8)
            if key == "which":
                return self._which_phrase(pos, a) or Resolved(None, None, None, False, 0.2)
            people = _PLURAL_BEFORE_WHO.search(self.text, max(0, pos - 80), pos)
            if people and not self._person_ref_ends(people.end(1)):
                # "64 percent who say", "Hispanics who viewed it", "those who cared most": the people just named
                grp = self._new(people.group(1), "group", plural=True)
                return Resolved(grp, grp.name, "group", False, 0.5)
            np_ = re.search(r"(?i:\b(?:a|an|the|one|another|two|three|several|some)\s+)[^,.;:!?“”\"]{1,60}?\s*$",
                            self.text[max(0, pos - 80):pos])
            if np_ and not self.text[max(0, pos - 3):pos].strip().endswith(","):
                # "a career Army officer who described …": the description itself, not a name before it
                desc = np_.group().strip()
                found = analyse(desc)
                if found.kind in {"anonymous", "group"} or found.needs == "description":
                    return self._description(Mention(found.entity, "person", needs="description",
                                                     key=_words(desc)[-1], description=desc), desc, pos)
            before = self.text[max(0, pos - 60):pos].rstrip(" ,")
            if re.search(r"\b[a-z]+s$", before):  # "95 retired generals and admirals, who": a group
                g = re.search(r"(?:^|[.;:!?,(\n\"“”]\s*)([^.;:!?,(\n\"“”]{3,60})$", before)
                desc = g.group(1).strip() if g else before.split()[-1]
                e = self._new(re.sub(r"^(?:the|The)\s+", "", desc), "group", plural=True)
                return Resolved(e, e.name, "group", False, 0.5)
            key = "he/she"
        if key in PERSON_PRONOUNS or key == "he/she":
            gender = "female" if key in {"she", "her", "hers"} else "male" if key in {"he", "him", "his"} else None
            e, conf = self._salient_person(pos, gender, a)
            if e is not None:
                return Resolved(e, e.name, "person", False, conf)
            return Resolved(None, None, "person", False, 0.1)
        if key in PLURAL_PRONOUNS:
            plural = self._recent_ref(pos, lambda e: (e.plural or e.kind in {"group", "anonymous"}) and _can_be_they(e),
                                      60)
            together = self._named_together(pos)
            if together is not None and (plural is None or together[0] > plural.pos):
                people_named = together[1]  # "Mike Crapo and Jim Risch. Last week, they endorsed …": the people named together
                return Resolved(people_named, people_named.name, "group", False, 0.5)
            e = (plural.ent if plural is not None else None) or \
                self._recent(pos, lambda e: e.kind in {"organisation", "government", "outlet"}, 60)
            if e is not None:
                return Resolved(e, e.name, e.kind, e.anonymous, 0.6)
            return Resolved(None, None, "group", False, 0.2)
        if key in SINGLE_THING:
            e = self._recent(pos, lambda e: e.kind in {"organisation", "government", "outlet", "document"}, 60)
            if e is not None:
                return Resolved(e, e.name, e.kind, e.anonymous, 0.6)
        return Resolved(None, None, None, False, 0.1)

    def _named_together(self, pos: int) -> tuple[int, _Ent] | None:
        """``(where, group)``: the last persons named together ("Anna Palmer and Jake Sherman", "Chris Christie, John
        Kasich and Jeb Bush") in this sentence or the one before, not after a preposition ("a letter to
        Cruz and Rubio") — what a "they" may refer back to — with where the last of them is named."""
        k = self._sentence_index(pos)
        if k < 0:
            return None
        lo = self.sents[max(0, k - 1)][0]
        refs = [r for r in self.refs[bisect.bisect_left(self._ref_pos, lo):bisect.bisect_left(self._ref_pos, pos)]
                if r.ent.kind == "person" and not r.ent.weak]
        found = None
        i = 0
        while i < len(refs):
            chain = [refs[i]]
            while i + 1 < len(refs) and _JOINED.fullmatch(self.text, chain[-1].end, refs[i + 1].pos):
                i += 1
                chain.append(refs[i])
            people = list({r.ent.idx: r.ent for r in chain}.values())
            if len(people) >= 2 and " and " in self.text[chain[0].pos:chain[-1].pos] \
                    and not _AFTER_PREPOSITION.search(self.text, max(0, chain[0].pos - 30), chain[0].pos):
                found = (chain[-1].pos, people)
            i += 1
        if found is None:
            return None
        names = [e.name for e in found[1]]
        name = names[0] + " and " + names[1] if len(names) == 2 else ", ".join(names[:-1]) + " and " + names[-1]
        return found[0], self._named(name, "group")

    def _salient_person(self, pos: int, gender: str | None, a: Attribution | None) -> tuple[_Ent | None, float]:
        """The person a "he"/"she" at ``pos`` most likely means, and how sure that is.

        The candidates are the persons referred to in the last :attr:`PRONOUN_SENTENCES` sentences
        (never inside the quotation being attributed, never of the other gender); each is scored by
        the learned weights of :data:`ANTECEDENT_FEATURES` (``data/pronoun_ranker.json``, trained on
        PolNeAR train's speaker layer), and the confidence is the winner's share of the softmax.
        """
        here = self._sentence_index(pos)
        content = a.content if a is not None else []
        k = bisect.bisect_left(self._ref_pos, pos)
        j = bisect.bisect_left(self._last_source, (pos, -1), key=lambda t: (t[0], -1))
        last_speaker = self._last_source[j - 1][1] if j else None
        latest: dict[int, _Ref] = {}  # entity -> its most recent reference in the window
        subject: set[int] = set()
        order: list[int] = []
        for r in reversed(self.refs[max(0, k - 200):k]):
            e = r.ent
            if e.kind != "person" or e.weak:
                continue
            d = here - self._sentence_index(r.pos)
            if d > self.PRONOUN_SENTENCES:
                break
            if any(s <= r.pos < t for s, t in content):
                continue  # a name inside the quotation being attributed is not its speaker
            if gender and e.gender and e.gender != gender:
                continue
            if e.idx not in latest:
                latest[e.idx] = r
                order.append(e.idx)
            if r.subject:
                subject.add(e.idx)
        if not latest and gender:  # nothing near: the last person of that gender further back, unsure
            for r in reversed(self.refs[max(0, k - 200):k]):
                e = r.ent
                if e.kind == "person" and not e.weak and e.gender == gender and here - self._sentence_index(
                        r.pos) <= 3 * self.PRONOUN_SENTENCES and not any(s <= r.pos < t for s, t in content):
                    return e, 0.4
        if not latest:
            return None, 0.0
        window_start = self._sent_starts[max(0, here - self.PRONOUN_SENTENCES)] if self._sent_starts else 0
        window_refs: dict[int, int] = {}
        for r in self.refs[bisect.bisect_left(self._ref_pos, window_start):k]:
            window_refs[r.ent.idx] = window_refs.get(r.ent.idx, 0) + 1
        leader = self._paragraph_leader(pos)
        cands = []
        for rank, idx in enumerate(order):
            r = latest[idx]
            e = r.ent
            spoke = any(window_start <= p < pos for p in e.spoke_at)
            first = self._first_mention(e, r.pos)
            feats = (1.0, float(here - self._sentence_index(r.pos)), float(here == self._sentence_index(r.pos)),
                     float(min(rank, 4)), float(r.subject), float(idx in subject), float(e is last_speaker),
                     float(spoke), math.log1p(e.named + len(e.spoke_at)), float(bool(gender) and not e.gender),
                     float(self.text[r.end:r.end + 2] in ("'s", "’s")), float(self._in_quotation(r.pos)),
                     float(bool(_OBJECT_BEFORE.search(self.text[max(0, r.pos - 24):r.pos]))), float(e is leader),
                     math.log1p(window_refs.get(idx, 0)), float(self._sentence_index(first) <= 2))
            cands.append((e, feats))
        weights = antecedent_weights()
        scores = [sum(w * f for w, f in zip(weights, feats, strict=True)) for _, feats in cands]
        if RANKING_TRACE is not None:
            RANKING_TRACE.append((pos, [(e.name, list(f)) for e, f in cands]))
        top = max(scores)
        z = sum(math.exp(v - top) for v in scores)
        best = scores.index(top)
        return cands[best][0], round(min(0.95, 1.0 / z), 2)

    def _first_mention(self, e: _Ent, default: int) -> int:
        """Where ``e`` is first mentioned (its mentions are only ever appended: each is read once)."""
        read, first = self._first_at.get(e.idx, (0, None))
        if read < len(e.mentions):
            new = min(p for p, _ in e.mentions[read:])
            first = new if first is None else min(first, new)
            self._first_at[e.idx] = (len(e.mentions), first)
        return default if first is None else first

    def _paragraph_leader(self, pos: int) -> _Ent | None:
        """The first person referred to in the paragraph of ``pos`` before it (else in the paragraph before)."""
        start = self.text.rfind("\n", 0, pos) + 1
        k = bisect.bisect_left(self._ref_pos, pos)
        for lo in (start, self.text.rfind("\n", 0, max(0, start - 1)) + 1 if start > 1 else None):
            if lo is None:
                break
            for r in self.refs[bisect.bisect_left(self._ref_pos, lo):k]:
                if r.ent.kind == "person" and not r.ent.weak:
                    return r.ent
            k = bisect.bisect_left(self._ref_pos, lo)
        return None

    def _in_quotation(self, pos: int) -> bool:
        """Is ``pos`` inside a quotation of the text?"""
        if self._quotes is None:
            from .segment import find_quotes

            self._quotes = sorted((q.start, q.end) for q in find_quotes(self.text))
            self._quote_starts = [q[0] for q in self._quotes]
        k = bisect.bisect_right(self._quote_starts, pos) - 1
        return k >= 0 and self._quotes[k][0] < pos < self._quotes[k][1]

    def _person_ref_ends(self, end: int) -> bool:
        """Does a reference to a person end at ``end``?"""
        k = bisect.bisect_left(self._ref_pos, end)
        return any(r.end == end and r.ent.kind == "person" for r in self.refs[max(0, k - 3):k])

    def _described_person(self, pos: int) -> _Ent | None:
        """"Sen. Marco Rubio of Florida, who", "Sepp Blatter, the president of FIFA, who": the person
        the words before the comma describe, not the place or body that ends them."""
        k = bisect.bisect_left(self._ref_pos, pos)
        for r in reversed(self.refs[max(0, k - 6):k]):
            if r.ent.kind != "person":
                continue
            between = self.text[r.end:pos]
            if _OF_PLACE.fullmatch(between) or _APPOSITIVE_ROLE.fullmatch(between):
                return r.ent
            return None
        return None

    def _which_phrase(self, pos: int, a: Attribution) -> Resolved | None:
        """"the Associated Press report, which notes", "The union, which endorsed": the noun phrase
        right before the comma, resolved as a source of its own (never a person: "which" is not "who")."""
        before = self.text[max(0, pos - 160):pos]
        cut = re.search(r"\s*(?:,|\s[-—–])\s*$", before)
        if not cut:
            return None
        seg = re.split(r"[.;:!?\n\"“”()]\s*", before[:cut.start()])[-1]
        words = seg.split()
        i = max((k for k, w in enumerate(words) if w.lower() in _NP_STOPS and not (
            w == "of" and 0 < k < len(words) - 1 and words[k - 1][:1].isupper() and words[k + 1][:1].isupper())),
            default=-1)  # "the Illinois Board of Elections" is one name
        np_words = words[i + 1:]
        if not np_words or len(np_words) > 8 or not any(w[:1].isalpha() for w in np_words):
            return None
        np_text = " ".join(np_words)
        at = max(0, pos - 160) + cut.start() - len(seg) + seg.rfind(np_words[0])
        found = analyse(np_text)
        if found.kind == "pronoun":
            return None
        res = self._resolve(found, np_text, at, a)
        if found.needs != "outlet":
            res = self._second_look(res, np_text, at)  # "The Post" → the longer name before it
        name = res.entity or (res.ent.name if res.ent is not None else None)
        if not name or res.kind == "person" and res.ent is not None and res.ent.named:
            return None
        if res.ent is not None and res.ent.kind != "person":  # "The Post" → the outlet named before
            return Resolved(res.ent, res.ent.name, res.ent.kind, False, 0.5)
        kind = res.kind if res.kind in {"organisation", "government", "outlet", "document", "group"} else "organisation"
        e = self._named(name, kind)
        return Resolved(e, e.name, kind, False, 0.5)

    def _relative(self, pos: int, key: str = "who") -> _Ent | None:
        """"Trump, who said …": the name right before the comma; "X and Y, who": Y."""
        before = self.text[max(0, pos - 200):pos]
        if not re.search(r",\s*$", before):
            return None
        if key == "who":
            described = self._described_person(pos)
            if described is not None:
                return described
        k = bisect.bisect_left(self._ref_pos, pos)
        fits = {"person", "group", "anonymous"} if key == "who" else {"organisation", "government", "outlet",
                                                                      "document"}
        if k and pos - self.refs[k - 1].end <= 4 and (self.refs[k - 1].ent.kind in fits or key == "who" and
                                                      self.refs[k - 1].ent.kind in {"organisation", "government"}):
            return self.refs[k - 1].ent  # "the Taliban, who have long refused …": the body right before
        if key == "which":
            return None  # the noun phrase before the comma: _which_phrase
        # an unnamed group or a description before the comma
        m = re.search(r"(?:^|[.;:!?][ \t]+|,[ \t]+)([^.;:!?,\n]{3,80}?)[ \t]*,[ \t]*$", before)
        if m:
            found = analyse(m.group(1))
            if found.kind in {"anonymous", "group"} and found.entity:
                e = self._new(found.entity, found.kind, anonymous=found.anonymous, plural=True)
                at = max(0, pos - 200) + m.start(1)
                e.mentions.append((at, at + len(m.group(1).rstrip())))  # "Two officials at the port authority"
                return e
        return None

    def link_pronouns(self, min_confidence: float = 0.6) -> None:
        """Add every "he"/"she"/"him"/"her"/"his" of the body to the person it most likely means."""
        for rs, re_ in self.regions:
            for m in _PRONOUN.finditer(self.text, rs, re_):
                word = m.group().lower()
                gender = "female" if word in {"she", "her", "hers"} else "male"
                e, conf = self._salient_person(m.start(), gender, None)
                if e is not None and conf >= min_confidence and (m.start(), m.end()) not in e.mentions:
                    e.mentions.append((m.start(), m.end()))
