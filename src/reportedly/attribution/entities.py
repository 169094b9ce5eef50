"""The entity layer: who the article talks about, and which words refer to whom.

Built in two passes over one document.

1. **Scan** the body for names (runs of capitalised words): a run is a *person* when it starts with a
   known first name (:mod:`.names`), follows a personal title ("Mr.", "Sen.", "President"), or is a
   well-known public figure; an *outlet*, *government* or *organisation* when the classifiers of
   :mod:`.speakers` say so. Full names become entities ("Donald J. Trump" and "Donald Trump" are one:
   same first and last name); the role words before a name ("Republican nominee Donald Trump") and
   an appositive after it ("Donald Trump, the Republican nominee,") are kept as the entity's roles;
   the first name or a title gives the gender. Lone surnames and "Mr. X" join the full name with that
   surname (the one named most often when two share it, "Mrs." choosing the woman), else a
   well-known person of that surname, else they stand as a name of their own.
2. **Resolve** each attribution's source, in text order (:class:`EntityResolver`):
   names and surnames as above; "he"/"she" to the most salient person of that gender in the last few
   sentences (recency, being the previous speaker, being a sentence's subject, how often the article
   names them; never a name inside the quotation being attributed); quoted "I"/"we" to the quote's
   speaker; "who" to the name before its comma; "they" to the last plural source, body or group;
   "it" to the last body or document; descriptions ("the Republican nominee", "the governor") to the
   person whose roles hold that word; outlet anaphors ("the newspaper") to the last outlet named;
   "the campaign"/"her campaign" to the campaign of the person meant; a description no one in the
   article holds stays unnamed and anonymous. Each resolution carries a confidence.

The parts live in their own modules: :mod:`.entity_model` (the entities, references and word
lists), :mod:`.entity_scan` (pass 1), :mod:`.pronouns`, :mod:`.entity_cases` (descriptions,
documents, bodies) and :mod:`.source_ranker` (the learned second look at named and described
sources); :class:`EntityResolver` joins them and holds the order of resolution.

The result is ``doc.entities`` (each with every mention as spans) and, on each source, ``entity``,
``entity_id`` and ``confidence``.
"""

from __future__ import annotations

import bisect
import re

from ..document import Attribution, Document, Entity, SpanPair, source_kind
from ..outlets import lookup_outlet
from . import names as N
from . import source_ranker as SR
from .candidates import regions_of
from .context import Context
from .entity_cases import DescribedCases
from .entity_model import (
    _BODY_HEADS,
    _DESCRIPTORS,
    _DOC_FROM,
    _ORG_TAILS,
    _PEOPLE_HEADS,
    _PLURAL_PEOPLE,
    _PREPOSITIONS,
    _TITLE_ORG,
    _UNNAMED_BODIES,
    CAMPAIGN_HEADS,
    PERSON_TITLES,
    Resolved,
    _clean_mention,
    _doc_head,
    _Ent,
    _head_span,
    _Ref,
    _words,
)
from .entity_scan import MentionScan
from .pronouns import ANTECEDENT_FEATURES, HAND_WEIGHTS, PronounCases, antecedent_weights
from .segment import region_sentences
from .speakers import (
    ROLE_WORDS,
    Mention,
    analyse,
    split_appositive,
)

__all__ = ["ANTECEDENT_FEATURES", "HAND_WEIGHTS", "EntityResolver", "Resolved", "antecedent_weights",
           "resolve_entities", "resolve_speakers"]


#: A body described, then named after a comma: "The group that owns most of her music, Big Machine".
_APPOSITIVE_NAME = re.compile(r"^(?i:the|a|an|its|their|his|her)\s+(?:[a-z-]+\s+)?(?P<head>[a-z]+)(?:\s+(?:that|which|who)\b[^,]*)?,\s+"
                              r"(?P<name>[A-Z][\w’'&.-]*(?:\s+(?:of|for|and|the|[A-Z][\w’'&.-]*)){0,5})(?:\s*,?$|\s*,)")


#: An outlet called by the last word of its name: "The Post", "the Times", "the Journal".
_SHORT_OUTLET = re.compile(r"(?:the|The)\s+([A-Z][a-z]+)(?:['’]s)?")
#: A person and others joined by "and", the others a plural description: "Gov. Eric Holcomb and
#: leaders of the Legislature", "Trump and his aides", "Ms. Warren and other Democrats".
_PERSON_AND_PLURAL = re.compile(r"^((?:[A-Z][\w.’'-]*\s+){0,5}[A-Z][\w.’'-]*)\s+and\s+((?:(?:the|his|her|their|other|"
                                r"fellow|top|several|some|many|senior)\s+)*[a-z][a-z-]+s\b[^,;:()]*)$")


class EntityResolver(MentionScan, PronounCases, DescribedCases):
    """Finds the entities of one document and resolves source mentions to them."""


    def __init__(self, doc: Document, regions: list[SpanPair], sentences: list[SpanPair]):
        self.doc = doc
        self.text = doc.text
        self._datelines = [(d.start, d.end) for d in doc.layer("dateline")]
        self.regions = regions
        self.sents = sentences
        self._sent_starts = [s for s, _ in sentences]
        self.ents: list[_Ent] = []
        self.refs: list[_Ref] = []  # sorted by pos once the scan is done
        self._by_key: dict[tuple[str, str], _Ent] = {}
        self._by_surname: dict[str, list[_Ent]] = {}
        self._inner_words: dict[str, list[_Ent]] = {}  # a full name's word other than the last -> its persons
        self._first_at: dict[int, tuple[int, int | None]] = {}  # entity -> (mentions read, first position)
        self._by_name: dict[tuple[str, str], _Ent] = {}
        self._last_source: list[tuple[int, _Ent]] = []
        self._lone: set[str] | None = None
        self._ref_pos: list[int] = []
        self._sorted = False  # refs are kept in text order once the scan has sorted them
        self._docs: list[tuple[int, str, Resolved]] = []  # documents with a known author, in text order
        self._quotes: list[tuple[int, int]] | None = None  # the text's quotations, found when first asked
        self._quote_starts: list[int] = []
        credit = doc.meta.headline_credit or {}
        self._credit = self._named(credit["entity"], "outlet") if credit.get("entity") else None
        self._scan()
        site = (doc.meta.sitename or "").strip()
        self._own = self._named(lookup_outlet(site) or site, "outlet") if site else None  # the publishing outlet

    # -- entities ---------------------------------------------------------------------------------

    # -- scan -------------------------------------------------------------------------------------

    # -- resolution -------------------------------------------------------------------------------
    def resolve(self, a: Attribution) -> Resolved:
        text = self.text
        spans = a.source.spans
        mention = _clean_mention(" ".join(text[s:e] for s, e in spans))
        mention = re.sub(r"^(?i:who)['’]s$", "who", mention)  # "who’s called for …"
        mention = re.sub(r"^(?i:most|many|some|all|none|several|one|two|both|each)\s+of(?:\s+(whom|which))?$",
                         lambda m: "which" if m.group(1) == "which" else "who", mention)  # "…, most of whom"
        pos = spans[0][0]
        m = analyse(mention)
        res = self._resolve(m, mention, pos, a)
        if m.kind != "pronoun" and m.needs != "outlet":
            res = self._second_look(res, mention, pos)
        if res.ent is None and res.entity:  # an unnamed or undescribed source still is someone
            kind = res.kind or ("anonymous" if res.anonymous else "group")
            res.ent = self._new(res.entity, kind, anonymous=res.anonymous, plural=kind == "group")
            res.kind = kind
        if res.ent is not None:
            head = _head_span(text, spans)
            if head and head not in res.ent.mentions:
                res.ent.mentions.append(head)
            res.ent.spoke_at.append(pos)
            self._add_source_ref(res.ent, pos, head[1] if head else pos + 1)
        return res

    def _second_look(self, res: Resolved, mention: str, pos: int) -> Resolved:
        """The learned source ranker's pick among the rules' answer and the alternatives
        (:mod:`.source_ranker`); the rules' answer when no ranker is packaged."""
        w = SR.weights()
        if w is None and SR.RANKING_TRACE is None:
            return res
        choices = SR.candidates(self, res, " ".join(mention.split()), pos)
        if SR.RANKING_TRACE is not None:
            SR.RANKING_TRACE.append((pos, [(c.name, c.anonymous, list(c.features)) for c in choices]))
        if w is None:
            return res
        best, share = SR.choose(choices, w)
        if best.kind == "rule":
            return res
        if best.kind == "entity":
            e = best.ent
            return Resolved(e, e.name, e.kind, False, round(min(0.9, share), 2), role=res.role)
        if best.kind == "longer" and best.name:
            kind = "person" if best.features[SR.FEATURES.index("longer_person")] else (
                res.kind if res.kind in {"organisation", "government", "outlet"} else "organisation")
            e = self._person(best.name) if kind == "person" else self._named(best.name, kind)
            return Resolved(e, e.name, kind, False, round(min(0.9, share), 2), role=res.role)
        return Resolved(None, best.name, "anonymous", True, round(min(0.8, share), 2),
                        description=res.description or " ".join(mention.split()))

    def _pair(self, pos: int) -> Resolved | None:
        """"Both said", "the two candidates said": the people named together in the last three sentences
        (a group already made of them, else the two persons referred to last)."""
        here = self._sentence_index(pos)
        people: list[_Ent] = []
        for r in reversed(self.refs_before(pos)):
            if here - self._sentence_index(r.pos) > 3:
                break
            if r.ent.kind == "group" and re.search(r"\sand\s", r.ent.name) and not people:
                return Resolved(r.ent, r.ent.name, "group", False, 0.6)
            if r.ent.kind == "person" and not r.ent.weak and r.ent not in people:
                people.append(r.ent)
                if len(people) == 2:
                    g = self._named(f"{people[1].name} and {people[0].name}", "group")
                    return Resolved(g, g.name, "group", False, 0.5)
        return None

    def refs_before(self, pos: int) -> list[_Ref]:
        """The references to entities before ``pos`` (at most the last 300), in text order."""
        k = bisect.bisect_left(self._ref_pos, pos)
        return self.refs[max(0, k - 300):k]

    def last_speaker_before(self, pos: int) -> _Ent | None:
        """The entity of the last source resolved before ``pos``."""
        j = bisect.bisect_left(self._last_source, (pos, -1), key=lambda t: (t[0], -1))
        return self._last_source[j - 1][1] if j else None

    def _add_source_ref(self, e: _Ent, pos: int, end: int) -> None:
        k = bisect.bisect_left(self._ref_pos, pos)
        if k < len(self.refs) and self.refs[k].pos == pos and self.refs[k].ent is e:
            return
        self.refs.insert(k, _Ref(pos, end, e, self._opens_sentence(pos)))
        self._ref_pos.insert(k, pos)

    def _resolve(self, m: Mention, mention: str, pos: int, a: Attribution) -> Resolved:
        if m.kind == "pronoun":
            return self._pronoun(m, pos, a)
        if m.kind == "outlet" and _DOC_FROM.match(" ".join(mention.split())):
            return self._document(m, mention, pos)  # "a letter from the Legion obtained by The Associated Press"
        if _PAIR_WORDS.fullmatch(" ".join(mention.split())):
            pair = self._pair(pos)  # "both", "the two", "each": the people just named together
            if pair is not None:
                return pair
        if m.needs == "outlet":
            own = re.match(r"(?i:this|our)\b", mention.strip())
            e = (self._own if own else None) or self._recent(pos, lambda e: e.kind == "outlet") or self._credit
            if e is not None:
                return Resolved(e, e.name, "outlet", False, 0.8)
            return Resolved(None, m.description and re.sub(r"^(?:the|this|that)\s+", "", m.description,
                                                            flags=re.IGNORECASE), "outlet", False, 0.3)
        team = re.fullmatch(r"Team\s+([A-Z][\w’'-]+)", " ".join(mention.split()))
        if team and self._by_surname.get(N.fold(team.group(1))):  # "Team Trump": the person's campaign
            e = self._named(f"{self._surname_person(team.group(1), pos)[0].name.split()[-1]} campaign", "organisation")
            return Resolved(e, e.name, "organisation", False, 0.7)
        handle = re.search(r"(?<![\w@])@\w{2,}", mention)
        if handle:  # "one Twitter user @nycsouthpaw"
            e = self._named(handle.group(), "person")
            return Resolved(e, e.name, "person", False, 0.9)
        short = _SHORT_OUTLET.fullmatch(" ".join(mention.split()))
        if short and m.kind == "outlet":  # "The Post" after "The Washington Post": the outlet named in full
            word = short.group(1)
            e = self._recent(pos, lambda e: e.kind == "outlet" and len(e.name.split()) >= 2
                             and e.name.split()[-1] == word and _words(e.name) != _words(mention))
            if e is not None:
                return Resolved(e, e.name, "outlet", False, 0.8)
        word = " ".join(mention.split())
        if m.kind == "outlet" and re.fullmatch(r"[A-Z][a-z’'-]+", word) and any(
                e.first for e in self._by_surname.get(N.fold(word)) or []):
            e, conf = self._surname_person(word, pos)  # "Guardian said" after "Mayor Don Guardian"
            return Resolved(e, e.name, e.kind, False, conf * 0.9, role=m.role)
        exact = self._ref_at(a.source.spans)
        if exact is not None and exact.kind == "outlet":  # the scan already knows this outlet
            return Resolved(exact, exact.name, exact.kind, exact.anonymous, 0.9, role=m.role)
        start, end = a.source.spans[0][0], a.source.spans[-1][1]
        named_body = _APPOSITIVE_NAME.match(" ".join(self.text[start:end + 160].split("\n")[0].split()))
        if named_body and named_body.group("head").lower() in _BODY_HEADS | {"label", "publisher", "charity"} \
                and not (N.is_first_name(named_body.group("name").split()[0]) and len(named_body.group("name").split()) == 2):
            e = self._named(named_body.group("name"), "organisation")  # "The group that owns …, Big Machine"
            return Resolved(e, e.name, "organisation", False, 0.8, role=m.role)
        people = self._people_in_mention(a.source.spans)
        if len({e.name for e in people}) >= 2:  # "Trump and US Trade Representative Robert Lighthizer"
            g = self._named(" and ".join(dict.fromkeys(e.name for e in people)), "group")
            return Resolved(g, g.name, "group", False, 0.8, role=m.role)
        joined = _PERSON_AND_PLURAL.match(" ".join(mention.split()))
        if joined:  # "Gov. Eric Holcomb and leaders of the Legislature": a person and others, a group
            left = self._person_in_mention([(start, start + len(joined.group(1)))])
            if left is not None:
                rest = re.sub(r"^(?:the|other)\s+", "", joined.group(2), flags=re.IGNORECASE)
                g = self._named(f"{left[0].name} and {rest}", "group")
                return Resolved(g, g.name, "group", False, 0.7, role=m.role)
        named = self._person_in_mention(a.source.spans)
        if named is not None:
            e, conf = named
            if m.role:
                e.roles.update(w for w in _words(m.role) if len(w) > 2)
            return Resolved(e, e.name, "person", False, conf, role=m.role)
        head_text = re.sub(r"^(?:the|The)\s+", "", split_appositive(" ".join(mention.split()))[0].strip(" ,"))
        if _TITLE_ORG.fullmatch(head_text) and not N.is_first_name(head_text.split()[0]) \
                and m.kind in {"anonymous", "person", None, "group", "government"}:
            kind = "government" if m.kind == "government" else "organisation"
            e = self._named(head_text, kind)  # "Citizens for Tax Justice", "Commission on Presidential Debates"
            return Resolved(e, e.name, kind, False, 0.8, role=m.role)
        if _DOC_FROM.match(" ".join(mention.split())) or _doc_head(mention):
            return self._document(m, mention, pos)  # "a memo from …", "documents he submitted to …"
        low = _words(mention)
        head = m.key or (low[-1] if low else "")
        pm = re.match(r"(?:(?:a|an|one|another|the|his|her|their|its)\s+)?(?:[\w’'.-]+\s+){0,3}?([\w’'-]+)\s+"
                      r"(?:for|at|of|with|from|in|to)\s", " ".join(mention.split()), flags=re.IGNORECASE)
        if pm and pm.group(1)[:1].islower() and N.fold(pm.group(1)) in _PEOPLE_HEADS \
                and m.kind in {"outlet", "organisation", "government"}:  # not "the House of Representatives"
            # "A reporter for USA Today", "a spokeswoman for the campaign": the person, unnamed
            return self._description(Mention(None, "person", needs="description", key=N.fold(pm.group(1)),
                                             description=" ".join(mention.split())), mention, pos)
        if low and low[-1] in CAMPAIGN_HEADS and m.kind != "outlet" \
                and not set(low[:-1]) & _PREPOSITIONS - {"and"} and "close" not in low:  # not "people close to the campaign"
            return self._body(mention, low[-1], pos)
        if m.needs == "description" and m.kind in {"organisation", "government"}:
            return self._body(mention, head, pos)
        if m.needs == "description" or (m.kind == "anonymous" and m.needs):
            return self._description(m, mention, pos)
        if re.fullmatch(r"(?i:one|a|an|another|some|two|three|several|many)\s+(?:[a-z-]+\s+)?(?:Republican|Democrat|"
                        r"Democratic|GOP|conservative|liberal|independent)s?(?:\s+\w+)?", " ".join(mention.split())):
            e = self._new(" ".join(mention.split()), "anonymous", anonymous=True)  # "One Republican"
            return Resolved(e, e.name, "anonymous", True, 0.7)
        if m.kind == "person" and m.entity:
            return self._person_name(m, mention, pos, head)
        if m.kind in {"government", "organisation"} and m.entity and " " not in m.entity \
                and m.entity[:1].isupper() and (self._by_surname.get(N.fold(m.entity))
                                                or m.entity.isupper() and len(m.entity) > 5):
            e, conf = self._surname_person(m.entity, pos)  # "Jordan said": the person, not the country
            return Resolved(e, e.name, e.kind, False, conf * 0.9, role=m.role)
        if low and low[-1] in _UNNAMED_BODIES and len([w for w in low if w not in {"the", "local", "state",
                                                                                  "federal", "some", "other"}]) == 1:
            e = self._new(" ".join(mention.split()), "anonymous", anonymous=True, plural=True)
            return Resolved(e, " ".join(mention.split()), "anonymous", True, 0.7)
        if m.kind is None:
            if head in _BODY_HEADS:
                return self._body(mention, head, pos)
            if head in _PEOPLE_HEADS or head.rstrip("s") in _PEOPLE_HEADS or head in _PLURAL_PEOPLE \
                    or re.match(r"(?:those|people|many|some)\s+(?:close|familiar|who)", " ".join(low)):
                return self._description(Mention(m.entity, "person", needs="description", key=head,
                                                 description=m.description), mention, pos)
            return Resolved(None, m.entity, None, m.anonymous, 0.3, role=m.role, description=m.description)
        if m.kind == "anonymous":
            e = self._new(m.entity or mention, "anonymous", anonymous=True, plural=m.plural)
            return Resolved(e, m.entity, "anonymous", True, 0.8, role=m.role, description=m.description)
        if m.kind == "document":
            return self._document(m, mention, pos)
        if m.kind == "group":
            e = self._new(m.entity or mention, m.kind, plural=True)
            return Resolved(e, m.entity, m.kind, m.anonymous, 0.8, role=m.role, description=m.description)
        if m.entity:
            e = self._named(m.entity, m.kind or "organisation")
            return Resolved(e, e.name, e.kind, False, 0.9, role=m.role)
        return Resolved(None, m.entity, m.kind, m.anonymous, 0.3, role=m.role, description=m.description)

    def _ref_at(self, spans: list[SpanPair]) -> _Ent | None:
        """The entity the scan found for exactly the head of a source ("the Coastal Ledger")."""
        head = _head_span(self.text, spans)
        if head is None:
            return None
        s0, e0 = head
        lead = re.match(r"(?:the|The)\s+", self.text[s0:e0])
        if lead:
            s0 += lead.end()
        k = bisect.bisect_left(self._ref_pos, s0)
        while k < len(self.refs) and self.refs[k].pos == s0:
            if self.refs[k].end == e0:
                return self.refs[k].ent
            k += 1
        return None

    def _people_within(self, s0: int, e0: int):
        """The scan's (not weak) person references lying wholly inside ``[s0, e0)``, in text order."""
        k = bisect.bisect_left(self._ref_pos, s0)
        while k < len(self.refs) and self.refs[k].pos < e0:
            r = self.refs[k]
            k += 1
            if r.ent.kind == "person" and not r.ent.weak and r.end <= e0:
                yield r

    def _people_in_mention(self, spans: list[SpanPair]) -> list[_Ent]:
        """Persons named in a mention and joined by "and" ("Mr. Grassley and Mr. Leahy")."""
        s0, e0 = spans[0][0], spans[-1][1]
        refs = list(self._people_within(s0, e0))
        out: list[_Ent] = []
        for prev, r in zip(refs, refs[1:], strict=False):
            between = self.text[prev.end:r.pos]
            if re.fullmatch(r"\s*,?\s*(?:and|&)\s+(?:[\w.’'-]+\s+){0,5}", between) and "’s" not in between \
                    and not re.search(r"\b(?:who|which|that|of|for|with)\b", between):
                for e in (prev.ent, r.ent):
                    if e not in out:
                        out.append(e)
        return out if len(out) >= 2 else []

    def _person_name(self, m: Mention, mention: str, pos: int, head: str) -> Resolved:
        """A source the mention reader took for a personal name: full name, surname, first name, or
        a capitalised phrase only this mention vouches for."""
        name = m.entity or ""
        words = N.name_words(name)
        if len(words) == 1 and (m.needs == "surname" or name.isupper()):
            title = mention.split(name)[0] if name in mention else ""
            raw = name.split()[-1] if name.split() else name
            e, conf = self._surname_person(raw, pos, N.gender_of_title(title), title)
            return Resolved(e, e.name, e.kind, False, conf, role=m.role)
        if len(words) >= 2 and not N.is_first_name(words[0]) and (
                self._by_surname.get(words[-1]) or N.known_person(words[-1])):
            e, conf = self._surname_person(name, pos)  # "De Blasio", "Bin Laden"
            return Resolved(e, e.name, e.kind, False, conf, role=m.role)
        if len(words) >= 2 and (N.is_first_name(words[0]) or m.role):
            e = self._person(name, N.gender_of_title(mention))
            return Resolved(e, e.name, "person", False, 0.85, role=m.role)
        if len(words) == 1 and N.is_first_name(words[0]):  # a first name alone ("Melanie")
            e = self._person(name)
            return Resolved(e, e.name, "person", False, 0.7, role=m.role)
        if words and words[-1] in _ORG_TAILS:  # "Mayo Clinic"
            e = self._named(name, "organisation")
            return Resolved(e, e.name, "organisation", False, 0.7, role=m.role)
        if name[:1].isupper() and len(words) >= 2:
            e = self._person(name)
            e.weak = e.weak or not e.named  # a name only this mention vouches for
            return Resolved(e, e.name, "person", False, 0.6, role=m.role)
        return self._description(Mention(name, "person", needs="description", key=head,
                                         description=m.description), mention, pos)

    def _person_in_mention(self, spans: list[SpanPair]) -> tuple[_Ent, float] | None:
        """A person the scan found inside a source mention, when the mention is about them.

        "Homeland Security Secretary Jeh Johnson", "Mr. Morgan of the Sierra Club", "An attorney for
        Pagliano, Mark MacDougall," name their speaker; "A spokeswoman for Hillary Clinton" and
        "Donald Trump's campaign" do not.
        """
        s0, e0 = spans[0][0], spans[-1][1]
        nxt = re.match(r"\.?\s{1,2}(?=[A-Z])", self.text[e0:e0 + 3])
        last = self.text[s0:e0].split()[-1:] if self.text[s0:e0].split() else []
        if nxt and last and (N.fold(last[0]) in PERSON_TITLES or N.fold(last[0]) in ROLE_WORDS):
            k2 = bisect.bisect_left(self._ref_pos, e0)
            if k2 < len(self.refs) and self.refs[k2].pos == e0 + nxt.end():
                e0 = self.refs[k2].end  # the tagger stopped at "Mrs" or "Democratic": the name follows
        best = None
        for r in self._people_within(s0, e0):
            prefix, suffix = self.text[s0:r.pos], self.text[r.end:e0]
            after_comma = bool(re.search(r",\s*$", prefix))
            words = re.findall(r"[\w’'.-]+", prefix.rsplit(",", 1)[-1])  # "Another witness, former adviser X"
            plain = all(w[:1].isupper() or N.fold(w) in ROLE_WORDS or N.fold(w) in _DESCRIPTORS
                        for w in words) or ("," in prefix and len(words) <= 5
                                            and not {N.fold(w) for w in words} & _PREPOSITIONS)
            tail = suffix.strip()
            ok_tail = not tail or tail[0] in ",(—–-" or re.match(r"(?:of|from|at|who|with)\b", tail)
            if (plain or after_comma) and ok_tail:
                if best is None or after_comma:
                    best = r.ent
        if best is None:
            return None
        return best, 0.95 if len(best.name.split()) >= 2 else 0.7

    # -- the cases ---------------------------------------------------------------------------------

    def note_speaker(self, pos: int, e: _Ent | None) -> None:
        if e is not None:
            bisect.insort(self._last_source, (pos, e), key=lambda t: t[0])

    # -- output ---------------------------------------------------------------------------------
    def outlets_as_written(self) -> dict[int, tuple[str, ...]]:
        """Name each outlet as the article writes it: a canonical name from the outlet list that the
        text never uses ("CBS News" for an article that only says "CBS") gives way to the longest
        form the article does use for it. Returns the old names of the renamed entities."""
        renamed: dict[int, tuple[str, ...]] = {}
        for e in self.ents:
            plain = re.sub(r"^The\s+", "", e.name)
            if e.kind != "outlet" or not e.mentions or plain in self.text:
                continue
            forms = []
            for s, t in e.mentions:
                form = re.sub(r"^(?:the|The)\s+|['’]s?$", "", " ".join(self.text[s:t].split())).strip()
                if form and form[:1].isupper() and lookup_outlet(form) == e.name:
                    forms.append(form)
            if forms:
                old = e.name
                e.name = max(forms, key=len)
                renamed[e.idx] = (old,)
        return renamed

    def entities(self, used: set[int]) -> list[Entity]:
        """The document's entities: every named one and every one an attribution refers to."""
        out: list[Entity] = []
        n = len(self.text)
        for e in self.ents:
            if not e.mentions or (e.kind in {"anonymous", "group", "document"} and e.idx not in used):
                continue
            mentions = sorted({(s, t) for s, t in e.mentions if 0 <= s < t <= n})
            out.append(Entity(id=f"e{len(out) + 1}", name=e.name, kind=source_kind(e.kind) or "person",
                              mentions=mentions, gender=e.gender if e.kind == "person" else None,
                              anonymous=e.anonymous))
            e.out_id = out[-1].id
        return out


def resolve_entities(ctx: Context) -> None:
    """Resolve every source, fill ``doc.entities`` and each source's ``entity_id``."""
    doc, atts, shares = ctx.doc, ctx.atts, ctx.shares
    regions = ctx.regions if ctx.regions is not None else regions_of(doc)
    sentences = ctx.all_sentences if ctx.all_sentences is not None else region_sentences(doc.text, regions)
    text = doc.text
    by_id = ctx.by_id()
    r = EntityResolver(doc, regions, sentences)
    # an attribution that shares another's source copies its speaker, unless it has a source of its own
    copies = {k: v for k, v in shares.items() if k in by_id and v in by_id
              and (not by_id[k].source.spans or by_id[k].source.spans == by_id[v].source.spans)}
    order = sorted((a for a in atts if a.source.spans and a.id not in copies), key=lambda a: a.source.spans[0][0])
    results: dict[str, Resolved] = {}
    firsts = []
    contents = sorted(p for a in atts for p in a.content)
    for a in order:
        mention = " ".join(text[s:e] for s, e in a.source.spans)
        if N.fold(mention.strip(" ,")) in {"i", "we", "me", "us", "my", "our"}:
            firsts.append(a)
            continue
        res = (r.implicit(a, contents) if r.opening_word(a) else None) or r.resolve(a)
        results[a.id] = res
        r.note_speaker(a.source.spans[0][0], res.ent)
    for a in firsts:  # quoted "I"/"we": the speaker of the quotation around it
        pos = a.source.spans[0][0]
        outer = next((o for o in atts if o.id in results and o is not a and results[o.id].ent is not None
                      and any(s <= pos < t for s, t in o.content)), None)
        if outer is not None:
            held = results[outer.id]
            head = _head_span(text, a.source.spans)
            if head and held.ent is not None:
                held.ent.mentions.append(head)
            results[a.id] = Resolved(held.ent, held.entity, held.kind, held.anonymous, min(0.9, held.confidence))
        else:  # the article's own voice: its author, else its outlet ("we" in an editorial)
            results[a.id] = r.own_voice(a) or r.resolve(a)
    for a in atts:  # no source in the text: the clause's subject, when one is named
        if a.source.spans or a.id in copies:
            continue
        implicit = r.implicit(a, contents)
        if implicit is not None:
            results[a.id] = implicit
    r.link_pronouns()
    renamed = r.outlets_as_written()
    for res in results.values():
        if res.ent is not None and res.entity in renamed.get(res.ent.idx, ()):
            res.entity = res.ent.name
    used = {res.ent.idx for res in results.values() if res.ent is not None}
    for ent in r.entities(used):
        doc.add_entity(ent)
    for a in atts:
        cur, seen = a.id, set()
        while cur in copies and cur not in seen:
            seen.add(cur)
            cur = copies[cur]
        found = results.get(cur)
        if found is None:
            continue
        _fill(a, found, " ".join(text[s:e] for s, e in by_id[cur].source.spans))


#: Sources that are a pair or set of people just named: "both", "the two", "each of them".
_PAIR_WORDS = re.compile(r"(?i:both|each|the\s+two|the\s+three|all\s+three|each\s+of\s+them|both\s+of\s+them|"
                         r"(?:both|the\s+two|the\s+three|all\s+three)\s+(?:men|women|candidates|leaders|senators|rivals))")


def resolve_speakers(doc: Document, atts: list[Attribution], shares: dict[str, str] | None = None,
                     regions: list[SpanPair] | None = None) -> None:
    """:func:`resolve_entities` over ``regions`` (default: the whole text), sentences found here."""
    from .segment import region_sentences

    regions = regions if regions is not None else [(0, len(doc.text))]
    resolve_entities(Context(doc, atts, shares=shares or {}, regions=regions,
                             all_sentences=region_sentences(doc.text, regions)))


def _fill(a: Attribution, r: Resolved, mention: str) -> None:
    s = a.source
    s.mention = s.mention or " ".join(mention.split()) or None
    s.entity = r.entity
    s.kind = source_kind(r.kind)  # None for a pronoun
    s.anonymous = bool(r.anonymous)
    s.description = r.description if r.anonymous or r.kind in {"document", None} else None
    role = re.sub(r"(?:,\s*)?\b(?:who|which|that)\s*$", "", s.role or r.role or "").strip(" ,")
    s.role = role or None  # "head librarian, who" → "head librarian"
    s.entity_id = r.ent.out_id if r.ent is not None else None
    s.confidence = round(float(r.confidence), 2)
