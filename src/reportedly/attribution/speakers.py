"""Source mentions: what one mention says of its speaker before the document is read as a whole.

A source mention (the text of its spans) is read in steps, without a parser (:mod:`.entities`
then links the result to the document's entities):

1. **Split** an appositive or relative clause off the head ("Gen. Mark Milley, who heads the US
   Joint Chiefs of Staff" → head "Gen. Mark Milley", appositive "who heads …").
2. **Classify** the head, first match wins:
   pronoun ("he", "they", "who") → resolved later; group (coordinated names "Mr. Grassley and
   Mr. Leahy", plural people "Republicans in Congress", "Many Democrats"); outlet (a known name or alias, a capitalised name
   ending in "Times"/"News"/…, or an anaphor "the outlet"/"the newspaper"); government or place
   speaking for one ("Moscow", "Texas", "the White House", "the Russian Foreign Ministry", "the Trump
   administration"); document ("the report", "a new poll", "Video"); institutions named with
   "of"/"and"/"to" ("D.C. Court of Appeals’ Board on Professional Responsibility"); anonymous (a head noun such as
   "officials", "sources", "a person familiar with …", "a top US general" with no name after it);
   a definite description ("the president") → linked to an earlier person whose role holds that
   word; a name (the last run of capitalised words, titles such as "US President" or "Gen."
   stripped into ``role``); an organisation when the name ends in "Party", "Institute", … or is
   an acronym.
3. **Link**: done by :mod:`.entities`, which reads the whole document for names and resolves each
   mention to one of its entities (surnames, pronouns, descriptions, outlet anaphors).
The result, a :class:`Mention`, holds ``entity`` (canonical name when the mention gives one),
``kind`` (person | organisation | government | outlet | document | anonymous | group | pronoun),
``anonymous``, ``description`` (for unnamed sources), ``role`` and what it still ``needs``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..outlets import lookup_outlet
from . import lexicon as L
from . import names as N
from .affiliations import PARTIES, PLACE_OR_PARTY
from .common_words import is_common
from .segment import WORD

Pair = tuple[int, int]

_ARTICLES = {"a", "an", "the"}
_LEAD_DET = _ARTICLES | {"this", "that", "these", "those"}
_NAME_PARTICLES = {"de", "van", "von", "der", "den", "bin", "al", "da", "del", "la", "le", "di", "du", "ibn", "st"}
#: Short titles that make the word after them a name ("Mr. Smith", "Gen. Milley").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "adm"})
_HONORIFIC_WORDS = HONORIFICS | {"sens", "reps", "gens", "govs", "drs", "messrs", "mmes", "sir", "dame", "lord", "lady"}
#: Titles that are offices or parties, not where someone is from ("President", "Republican"; not "American").
_OFFICES = {w for w in L.TITLES if not re.fullmatch(r"[a-z]+(?:[^m]an|ish|ese|i)", w)} | {"republican", "democratic",
                                                                                          "democrat"}
PLURAL_PRONOUNS = {"they", "them", "we", "us"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
SINGLE_THING = {"it", "its", "which"}
_GROUP_WORDS = {"some", "many", "others", "several", "most", "few", "both", "all", "critics", "supporters",
                "opponents", "proponents", "skeptics", "sceptics", "democrats", "republicans", "conservatives",
                "liberals", "progressives", "voters", "americans", "scientists", "researchers", "investigators",
                "prosecutors", "lawyers", "attorneys", "doctors", "economists", "activists", "protesters",
                "demonstrators", "leaders", "authorities", "police", "troops", "soldiers", "negotiators"}
#: Extra role words stripped before a name (nationalities and offices not in the lexicon).
ROLE_WORDS = L.TITLES | {
    "spokesman", "spokeswoman", "spokesperson", "pentagon", "kremlin", "un", "eu", "nato", "european",
    "israeli", "palestinian", "turkish", "indian", "japanese", "canadian", "australian", "mexican", "polish",
    "belarusian", "syrian", "saudi", "korean", "north", "south", "italian", "spanish", "dutch", "swedish",
    "finnish", "hungarian", "czech", "georgian", "afghan", "iraqi", "egyptian", "qatari", "emirati", "brazilian",
    "venezuelan", "cuban", "joint", "chiefs", "of", "the", "intelligence", "agency", "department", "ministry",
    "representative", "envoy", "special", "deputy", "assistant", "associate", "executive", "general",
    "inspector", "counsel", "lawyer", "attorney", "doctor", "coach", "mp", "mep", "lawmaker", "reverend",
    "pastor", "bishop", "cardinal", "archbishop", "sheikh", "emir", "crown", "defense", "interior", "finance",
    "treasury", "health", "energy", "trade", "economy", "justice", "homeland", "education", "labor", "labour",
    "transportation", "agriculture", "commerce", "environment", "culture", "digital", "sports", "war",
    "sens", "reps", "gens", "govs", "drs", "messrs", "mmes", "lt", "sgt", "cpl", "pvt", "supt", "insp", "det",
}
_TITLE_HINTS = L.TITLES - {"the", "us", "u.s.", "white", "house", "national", "state", "security", "foreign",
                           "defense", "defence", "former", "top", "senior", "deputy", "acting", "vice", "press",
                           "staff", "head", "campaign", "police"} | {"gen", "mr", "mrs", "ms", "dr", "sen", "rep"}


#: Capitalised function words that open a sentence before a name ("When Clinton said").
FUNCTION_CAPS = {"when", "in", "but", "and", "if", "as", "after", "before", "while", "although", "because", "since",
                  "so", "then", "now", "also", "however", "on", "at", "for", "with", "by", "from", "to", "of", "the",
                  "a", "an", "this", "that", "yet", "still", "meanwhile", "instead", "indeed", "moreover", "thus",
                  "last", "earlier", "later", "today", "yesterday", "here", "there", "where", "asked", "told"}
#: Heads that make a source a document or medium ("the ad", "a clip", "his memoir").
_DOC_EXTRA = {"ad", "ads", "advertisement", "clip", "spot", "book", "memoir", "tweet", "tweets", "post",
              "article", "op-ed", "editorial", "column", "speech", "interview", "message", "website", "video",
              "documentary", "film", "petition", "resolution", "bill", "proposal", "platform", "plan"}
#: Places that speak for their government or people ("Texas sued", "Korea warned").
PLACES = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
    "nevada", "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "virginia", "washington state", "west virginia", "wisconsin", "wyoming", "korea", "mexico",
    "canada", "brazil", "argentina", "australia", "italy", "spain", "greece", "egypt", "saudi arabia", "qatar",
    "venezuela", "cuba", "nigeria", "south africa", "kenya", "ethiopia", "afghanistan", "iraq", "lebanon",
    "vietnam", "indonesia", "philippines", "thailand", "taiwan", "hong kong", "singapore", "malaysia",
    "sweden", "norway", "finland", "denmark", "netherlands", "belgium", "austria", "switzerland", "hungary",
    "romania", "bulgaria", "serbia", "croatia", "moldova", "armenia", "azerbaijan", "kazakhstan",
    "europe", "asia", "africa", "latin america", "the west", "beijing", "hamas", "hezbollah", "taliban"}
#: Lower-case nouns for companies and institutions ("the automaker", "the brokerage").
_ORG_NOUNS = {"company", "firm", "group", "agency", "automaker", "carmaker", "brokerage", "retailer", "bank", "lender",
              "insurer", "airline", "startup", "start-up", "manufacturer", "label", "studio", "publisher", "network",
              "platform", "operator", "utility", "union", "unions", "charity", "nonprofit", "non-profit", "organization",
              "organisation", "university", "school", "hospital", "club", "team", "league", "party", "campaign",
              "conglomerate", "giant", "chain", "developer", "maker", "producer", "supplier", "exchange", "fund"}
#: Lower-case nouns that describe one known person ("the New York businessman").
PERSON_NOUNS = {"businessman", "businesswoman", "billionaire", "mogul", "tycoon", "entrepreneur", "actor", "actress",
                 "singer", "rapper", "star", "player", "coach", "artist", "writer", "novelist", "journalist",
                 "reporter", "host", "anchor", "comedian", "musician", "guitarist", "director", "producer", "founder",
                 "investor", "activist", "lawmaker", "congressman", "congresswoman", "politician", "candidate",
                 "nominee", "incumbent", "challenger", "defendant", "plaintiff", "victim", "survivor", "doctor",
                 "physician", "scientist", "researcher", "economist", "historian", "professor", "executive",
                 "front-runner", "frontrunner", "hopeful", "contender", "pollster", "strategist", "columnist",
                 "commentator"}
#: Nouns for unnamed people not in the lexicon's list.
_UNNAMED_PEOPLE = {"questioner", "narrator", "voter", "voters", "supporter", "supporters", "protester",
                   "protesters", "attendee", "attendees", "participant", "participants", "caller", "callers",
                   "viewer", "viewers", "reader", "readers", "neighbor", "neighbors", "neighbour", "neighbours",
                   "friend", "friends", "relative", "relatives", "insider", "whistleblower", "worker", "workers",
                   "donor", "donors", "student", "students", "teacher", "teachers", "parent", "parents", "man",
                   "woman", "men", "women", "veteran", "veterans", "resident", "residents", "activist", "activists",
                   "suspect", "suspects", "patient", "patients", "physicians", "doctors", "environmentalists",
                   "bondholders", "riders", "investors", "shareholders", "consumers", "customers", "users", "fans",
                   "players", "employees", "families", "victims", "survivors", "lawyers", "prosecutors",
                   "investigators", "researchers", "scientists", "economists", "nurses", "farmers",
                   "locals", "citizens", "americans", "groups", "advocates", "opponents", "youngsters"}
#: A capitalised name with "of"/"on"/"for" inside it ("D.C. Court of Appeals’ Board on Professional Responsibility").
_ORG_PHRASE = re.compile(r"(?:[A-Z][\w.’'&-]*\s+)*[A-Z][\w.’'&-]*"
                         r"(?:\s+(?:of|on|for|and|the|de|to|in)\s+(?:[A-Z][\w.’'&-]*\s*)+)+$")
#: Words that make a capitalised name an institution.
_INSTITUTION = L.ORG_WORDS | L.GOVERNMENT_WORDS | {
    "services", "service", "authority", "corps", "guard", "reserve", "system", "schools", "hospital", "church",
    "laboratory", "lab", "museum", "academy", "college", "school", "initiative", "project", "trust", "caucus"}


#: A body named by its owner's possessive pronoun: "his office", "her campaign", "their team".
_OWNED_BODY = re.compile(r"(?i:his|her|their)\s+(?:(?:own|presidential|re-election|reelection)\s+)?"
                         r"(office|administration|campaign|team)")


def _body_word(word: str) -> bool:
    """Is ``word`` (lower-case, singular or plural) a word for a body ("unions", "association")?"""
    w = word.lower().strip(".,")
    return w[:1].isalpha() and word[:1].islower() and (w in _INSTITUTION or w.endswith("s") and w[:-1] in _INSTITUTION)


@dataclass
class Mention:
    """What one source mention says of its speaker before any linking."""

    entity: str | None
    kind: str | None  # person | organisation | government | outlet | document | anonymous | group | pronoun
    anonymous: bool = False
    description: str | None = None
    role: str | None = None
    plural: bool = False
    needs: str | None = None  # "surname" | "pronoun" | "outlet" | "description" | None
    key: str = ""  # the word to link on (surname, pronoun, title word)


def _toks(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def _is_cap(w: str) -> bool:
    return bool(w) and w[0].isupper()


def norm(s: str) -> str:
    """A name as compared: lower case, one space between words, straight apostrophes."""
    return " ".join(s.replace("’", "'").split()).lower()


def _strip_possessive(s: str) -> str:
    return re.sub(r"['’]s?$", "", s).strip()


def split_appositive(text: str) -> tuple[str, str]:
    """``(head, appositive)``: the text before the first comma, parenthesis or relative pronoun."""
    m = re.search(r"\s*(?:,|\(|—|–(?=\s)|\s-\s)|\s+(?=(?:who|whose|which)\b)", text)
    if m and m.start() > 0:
        app = text[m.end():].strip(" ,()—–-")
        if re.match(r"(?:who|which|whose)\b", app):
            # a relative clause is a role only when it says what the person is ("who is the head of
            # the union", "who served as ambassador"), not what they did ("who asked not to be named")
            cop = re.match(r"(?:who|which)\s+(?:is|was|has\s+been|had\s+been|serves\s+as|served\s+as|works\s+as"
                           r"|worked\s+as)\s+(?P<r>.+)", app)
            office = re.match(r"(?:who|which)\s+(?P<r>(?:heads|headed|leads|led|chairs|chaired|runs|ran|directs|directed"
                              r"|represents|represented|oversees|oversaw|manages|managed|founded|co-founded|owns|commands"
                              r"|commanded)\s.+)", app)
            app = cop.group("r") if cop else office.group("r") if office else ""
        app = re.split(r",?\s+(?:who|which|whose)\s", app, maxsplit=1)[0]  # "the head librarian, who has run …"
        return text[:m.start()].strip(), app.strip(" ,")
    return text.strip(), ""


#: Titles that make a run ending in "Guardian" or "Herald" a person's name ("Mayor Don Guardian").
_OUTLET_NOT_AFTER = L.PERSON_TITLES - {"king", "queen", "prince", "del", "general"}


def outlet_name(head: str) -> str | None:
    """The canonical name of an outlet mention, or None when ``head`` does not name one."""
    bare = _strip_possessive(head)
    plain = re.sub(r"^(?:the|The)\s+", "", bare)
    found = lookup_outlet(bare) or lookup_outlet(plain)
    if found:
        return found
    low = norm(bare)
    if low in L.OUTLETS or norm(plain) in L.OUTLETS:
        return plain if not bare.startswith("The ") else bare
    words = plain.split()
    if len(words) >= 2 and all(_is_cap(w) or w.lower() in {"of", "and", "&"} for w in words) \
            and words[-1].lower() in L.OUTLET_WORDS - {"reporter", "reporters", "outlet", "newspaper"} \
            and not any(norm(w).rstrip(".") in _OUTLET_NOT_AFTER for w in words[:-1]):  # not "Mayor Don Guardian"
        return ("The " + plain) if bare[:4].lower() == "the " else plain
    return None


def government_name(head: str) -> str | None:
    bare = _strip_possessive(head)
    plain = re.sub(r"^(?:the|The)\s+", "", bare)
    if norm(bare) in L.GOVERNMENT_NAMES or norm(plain) in L.GOVERNMENT_NAMES or norm(plain) in PLACES:
        return plain
    words = plain.split()
    if len(words) >= 2 and words[-1].lower() in L.GOVERNMENT_WORDS and any(_is_cap(w) for w in words[:-1]):
        return plain
    if len(words) == 1 and _is_cap(words[0]) and words[0].lower() in L.GOVERNMENT_WORDS - {"house", "office"}:
        return plain
    return None


def org_name(head: str) -> str | None:
    bare = _strip_possessive(head)
    plain = re.sub(r"^(?:the|The)\s+", "", bare)
    words = plain.split()
    if not words:
        return None
    if words[-1].lower().strip(".") in L.ORG_WORDS and (len(words) > 1 and any(_is_cap(w) for w in words)
                                                        or words[-1].isupper()):
        return plain
    if len(words) == 1 and re.fullmatch(r"[A-Z][A-Z&.]{1,7}", words[0]) and words[0].lower() not in L.TITLES:
        return plain
    return None


def _name_run(head: str) -> tuple[str, str] | None:
    """``(name, leading role words)``: the last run of capitalised words, titles stripped."""
    toks = _toks(head)
    if not toks:
        return None
    words = [head[s:e] for s, e in toks]
    j = len(toks) - 1
    while j >= 0 and not words[j][0].isalnum():
        j -= 1
    if j < 0 or not _is_cap(words[j]):
        return None
    end = j
    i = j
    while i - 1 >= 0:
        w = words[i - 1]
        if _is_cap(w) or w in {".", "-", "’", "'"} or (w.lower() in _NAME_PARTICLES and i - 2 >= 0
                                                        and _is_cap(words[i - 2])):
            i -= 1
            continue
        break
    # strip function words ("When Clinton said"), then titles and role words ("Massachusetts Sen.
    # Elizabeth Warren": everything up to the last role word before the name); keep one token
    k = i
    while k < end and (words[k].lower() in FUNCTION_CAPS or not words[k][0].isalnum()):
        k += 1
    last_role = None
    for m in range(k, end):
        if words[m].lower().rstrip(".") in ROLE_WORDS and words[m][0].isalnum():
            last_role = m
    if last_role is not None:
        k = last_role + 1
    while k < end and (words[k] in {".", "-"} or words[k].lower().rstrip(".") in ROLE_WORDS):
        k += 1
    while k <= end and not words[k][0].isalnum():
        k += 1
    if k > end:
        k = end
    start = next((m for m in range(i, end + 1) if words[m].lower() not in FUNCTION_CAPS and words[m][0].isalnum()), k)
    stripped = [w.lower().rstrip(".") for w in words[start:k] if w[0].isalnum()]
    if k == end and stripped and not any(w in _OFFICES or w in _HONORIFIC_WORDS for w in stripped) \
            and is_common(words[end]) and not N.is_first_name(words[end]) and not N.known_person(words[end]):
        k = start  # "American Legion", "Bloomberg New Energy Finance": the words are the name, no role
    name = head[toks[k][0]:toks[end][1]]
    role = head[:toks[k][0]].strip()
    owner = list(re.finditer(r"\w['’]s?\s+(?=[A-Z])", name))
    if owner:  # "the Washington Post’s Ishaan Tharoor", "Fox News' Chris Wallace": the owner is a role
        rest = name[owner[-1].end():]
        if len(rest.split()) >= 2 and all(_is_cap(w) for w in rest.split()):
            role, name = (head[:toks[k][0]] + name[:owner[-1].end()]).strip(), rest
    if words[end].lower() in L.REMIT_WORDS:
        return None  # "High Commissioner for Human Rights", "the Palestinian Authority": an office or a body
    role = re.sub(r"^(?:the|The|a|an|A|An)\s+", "", role) if role.lower() not in _ARTICLES else ""
    return name, role


_RUNS_FOR = re.compile(r"^((?:the|The)\s+(?:[\w’'-]+\s+){0,4}?(?:nominee|candidate|front-?runner|hopeful|contender))"
                       r"\s+(?:for|in)\s+[^,;]{2,60}$")
_TRAILING_DAY = re.compile(r",?\s+(?:on|last|this|early|late)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                           r"Sunday)(?:\s+(?:morning|afternoon|evening|night))?$")


def _placed_description(toks: list[str]) -> bool:
    """"The Wisconsin Republican", "the Kentucky senator", "The French president": a definite article,
    then a place or a party, then a party or a title — capitalised, yet no one's name."""
    if len(toks) < 3 or toks[0].lower() not in {"the", "this", "that"}:
        return False
    words = [N.fold(w) for w in toks[1:]]
    placed = any(w in PLACE_OR_PARTY for w in words[:-1])
    return placed and (words[-1] in PARTIES or words[-1] in L.TITLES) and all(
        w in PLACE_OR_PARTY or w in L.TITLES or w in ROLE_WORDS or w in {"new", "north", "south", "west", "rhode"}
        for w in words)


def analyse(mention: str) -> Mention:
    """Classify one source mention (no linking): see the module docstring, steps 1 and 2."""
    text = " ".join(mention.split()).strip(" ,.;:\"“”«»'‘’-–—")
    # a day the tagger left in the source ("the Kentucky Republican on Tuesday") is when, not who
    text = _TRAILING_DAY.sub("", text) or text
    # what a candidate runs for is no part of who they are ("The Republican nominee for the Nov. 8 election")
    text = _RUNS_FOR.sub(r"\1", text)
    if not text:
        return Mention(None, None)
    head, app = split_appositive(text)
    head = head.strip(" ,")
    if app and re.fullmatch(r"(?:[A-Z][\w.’'-]*\s+){1,3}[A-Z][\w’'-]+", app) and (
            not any(w[:1].isupper() for w in head.split()[1:])
            or N.is_first_name(app.split()[0]) and head.split()[-1][:1].islower()):
        # "the regional transport minister, Aurelia Vance", "Trump’s Indiana chairman, Rex Early": the name speaks
        head, app = app, head
    low = norm(head)
    words = low.split()
    role = app or None
    if not words:
        return Mention(None, None)
    # pronouns ("who in the past": a relative pronoun the tagger ran on past)
    if len(words) > 1 and words[0] in {"who", "which"} and head.split()[0].lower().strip(",") in {"who", "which"}:
        return Mention(None, "pronoun", plural=False, needs="pronoun", key=words[0])
    if len(words) == 1 and (low in L.PRONOUNS or low in {"who", "which", "his", "its"}):
        plural = low in PLURAL_PRONOUNS
        return Mention(None, "pronoun", plural=plural, needs="pronoun", key=low)
    owned = _OWNED_BODY.fullmatch(" ".join(head.split()))
    if owned:  # "his office", "her campaign", "their team": the owner's body, found by the resolver
        body = owned.group(1).lower()
        return Mention(None, "government" if body in {"office", "administration"} else "organisation", role=role,
                       plural=False, needs="description", key=body)
    # groups: coordinated names, plural people ("Mr. Grassley and Mr. Leahy", "Republicans in Congress")
    first_word = next((w for w in words if w not in _ARTICLES and w not in {"many", "some", "several", "most"}), "")
    if first_word in _GROUP_WORDS and first_word not in {"police", "authorities"} and not outlet_name(head):
        return Mention(head if words[0] not in _ARTICLES else head.split(" ", 1)[-1], "group", plural=True,
                       description=text, role=role)
    org_like = _ORG_PHRASE.search(head)
    if re.search(r"[A-Z][\w.’'-]*\s+and\s+(?:[A-Z][\w.’'-]*\.?\s+)*[A-Z]", head) \
            and not (org_like and any(w.lower() in _INSTITUTION for w in org_like.group().split())) \
            and not outlet_name(head) and not government_name(head):
        return Mention(re.sub(r"^(?:the|The)\s+", "", head), "group", plural=True, role=role)
    # outlets
    if len(words) <= 3 and words[0] in _LEAD_DET and words[-1] in L.OUTLET_ANAPHORS:
        return Mention(None, "outlet", needs="outlet", key=words[-1], description=head)
    outlet = outlet_name(head)
    if outlet:
        return Mention(outlet, "outlet", role=role)
    gov = government_name(head)
    if gov:
        return Mention(gov, "government", role=role, plural=False)
    last = words[-1].strip(".")
    lower_last = head.split()[-1][:1].islower()
    toks = head.split()
    anon_at = next((k for k, w in enumerate(toks) if (w[:1].islower() or k == 0) and
                    (w.lower().strip(".,") in L.ANONYMOUS_HEADS | _UNNAMED_PEOPLE
                     or w.lower() in _GROUP_WORDS and k == len(toks) - 1)),
                   None)
    if anon_at is not None and anon_at + 1 < len(toks) and _body_word(toks[anon_at + 1]):
        anon_at = None  # "teachers unions", "the police union": a body the people name, not the people
    # documents ("the report", "a new poll"; not "the narrator in the ad")
    if lower_last and anon_at is None and (last in L.DOCUMENT_HEADS or last.rstrip("s") in L.DOCUMENT_HEADS
                                           or last in _DOC_EXTRA):
        ent = re.sub(r"^(?:a|an|the)\s+", "", head, flags=re.IGNORECASE)
        return Mention(ent, "document", role=role, description=text)
    # lower-case heads: anonymous people, groups, descriptions
    name_after = anon_at is not None and anon_at + 1 < len(toks) and _is_cap(toks[anon_at + 1])
    if anon_at is not None and not name_after:
        first = 1 if toks[0].lower() in _ARTICLES else 0
        ent = " ".join(toks[first:anon_at + 1])
        head_word = toks[anon_at].lower()
        plural = head_word.endswith("s") and not head_word.endswith("ss") or head_word in {"people", "police"}
        definite = toks[0].lower() in {"the", "this", "that"}
        m = Mention(ent, "anonymous", anonymous=True, description=text, role=role, plural=plural)
        if definite and not plural and head_word in _TITLE_HINTS | L.TITLES:
            m.needs, m.key = "description", head_word
        return m
    org_phrase = _ORG_PHRASE.search(head)
    if org_phrase and any(w.lower() in _INSTITUTION for w in org_phrase.group().split()):
        words_in = {w.lower() for w in org_phrase.group().split()}
        kind: str | None = "government" if words_in & (L.GOVERNMENT_WORDS - {"office", "agency"}) else "organisation"
        return Mention(org_phrase.group(), kind, role=role)
    capitalised_modifier = any(_is_cap(w) for w in toks[1:-1])
    if lower_last and toks[0].lower() in {"the", "this", "that"} and capitalised_modifier \
            and (last in L.ORG_WORDS or last in L.GOVERNMENT_WORDS or last in {"company", "firm", "agency"}):
        kind = "government" if last in L.GOVERNMENT_WORDS else "organisation"
        return Mention(re.sub(r"^(?:the|this|that)\s+", "", head, flags=re.IGNORECASE), kind, role=role)
    if lower_last and toks[0].lower() in {"the", "this", "that"}:
        kind = None
        if last in L.GOVERNMENT_WORDS or last in {"country", "nation", "state", "city", "province", "region"}:
            kind = "government"
        elif last in L.ORG_WORDS or last in _ORG_NOUNS:
            kind = "organisation"
        elif last in L.TITLES or last in ROLE_WORDS or last in PERSON_NOUNS:
            kind = "person"
        if kind:
            ent = re.sub(r"^(?:the|this|that)\s+", "", head, flags=re.IGNORECASE)
            return Mention(ent, kind, role=role, needs="description", key=last)
    if lower_last and len(toks) == 1 and words[0] in _GROUP_WORDS:
        return Mention(head, "group", anonymous=True, description=text, plural=True)
    org = org_name(head)
    if org:
        return Mention(org, "organisation", role=role, plural=False)
    if len(toks) == 1 and (last in L.DOCUMENT_HEADS or last in _DOC_EXTRA):  # "Video shows …"
        return Mention(head, "document", role=role, description=text)
    if _placed_description(toks):  # "The Wisconsin Republican", "the French president": someone described
        ent = re.sub(r"^(?:the|this|that)\s+", "", head, flags=re.IGNORECASE)
        return Mention(ent, "person", role=role, needs="description", key=N.fold(toks[-1]))
    run = _name_run(head)
    if run:
        name, lead = run
        name = _strip_possessive(name) or name
        roles = [r for r in (lead, app) if r]
        if lead:  # "seizing upon a New York Times": the name decides, not what came before it
            for finder, kind in ((outlet_name, "outlet"), (government_name, "government"), (org_name, "organisation")):
                found = finder(name)
                if found:
                    return Mention(found, kind, role=role)
        m = Mention(name, "person", role=", ".join(roles) or None)
        if len(name.split()) == 1:
            m.needs, m.key = "surname", name
        return m
    ent = re.sub(r"^(?:a|an|the)\s+", "", head, flags=re.IGNORECASE)
    plural = words[-1].endswith("s") and not words[-1].endswith("ss")
    if lower_last and (last in L.TITLES or last in ROLE_WORDS):  # "current Democratic presidential nominee"
        return Mention(ent, "person", role=role, needs="description", key=last)
    return Mention(ent, None, description=text, role=role, plural=plural)
