"""The entity layer's parts: the entities and references the resolver keeps, what a source
resolves to, the state every part of the resolver shares, and the word lists and patterns it reads
names and descriptions with."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..document import Attribution, Document, SpanPair
from . import lexicon as L
from . import names as N
from .speakers import (
    ROLE_WORDS,
    Mention,
    split_appositive,
)

#: Runs of capitalised words, abbreviations ("Mr.", "U.S.") and name particles: candidate names.
_ABBR = r"(?:[A-Z]\.(?:[A-Z]\.)*|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Sens|Rep|Reps|Gov|Lt|Col|Sgt|Capt|Adm|Maj|St|Jr|Sr|Prof|Rev|Hon|Co|Inc|Corp|Ltd|Bros)\.)"

_CAP_TOKEN = rf"(?:{_ABBR}|[A-Z](?:[\w’'\-]|(?<=[\u00c2\u00c3])[\u00a0-\u00bf])*)"  # "TomÃ¡s": mangled UTF-8

_CAP_RUN = re.compile(rf"(?<![\w’']){_CAP_TOKEN}(?:[ \t]+(?:{_CAP_TOKEN}|(?:de|van|von|bin|al|da|del|la|le)(?=[ \t]+[A-Z])))*")

PERSON_TITLES = L.PERSON_TITLES

#: Head nouns of bodies whose names go on with "of", "for" or "on" ("Board of Elections", "Center for
#: American Progress", "Council on Foreign Relations", "Bank of America").
INSTITUTION_HEADS = {"board", "department", "bureau", "office", "commission", "committee", "council", "university",
                     "institute", "center", "centre", "association", "federation", "league", "ministry", "chamber",
                     "academy", "college", "school", "society", "foundation", "coalition", "alliance", "bank",
                     "fund", "union", "agency", "administration", "court", "americans", "citizens", "friends"}
#: What joins such a head to the rest of the name.
_JOINER = re.compile(r"[ \t]+(?:of|for|on)[ \t]+(?:the[ \t]+)?")

#: Heads that make a description a person's campaign ("her campaign", "the Clinton camp", "Trump's team").
CAMPAIGN_HEADS = frozenset({"campaign", "team", "camp"})
#: Heads of descriptions that name an institution, not a person ("the campaign", "the agency").
_BODY_HEADS = {"campaign", "team", "bank", "chamber", "agency", "union", "company", "firm", "department", "bureau",
               "authority", "commission", "association", "institute", "network", "cooperative", "co-op", "contractor",
               "administration", "committee", "group", "organization", "organisation", "party", "alliance",
               "court", "panel", "government", "ministry", "office", "coalition", "council", "board",
               "university", "center", "centre", "foundation", "state", "city", "country"}

_GOV_HEADS = {"agency", "department", "bureau", "administration", "court", "government", "ministry", "office", "authority",
              "state", "city", "country", "council", "board", "panel"}

_QUOTES = "\"“”«»"

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
#: Adverbs of a title-case headline, which no name holds ("Tim Allen Just Got Asked About …").
_HEADLINE_ADVERBS = {"just", "now", "also", "finally", "already", "never", "again", "really", "actually", "got"}


def breaks_run(word: str) -> bool:
    """Whether a capitalised word inside a run ends the name before it: a verb of a title-case headline
    ("Trump Is Right", "Glenn Beck Just Responded": every inflected verb of saying, but not the "-s" form of
    one that is also a noun, "States", "Reports"), or a headline's adverb."""
    f = N.fold(word)
    if f in _RUN_BREAKS or f in _HEADLINE_ADVERBS:
        return True
    lemma = L.SPEECH.get(f)
    return lemma is not None and f != lemma and not (lemma in L.NOUN_VERBS and f == lemma + "s")

#: The words company names end with ("Vanguard Logistics Services", "Delta Air Lines", "Walt Disney Co.").
COMPANY_TAILS = {"inc", "corp", "co", "llc", "ltd", "plc", "group", "services", "logistics", "systems", "technologies",
                 "industries", "partners", "holdings", "airlines", "lines", "airways", "motors", "pharmaceuticals",
                 "solutions", "enterprises", "ventures", "communications", "entertainment", "studios", "securities",
                 "investments", "associates", "bancorp", "labs"}
#: Last words that make a capitalised name a body, not a person ("Mayo Clinic", "Acme Corp").
_ORG_TAILS = COMPANY_TAILS | {
    "clinic", "hospital", "foundation", "institute", "university", "college", "center", "centre", "fund", "bank",
    "trust", "association", "council", "committee", "party", "network", "project", "institution", "society",
    "league", "agency", "lab"}

#: A body's common noun right after its name, which makes the name a body's: "the United Steelworkers union",
#: "the Brujas group" (not "the Trump campaign" or "the Obama administration", a person's body).
_BODY_NOUN_AFTER = re.compile(r"[ \t]+(?:union|group|company|firm|association|coalition|organi[sz]ation|foundation|"
                              r"charity|nonprofit|non-profit|network|alliance|PAC|super PAC|think tank)\b(?![-’'])")
#: A body's common noun right before its name: "advocacy group Autism Speaks", "the nonprofit Sandy Hook Promise".
_BODY_NOUN_BEFORE = re.compile(r"\b(?:group|company|firm|nonprofit|non-profit|charity|organi[sz]ation|coalition|"
                               r"association|PAC|startup|network|think tank)[ \t]+$")
_BODY_APPOSITIVE = re.compile(r",\s+(?:a|an|the)\s+(?:(?!(?:of|for|at|in|with|to)\s)[\w-]+\s+){0,3}?(?:firm|company|group|organi[sz]ation|"
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

_DOC_FROM = re.compile(r"(?i:the|a|an|another|one|this|that)\s+(?:[\w.-]+\s+){0,2}?(?:memo|report|poll|study|survey|"
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
    "university": {"university", "college"}, "school": {"school", "college", "academy"},
    "chamber": {"chamber", "senate", "house", "assembly", "parliament"}, "bureau": {"bureau", "fbi"},
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


class ResolverState:
    """What every part of :class:`~.entities.EntityResolver` reads and keeps while one document is
    resolved (the parts: :class:`~.entity_scan.MentionScan`, :class:`~.pronouns.PronounCases`,
    :class:`~.entity_cases.DescribedCases`)."""

    #: How many sentences back a pronoun looks for its antecedent.
    PRONOUN_SENTENCES = 4
    #: A lone surname shared by several people means the one named within this many sentences.
    SURNAME_SENTENCES = 1

    doc: Document
    text: str
    regions: list[SpanPair]
    sents: list[SpanPair]
    ents: list[_Ent]
    refs: list[_Ref]
    _datelines: list[SpanPair]
    _sent_starts: list[int]
    _by_key: dict[tuple[str, str], _Ent]
    _by_surname: dict[str, list[_Ent]]
    _inner_words: dict[str, list[_Ent]]
    _first_at: dict[int, tuple[int, int | None]]
    _by_name: dict[tuple[str, str], _Ent]
    _last_source: list[tuple[int, _Ent]]
    _lone: set[str] | None
    _ref_pos: list[int]
    _sorted: bool
    _docs: list[tuple[int, str, Resolved]]
    _quotes: list[tuple[int, int]] | None
    _quote_starts: list[int]
    _credit: _Ent | None
    _own: _Ent | None

    if TYPE_CHECKING:  # the methods one part calls in another
        def _new(self, name: str, kind: str, **kw) -> _Ent: ...
        def _named(self, name: str, kind: str) -> _Ent: ...
        def _person(self, name: str, gender: str | None = None) -> _Ent: ...
        def _surname_person(self, surname: str, pos: int, gender: str | None = None,
                            title: str = "") -> tuple[_Ent, float]: ...
        def _sentence_index(self, pos: int) -> int: ...
        def _opens_sentence(self, pos: int) -> bool: ...
        def _salient_person(self, pos: int, gender: str | None,
                            a: Attribution | None) -> tuple[_Ent | None, float]: ...
        def _pronoun(self, m: Mention, pos: int, a: Attribution) -> Resolved: ...
        def _resolve(self, m: Mention, mention: str, pos: int, a: Attribution) -> Resolved: ...
        def resolve(self, a: Attribution) -> Resolved: ...
        def _second_look(self, res: Resolved, mention: str, pos: int) -> Resolved: ...
        def _description(self, m: Mention, mention: str, pos: int) -> Resolved: ...
        def _document(self, m: Mention, mention: str, pos: int) -> Resolved: ...
        def _body(self, mention: str, head: str, pos: int) -> Resolved: ...
        def _recent(self, pos: int, pred, limit: int = 400) -> _Ent | None: ...
        def _recent_ref(self, pos: int, pred, limit: int = 400) -> _Ref | None: ...
        def _in_quotation(self, pos: int) -> bool: ...
        def _person_in_mention(self, spans: list[SpanPair]) -> tuple[_Ent, float] | None: ...
        def _people_in_mention(self, spans: list[SpanPair]) -> list[_Ent]: ...
        def _ref_at(self, spans: list[SpanPair]) -> _Ent | None: ...
