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

The result is ``doc.entities`` (each with every mention as spans) and, on each source, ``entity``,
``entity_id`` and ``confidence``.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources

from ..document import Attribution, Document, Entity, SpanPair, source_kind
from ..outlets import lookup_outlet
from . import lexicon as L
from . import names as N
from . import source_ranker as SR
from .candidates import regions_of
from .context import Context
from .segment import region_sentences
from .speakers import (
    FUNCTION_CAPS,
    PERSON_PRONOUNS,
    PLACES,
    PLURAL_PRONOUNS,
    ROLE_WORDS,
    SINGLE_THING,
    Mention,
    analyse,
    government_name,
    org_name,
    outlet_name,
    split_appositive,
)

#: Runs of capitalised words, abbreviations ("Mr.", "U.S.") and name particles: candidate names.
_ABBR = r"(?:[A-Z]\.(?:[A-Z]\.)*|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Sens|Rep|Reps|Gov|Lt|Col|Sgt|Capt|Adm|Maj|St|Jr|Sr|Prof|Rev|Hon|Co|Inc|Corp|Ltd|Bros)\.)"
_CAP_TOKEN = rf"(?:{_ABBR}|[A-Z][\w’'\-]*)"
_CAP_RUN = re.compile(rf"(?<![\w’']){_CAP_TOKEN}(?:[ \t]+(?:{_CAP_TOKEN}|(?:de|van|von|bin|al|da|del|la|le)(?=[ \t]+[A-Z])))*")
#: Titles that only precede a person's name ("Sen. Warren", "President Obama").
PERSON_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "representative", "gov", "governor",
                 "president", "gen", "general", "secretary", "judge", "justice", "mayor", "prof", "professor",
                 "rev", "sheriff", "chancellor", "ambassador", "lt", "col", "capt", "adm", "sgt", "del",
                 "congressman", "congresswoman", "commissioner", "pope", "king", "queen", "prince", "sir"}
#: Heads of descriptions that name an institution, not a person ("the campaign", "the agency").
_BODY_HEADS = {"campaign", "team", "bank", "agency", "union", "company", "firm", "department", "bureau", "authority",
               "commission", "association", "institute", "network", "cooperative", "co-op", "contractor",
               "administration", "committee", "group", "organization", "organisation", "party", "alliance",
               "court", "panel", "government", "ministry", "office", "coalition", "council", "board",
               "university", "center", "centre", "foundation", "state", "city", "country"}
_GOV_HEADS = {"agency", "department", "bureau", "administration", "court", "government", "ministry", "office", "authority",
              "state", "city", "country", "council", "board", "panel"}
_QUOTES = "\"“”«»"

#: What the pronoun ranker knows of each candidate antecedent of a "he"/"she" (:meth:`EntityResolver.
#: _salient_person`): its most recent reference in the window — sentences back, in the same sentence,
#: recency rank among the candidates (0 = nearest, at most 4), opening its sentence — and the entity:
#: any reference opening a sentence, the previous source, a source in the window, log(1 + times named
#: or quoted), gender unknown where the pronoun has one, the reference a possessive ("Smith's"), the
#: reference inside a quotation.
ANTECEDENT_FEATURES = ("bias", "sentences_back", "same_sentence", "recency_rank", "subject", "subject_any",
                       "last_speaker", "spoke_in_window", "log_named", "unknown_gender", "possessive",
                       "in_quotation")
#: The hand-set weights the learned ones replaced (kept to compare against: training/train_pronoun_ranker.py).
HAND_WEIGHTS = (3.0, -0.8, 0.0, 0.0, 0.6, 0.0, 0.8, 0.0, 0.25, -0.7, 0.0, 0.0)
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
#: Capitalised words that end a name-like run but are no surname ("Kent County", "Election Day").
_NOT_SURNAMES = {"county", "day", "city", "state", "street", "avenue", "center", "centre",
                 "university", "college", "school", "river", "island", "islands", "club", "party",
                 "caucus", "republican", "republicans", "democrat", "democrats", "america", "americans",
                 "january", "february", "march", "april", "may", "june", "july", "august", "september",
                 "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                 "saturday", "sunday", "tv", "news", "times", "post"} | L.REMIT_WORDS
_TITLE_ORG = re.compile(r"[A-Z][\w’'&.-]*(?:\s+(?:of|for|and|on|to|a|an|the|in)\b)+(?:\s+[A-Z][\w’'&.-]*)+"
                       r"(?:\s+(?:(?:of|for|and|on|to|a|an|the|in)\s+)*[A-Z][\w’'&.-]*)*")
_SUBORDINATE_OPENING = re.compile(
    r"\s*(?:While|As|When|After|Although|Though|Because|Since|Before|If|Once|Until|Even as|Even though)\s")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]er|[Hh]is|[Hh]ers)\b")
#: Capitalised words that end a name in a title-case headline ("Trump Is Right", "Clinton Says").
_RUN_BREAKS = {"is", "was", "are", "were", "has", "have", "had", "says", "said", "would", "could",
               "should", "might", "must", "does", "did", "do", "to", "for", "on", "in", "at", "by", "with",
               "from", "as", "vs", "or", "but", "not", "no", "goes", "gets", "wins", "loses", "calls", "slams",
               "tells", "wants", "urges", "warns", "claims", "blasts", "rips", "backs", "after", "over", "about",
               "right", "wrong", "be", "been", "wrote", "writes", "made", "makes", "won", "lost", "became",
               "takes", "took", "gives", "gave", "finds", "found", "sees", "saw", "leaves", "left", "announces",
               "announced", "reveals", "revealed", "joins", "joined", "returns", "returned", "dies", "died",
               "faces", "faced", "plans", "sues", "sued", "admits", "denies", "defends", "praises", "attacks"}
#: Last words that make a capitalised name a body, not a person ("Mayo Clinic", "Acme Corp").
_ORG_TAILS = {"clinic", "hospital", "foundation", "institute", "university", "college", "center", "centre", "fund",
              "inc", "corp", "co", "llc", "ltd", "plc", "bank", "trust", "association", "council", "committee",
              "party", "network", "project", "group", "institution", "society", "league", "agency", "labs", "lab"}
_BODY_APPOSITIVE = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:firm|company|group|organi[sz]ation|"
                              r"charity|nonprofit|non-profit|agency|bank|startup|business|chain|network|outlet|"
                              r"newspaper|website|think tank|union|party|coalition|club|school|university)\b")

_WORD_AND_SPACE = re.compile(r"[\w’'.-]+[ \t]+")


def _last_words(before: str) -> list[str]:
    r"""The last one to five words of ``before`` when it ends in spaces after them (what
    ``((?:[\w’'.-]+[ \t]+){1,5})$`` captures, split), found without searching from every position."""
    if before.endswith("\n"):
        before = before[:-1]  # "$" matches before a final line break
    if not before.endswith((" ", "\t")):
        return []
    units = list(_WORD_AND_SPACE.finditer(before))
    words: list[str] = []
    end = len(before)
    for m in reversed(units):
        if m.end() != end or len(words) == 5:
            break
        words.append(m.group().rstrip(" \t"))
        end = m.start()
    return words[::-1]


_KEEP_DOT = {"co", "inc", "corp", "ltd", "jr", "sr", "bros", "assn", "dept", "univ"}
#: First names that are also everyday words, never taken for a person on their own.
_COMMON_WORDS = {"will", "may", "june", "april", "august", "grant", "hope", "joy", "faith", "rose", "mark", "bill",
                 "rich", "frank", "art", "chase", "dawn", "summer", "autumn", "winter", "sky", "crystal", "amber",
                 "ruby", "pearl", "iris", "lily", "daisy", "holly", "ivy", "jasmine", "penny", "sunny", "wade",
                 "miles", "guy", "don", "ray", "rod", "sal", "van", "gay", "major", "king", "prince", "earl",
                 "duke", "baron", "dean", "bishop", "pastor", "sterling", "hunter", "page", "price", "young",
                 "long", "rush", "gene", "jack", "jean", "ave", "ali", "al", "ed", "ted", "tom", "sue", "pat",
                 "ma", "pa", "jan", "mar", "sept", "oct", "nov", "dec", "trump", "clinton", "lincoln", "washington",
                 "jordan", "christian", "israel", "harmony", "unity", "liberty", "justice", "america", "china",
                 "india", "georgia", "virginia", "carolina", "florence", "paris", "sydney", "victoria", "madison"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr"}
#: Lower-case words that may stand before a name in a source ("former", "longtime").
_DESCRIPTORS = {"the", "a", "an", "former", "then", "longtime", "current", "acting", "late", "rival", "fellow",
                "activist", "businessman", "billionaire", "candidate", "nominee", "presidential", "host",
                "anchor", "moderator", "economist", "professor", "analyst", "pollster", "strategist", "author",
                "writer", "columnist", "reporter", "correspondent", "lawyer", "attorney", "doctor", "dr.",
                "mr.", "mrs.", "ms.", "sen.", "rep.", "gov.", "gen.", "lt.", "col.", "del."}
#: Heads of descriptions that mean a person ("the announcer", "a reporter for USA Today").
_PEOPLE_HEADS = L.ANONYMOUS_HEADS | L.TITLES | {"exec", "executive", "reporter", "announcer", "moderator", "host", "anchor",
                                                 "judge", "lawyer", "attorney", "doctor", "woman", "man",
                                                 "candidate", "nominee", "leader", "owner", "father", "mother"}
_PLURAL_PEOPLE = {"speechwriters", "regulators", "surrogates", "attorneys", "lawyers", "authorities", "allies",
                  "loyalists", "staffers", "operatives", "donors", "insiders", "aides", "advisers", "advisors"}
#: Plural nouns that stand for unnamed people when nothing names them ("Authorities said").
_UNNAMED_BODIES = {"authorities", "officials", "investigators", "prosecutors", "regulators", "sources"}
#: Heads of documents and media that speak for their author ("the ad", "the clip", "the book").
_DOC_WORDS = {"ad", "ads", "advertisement", "clip", "spot", "book", "memoir", "tweet", "post", "article", "op-ed",
              "editorial", "column", "speech", "interview", "video", "film", "documentary", "petition", "complaint"}
_DOC_FROM = re.compile(r"(?i:the|a|an|another|one|this|that)\s+(?:[\w-]+\s+){0,2}?(?:memo|report|poll|study|survey|"
                       r"ad|advertisement|letter|analysis|book|video|statement|complaint|document)s?\s+(?:[a-z]+\s+)?(?:by|from|of)\s+")
_PREPOSITIONS = {"for", "of", "at", "with", "to", "from", "by", "in", "on", "about", "against", "and", "or"}
#: Political advertising, which speaks for whoever paid for it.
_ADS = {"ad", "ads", "advertisement", "clip", "spot", "commercial"}
#: Words in the names of bodies that a generic head refers back to ("the agency" → "… Office").
_BODY_NAME_WORDS = {
    "agency": {"agency", "office", "bureau", "administration", "service", "commission", "department", "fbi", "cia"},
    "union": {"union", "association", "federation", "workers", "brotherhood", "teamsters"},
    "alliance": {"alliance", "nato", "organization", "organisation", "coalition", "pact"},
    "court": {"court", "circuit", "tribunal"},
    "department": {"department", "ministry", "office"},
    "company": {"inc", "inc.", "corp", "corp.", "co", "co.", "company", "group", "llc", "ltd", "holdings"},
    "firm": {"inc", "inc.", "corp", "corp.", "co", "co.", "llc", "ltd", "partners", "group", "associates"},
    "state": {"*place"}, "commission": {"commission"}, "committee": {"committee"},
}
#: What an outlet publishes: "the piece" after "The Washington Post reported" is the Post's.
_OUTLET_PIECES = {"piece", "article", "story", "editorial", "column"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "another", "one",
                "new", "every", "each", "some", "any", "no", "both", "either", "neither"}
#: Party and side words: a description with one never means a person with another.
_SIDES = {"republican": "r", "gop": "r", "democratic": "d", "democrat": "d", "libertarian": "l", "green": "g"}


@dataclass
class _Ent:
    """An entity while the document is read."""

    idx: int
    name: str
    kind: str
    gender: str | None = None
    anonymous: bool = False
    plural: bool = False
    roles: set[str] = field(default_factory=set)  # folded role words ("nominee", "republican")
    mentions: list[SpanPair] = field(default_factory=list)
    named: int = 0  # how often the text names it (full name or surname)
    spoke_at: list[int] = field(default_factory=list)  # positions where it is an attribution's source
    weak: bool = False  # a lone capitalised word taken for a surname without other evidence
    out_id: str | None = None  # the id of the document Entity made from it

    @property
    def first(self) -> str:
        w = N.name_words(self.name)
        return w[0] if w else ""

    @property
    def surname(self) -> str:
        return N.surname_of(self.name)


@dataclass
class _Ref:
    """One place the text refers to an entity."""

    pos: int
    end: int
    ent: _Ent
    subject: bool = False  # opens its sentence


@dataclass
class Resolved:
    """What one source resolves to."""

    ent: _Ent | None
    entity: str | None
    kind: str | None
    anonymous: bool
    confidence: float
    role: str | None = None
    description: str | None = None


#: Abbreviated titles and the role words they stand for ("Rep." is a congressman).
_ROLE_SYNONYMS = {"exec": ("executive",), "executive": ("exec",), "sen": ("senator",), "senator": ("sen",), "rep": ("representative", "congressman",
                  "congresswoman", "lawmaker"), "representative": ("rep", "congressman", "congresswoman"),
                  "congressman": ("rep", "representative"), "congresswoman": ("rep", "representative"),
                  "gov": ("governor",), "governor": ("gov",), "gen": ("general",), "general": ("gen",),
                  "pres": ("president",), "atty": ("attorney",), "lawmaker": ("rep", "sen")}


def _words(s: str) -> list[str]:
    return [N.fold(w) for w in re.findall(r"[\w’'.-]+", s)]


def _with_synonyms(words) -> set[str]:
    out = set(words)
    for w in list(out):
        out.update(_ROLE_SYNONYMS.get(w, ()))
    return out


class EntityResolver:
    """Finds the entities of one document and resolves source mentions to them."""

    #: How many sentences back a pronoun looks for its antecedent.
    PRONOUN_SENTENCES = 4
    #: A lone surname shared by several people means the one named within this many sentences.
    SURNAME_SENTENCES = 1

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
        words = N.name_words(name)
        first, last = N.parse(name) if len(words) >= 2 else ("", "")
        key = (first, last) if first and last else (words[0], words[-1]) if len(words) >= 2 else (
            "", words[0] if words else name.lower())
        e = self._by_key.get(key)
        if e is None and len(words) >= 2 and not N.is_first_name(words[0]):
            # "Hawk Sawyer" after "Kathleen Hawk Sawyer": the tail of a longer name is its surname
            e = next((x for x in self._by_surname.get(words[-1], []) if x.kind == "person"
                      and len(N.name_words(x.name)) > len(words) and N.name_words(x.name)[-len(words):] == words), None)
            if e is not None:
                self._by_key[key] = e
        if e is None:
            gender = gender or N.gender_of_first(words[0]) if words else gender
            known = N.known_person(key[1], first=key[0]) if key[0] else None
            e = self._by_key[key] = self._new(name, "person", gender=gender or (known.gender if known else None))
            self._by_surname.setdefault(key[1], []).append(e)
            if known is not None:
                e.roles.update(known.roles)
        elif gender and not e.gender:
            e.gender = gender
        return e

    def _surname_person(self, surname: str, pos: int, gender: str | None = None,
                        title: str = "") -> tuple[_Ent, float]:
        """The person a lone surname (or "Mr. X") refers to, and how sure that is."""
        key = N.fold(surname.split()[-1]) if surname.split() else N.fold(surname)
        cands = [e for e in self._by_surname.get(key, []) if e.first]
        if gender:
            cands = [e for e in cands if e.gender in (None, gender)]
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
        if known is not None:
            return self._person(known.name, known.gender), 0.8
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

    # -- scan -------------------------------------------------------------------------------------
    def _scan(self) -> None:
        text = self.text
        pending: list[tuple[int, int, str, str, str | None]] = []  # surnames, linked after full names
        for rs, re_ in self.regions:
            for m in _CAP_RUN.finditer(text, rs, re_):
                self._scan_run(m.start(), m.group(), pending)
        self.refs.sort(key=lambda r: r.pos)
        self._ref_pos = [r.pos for r in self.refs]
        self._sorted = True
        alone: dict[str, int] = {}
        for _, _, word, _, _ in pending:
            alone[word] = alone.get(word, 0) + 1
        for pos, end, surname, lead, gender in sorted(pending):
            last = surname.split()[-1]
            if self._by_surname.get(N.fold(last)) or N.known_person(last, gender):
                e, _ = self._surname_person(surname, pos, gender, lead)
                self._add_ref(e, pos, end, lead)
                e.named += 1
            elif alone[surname] >= 2 and " " not in surname and N.gender_of_first(surname) \
                    and N.fold(surname) not in _COMMON_WORDS:
                e = self._person(surname)  # "Melanie thought … Melanie said": a person known by first name
                self._add_ref(e, pos, end, lead)
                e.named += 1

    def _scan_run(self, start: int, run: str, pending: list) -> None:
        toks = [(m.start(), m.end()) for m in re.finditer(r"[^\s]+", run)]
        words = [run[s:e] for s, e in toks]
        cut = next((i for i, w in enumerate(words) if i and N.fold(w) in _RUN_BREAKS), None)
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
                                      or words[j].endswith(("'s", "’s"))):
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
        for finder, kind in ((outlet_name, "outlet"), (government_name, "government"), (org_name, "organisation")):
            found = finder(full) or (finder(name) if lead else None)
            if found and not titled:
                e = self._named(found, kind)
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
        if len(nw) >= 2 and (nw[-1] in _ORG_TAILS or _BODY_APPOSITIVE.match(self.text, end)):
            # "Walt Disney Co.", "Mayo Clinic", "Henry Realty, a firm focused on …"
            self._add_ref(self._named(name, "organisation"), s, end, "")
            return
        tail_of = None  # "Suu Kyi": the end of a well-known full name
        if len(nw) >= 2 and not N.is_first_name(nw[0]):
            known = N.known_person(nw[-1])
            if known is not None and N.name_words(known.name)[-len(nw):] == nw:
                tail_of = known
        if len(nw) >= 2 and (N.is_first_name(nw[0]) or titled or tail_of is not None
                             or N.known_person(nw[-1], first=nw[0]) is not None
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

    def _recurs(self, surname: str, pos: int) -> bool:
        """Does ``surname`` speak elsewhere in the text ("Rakeyia Scott … Scott said")?"""
        if not surname[:1].isupper() or len(surname) < 3:
            return False
        if self._lone is None:
            self._lone = {m.group(1) for m in re.finditer(
                r"(?<![\w’'.])([A-Z][a-z][\w’'-]+)(?:,[^,]{1,60},)?\s+"
                r"(?:said|says|told|added|wrote|writes|asked|argued|explained|noted|recalled|insisted)\b", self.text)}
        return surname in self._lone and N.fold(surname) not in _NOT_SURNAMES | _ORG_TAILS

    def _appositive_roles(self, e: _Ent, end: int) -> None:
        """"Donald Trump, the Republican nominee," → roles {republican, nominee}."""
        m = re.match(r",\s+(?:the|a|an|his|her|its|their)\s+([^,.;:()\n]{3,80}?)(?:,|\.|;|\s+(?:who|said|says))",
                     self.text[end:end + 100])
        if m:
            e.roles.update(w for w in _words(m.group(1)) if w not in {"of", "and", "the", "for", "in", "at"})

    def _add_ref(self, e: _Ent, pos: int, end: int, lead: str) -> None:
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
        if m.needs == "outlet":
            own = re.match(r"(?i:this|our)\b", mention.strip())
            e = (self._own if own else None) or self._recent(pos, lambda e: e.kind == "outlet") or self._credit
            if e is not None:
                return Resolved(e, e.name, "outlet", False, 0.8)
            return Resolved(None, m.description and re.sub(r"^(?:the|this|that)\s+", "", m.description,
                                                            flags=re.IGNORECASE), "outlet", False, 0.3)
        handle = re.search(r"(?<![\w@])@\w{2,}", mention)
        if handle:  # "one Twitter user @nycsouthpaw"
            e = self._named(handle.group(), "person")
            return Resolved(e, e.name, "person", False, 0.9)
        exact = self._ref_at(a.source.spans)
        if exact is not None and exact.kind == "outlet":  # the scan already knows this outlet
            return Resolved(exact, exact.name, exact.kind, exact.anonymous, 0.9, role=m.role)
        people = self._people_in_mention(a.source.spans)
        if len(people) >= 2:  # "Trump and US Trade Representative Robert Lighthizer"
            g = self._named(" and ".join(e.name for e in people), "group")
            return Resolved(g, g.name, "group", False, 0.8, role=m.role)
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
        if low and low[-1] in {"campaign", "team"} and m.kind != "outlet":
            return self._body(mention, low[-1], pos)
        if m.needs == "description" and m.kind in {"organisation", "government"}:
            return self._body(mention, head, pos)
        if m.needs == "description" or (m.kind == "anonymous" and m.needs):
            return self._description(m, mention, pos)
        if m.kind == "person" and m.entity:
            return self._person_name(m, mention, pos, head)
        if m.kind in {"government", "organisation"} and m.entity and " " not in m.entity \
                and m.entity[:1].isupper() and (self._by_surname.get(N.fold(m.entity))
                                                or m.entity.isupper() and len(m.entity) > 5):
            e, conf = self._surname_person(m.entity, pos)  # "Jordan said": the person, not the country
            return Resolved(e, e.name, e.kind, False, conf * 0.9, role=m.role)
        if re.fullmatch(r"(?i:one|a|an|another|some|two|three|several|many)\s+(?:[a-z-]+\s+)?(?:Republican|Democrat|"
                        r"Democratic|GOP|conservative|liberal|independent)s?(?:\s+\w+)?", " ".join(mention.split())):
            e = self._new(" ".join(mention.split()), "anonymous", anonymous=True)  # "One Republican"
            return Resolved(e, e.name, "anonymous", True, 0.7)
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
    def _recent(self, pos: int, pred, limit: int = 400) -> _Ent | None:
        k = bisect.bisect_left(self._ref_pos, pos)
        for r in reversed(self.refs[max(0, k - limit):k]):
            if pred(r.ent):
                return r.ent
        return None

    def _pronoun(self, m: Mention, pos: int, a: Attribution) -> Resolved:
        key = m.key
        e: _Ent | None
        if key in {"we", "us", "you"}:  # an unresolved "we"/"you" is that group of people
            e = self._new(key, "group", plural=True)
            return Resolved(e, key, "group", False, 0.2)
        if key in {"i", "me"}:
            return Resolved(None, None, "person", False, 0.2)
        if key in {"who", "which"}:
            e = self._relative(pos, key)
            if e is not None:
                return Resolved(e, e.name, e.kind, e.anonymous, 0.8)
            if key == "which":
                return Resolved(None, None, None, False, 0.2)
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
            e = self._recent(pos, lambda e: e.plural or e.kind in {"group", "anonymous"}, 60) or \
                self._recent(pos, lambda e: e.kind in {"organisation", "government", "outlet"}, 60)
            if e is not None:
                return Resolved(e, e.name, e.kind, e.anonymous, 0.6)
            return Resolved(None, None, "group", False, 0.2)
        if key in SINGLE_THING:
            e = self._recent(pos, lambda e: e.kind in {"organisation", "government", "outlet", "document"}, 60)
            if e is not None:
                return Resolved(e, e.name, e.kind, e.anonymous, 0.6)
        return Resolved(None, None, None, False, 0.1)

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
        cands = []
        for rank, idx in enumerate(order):
            r = latest[idx]
            e = r.ent
            spoke = any(window_start <= p < pos for p in e.spoke_at)
            feats = (1.0, float(here - self._sentence_index(r.pos)), float(here == self._sentence_index(r.pos)),
                     float(min(rank, 4)), float(r.subject), float(idx in subject), float(e is last_speaker),
                     float(spoke), math.log1p(e.named + len(e.spoke_at)), float(bool(gender) and not e.gender),
                     float(self.text[r.end:r.end + 2] in ("'s", "’s")), float(self._in_quotation(r.pos)))
            cands.append((e, feats))
        weights = antecedent_weights()
        scores = [sum(w * f for w, f in zip(weights, feats, strict=True)) for _, feats in cands]
        if RANKING_TRACE is not None:
            RANKING_TRACE.append((pos, [(e.name, list(f)) for e, f in cands]))
        top = max(scores)
        z = sum(math.exp(v - top) for v in scores)
        best = scores.index(top)
        return cands[best][0], round(min(0.95, 1.0 / z), 2)

    def _in_quotation(self, pos: int) -> bool:
        """Is ``pos`` inside a quotation of the text?"""
        if self._quotes is None:
            from .segment import find_quotes

            self._quotes = sorted((q.start, q.end) for q in find_quotes(self.text))
            self._quote_starts = [q[0] for q in self._quotes]
        k = bisect.bisect_right(self._quote_starts, pos) - 1
        return k >= 0 and self._quotes[k][0] < pos < self._quotes[k][1]

    def _relative(self, pos: int, key: str = "who") -> _Ent | None:
        """"Trump, who said …": the name right before the comma; "X and Y, who": Y."""
        before = self.text[max(0, pos - 200):pos]
        if not re.search(r",\s*$", before):
            return None
        k = bisect.bisect_left(self._ref_pos, pos)
        fits = {"person", "group", "anonymous"} if key == "who" else {"organisation", "government", "outlet",
                                                                      "document"}
        if k and pos - self.refs[k - 1].end <= 4 and (self.refs[k - 1].ent.kind in fits or key == "who" and
                                                      self.refs[k - 1].ent.kind in {"organisation", "government"}):
            return self.refs[k - 1].ent  # "the Taliban, who have long refused …": the body right before
        # an unnamed group or a description before the comma
        m = re.search(r"(?:^|[.;:!?][ \t]+|,[ \t]+)([^.;:!?,\n]{3,80}?)[ \t]*,[ \t]*$", before)
        if m:
            found = analyse(m.group(1))
            if key == "who" and found.kind in {"anonymous", "group"} and found.entity:
                e = self._new(found.entity, found.kind, anonymous=found.anonymous, plural=True)
                at = max(0, pos - 200) + m.start(1)
                e.mentions.append((at, at + len(m.group(1).rstrip())))  # "Two officials at the port authority"
                return e
            if key == "which" and found.kind in fits and found.entity:
                return self._named(found.entity, found.kind or "organisation")
        return None

    def _description(self, m: Mention, mention: str, pos: int) -> Resolved:
        """"the Republican nominee" → the person whose roles hold "nominee" (and "republican")."""
        words = [w for w in _words(mention) if w not in {"the", "a", "an", "this", "that", "his", "her", "its"}]
        head = m.key or (words[-1] if words else "")
        mods = set(words) - {head}
        best, best_score = None, 0.0
        sides = {_SIDES[w] for w in mods if w in _SIDES}
        for e in self.ents:
            if e.kind != "person" or head not in e.roles or not e.mentions or e.weak:
                continue
            if sides and {_SIDES[w] for w in e.roles if w in _SIDES} - sides:
                continue  # "the Republican nominee" is not the Democratic one
            score = 1.0 + len(mods & e.roles) + 0.1 * math.log1p(e.named)
            before = [p for p, _ in e.mentions if p < pos]
            score += 0.5 if before else 0.0
            if score > best_score:
                best, best_score = e, score
        if best is not None:
            return Resolved(best, best.name, "person", False, min(0.9, 0.5 + 0.1 * best_score),
                            description=m.description)
        g = N.gender_of_title(mention)
        desc = re.sub(r"^(?:the|a|an|this|that)\s+", "", " ".join(mention.split()), flags=re.IGNORECASE)
        desc = re.split(r",?\s+(?:who|which|whose)\s", desc, maxsplit=1)[0].strip(" ,")  # "director, who will …"
        e = self._new(desc, "anonymous", anonymous=True, gender=g)
        return Resolved(e, desc, "anonymous", True, 0.4, description=m.description or mention)

    def _document(self, m: Mention, mention: str, pos: int) -> Resolved:
        """A document speaks for its author: "a Quinnipiac University poll" → Quinnipiac University,
        "a new ad from Donald Trump's campaign" → Trump campaign; "the ad" → the last ad's author."""
        text = " ".join(mention.split())
        words = _words(text)
        head = next((w for w in reversed(words) if w in L.DOCUMENT_HEADS or w.rstrip("s") in L.DOCUMENT_HEADS
                     or w in _DOC_WORDS), words[-1] if words else "")
        author = None
        head_text = split_appositive(text)[0].strip(" ,")
        by = re.search(r"\b" + re.escape(head) + r"s?\s+(?:(?:released|conducted|commissioned|published|written|"
                       r"produced|paid for|filed)\s+)?(?:by|from|of)\s+((?:the\s+)?[A-Z][^,;:()]*)$",
                       head_text) if head else None
        before = re.match(r"(?:(?i:the|a|an|this|that|its|another|one|new|latest|recent|\d[\w-]*)\s+)*"
                          r"((?:[A-Z][\w.&’'/-]*\s+)*[A-Z][\w.&’'/-]*?)(?:['’]s)?\s+(?:[a-z][\w-]*\s+){0,2}"
                          + re.escape(head) + r"\b", head_text) if head else None
        wrote = re.search(r"\b" + re.escape(head) + r"s?\s+(?:that\s+|which\s+)?(He|She|he|she|(?:(?:Mr|Mrs|Ms|Dr)"
                          r"\.\s+)?[A-Z][\w’'-]+)\s+(?:had\s+|has\s+)?(?:submitted|filed|wrote|released|published|"
                          r"sent|signed|issued|commissioned|posted|tweeted|delivered|gave|made)\b", text) if head else None
        if wrote and wrote.group(1).lower() in {"he", "she"}:  # "new financial documents he submitted"
            gender = "male" if wrote.group(1).lower() == "he" else "female"
            e, conf = self._salient_person(pos, gender, None)
            if e is not None:
                return Resolved(e, e.name, "person", False, min(0.6, conf))
        if by:
            author = by.group(1)
        elif wrote:
            author = wrote.group(1)
        elif before and before.group(1) and N.fold(before.group(1).split()[0]) not in _DETERMINERS:
            author = before.group(1)
        if author:
            res = self._author(author, pos)
            if res is not None:
                self._docs.append((pos, head, res))
                return res
        if words and words[0] in {"the", "this", "that", "it"}:
            for _, h, res in reversed(self._docs):
                if h == head:
                    return Resolved(res.ent, res.entity, res.kind, res.anonymous, min(0.6, res.confidence))
            if head in _ADS:  # "The ad" after "the Republican National Committee released …": theirs
                e = self._recent(pos, lambda e: e.kind in {"organisation"} and not e.anonymous, 12)
                if e is not None:
                    return Resolved(e, e.name, e.kind, False, 0.4)
            if head in _OUTLET_PIECES:  # "The piece", "the report" after an outlet: that outlet's work
                e = self._recent(pos, lambda e: e.kind == "outlet", 40)
                if e is not None:
                    return Resolved(e, e.name, "outlet", False, 0.5)
        name = m.entity if m.kind == "document" and m.entity else None
        if name is None:  # "a council document seen by the Valley Herald": the document, not who saw it
            cut = re.search(r"\b" + re.escape(head) + r"s?\b", text, re.IGNORECASE) if head else None
            name = re.sub(r"^(?i:the|a|an|another|one|this|that)\s+", "", text[:cut.end()] if cut else text)
        e = self._new(name, "document")
        return Resolved(e, name, "document", False, 0.7, role=m.role, description=m.description or text)

    def _author(self, name: str, pos: int) -> Resolved | None:
        name = re.sub(r"^(?:the|The)\s+", "", name.strip())
        name = re.sub(r"\s+(?:(?:last|this|next|earlier this|later this)\s+(?:week|month|year|\w+day)|"
                      rf"(?:on|in)\s+{_WHEN_WORD}(?:\s+{_WHEN_WORD})*)$", "", name)  # "… Affairs last month"
        if re.search(r"\s(?:and|&)\s", name) and name[:1].isupper():
            e = self._named(name, "group")  # "Harvard and the University of California at Berkeley"
            return Resolved(e, e.name, "group", False, 0.7)
        found = analyse(name)
        if found.kind == "organisation" and found.entity and _words(found.entity)[-1:] in (["campaign"], ["team"]):
            return self._body(name, "campaign", pos)
        words = N.name_words(found.entity or "")
        if found.kind == "person" and found.entity and words:
            if len(words) == 1 or not N.is_first_name(words[0]):
                if self._by_surname.get(words[-1]) or N.known_person(words[-1]):
                    e, conf = self._surname_person(found.entity, pos)
                    return Resolved(e, e.name, e.kind, False, conf * 0.9)
            if len(words) >= 2 and N.is_first_name(words[0]):
                e = self._person(found.entity)
                return Resolved(e, e.name, "person", False, 0.8)
        if found.kind in {"organisation", "government", "outlet"} and found.entity:
            e = self._named(found.entity, found.kind)
            return Resolved(e, e.name, found.kind, False, 0.8)
        if _TITLE_ORG.fullmatch(name) or re.fullmatch(r"(?:[A-Z][\w.&’'-]*\s+)*[A-Z][\w.&’'-]*", name):
            e = self._named(name, "organisation")
            return Resolved(e, e.name, "organisation", False, 0.7)
        return None

    def _body(self, mention: str, head: str, pos: int) -> Resolved:
        """"the campaign", "her campaign", "Clinton's team", "the agency", "the bank"."""
        words = mention.split()
        owner = None
        e: _Ent | None
        before = [w for w in words[:-1] if N.fold(w) not in {"the", "a", "an", "new", "former"}]
        if before and N.fold(before[-1]) in {"his", "her", "their"}:
            g = N.fold(before[-1])
            gender = "female" if g == "her" else "male" if g == "his" else None
            owner, _ = self._salient_person(pos, gender, None)
        elif before and before[0][:1].isupper():
            named = self._person_in_mention([(pos, pos + len(" ".join(words)))])
            if named is not None:
                owner = named[0]
            else:
                last = re.sub(r"['’]s$", "", before[-1])
                if self._by_surname.get(N.fold(last)) or N.known_person(last):
                    owner, _ = self._surname_person(last, pos)
        if owner is not None and head in {"campaign", "team"}:
            e = self._named(f"{owner.name.split()[-1]} campaign", "organisation")
            return Resolved(e, e.name, "organisation", False, 0.75)
        if head in {"campaign", "team"}:
            e = self._recent(pos, lambda e: e.kind == "organisation" and "campaign" in _words(e.name), 200)
            if e is not None:
                return Resolved(e, e.name, "organisation", False, 0.6)
            owner, _ = self._salient_person(pos, None, None)
            if owner is not None and owner.named >= 2:
                e = self._named(f"{owner.name.split()[-1]} campaign", "organisation")
                return Resolved(e, e.name, "organisation", False, 0.4)
        kinds = {"government"} if head in _GOV_HEADS else {"organisation", "government"}
        e = self._recent(pos, lambda e: e.kind in kinds and head in _words(e.name), 200)
        if e is None and head in _BODY_NAME_WORDS:  # "the agency" after "the Congressional Budget Office"
            fits = _BODY_NAME_WORDS[head]
            e = self._recent(pos, lambda e: e.kind in kinds and (
                bool(set(_words(e.name)) & fits) or "*place" in fits and e.name.lower() in PLACES), 30)
        if e is not None:
            return Resolved(e, e.name, e.kind, False, 0.6)
        desc = re.sub(r"^(?:the|a|an|this|that)\s+", "", " ".join(words), flags=re.IGNORECASE)
        return Resolved(None, desc, "government" if head in _GOV_HEADS else "organisation", False, 0.3)

    def implicit(self, a: Attribution, contents: list[SpanPair]) -> Resolved | None:
        """The speaker of an attribution whose source the text leaves implicit.

        "…, suggesting that …" and "Claiming …, Trump said": the subject of the clause — the first
        entity named in the cue's sentence before the cue (else after it), never one inside a
        reported content; a leading "He"/"She" resolved like a pronoun source.
        """
        if not a.cue:
            return None
        cue = a.cue[0][0]
        k = self._sentence_index(cue)
        if k < 0:
            return None
        s0, s1 = self.sents[k]
        inside = lambda p: any(s <= p < t for s, t in contents)  # noqa: E731
        lo, hi = bisect.bisect_left(self._ref_pos, s0), bisect.bisect_left(self._ref_pos, s1)
        own = re.search(r"(?:\b(His|Her|Their|his|her|their)\s+(?:[a-z-]+\s+)?|(['’]s?)\s+)$",
                        self.text[max(s0, cue - 40):cue])
        if own and own.group(1):  # "his claim that …": the owner speaks
            key = own.group(1).lower()
            res = self._pronoun(Mention(None, "pronoun", needs="pronoun", key={"his": "he", "her": "she"}.get(
                key, "they"), plural=key == "their"), max(s0, cue - 40) + own.start(), a)
            if res.ent is not None:
                return Resolved(res.ent, res.entity, res.kind, res.anonymous, min(0.5, res.confidence))
        if own and own.group(2):  # "Trump's claim that …"
            at = max(s0, cue - 40) + own.start()
            owner = [r for r in self.refs[lo:hi] if r.end == at]
            if owner:
                e = owner[-1].ent
                return Resolved(e, e.name, e.kind, e.anonymous, 0.5)
        # a dateline opening the sentence ("WASHINGTON –", a layer of its own) is no subject
        dateline = max((e for s, e in self._datelines if s <= s0 < e or s0 <= s < cue), default=s0)
        before = [r for r in self.refs[lo:hi] if dateline <= r.pos < cue and not inside(r.pos) and not r.ent.weak]
        if before and _SUBORDINATE_OPENING.match(self.text, max(s0, dateline)):
            # "While protesters chanted, …, Speaker Brian Bosma spoke before lawmakers defending …": the
            # subject follows the opening clause's last comma
            comma = self.text.rfind(",", before[0].pos, cue)
            after = [r for r in before if r.pos > comma]
            before = after or before
        if before:
            first = before[0]
            e = first.ent
            nxt = before[1] if len(before) > 1 else None
            if nxt is not None and nxt.ent.kind == e.kind and re.fullmatch(r"\s*(?:,|and|&)\s*(?:the\s+)?",
                                                                             self.text[first.end:nxt.pos]):
                g = self._named(f"{e.name} and {nxt.ent.name}", "group" if e.kind == "person" else e.kind)
                return Resolved(g, g.name, g.kind, False, 0.5)  # "China and Russia support …"
            return Resolved(e, e.name, e.kind, e.anonymous, 0.5)
        m = re.match(r"\s*(He|She|They|It)\b", self.text[s0:cue])
        if m:
            res = self._pronoun(Mention(None, "pronoun", needs="pronoun", key=m.group(1).lower(),
                                        plural=m.group(1) == "They"), s0, a)
            if res.ent is not None:
                return Resolved(res.ent, res.entity, res.kind, res.anonymous, min(0.5, res.confidence))
        after = [r for r in self.refs[lo:hi] if r.pos > cue and not inside(r.pos) and not r.ent.weak
                 and r.ent.kind in {"person", "organisation", "government", "outlet"}]
        if after and re.match(r"\s*\w+ing\b", self.text[cue:cue + 30]) and cue - s0 < 4:
            e = after[0].ent
            return Resolved(e, e.name, e.kind, e.anonymous, 0.4)
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

    def own_voice(self, a: Attribution) -> Resolved | None:
        """First person outside any quotation: the byline's author ("I"), else the outlet ("we")."""
        word = N.fold(" ".join(self.text[s:e] for s, e in a.source.spans))
        authors = [x for x in self.doc.meta.authors if x and x.strip()]
        if word in {"i", "me", "my"} and len(authors) == 1:
            e = self._person(authors[0].strip())
            return Resolved(e, e.name, "person", False, 0.7)
        if self._own is not None:
            return Resolved(self._own, self._own.name, "outlet", False, 0.6)
        return None

    def note_speaker(self, pos: int, e: _Ent | None) -> None:
        if e is not None:
            bisect.insort(self._last_source, (pos, e), key=lambda t: t[0])

    # -- output ---------------------------------------------------------------------------------
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


_DATELINE = re.compile(r"^[A-Z]{3,}(?:[ ,]+[A-Z][A-Za-z.]*)*\s*(?:\([^)]{1,20}\)\s*)?[-–—]+\s*")
_LEADING_JUNK = {"on", "after", "before", "even", "only", "but", "and", "as", "in", "at", "for", "with", "by", "if",
                 "when", "while", "since", "also", "so", "then", "now", "still", "yet", "unlike", "say"}
_WHEN_WORD = (r"(?:\d{4}|\d{1,2}(?:st|nd|rd|th)?|late|early|mid|last|this|(?i:monday|tuesday|wednesday|thursday|"
              r"friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|"
              r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?)")
_TRAILING_JUNK = re.compile(r"\s+(?:on|in|at|by|from|during|after|before|released|published)"
                            rf"(?:\s+{_WHEN_WORD})+\s*$|\s+(?:on|in|released|published|conducted|issued)\s*$")


def _clean_mention(mention: str) -> str:
    """A source mention without a dateline, leading connectives or participles, or a trailing date
    ("BRUSSELS - European leaders", "contradicting Tulsa police", "the Human Rights Council in 2015")."""
    m = " ".join(mention.split())
    m = _DATELINE.sub("", m) or m
    words = m.split()
    while len(words) > 1 and (N.fold(words[0]) in _LEADING_JUNK or re.fullmatch(r"[a-z]+ing", words[0])
                              or N.fold(words[0]) == "both" and words[1][:1].isupper() and "and" not in words):
        words = words[1:]
    # lower-case adjectives before a capitalised name ("nonpartisan Congressional Budget Office")
    k = 1 if words and N.fold(words[0]) in {"the", "a", "an"} else 0
    lead = words[:k]
    while k < len(words) - 1 and words[k].islower() and N.fold(words[k]) not in ROLE_WORDS \
            and N.fold(words[k]) not in _DESCRIPTORS and N.fold(words[k]) not in _PEOPLE_HEADS:
        k += 1
    if len(lead) < k < len(words) and words[k][:1].isupper() and all(
            w[:1].isupper() or w in {"of", "for", "and", "the", "on", "to"} for w in words[k:]):
        words = lead + words[k:]
    m = " ".join(words)
    m = re.sub(r"^((?i:a|an|the|this)\s+[a-z][\w’'-]*(?:\s+[a-z][\w’'-]*){0,2}?)\s+that\s+.+$", r"\1", m)
    m = re.sub(r",\s+[a-z]+ing\b.*$", "", m)  # "An official at the ministry, speaking on condition …"
    # "a claim the contractor (reportedly denies)": the speaker is the clause's subject, not the claim
    m = re.sub(r"^(?i:a|an|the)\s+(?:claim|charge|accusation|allegation|assertion|statement|view|account)\s+"
               r"(?=(?:the|a|an|his|her|their|its)\s+\w)", "", m)
    return _TRAILING_JUNK.sub("", m) or m


def _doc_head(mention: str) -> bool:
    """Is the head noun of the mention's first noun phrase a document word ("new financial documents
    he submitted …", "a speech Mrs. Clinton delivered"; not "the editorial board of …")?"""
    raw = " ".join(mention.split()).split()
    head = None
    for i, w in enumerate(raw):
        f = N.fold(w)
        if i and (w[:1].isupper() or f in _PREPOSITIONS or f in {"that", "which", "who", "he", "she", "they",
                                                                  "it", "we", "i"}):
            break
        if f not in _DETERMINERS:
            head = f
    return head is not None and head != N.fold(raw[-1]) and (head in L.DOCUMENT_HEADS or head in _DOC_WORDS)


def name_words_raw(name: str) -> list[str]:
    return [w for w in name.split() if N.fold(w) not in N.SUFFIXES]


def _head_span(text: str, spans: list[SpanPair]) -> SpanPair | None:
    """The span of a source's head ("Gen. Mark Milley" of "Gen. Mark Milley, who heads …")."""
    s, e = spans[0]
    head, _ = split_appositive(text[s:e])
    head = head.strip(" ,")
    if not head:
        return (s, e)
    k = text.find(head, s, e)
    return (k, k + len(head)) if k >= 0 else (s, e)


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
    for a in order:
        mention = " ".join(text[s:e] for s, e in a.source.spans)
        if N.fold(mention.strip(" ,")) in {"i", "we", "me", "us", "my", "our"}:
            firsts.append(a)
            continue
        res = r.resolve(a)
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
    contents = sorted(p for a in atts for p in a.content)
    for a in atts:  # no source in the text: the clause's subject, when one is named
        if a.source.spans or a.id in copies:
            continue
        implicit = r.implicit(a, contents)
        if implicit is not None:
            results[a.id] = implicit
    r.link_pronouns()
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
