"""Scanning a document for its entities: runs of capitalised words become persons, bodies and
outlets, with their surnames, titles, roles and every place the text names them."""

from __future__ import annotations

import bisect
import re

from . import lexicon as L
from . import names as N
from .affiliations import after_name
from .entity_model import (
    _BODY_APPOSITIVE,
    _BODY_HEADS,
    _BODY_NOUN_AFTER,
    _BODY_NOUN_BEFORE,
    _CAP_RUN,
    _COMMON_WORDS,
    _DESCRIPTORS,
    _DETERMINERS,
    _HONORIFICS,
    _JOINER,
    _KEEP_DOT,
    _NOT_SURNAMES,
    _ORG_TAILS,
    _QUOTES,
    _SIDES,
    INSTITUTION_HEADS,
    PERSON_TITLES,
    ResolverState,
    _Ent,
    _last_words,
    _Ref,
    _with_synonyms,
    _words,
    breaks_run,
    name_words_raw,
)
from .speakers import (
    FUNCTION_CAPS,
    PLACES,
    ROLE_WORDS,
    government_name,
    org_name,
    outlet_name,
)

#: Particles that open a surname ("Le Pen", "de Blasio", "Van Hollen"), whatever else they may be.
_PARTICLES = {"le", "la", "de", "di", "du", "da", "del", "van", "von", "al", "el", "bin", "ben"}
#: Words of a date, which no body's name goes on with ("Columbia University on Monday").
_WHEN_WORDS = set(L.WEEKDAYS) | set(L.MONTHS)
#: A generational suffix, which tells father from son ("Donald Trump Jr.", "Joe Manchin III").
_GENERATION = re.compile(r"(?:,?\s+)(Jr|Sr|II|III|IV)\.?$")


def _plural_role(word: str) -> bool:
    """A plural role before names is no part of them: "Republicans Jolly of Indian Shores and DeSantis …"."""
    f = N.fold(word)
    return len(f) > 4 and f.endswith("s") and f[:-1] in ROLE_WORDS and not N.is_first_name(word)


_DESCRIBED_BEFORE = re.compile(r"(?<![\w,])[Tt]he\s+([a-z]{3,}),\s+$")
#: A body's common noun right after or before its name: "the United Steelworkers union", "group Autism Speaks".
_BODY_AFTER = re.compile(r"[ \t]+([a-z]{3,})\b")
_BODY_BEFORE = re.compile(r"\b([a-z]{3,})[ \t]+$")


class MentionScan(ResolverState):
    def _new(self, name: str, kind: str, **kw) -> _Ent:
        e = _Ent(len(self.ents), name, kind, **kw)
        self.ents.append(e)
        return e

    def _named(self, name: str, kind: str) -> _Ent:
        """The entity for a non-person name, made on first use."""
        key = (kind, N.fold(re.sub(r"^(?:the|The)\s+", "", name)))
        e = self._by_name.get(key)
        if e is None:
            e = self._by_name[key] = self._new(name, kind)
        return e

    def _person(self, name: str, gender: str | None = None) -> _Ent:
        """The person entity for a full name (first and last name decide), made on first use."""
        name = N.unmangle(name)
        words = N.name_words(name)
        first, last = N.parse(name) if len(words) >= 2 else ("", "")
        key = (first, last) if first and last else (words[0], words[-1]) if len(words) >= 2 else (
            "", words[0] if words else name.lower())
        suffix = _GENERATION.search(name.strip())
        if suffix and key[0]:  # "Donald Trump Jr." is not "Donald J. Trump"
            key = (f"{key[0]}|{suffix.group(1).lower()}", key[1])
        e = self._by_key.get(key)
        if e is None and len(words) >= 2 and (not N.is_first_name(words[0]) or words[0] in _PARTICLES):
            # "Hawk Sawyer" after "Kathleen Hawk Sawyer", "Le Pen" after "Marine Le Pen": the tail of a longer
            # name is its surname
            e = self._longer_named(words)
            if e is not None:
                self._by_key[key] = e
        if e is None:
            gender = gender or N.gender_of_first(words[0]) if words else gender
            known = N.known_person(key[1], first=key[0]) if key[0] else None
            e = self._by_key[key] = self._new(name, "person", gender=gender or (known.gender if known else None))
            self._by_surname.setdefault(key[1], []).append(e)
            for w in set(words[:-1]):  # "Ms. Acosta" finds Melba Acosta Febo, "Hillary" Hillary Clinton by this
                self._inner_words.setdefault(w, []).append(e)
            if known is not None:
                e.roles.update(known.roles)
        elif gender and not e.gender:
            e.gender = gender
        return e

    def _longer_named(self, words: list[str]) -> _Ent | None:
        """The person already named in full whose name the name words end ("Le Pen" after "Marine Le Pen",
        "Hawk Sawyer" after "Kathleen Hawk Sawyer"), if any."""
        return next((x for x in self._by_surname.get(words[-1], []) if x.kind == "person"
                     and len(N.name_words(x.name)) > len(words) and N.name_words(x.name)[-len(words):] == words), None)

    def _surname_person(self, surname: str, pos: int, gender: str | None = None,
                        title: str = "") -> tuple[_Ent, float]:
        """The person a lone surname (or "Mr. X") refers to, and how sure that is."""
        key = N.fold(surname.split()[-1]) if surname.split() else N.fold(surname)
        cands = [e for e in self._by_surname.get(key, []) if e.first]
        if gender:
            agree = [e for e in cands if e.gender in (None, gender)]
            if not agree and len(cands) == 1 and N.known_person(key, gender) is None \
                    and N.gender_of_first(cands[0].first) == cands[0].gender:
                # "Ms. Epstein" after "Lee Epstein": the honorific says what the first name only guessed
                cands[0].gender = gender
                agree = cands
            cands = agree
        titles = {N.fold(w) for w in title.split()} & (PERSON_TITLES - {"mr", "mrs", "ms", "miss"})
        known = N.known_person(key, gender)
        if cands and titles and known is not None and not any(titles & e.roles for e in cands) \
                and all(N.fold(e.name) != N.fold(known.name) for e in cands):
            cands = []  # "President Obama" in an article that names only Michelle Obama
        recent: list[_Ent] = []
        if self._sorted and cands:
            here = self._sentence_index(pos)
            k = bisect.bisect_left(self._ref_pos, pos)
            for r in reversed(self.refs[max(0, k - 30):k]):
                if here - self._sentence_index(r.pos) > self.SURNAME_SENTENCES:
                    break
                if r.ent in cands and r.ent not in recent:
                    recent.append(r.ent)
        known_in = next((e for e in cands if known is not None and N.fold(e.name) == N.fold(known.name)), None)
        if cands and known is not None and known.principal and known_in is None and not titles and known.gender \
                and all(e.gender and e.gender != known.gender for e in cands) and (not gender or known.gender == gender):
            # "Trump said" in an article that names only Ivanka Trump in full: the famous one
            return self._person(known.name, known.gender), 0.6
        if cands:
            if len(cands) == 1:
                return cands[0], 0.9
            ranked = sorted(cands, key=lambda e: -e.named)
            dominant = ranked[0] if ranked[0].named >= 3 * max(1, ranked[1].named) else None
            if recent and (dominant is None or recent[0] is dominant):
                return recent[0], 0.7
            if dominant is not None:
                return dominant, 0.7  # the article is about one of them
            if known_in is not None:
                return known_in, 0.7
            return max(cands, key=lambda e: (e.named, -e.idx)), 0.6
        holder = self._name_holder(key, gender) if titles or gender or title else None
        if holder is not None:
            if gender:
                holder.gender = gender  # "Mr. Lou" says what "Lou Jiwei" did not
            return holder, 0.7
        if known is not None:
            return self._person(known.name, known.gender), 0.8
        if not titles and not title and N.is_first_name(surname) and " " not in surname.strip():
            by_first = self._first_name_holder(key, gender)  # "Hillary", "Marco": the person named in full
            if by_first is not None:
                return by_first, 0.6
        lone = self._by_key.get(("", key))
        if lone is None and not titles and not gender:
            body = next((e for e in self._by_name.values() if e.kind in {"organisation", "outlet", "government"}
                         and len(e.name.split()) > 1 and key in {N.fold(w) for w in e.name.split()}), None)
            if body is not None:  # "Disney" after "Walt Disney Co."
                return body, 0.6
        if lone is None and not titles and not gender and re.fullmatch(r"[A-Z][a-z]{3,}[A-Z]\w*", surname):
            return self._named(surname, "organisation"), 0.5  # "WikiLeaks", "InfoNation": a body
        if lone is None:
            lone = self._person(surname.title() if surname.isupper() else surname, gender)
            lone.weak = not titles and not gender and not surname.isupper()
        return lone, 0.5

    def _first_name_holder(self, first: str, gender: str | None) -> _Ent | None:
        """The person named in full whose first name a lone first name is ("Hillary" → Hillary Clinton,
        "his wife, Jane," → Jane Sanders), the most named when several share it."""
        found = [e for e in self._inner_words.get(first, ()) if e.kind == "person" and e.named and not e.weak
                 and e.first == first and e.surname and N.fold(e.surname) != first
                 and (not gender or e.gender in (None, gender))]
        return max(found, key=lambda e: (e.named, -e.idx)) if found else None

    def _name_holder(self, key: str, gender: str | None) -> _Ent | None:
        """The one person named in full whose name holds ``key`` before its last word: "Ms. Acosta" is
        Melba Acosta Febo (a double surname), "Mr. Lou" is Lou Jiwei (family name first)."""
        # a gender guessed from "Lou" as a first name says nothing of Mr. Lou
        found = [e for e in self._inner_words.get(key, ()) if e.kind == "person" and e.first
                 and (not gender or e.gender in (None, gender) or N.name_words(e.name)[0] == key)]
        return found[0] if len(found) == 1 else None

    def _scan(self) -> None:
        text = self.text
        pending: list[tuple[int, int, str, str, str | None]] = []  # surnames, linked after full names
        for rs, re_ in self.regions:
            runs = list(_CAP_RUN.finditer(text, rs, re_))
            i = 0
            while i < len(runs):
                s0, e0 = runs[i].span()
                joined = False
                while i + 1 < len(runs) and N.fold(text[s0:e0].split()[-1]) in INSTITUTION_HEADS \
                        and _JOINER.fullmatch(text, e0, runs[i + 1].start()) \
                        and N.fold(runs[i + 1].group().split()[0].rstrip(".,")) not in _WHEN_WORDS:
                    i, e0, joined = i + 1, runs[i + 1].end(), True  # "Illinois Board" + "of" + "Elections"
                if joined:
                    self._scan_institution(s0, text[s0:e0])
                else:
                    self._scan_run(s0, text[s0:e0], pending)
                i += 1
        self.refs.sort(key=lambda r: r.pos)
        self._ref_pos = [r.pos for r in self.refs]
        self._sorted = True
        alone: dict[str, int] = {}
        for _, _, word, _, _ in pending:
            alone[word] = alone.get(word, 0) + 1
        for pos, end, surname, lead, gender in sorted(pending):
            last = surname.split()[-1]
            if self._by_surname.get(N.fold(last)) or N.known_person(last, gender) \
                    or (lead or gender) and self._name_holder(N.fold(last), gender):
                e, _ = self._surname_person(surname, pos, gender, lead)
                self._add_ref(e, pos, end, lead)
                e.named += 1
            elif " " not in surname and not lead and N.is_first_name(surname) \
                    and (by_first := self._first_name_holder(N.fold(surname), gender)) is not None:
                # "his wife, Jane," and "Jane Sanders": one person (a first name alone does not count as
                # naming: "her husband, Tom," five times must not outweigh "Betsy Ebeling" for "Ebeling")
                self._add_ref(by_first, pos, end, lead)
            elif alone[surname] >= 2 and " " not in surname and N.gender_of_first(surname) \
                    and N.fold(surname) not in _COMMON_WORDS:
                e = self._person(surname)  # "Melanie thought … Melanie said": a person known by first name
                self._add_ref(e, pos, end, lead)
                e.named += 1

    def _scan_institution(self, start: int, run: str) -> None:
        """A body named with "of", "for" or "on" after its head noun ("the Illinois Board of Elections", "U.S.
        Chamber of Commerce", "Center for American Progress"): one entity, a government body by its head."""
        words = run.split()
        k = 0
        while k < len(words) - 1 and (N.fold(words[k]) in FUNCTION_CAPS or N.fold(words[k]) in _DETERMINERS):
            k += 1
        at = start + run.index(words[k]) if k else start
        name = run[at - start:].rstrip(".,;:")
        name = re.sub(r"['’]s?$", "", name) if re.search(r"\w['’]s?$", name) else name
        j = next(i for i, w in enumerate(words) if i > k and w in {"of", "for", "on"})
        head = N.fold(words[j - 1])
        placed = any(government_name(w) for w in words[k:j - 1])  # "Illinois Board of Elections"
        kind = "government" if head in L.GOVERNMENT_WORDS or head == "board" and placed else "organisation"
        self._add_ref(self._named(name, kind), at, at + len(name), "")

    def _scan_run(self, start: int, run: str, pending: list) -> None:
        toks = [(m.start(), m.end()) for m in re.finditer(r"[^\s]+", run)]
        words = [run[s:e] for s, e in toks]
        cut = next((i for i, w in enumerate(words) if i and breaks_run(w)), None)
        if cut is not None:  # a title-case headline: "Donald Trump Is Right on Chicago"
            self._scan_run(start + toks[cut][1] + 1, run[toks[cut][1] + 1:], pending) if cut + 1 < len(words) else None
            toks, words = toks[:cut], words[:cut]
            run = run[:toks[-1][1]]
        # skip sentence-opening function words ("When Clinton …")
        k = 0
        while k < len(words) and (N.fold(words[k]) in FUNCTION_CAPS or N.fold(words[k]) in _DETERMINERS):
            k += 1
        if k >= len(words):
            return
        # an abbreviated title inside the run starts the name ("Both Mr. King", "Ohio Sen. Rob Portman")
        h = max((i for i in range(k + 1, len(words) - 1) if words[i].endswith(".")
                 and N.fold(words[i]) in PERSON_TITLES), default=None)
        if h is not None:
            k = h
        # titles and role words before the name
        j = k
        while j < len(words) - 1 and (N.fold(words[j]) in ROLE_WORDS or N.fold(words[j]) in PERSON_TITLES
                                      or N.fold(words[j]) in N.TITLES and not N.is_first_name(words[j])
                                      or _plural_role(words[j]) or words[j].endswith(("'s", "’s"))):
            j += 1
        ni = j
        lead_f = {N.fold(w) for w in words[k:j]}
        titled = bool(lead_f & PERSON_TITLES)
        # a known first name inside a run of descriptors starts the name ("Rival Hillary Clinton")
        for i in range(len(words) - 2, j, -1):  # "Virginia AFL-CIO President Doris Crouse-Mays"
            if N.is_first_name(words[i]) and not N.is_first_name(words[i - 1]) \
                    and not any(N.fold(w) in ROLE_WORDS for w in words[i + 1:]):
                ni = i
                break
        titled = titled or bool({N.fold(w) for w in words[j:ni]} & PERSON_TITLES)  # "Atlantic City Mayor Don …"
        lead = " ".join(words[k:ni])
        name = run[toks[ni][0]:toks[-1][1]].rstrip(",;:")
        if name.endswith(".") and N.fold(name.split()[-1]) not in _KEEP_DOT:
            name = name.rstrip(".")  # a sentence's full stop, not "Co." or "Jr."
        name = re.sub(r"['’]s?$", "", name) if re.search(r"\w['’]s?$", name) else name
        if not name or not name[0].isalnum():
            return
        s = start + toks[ni][0]
        end = s + len(name)
        pre = _last_words(self.text[max(0, start - 70):start])
        if pre:
            kept: list[str] = []
            for w in reversed(pre):
                f = N.fold(w)
                if f in ROLE_WORDS or f in _DESCRIPTORS or f in L.TITLES or f in _SIDES or w[:1].isupper() \
                        or f in N.FEMALE_TITLES or f in N.MALE_TITLES:
                    kept.insert(0, w)
                else:
                    break
            if kept:
                lead = " ".join(kept + [lead]).strip()
                lead_f |= {N.fold(w) for w in kept}
        full = " ".join(words[k:])
        if self._credit is not None and N.fold(re.sub(r"^(?:the|The)\s+", "", full)) == N.fold(
                re.sub(r"^(?:the|The)\s+", "", self._credit.name)):
            self._add_ref(self._credit, start + toks[k][0], end, "")  # the outlet the headline credits
            return
        whole = outlet_name(" ".join(words)) if k else None
        if whole and outlet_name(full) != whole and not titled:  # "The New York Times", not "York Times"
            self._add_ref(self._outlet_named_in_full(whole) or self._named(whole, "outlet"), start + toks[0][0], end, "")
            return
        for finder, kind in ((outlet_name, "outlet"), (government_name, "government"), (org_name, "organisation")):
            found = finder(full) or (finder(name) if lead else None)
            if found and not titled:
                e = (self._outlet_named_in_full(found) if kind == "outlet" else None) or self._named(found, kind)
                self._add_ref(e, start + toks[k][0], end, "")
                return
        gender = N.gender_of_title(lead)
        nw = N.name_words(name)
        if lead_f & _HONORIFICS and ni == j and len(nw) >= 2 and not N.is_first_name(nw[0]):
            # "Mr. Guajardo Villarreal", "Mr. Van Voorhis": an honorific takes a surname, however long
            pending.append((s, end, name, lead, gender))
            return
        if nw and (nw[-1] in _NOT_SURNAMES or len(nw) >= 2 and not N.is_first_name(nw[0])
                   and government_name(name.split()[-1])):
            return  # "Kent County", "Say Mexico"
        if nw and not titled and not N.is_first_name(words[k]) and not N.known_person(nw[-1]) \
                and (_BODY_NOUN_AFTER.match(self.text, end) or not lead and k == 0
                     and _BODY_NOUN_BEFORE.search(self.text, max(0, start - 20), start)
                     and N.fold(name_words_raw(full)[-1]) not in self._by_surname) \
                and nw[-1] not in _NOT_SURNAMES \
                and N.fold(full) not in PLACES and not N.gender_of_title(lead):
            # "the United Steelworkers union", "advocacy group Autism Speaks": the body that noun names
            self._add_ref(self._named(full.rstrip(".,;:"), "organisation"), start + toks[k][0], end, "")
            return
        if len(nw) >= 2 and (nw[-1] in _ORG_TAILS or _BODY_APPOSITIVE.match(self.text, end)):
            # "Walt Disney Co.", "Mayo Clinic", "Henry Realty, a firm focused on …"
            self._add_ref(self._named(name, "organisation"), s, end, "")
            return
        tail_of = None  # "Suu Kyi": the end of a well-known full name
        if len(nw) >= 2 and not N.is_first_name(nw[0]):
            known = N.known_person(nw[-1])
            if known is not None and N.name_words(known.name)[-len(nw):] == nw:
                tail_of = known
        if len(nw) >= 2 and (N.is_first_name(nw[0]) or titled or tail_of is not None or self._longer_named(nw) is not None
                             or N.known_person(nw[-1], first=nw[0]) is not None
                             or len(nw) == 2 and N.known_person(nw[-1]) is not None and words[ni].istitle()
                             and words[ni].isalpha() and nw[0] not in PLACES | FUNCTION_CAPS | _DETERMINERS
                             and nw[0] not in ROLE_WORDS | N.TITLES and nw[0] not in _SIDES
                             or len(nw) <= 3 and not N.known_person(nw[-1])
                             and self._recurs(name_words_raw(name)[-1], s)):
            e = self._person(tail_of.name if tail_of is not None else name, gender)
            e.named += 1
            self._add_ref(e, s, end, lead)
            self._appositive_roles(e, end)
        elif len(nw) == 1 and (titled or name.isupper() and len(name) > 2):
            pending.append((s, end, name, lead, gender))
        elif len(nw) == 1:
            pending.append((s, end, name, lead, gender))

    def _outlet_named_in_full(self, short: str) -> _Ent | None:
        """"The Times" after "The New York Times": the outlet already named in full."""
        m = re.fullmatch(r"(?:The\s+)?([A-Z][a-z]+)", short)
        if m is None:
            return None
        return next((e for e in reversed(self.ents) if e.kind == "outlet" and len(e.name.split()) >= 3
                     and e.name.split()[-1] == m.group(1)), None)

    def _recurs(self, surname: str, pos: int) -> bool:
        """Does ``surname`` speak elsewhere in the text ("Rakeyia Scott … Scott said"), or does the text
        give it an honorific ("Kashiya Nwanguma … Ms. Nwanguma, 21,")?"""
        if not surname[:1].isupper() or len(surname) < 3:
            return False
        if self._lone is None:
            self._lone = {m.group(1) for m in re.finditer(
                r"(?<![\w’'.])([A-Z][a-z][\w’'-]+)(?:,[^,]{1,60},)?\s+"
                r"(?:said|says|told|added|wrote|writes|asked|argued|explained|noted|recalled|insisted)\b", self.text)}
            self._lone |= {m.group(1) for m in re.finditer(
                r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+([A-Z][a-z][\w’'-]+)\b(?![ \t]+[A-Z])", self.text)}
        return surname in self._lone and N.fold(surname) not in _NOT_SURNAMES | _ORG_TAILS

    def _appositive_roles(self, e: _Ent, end: int) -> None:
        """"Donald Trump, the Republican nominee," → roles {republican, nominee}."""
        m = re.match(r",\s+(?:the|a|an|his|her|its|their)\s+([^,.;:()\n]{3,80}?)(?:,|\.|;|\s+(?:who|said|says))",
                     self.text[end:end + 100])
        if m:
            e.roles.update(w for w in _words(m.group(1)) if w not in {"of", "and", "the", "for", "in", "at"})

    def _add_ref(self, e: _Ent, pos: int, end: int, lead: str) -> None:
        described = _DESCRIBED_BEFORE.search(self.text, max(0, pos - 40), pos)
        if described:  # "The group, WeWorkers Coalition, formed …": the name's description is its role
            e.roles.add(described.group(1).lower())
        if e.kind != "person":  # "the United Steelworkers union", "advocacy group Autism Speaks"
            around = (_BODY_AFTER.match(self.text, end), _BODY_BEFORE.search(self.text, max(0, pos - 30), pos))
            e.roles.update(m.group(1).lower() for m in around if m and m.group(1).lower() in _BODY_HEADS)
        if e.kind == "person":  # "Paul Ryan (R-Wis.)", "Joe Donnelly, Democrat of Indiana"
            e.roles.update(after_name(self.text, end))
        if lead:
            e.roles.update(_with_synonyms(w for w in _words(lead) if w not in {"the", "a", "an", "of", "and"}))
            g = N.gender_of_title(lead)
            if g and e.kind == "person" and not e.gender:
                e.gender = g
        e.mentions.append((pos, end))
        subject = self._opens_sentence(pos)
        ref = _Ref(pos, end, e, subject)
        if self._sorted:
            k = bisect.bisect_left(self._ref_pos, pos)
            self.refs.insert(k, ref)
            self._ref_pos.insert(k, pos)
        else:
            self.refs.append(ref)

    def _opens_sentence(self, pos: int) -> bool:
        k = bisect.bisect_right(self._sent_starts, pos) - 1
        if k < 0:
            return False
        lead = self.text[self._sent_starts[k]:pos]
        return len(lead.split()) <= 2 and not any(c in lead for c in _QUOTES)

    def _sentence_index(self, pos: int) -> int:
        return bisect.bisect_right(self._sent_starts, pos) - 1
