"""Sources that describe rather than name: descriptions ("the Republican nominee"), documents
("a memo from …") and their authors, bodies ("the campaign", "the agency"), implicit subjects and
the article's own voice."""

from __future__ import annotations

import bisect
import math
import re
from functools import cached_property, lru_cache

from ..document import Attribution, Source, SpanPair
from . import lexicon as L
from . import names as N
from .common_words import is_common
from .entity_model import (
    _ADS,
    _BODY_NAME_WORDS,
    _DETERMINERS,
    _DOC_WORDS,
    _GOV_HEADS,
    _HONORIFICS,
    _OUTLET_PIECES,
    _SIDES,
    _SUBORDINATE_OPENING,
    _TITLE_ORG,
    _WHEN_WORD,
    CAMPAIGN_HEADS,
    COMPANY_TAILS,
    PERSON_TITLES,
    Resolved,
    ResolverState,
    _Ent,
    _Ref,
    _words,
)
from .speakers import (
    FUNCTION_CAPS,
    PLACES,
    ROLE_WORDS,
    Mention,
    analyse,
    government_name,
    outlet_name,
    split_appositive,
)

#: Heads of a description that means the company or institution the article just named.
_COMPANY_HEADS = {"company", "firm", "airline", "automaker", "carmaker", "retailer", "lender", "insurer", "bank",
                  "manufacturer", "startup", "start-up", "conglomerate", "chain"}
#: A capitalised run of words (a name, with "of"/"and"/"&" inside it).
#: (A full stop after a word of two lower-case letters or more ends a sentence, and the run: "Journal. Friends".)
_COMPANY_RUN = re.compile(r"(?:[A-Z][\w&.’'-]*)(?:(?<![a-z]{2}\.)[ \t]+(?:(?:of|and|&|for|de)[ \t]+)?[A-Z][\w&.’'-]*)*")
_WEEK = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
         "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
#: First words that do not open a company's name.
_NOT_COMPANY = _WEEK | FUNCTION_CAPS | {w for w in ROLE_WORDS if w.isalpha()} | {"i", "it", "he", "she", "they", "we",
                                                                                  "his", "her", "their", "its"}


#: A sentence opening with a participle's clause, whose subject follows its comma ("Speaking to MSNBC, Bush …").
_PARTICIPLE_OPENING = re.compile(r"\s*[A-Z][a-z]{2,}ing\s[^,]{0,120},")

_NAME_AT_START = re.compile(r"(?:the\s+)?[A-Z][\w.&’'/-]*(?:\s+(?:(?:of|for|and|on|de|the|&)\s+)*[A-Z][\w.&’'/-]*)*")


def _leading_name(text: str) -> str:
    """The capitalised name a phrase opens with ("Politifact of presidential elections" → "Politifact")."""
    # what happened to a document ends its author's name: "the American Legion obtained by The Associated Press"
    text = re.split(r"\s+(?:obtained|seen|reviewed|viewed|sent|addressed|provided|given|leaked)\s+(?:by|to)\s",
                    text.strip())[0]
    m = _NAME_AT_START.match(text)
    if not m:
        return text
    rest = text[m.end():].split()
    if any(w[:1].isupper() for w in rest[:3]):
        return text  # "Loyola Law School professor Justin Levitt": a role, then the name
    return m.group().strip()


#: A preposition right before a name puts it in a phrase, not in the subject ("Speaking in Florida, Trump …").
_IN_PHRASE = re.compile(r"\b(?:in|at|on|over|from|to|for|of|with|about|against|into|across|than|by|near)\s+"
                        r"(?:(?:the|a|an)\s+)?$")
#: A column's foot: a full name, an optional appositive, then what the person is.
_AUTHOR_BIO = re.compile(r"(?P<name>(?:[A-Z][\w.’'-]*\s+){1,3}[A-Z][\w’'-]+)(?:,[^,\n]{3,90},)?\s+(?:is|was|has been)\s")
_BIO_WORDS = re.compile(r"\b(?:author|co-author|editor|columnist|contributor|contributors|writer|professor|fellow|"
                        r"member|president|director|founder|co-founder|historian|host|co-host|reporter|correspondent|"
                        r"executive|lawyer|attorney|analyst|economist|scholar|senior|former|retired|chair)\b", re.I)
#: Heads that refer back to any organisation just named ("the group", "the organization").
_ANY_BODY = {"group", "organization", "organisation", "nonprofit", "non-profit", "charity", "coalition",
             "association"}
#: What a later mention of a document may have been called first ("the findings" of "a poll").
_FIRST_CALLED = {"findings": ("poll", "survey", "study", "report"), "results": ("poll", "survey", "study"),
                 "poll": ("poll", "survey"), "survey": ("survey", "poll"), "ad": ("ad", "advertisement", "commercial", "spot"),
                 "reports": ("reports", "report"), "report": ("report", "reports")}
_NAME = r"((?:[A-Z][\w.&’'-]*(?<![a-z]{2}\.)\s+(?:(?:of|for|and|on|&|the)\s+){0,2}){0,7}[A-Z][\w.&’'-]*)"  # at most 8 words
_DET = r"(?:a|an|its|his|her|their|the|this|that)\s+(?:[\w’'.-]+\s+){0,3}?"
_ISSUED = (r"(?:released|issued|sent|filed|published|posted|put\s+out|launched|unveiled|ran|aired|wrote|signed|circulated|"
           r"(?:(?:is|are|was|were)\s+)?(?:releasing|issuing|sending|filing|publishing|posting|putting\s+out|launching|"
           r"unveiling|running|airing|circulating))")
_SAID_IN = r"(?:said|says|wrote|writes|announced|added|argued|stated|noted|explained|responded)\s+(?:\w+\s+)?(?:in|on)\s+"


@lru_cache(maxsize=64)
def _issuer_patterns(head: str) -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]:
    """The ways a text says who issued a document called ``head``, and how it brings in a new one."""
    heads = "|".join(re.escape(h) for h in _FIRST_CALLED.get(head, (head,)))
    issued = (
        re.compile(_NAME + r"(?:,[^,.]{1,80},)?\s+" + _SAID_IN + _DET + r"(?:" + heads + r")s?\b"),
        re.compile(_NAME + r"(\s+(?:campaign|camp|team))?(?:,[^,.]{1,80},)?\s+(?:has\s+|had\s+|have\s+)?" + _ISSUED + r"\s+" + _DET
                   + r"(?:" + heads + r")s?\b"),
        re.compile(r"\b(?:" + heads + r")s?\s+(?:(?:released|issued|sent|filed|written|signed|paid\s+for)\s+)?"
                   r"(?:by|from)\s+(?:the\s+)?" + _NAME),
        re.compile(_NAME + r"['’]s?\s+(?:[a-z][\w-]*\s+){0,2}(?:" + heads + r")s?\b"),
        re.compile(r"(?<![\w.] )" + _NAME + r"\s+(?:" + heads + r")s?\b"),
    )
    return issued, re.compile(r"\b(?i:a|an|another)\s+(?:[\w’'-]+\s+){0,3}?(?:" + heads + r")s?\b")


def _issuer_before(text: str, head: str, pos: int, reach: int = 4000) -> str | None:
    """Who issued the last document called ``head`` before ``pos``, where the text says so: "Vanguard said
    in a statement", "the American Legion sent a letter", "a letter from the American Legion",
    "Exxon's letter", "Federal Election Commission reports"; None when the text does not say."""
    window = text[max(0, pos - reach):pos]
    issued, new_one = _issuer_patterns(head)
    best: tuple[int, str] | None = None
    for pat in issued:
        for m in pat.finditer(window):
            name = re.sub(r"^The\s+", "", m.group(1))
            if m.re.groups > 1 and m.group(2):  # "The Jeb Bush campaign is releasing a new ad"
                name += m.group(2)
            first = name.split()[0].lower()
            if first in _NOT_COMPANY or first in {"a", "an", "in", "on", "at"}:
                continue
            if best is None or m.end() > best[0]:
                best = (m.end(), name)
    if best is None:
        return None
    if any(m.end() > best[0] for m in new_one.finditer(window)):
        return None  # a newer document of that name, whose issuer the text does not give
    return best[1]


#: A letter's signature: a paragraph that is only a name (then one that is only a place) or only a handle.
_SIGNATURE = re.compile(r"\n[ \t]*\n[ \t]*(?:(?P<name>(?:[A-Z][\w'’.-]*[ \t]+){1,3}[A-Z][\w'’-]+)\.?[ \t]*\n[ \t]*\n"
                        r"[ \t]*[A-Z][\w .'’-]{1,40}(?:,[ \t]*[A-Z][\w. ]{1,20})?\.?[ \t]*(?:\n|$)"
                        r"|(?P<handle>@\w{2,}))\.?[ \t]*(?:\n|$)")


def _signer_after(text: str, pos: int, reach: int = 3000) -> str | None:
    """Who signs the letter that ``pos`` is in: the first signature after it (see ``_SIGNATURE``) that opens with
    a first name, or is a handle; None when there is none within ``reach``."""
    m = _SIGNATURE.search(text, pos, pos + reach)
    if m is None:
        return None
    name = m.group("name") or m.group("handle")
    return name if name and (name.startswith("@") or N.is_first_name(name.split()[0])) else None


#: Where a clause starts inside a sentence: punctuation, or a conjunction or subordinator.
_CLAUSE_START = re.compile(r"[,;:(—–“”\"]|\b(?:after|when|while|because|as|since|although|though|before|until|if|that|"
                           r"and|but|so|where|whereas|once)\b", re.IGNORECASE)
#: Auxiliaries and adverbs between a subject and its verb ("the airline has also said").
_BEFORE_VERB = re.compile(r"(?:\s+(?:has|have|had|is|are|was|were|will|would|could|should|may|might|must|can|did|does|"
                          r"do|not|never|also|later|then|quickly|again|repeatedly|publicly|privately|recently|"
                          r"previously|earlier|often|once|already|still|just|even|only|reportedly|first|now))*\s*$",
                          re.IGNORECASE)
_SUBJECT_LEAD = re.compile(r"(?i:the|a|an|this|that|these|those|his|her|their|its|our|one|two|three|some|many|several|"
                           r"most|both|all|each|another)\b|[A-Z]")


def _clause_subject(text: str, s0: int, cue: int, a: Attribution) -> SpanPair | None:
    """The noun phrase right before an attribution's verb, its clause's subject ("He had been completing his
    year, a school spokesman told The Wall Street Journal"; "after the Democratic front-runner had said"): at
    most six words, opening with a determiner or a capital, nothing but auxiliaries and adverbs after it.
    None for a passive or reporting cue that takes no subject before it ("were claimed by", "according to")."""
    cue_text = " ".join(text[s:e] for s, e in a.cue).lower()
    if re.match(r"(?:was|were|is|are|been|being|be|according|per|citing|in)\b", cue_text):
        return None
    starts = [m.end() for m in _CLAUSE_START.finditer(text, s0, cue)]
    lo = max([s0, *starts])
    seg = text[lo:cue]
    tail = _BEFORE_VERB.search(seg)
    seg = seg[:tail.start()] if tail else seg
    np = seg.strip()
    if not np:
        return None
    start = lo + seg.index(np)
    words = np.split()
    if len(words) > 6 or not _SUBJECT_LEAD.match(np) or any(w.lower() in {"who", "which", "whom"} for w in words):
        return None
    if words[0].lower() in {"i", "you"} or N.fold(words[0]) in _WEEK:
        return None  # not "I", not "June 1"
    return (start, start + len(np))


class DescribedCases(ResolverState):
    def _recent_ref(self, pos: int, pred, limit: int = 400) -> _Ref | None:
        """The last reference before ``pos`` (among the last ``limit``) to an entity that passes ``pred``."""
        k = bisect.bisect_left(self._ref_pos, pos)
        return next((r for r in reversed(self.refs[max(0, k - limit):k]) if pred(r.ent)), None)

    def _recent(self, pos: int, pred, limit: int = 400) -> _Ent | None:
        """The entity of :meth:`_recent_ref`."""
        r = self._recent_ref(pos, pred, limit)
        return r.ent if r is not None else None

    def _description(self, m: Mention, mention: str, pos: int) -> Resolved:
        """"the Republican nominee" → the person whose roles hold "nominee" (and "republican")."""
        words = [w for w in _words(mention) if w not in {"the", "a", "an", "this", "that", "his", "her", "its"}]
        head = m.key or (words[-1] if words else "")
        mods = set(words) - {head}
        best, best_score = None, 0.0
        sides = {_SIDES[w] for w in mods if w in _SIDES}
        # "a Carrier executive", "one district GOP leader": an indefinite description brings in someone
        # new, whom the article does not name here, never a person it named
        indefinite = bool(re.match(r"(?:a|an|one|another)\s", " ".join(mention.split()), flags=re.IGNORECASE))
        for e in [] if indefinite else self.ents:
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
        inside = re.search(r"\b" + re.escape(head) + r"s?\s+(?:published\s+|released\s+)?in\s+((?:the\s+)?[A-Z][^,;:()]*)$",
                           head_text) if head and head in _OUTLET_PIECES | {"report", "poll", "survey", "reports"} else None
        if by:
            author = _leading_name(by.group(1))  # "An analysis by Politifact of presidential elections …"
        elif inside and outlet_name(_leading_name(inside.group(1))):
            author = _leading_name(inside.group(1))  # "a report in the Des Moines Register"
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
            if len(words) <= 5:  # "the statement" after "Vanguard said in a statement": Vanguard's
                issuer = _issuer_before(self.text, head, pos)
                res = self._author(issuer, pos) if issuer else None
                if res is not None:
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

    def _recent_company(self, pos: int) -> str | None:
        """The nearest capitalised name in this sentence or the two before that reads as a company or
        institution: not a person (no known first name or surname of the article), not a place,
        government or outlet, not a weekday, month or dateline; at most five words."""
        k = self._sentence_index(pos)
        if k < 0:
            return None
        lo = self._sent_starts[max(0, k - 2)]
        for m in reversed(list(_COMPANY_RUN.finditer(self.text, lo, pos))):
            run = re.sub(r"^(?:The|A|An)\s+", "", m.group()).strip()
            first = run.split(" ", 1)[0]
            opens = m.start() in self._sent_starts
            if opens and first.endswith("s") and is_common(first):
                opens = False
                run = re.sub(r"^\S+\s+(?:(?:of|and|&|for|de)\s+)?", "", run) if " " in run else ""  # "Shares of Apple"
            run = re.sub(r"['’]s$", "", run)
            if run.endswith(".") and run.split()[-1].rstrip(".").lower() not in {"inc", "co", "corp", "ltd"}:
                run = run.rstrip(".")  # "jobs in Indiana." — the sentence's full stop
            words = run.split()
            if not words or len(words) > 5 or N.fold(words[0]) in _NOT_COMPANY or run.lower() in PLACES:
                continue
            if run.isupper() and len(run) > 5 or N.is_first_name(words[0]) and len(words) >= 2:
                continue  # "WASHINGTON —", "Mark Zuckerberg"
            people = [e for e in self._by_surname.get(N.fold(words[-1])) or [] if len(e.name.split()) >= 2]
            if people or government_name(run) or outlet_name(run):
                continue
            if re.search(r"\b(?:in|at|near|from|of|to)\s+(?:the\s+)?$", self.text[max(0, m.start() - 12):m.start()]):
                continue  # "which is based in St. Louis": a place
            if len(words) == 1 and opens and is_common(run):
                continue  # "Shares fell": a common word opening a sentence
            return run
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
                # "Mrs. Clinton's presidential campaign": the owner is the possessive name, wherever it stands
                owned = next((w for w in reversed(before) if w[:1].isupper() and re.search(r"['’]s$", w)), before[-1])
                last = re.sub(r"['’]s$", "", owned)
                if self._by_surname.get(N.fold(last)) or N.known_person(last):
                    owner, _ = self._surname_person(last, pos)
        if owner is not None and owner.kind == "person" and head in {"office", "administration"}:
            last = owner.name.split()[-1]  # "his office" → "Eric Holcomb's office"; "his administration" → "Obama administration"
            e = self._named(f"{owner.name}'s office" if head == "office" else f"{last} administration", "government")
            return Resolved(e, e.name, "government", False, 0.6)
        if owner is not None and head in CAMPAIGN_HEADS:
            e = self._named(f"{owner.name.split()[-1]} campaign", "organisation")
            return Resolved(e, e.name, "organisation", False, 0.75)
        if head in CAMPAIGN_HEADS:
            e = self._recent(pos, lambda e: e.kind == "organisation" and "campaign" in _words(e.name), 200)
            if e is not None:
                return Resolved(e, e.name, "organisation", False, 0.6)
            owner, _ = self._salient_person(pos, None, None)
            if owner is not None and owner.named >= 2:
                e = self._named(f"{owner.name.split()[-1]} campaign", "organisation")
                return Resolved(e, e.name, "organisation", False, 0.4)
        kinds = {"government"} if head in _GOV_HEADS else {"organisation", "government"}
        e = self._recent(pos, lambda e: e.kind in kinds and (head in _words(e.name) or head in e.roles)
                         and (e.name[:1].isupper() or head not in _COMPANY_HEADS), 200)
        if e is None and head in _BODY_NAME_WORDS:  # "the agency" after "the Congressional Budget Office"
            fits = _BODY_NAME_WORDS[head]
            e = self._recent(pos, lambda e: e.kind in kinds and (
                bool(set(_words(e.name)) & fits) or "*place" in fits and e.name.lower() in PLACES
                or any(w.endswith(f) for w in _words(e.name) for f in fits if len(f) > 5)), 30)  # "Steelworkers"
        if e is None and head in _ANY_BODY and N.fold(words[0]) in {"the", "this", "that"} and len(words) <= 3:
            # "the group" after "the Trayvon Martin Foundation said": the last organisation named
            e = self._recent(pos, lambda e: e.kind == "organisation" and not e.anonymous and e.name[:1].isupper()
                             and len(e.name) > 2, 40)
        if e is not None:
            return Resolved(e, e.name, e.kind, False, 0.6)
        if head in _COMPANY_HEADS and N.fold(words[0]) in {"the", "this", "that"}:
            # "… at Vanguard Logistics Services. The company confirmed": the company last named by its name's end
            e = self._recent(pos, lambda e: e.kind == "organisation" and not e.anonymous and e.name[:1].isupper()
                             and N.fold(e.name.split()[-1].rstrip(".")) in COMPANY_TAILS, 40)
            if e is not None:
                return Resolved(e, e.name, "organisation", False, 0.55)
            run = self._recent_company(pos)  # "Monsanto sued … The company said": the body named just before
            if run is not None:
                e = self._named(run, "organisation")
                return Resolved(e, e.name, "organisation", False, 0.5)
        desc = re.sub(r"^(?:the|a|an|this|that)\s+", "", " ".join(words), flags=re.IGNORECASE)
        return Resolved(None, desc, "government" if head in _GOV_HEADS else "organisation", False, 0.3)

    def opening_word(self, a: Attribution) -> bool:
        """Whether the source is only the word that opens its sentence and names no one: "After saying
        …, Rubio said", "Speaking to MSNBC, Bush said", "Sunday morning, Clinton slammed …": a clause's
        first word taken for the source, whose speaker is the clause's subject (:meth:`implicit`)."""
        if len(a.source.spans) != 1:
            return False
        s, e = a.source.spans[0]
        words = [w.strip(",.;:") for w in self.text[s:e].split()]
        k = self._sentence_index(s)
        if not 1 <= len(words) <= 2 or k < 0 or self.text[self.sents[k][0]:s].strip(" \t\n\"'“‘(—–-"):
            return False
        folded = [N.fold(w) for w in words]
        if len(words) == 2:
            return folded[0] in FUNCTION_CAPS and folded[1] in _WEEK  # "By Sunday"
        w, f = words[0], folded[0]
        if f in _WEEK or f in FUNCTION_CAPS:
            return True
        # a participle or an adverb ("Speaking", "Hastily"), not a surname the article uses ("Manning")
        return f.endswith(("ing", "ly")) and is_common(w) and not N.is_first_name(w) \
            and not self._by_surname.get(f) and N.known_person(w) is None

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
        subject = _clause_subject(self.text, s0, cue, a)
        if subject is not None and not inside(subject[0]):
            # "…, a school spokesman told The Wall Street Journal": the noun phrase right before the verb
            res = self.resolve(Attribution(id=a.id, source=Source(spans=[subject]), cue=a.cue, content=a.content,
                                           kind=a.kind))
            if res.entity:
                return Resolved(res.ent, res.entity, res.kind, res.anonymous, min(0.5, res.confidence))
        end = a.cue[-1][1]
        inverted = [r for r in self.refs[lo:hi] if r.pos >= end and not inside(r.pos) and not r.ent.weak]
        if inverted and re.search(r"[,!?][”\"’']\s*$|[”\"]\s*,\s*$", self.text[max(s0, cue - 4):cue]) \
                and re.fullmatch(r"\s+(?:the\s+|[A-Z][a-z]{1,3}\.\s+)?", self.text[end:inverted[0].pos]) \
                and inverted[0].ent.kind in {"person", "organisation", "government", "outlet"}:
            e = inverted[0].ent  # "“…,” warned Clinton.": the subject after the verb that follows a quote
            return Resolved(e, e.name, e.kind, e.anonymous, 0.6)
        # a dateline opening the sentence ("WASHINGTON –", a layer of its own) is no subject
        dateline = max((e for s, e in self._datelines if s <= s0 < e or s0 <= s < cue), default=s0)
        before = [r for r in self.refs[lo:hi] if dateline <= r.pos < cue and not inside(r.pos) and not r.ent.weak
                  and not _IN_PHRASE.search(self.text, max(s0, r.pos - 24), r.pos)]  # not "in Florida"
        if before and (_SUBORDINATE_OPENING.match(self.text, max(s0, dateline))
                       or _PARTICIPLE_OPENING.match(self.text, max(s0, dateline))):
            # "While protesters chanted, …, Speaker Brian Bosma spoke before lawmakers defending …": the
            # subject follows the opening clause's last comma
            comma = self.text.rfind(",", before[0].pos, cue)
            after = [r for r in before if r.pos > comma]
            before = after or before
        if before:
            first = before[0]
            e = first.ent
            nxt = before[1] if len(before) > 1 else None
            if nxt is not None and nxt.ent is not e and nxt.ent.kind == e.kind and re.fullmatch(r"\s*(?:,|and|&)\s*(?:the\s+)?",
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

    @cached_property
    def _author_bio(self) -> str | None:
        """The writer a column's foot names: one of its last two paragraphs opens with a full name and
        says what the person is ("James Bovard is the author of …", "Glenn Harlan Reynolds, a University
        of Tennessee law professor, is a member of …"). Read once per document."""
        paragraphs = [p for p in re.split(r"\n\s*\n", self.text.strip()) if p.strip()]
        for para in paragraphs[-2:]:
            m = _AUTHOR_BIO.match(para.strip())
            if m and len(para.split()) <= 60 and _BIO_WORDS.search(para) \
                    and N.fold(m.group("name").split()[0]) not in _HONORIFICS | PERSON_TITLES:
                return m.group("name")
        return None

    def own_voice(self, a: Attribution) -> Resolved | None:
        """First person outside any quotation: the byline's author ("I"), else the outlet ("we")."""
        word = N.fold(" ".join(self.text[s:e] for s, e in a.source.spans))
        authors = [x for x in self.doc.meta.authors if x and x.strip()]
        if word in {"i", "me", "my"} and len(authors) == 1:
            e = self._person(authors[0].strip())
            return Resolved(e, e.name, "person", False, 0.7)
        signer = _signer_after(self.text, a.source.spans[0][0]) if word in {"i", "me", "my"} and not authors else None
        if signer is not None:  # a letter to the editor: "I" is whoever signs it ("Debby James. / Mission Viejo")
            e = self._named(signer, "person") if signer.startswith("@") else self._person(signer)
            return Resolved(e, e.name, "person", False, 0.6)
        bio = self._author_bio if word in {"i", "me", "my"} and not authors else None
        if bio is not None:  # "James Bovard is the author of …" at the foot of a column
            e = self._person(bio)
            return Resolved(e, e.name, "person", False, 0.6)
        if self._own is not None:
            return Resolved(self._own, self._own.name, "outlet", False, 0.6)
        return None
