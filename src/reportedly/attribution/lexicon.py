"""Word lists the attribution rules use: cue verbs, hedges, titles, source kinds.

Everything is lower-case; lookups go through the helpers at the bottom so that callers never
depend on how the lists are stored.
"""

from __future__ import annotations

import re


def _forms(base: str, third: str, past: str, ing: str) -> set[str]:
    return {base, third, past, ing}


def _regular(*verbs: str) -> dict[str, str]:
    """Map every regular inflection of each verb to its lemma."""
    out: dict[str, str] = {}
    for v in verbs:
        if v.endswith("e"):
            forms = (v, v + "s", v + "d", v[:-1] + "ing")
        elif v.endswith("y") and v[-2] not in "aeiou":
            forms = (v, v[:-1] + "ies", v[:-1] + "ied", v + "ing")
        elif v.endswith(("s", "sh", "ch", "x")):
            forms = (v, v + "es", v + "ed", v + "ing")
        else:
            forms = (v, v + "s", v + "ed", v + "ing")
        for f in forms:
            out[f] = v
    return out


#: Verbs of saying and reporting (every inflection -> lemma).
SPEECH: dict[str, str] = {
    **_regular(
        "state", "add", "note", "argue", "claim", "maintain", "insist", "explain", "report", "announce",
        "warn", "suggest", "acknowledge", "admit", "ask", "reply", "respond", "declare", "confirm", "deny",
        "predict", "tweet", "comment", "observe", "recall", "concede", "contend", "assert", "emphasize",
        "emphasise", "stress", "allege", "urge", "promise", "vow", "pledge", "complain", "testify",
        "estimate", "conclude", "reveal", "disclose", "indicate", "boast", "mention", "remark", "repeat",
        "reiterate", "caution", "demand", "propose", "recommend", "signal", "hint", "joke", "quip",
        "continue", "answer", "counter", "retort", "agree", "accuse", "recount",
        "clarify", "exclaim", "shout", "highlight", "describe", "charge", "wonder", "acknowledge",
        "affirm", "advise", "assure", "lament", "predict", "insist", "call", "cite",
        "encourage", "characterize", "characterise", "underscore", "dispute", "speculate", "brag",
    ),
    **{f: "say" for f in ("say", "says", "said", "saying")},
    **{f: "tell" for f in ("tell", "tells", "told", "telling")},
    **{f: "write" for f in ("write", "writes", "wrote", "writing", "written")},
    **{f: "find" for f in ("find", "finds", "found")},
    **{f: "show" for f in ("show", "shows", "showed", "shown")},
}

#: Cue lemmas that are also common nouns ("tweets", "states", "remarks"): in their base or "-s"
#: form they are cues only when a reported clause follows or a subject pronoun or auxiliary precedes.
NOUN_VERBS = {"tweet", "comment", "remark", "claim", "report", "note", "answer", "charge", "state", "estimate",
              "demand", "promise", "pledge", "vow", "signal", "hint", "joke", "quip", "counter", "caution",
              "highlight", "recount", "reply", "repeat", "propose", "recommend", "stress", "mention", "continue",
              "suspect", "plan", "offer", "aim", "hope", "vote", "question", "praise", "blame", "defend", "slam",
              "champion", "fault", "reject", "dismiss", "hail", "tout"}

#: Verbs of intention: cues only before a "to"-infinitive, which is their content ("wants to triple …").
INTENT: dict[str, str] = {
    **_regular("plan", "agree", "pledge", "vow", "decline", "refuse", "intend", "threaten", "offer", "seek",
               "aim", "promise", "want", "hope", "expect", "wish"),
    **{f: "seek" for f in ("sought",)},
    **{f: "plan" for f in ("planned", "planning")},
}

#: Verbs that judge someone in words: the object and what follows are the content ("criticized the law as …").
EVALUATIVE: dict[str, str] = _regular(
    "criticize", "criticise", "blast", "slam", "condemn", "praise", "question", "defend", "blame", "denounce",
    "applaud", "reject", "dismiss", "lambaste", "rebuke", "hail", "tout", "laud", "mock", "ridicule", "fault",
    "decry", "chide", "scold", "commend", "champion", "disparage", "deride", "berate")

#: Verbs of belief, wish and fear.
COGNITIVE: dict[str, str] = {
    **_regular("believe", "fear", "want", "hope", "expect", "worry", "doubt", "suspect", "wish", "assume"),
    **{f: "think" for f in ("think", "thinks", "thought")},
    **{f: "feel" for f in ("feel", "feels", "felt")},
}

#: Adjectival cognitive cues after a form of "be": "are afraid that", "is convinced".
COGNITIVE_ADJ = {"afraid", "convinced", "confident", "worried", "concerned", "sure", "certain",
                 "skeptical", "sceptical", "optimistic", "pessimistic", "hopeful", "fearful", "adamant"}

#: Verbs that only make an attribution when a reporting source does them (polls, reports).
DOCUMENT_VERBS = {"find", "show"}

#: Verbs that are cues only for a named, pronoun or institutional subject ("Clinton called …",
#: but not "a group called …").
NAMING_VERBS = {"call", "cite"}

#: Verb lemmas whose content is a noun phrase object rather than a clause ("set out conditions").
PARTICLE_CUES = {("called", "for"), ("calls", "for"), ("calling", "for"), ("call", "for"), ("called", "on"),
                 ("calls", "on"), ("calling", "on"), ("set", "out"), ("sets", "out"), ("setting", "out"), ("laid", "out"), ("lays", "out"),
                 ("pointed", "out"), ("points", "out"), ("pointing", "out"), ("spelled", "out"),
                 ("spelt", "out"), ("went", "on")}

#: Words between a source and its cue that do not break the link ("has repeatedly said").
AUX = {"has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "can", "may", "might",
       "should", "must", "did", "does", "do", "also", "then", "once", "again", "even", "still", "never",
       "not", "later", "earlier", "previously", "recently", "often", "always", "further", "first", "last",
       "already", "now", "just", "too", "long", "in", "turn", "himself", "herself", "themselves",
       "itself", "reportedly", "apparently", "allegedly", "supposedly", "purportedly", "seemingly",
       *(f"{v}n{q}t" for v in ("did", "does", "do", "has", "have", "had", "is", "are", "was", "were", "would",
                               "could", "should", "must") for q in "'’"),
       "won't", "won’t", "can't", "can’t", "cannot"}

#: Words that end a noun phrase when walking left from a cue.
NP_BOUNDARY = {
    "that", "which", "and", "but", "or", "nor", "as", "while", "when", "because", "since", "although",
    "though", "if", "after", "before", "than", "so", "where", "whether", "unless", "until", "whereas",
    "yet", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "to", "not",
    "what", "how", "why", "said", "says", "say", "told", "also", "even", "only", "then", "however", "meanwhile", "moreover", "still", "thus", "therefore", "instead", "indeed",
}

#: Relative pronouns that PolNeAR-style annotation keeps as the source ("…, who said").
RELATIVE = {"who", "which", "that"}

PRONOUNS_PERSON = {"he", "she", "i", "him", "her"}
PRONOUNS_PLURAL = {"they", "we", "them"}
PRONOUNS = PRONOUNS_PERSON | PRONOUNS_PLURAL | {"it", "you"}

#: Hedging expressions (regular expressions over lower-cased text) -> the word reported.
HEDGE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (w, re.compile(r"\b" + p + r"\b"))
    for w, p in [
        ("reportedly", "reportedly"),
        ("apparently", "apparently"),
        ("allegedly", "allegedly"),
        ("purportedly", "purportedly"),
        ("supposedly", "supposedly"),
        ("seemingly", "seemingly"),
        ("rumoured", "rumou?red"),
        ("according to unconfirmed", r"according to unconfirmed"),
        ("unconfirmed", "unconfirmed"),
        ("unverified", "unverified"),
        ("is said to", r"(?:is|are|was|were|be|been) said to"),
        ("is believed to", r"(?:is|are|was|were|be|been) (?:widely )?believed to"),
        ("is reported to", r"(?:is|are|was|were|be|been) reported to"),
        ("is thought to", r"(?:is|are|was|were|be|been) thought to"),
        ("is understood to", r"(?:is|are|was|were|be|been) understood to"),
        ("claims", r"claim(?:s|ed)?"),
        ("alleges", r"alleg(?:es|ed)"),
        ("appears to", r"(?:appears?|appeared|seems?|seemed) to"),
        ("is rumoured to", r"(?:is|are|was|were|be|been) rumou?red to"),
    ]
]

#: Titles and role words stripped from a person's name ("Gen.", "US President").
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "gen", "general", "lt", "col", "colonel", "maj",
    "major", "capt", "captain", "adm", "admiral", "sgt", "sen", "senator", "rep", "representative", "gov",
    "governor", "president", "vice", "prime", "minister", "secretary", "chancellor", "ambassador", "mayor",
    "judge", "justice", "speaker", "leader", "chairman", "chairwoman", "chair", "director", "spokesman",
    "spokeswoman", "spokesperson", "advisor", "adviser", "chief", "commander", "former", "foreign",
    "defense", "defence", "national", "security", "state", "deputy", "acting", "top", "senior", "rev",
    "pope", "king", "queen", "prince", "princess", "sir", "dame", "lord", "lady", "attorney", "ceo",
    "founder", "candidate", "nominee", "presidential", "democratic", "republican", "press", "white",
    "house", "army", "staff", "head", "minority", "majority", "whip", "officer", "commissioner",
    "economist", "analyst", "author", "gop", "sheriff", "police", "campaign", "manager",
    "lawmaker", "congressman", "congresswoman", "assemblyman", "councilman", "state's", "u.s.", "us",
    "american", "russian", "ukrainian", "chinese", "british", "french", "german", "israeli", "iranian",
}

#: Titles that only precede a person's name ("Sen. Warren", "President Obama").
PERSON_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "representative", "gov", "governor",
                 "president", "gen", "general", "secretary", "judge", "justice", "mayor", "prof", "professor",
                 "rev", "sheriff", "chancellor", "ambassador", "lt", "col", "capt", "adm", "sgt", "del",
                 "congressman", "congresswoman", "commissioner", "pope", "king", "queen", "prince", "sir"}

#: Nouns naming people who are not identified ("officials", "a person familiar with …").
ANONYMOUS_HEADS = {
    "official", "officials", "source", "sources", "person", "people", "persons", "aide", "aides",
    "diplomat", "diplomats", "insider", "insiders", "analyst", "analysts", "expert", "experts",
    "observer", "observers", "critic", "critics", "individual", "individuals", "staffer", "staffers",
    "adviser", "advisers", "advisor", "advisors", "spokesman", "spokeswoman", "spokesperson",
    "someone", "somebody", "witness", "witnesses", "resident", "residents", "member", "members",
    "lawmaker", "lawmakers", "officer", "officers", "employee", "employees", "colleague", "colleagues",
    "ally", "allies", "associate", "associates", "confidant", "confidants", "operative", "operatives",
    "strategist", "strategists", "figure", "figures", "general", "generals", "commander", "commanders",
}

#: Nouns naming a document that can be a source ("the report", "a new poll").
DOCUMENT_HEADS = {
    "report", "reports", "poll", "polls", "survey", "surveys", "study", "studies", "memo", "memos",
    "memorandum", "document", "documents", "analysis", "letter", "statement", "filing", "filings",
    "research", "data", "figures", "estimate", "estimates", "assessment", "review", "investigation",
    "audit", "complaint", "lawsuit", "indictment", "ruling", "paper", "dossier", "cable", "cables",
    "email", "emails", "transcript", "records", "record", "release", "findings", "census", "index",
    "video", "videos", "footage", "slide", "slides", "average", "averages", "panel", "chart", "graph", "tally",
    "results", "numbers", "statistics", "model", "forecast", "projections", "evidence", "test", "tests",
}

#: Words that refer back to an outlet ("the newspaper reported", "interviewed by the outlet"); chains
#: add "report", "article" and "story" for relays through a report.
OUTLET_ANAPHORS = {"outlet", "newspaper", "paper", "publication", "broadcaster", "network", "channel",
                   "magazine", "daily", "website", "site", "tabloid", "journal", "station", "newswire", "wire"}

#: Known news outlets (lower case) and the words that make a name look like one.
OUTLETS = {
    "the new york times", "new york times", "nyt", "the washington post", "washington post",
    "the wall street journal", "wall street journal", "wsj", "reuters", "associated press", "the associated press",
    "ap", "afp", "agence france-presse", "bloomberg", "cnn", "bbc", "the bbc", "fox news", "nbc", "nbc news",
    "abc", "abc news", "cbs", "cbs news", "msnbc", "npr", "politico", "axios", "the hill", "the guardian",
    "guardian", "the times", "the telegraph", "the independent", "the economist", "financial times",
    "the financial times", "ft", "the atlantic", "the new yorker", "usa today", "breitbart", "vox",
    "huffington post", "the huffington post", "buzzfeed", "buzzfeed news", "the daily beast", "daily beast",
    "time", "newsweek", "tass", "ria novosti", "interfax", "rt", "sputnik", "al jazeera", "xinhua",
    "the kyiv independent", "der spiegel", "spiegel", "le monde", "el país", "the intercept",
    "the daily mail", "daily mail", "the sun", "the mirror", "sky news", "cnbc", "yahoo news",
    "the los angeles times", "los angeles times", "la times", "chicago tribune", "the boston globe",
    "new york post", "the new york post", "the post", "the journal", "the daily caller", "the federalist",
}
OUTLET_WORDS = {"times", "post", "journal", "news", "herald", "tribune", "gazette", "telegraph",
                "guardian", "chronicle", "daily", "press", "magazine", "review", "examiner", "observer",
                "radio", "tv", "television", "broadcasting", "network", "wire", "reporter", "reporters",
                "outlet", "newspaper", "newswire", "dispatch", "bulletin", "courier", "inquirer", "standard",
                "ledger", "sentinel", "globe", "mirror", "register", "courant", "beacon", "monitor", "enquirer",
                "advertiser", "argus", "clarion"}

#: Places and seats of power that speak for a government ("Moscow said", "the Kremlin").
GOVERNMENT_NAMES = {
    "moscow", "washington", "kiev", "kyiv", "beijing", "london", "paris", "berlin", "tehran", "ankara",
    "tokyo", "pyongyang", "seoul", "brussels", "jerusalem", "damascus", "minsk", "warsaw", "ottawa",
    "new delhi", "delhi", "islamabad", "kabul", "baghdad", "riyadh", "cairo", "rome", "madrid", "canberra",
    "taipei", "hanoi", "havana", "caracas", "budapest", "vienna", "stockholm", "helsinki", "oslo",
    "copenhagen", "tbilisi", "yerevan", "baku", "doha", "abu dhabi", "amman", "beirut", "kremlin",
    "the kremlin", "white house", "the white house", "pentagon", "the pentagon", "downing street",
    "number 10", "elysee", "the elysee", "élysée", "state department", "the state department",
    "foreign office", "the foreign office", "the foreign ministry", "foreign ministry", "whitehall",
    "russia", "ukraine", "china", "the us", "the u.s.", "us", "u.s.", "the united states", "united states",
    "america", "britain", "the uk", "uk", "france", "germany", "iran", "israel", "turkey", "japan",
    "north korea", "south korea", "india", "pakistan", "poland", "belarus", "syria", "nato", "the eu",
    "eu", "the european union", "european union", "the un", "un", "the united nations", "united nations",
}
GOVERNMENT_WORDS = {"government", "administration", "ministry", "kremlin", "pentagon", "department",
                    "cabinet", "parliament", "congress", "senate", "house", "office", "embassy", "council",
                    "commission", "mfa", "military", "army", "forces", "regime", "authorities", "presidency",
                    "agency", "bureau", "fbi", "cia", "police", "court", "command"}
ORG_WORDS = {"party", "committee", "campaign", "inc", "corp", "corporation", "company", "association",
             "union", "university", "institute", "foundation", "group", "center", "centre", "league",
             "coalition", "organization", "organisation", "society", "bank", "fund", "council", "club",
             "movement", "network", "alliance", "federation", "board", "firm", "team", "dnc", "rnc", "gop"}

#: Weekday names and month names (with common abbreviations) for statement dates.
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

#: Words that end the remit of an office ("High Commissioner for Human Rights", "Secretary of
#: Defense") or the name of a body, never a person's surname (unlike "Justice", "Court", "Trade").
REMIT_WORDS = frozenset({
    "rights", "affairs", "defense", "defence", "education", "refugees", "environment", "interior",
    "transportation", "agriculture", "treasury", "relations", "intelligence", "resources", "authority",
    "commission", "committee", "agency", "ministry", "department", "assembly", "parliament", "nations", "states",
})

#: Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "adm", "maj",
    "st", "jr", "sr", "no", "vs", "etc", "inc", "corp", "co", "ltd", "rev", "hon", "pres", "sec", "dept",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft",
    "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "d.c", "approx", "est", "fig", "gens", "sens", "reps",
}


def cue_lemma(word: str) -> tuple[str, str] | None:
    """``(lemma, "speech"|"cognitive")`` for a cue verb form, else ``None``."""
    w = word.lower()
    if w in SPEECH:
        return SPEECH[w], "speech"
    if w in COGNITIVE:
        return COGNITIVE[w], "cognitive"
    if w in EVALUATIVE:
        return EVALUATIVE[w], "speech"
    return None


def intent_lemma(word: str) -> str | None:
    """The lemma of a verb of intention ("plans" → "plan"), else ``None``."""
    return INTENT.get(word.lower())
