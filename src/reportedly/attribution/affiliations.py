"""Where a person is from and which party they stand for, as news writes it.

"Rep. Paul Ryan (R-Wis.)", "Senator Joe Donnelly, Democrat of Indiana", "Sen. Marco Rubio of
Florida" give a person a party and a place; "the Wisconsin Republican", "the Florida senator",
"the French president" describe someone by them. The entity scan keeps these as role words
(:func:`after_name`); the source ranker asks whether a description's place or party contradicts
what the article said of a candidate (:func:`conflict`): "the Florida senator" is not the senator
the article placed in Vermont, "the Republican nominee" not the Democratic one.
"""

from __future__ import annotations

import re

#: AP-style state abbreviations, as in "(R-Wis.)" and "D-N.Y.".
STATE_ABBREVIATIONS = {
    "ala": "alabama", "ariz": "arizona", "ark": "arkansas", "calif": "california", "cal": "california",
    "colo": "colorado", "conn": "connecticut", "del": "delaware", "fla": "florida", "ga": "georgia",
    "ill": "illinois", "ind": "indiana", "kan": "kansas", "kans": "kansas", "ky": "kentucky", "la": "louisiana",
    "md": "maryland", "mass": "massachusetts", "mich": "michigan", "minn": "minnesota", "miss": "mississippi",
    "mo": "missouri", "mont": "montana", "neb": "nebraska", "nev": "nevada", "nh": "new hampshire",
    "nj": "new jersey", "nm": "new mexico", "ny": "new york", "nc": "north carolina", "nd": "north dakota",
    "okla": "oklahoma", "ore": "oregon", "pa": "pennsylvania", "ri": "rhode island", "sc": "south carolina",
    "sd": "south dakota", "tenn": "tennessee", "tex": "texas", "vt": "vermont", "va": "virginia",
    "wash": "washington", "wva": "west virginia", "wis": "wisconsin", "wisc": "wisconsin", "wyo": "wyoming",
    "alaska": "alaska", "hawaii": "hawaii", "idaho": "idaho", "iowa": "iowa", "maine": "maine", "ohio": "ohio",
    "texas": "texas", "utah": "utah",
}
#: The US states, by the words that name them ("hampshire", "carolina") and their people ("texan").
US_STATES = set(STATE_ABBREVIATIONS.values()) - {"washington"}  # "of Washington" is the capital, as often
_DEMONYMS = {"texan": "texas", "californian": "california", "floridian": "florida"}
#: Words shared with other places ("new", "island") or names ("washington", "mexico").
_SHARED = {"new", "north", "south", "west", "state", "island", "washington", "mexico"}
STATE_WORDS = {w for p in US_STATES for w in p.split()} - _SHARED | set(_DEMONYMS)
#: Nations, by their adjectives ("french") and names ("korea"); "american" places no one in US news.
NATION_WORDS = {
    "russian", "ukrainian", "chinese", "british", "french", "german", "israeli", "iranian",
    "palestinian", "turkish", "indian", "japanese", "canadian", "australian", "mexican", "polish", "syrian",
    "saudi", "korean", "italian", "spanish", "dutch", "swedish", "finnish", "hungarian", "czech", "afghan",
    "iraqi", "egyptian", "qatari", "emirati", "brazilian", "venezuelan", "cuban", "greek", "irish", "scottish",
    "belgian", "austrian", "swiss", "norwegian", "danish", "portuguese", "argentine", "colombian", "chilean",
    "peruvian", "nigerian", "kenyan", "ethiopian", "pakistani", "lebanese", "jordanian", "libyan", "yemeni",
    "vietnamese", "thai", "filipino", "indonesian", "malaysian", "taiwanese", "belarusian", "armenian",
    "russia", "ukraine", "china", "britain", "france", "germany", "israel", "iran", "turkey", "india", "japan",
    "canada", "australia", "mexico", "poland", "syria", "korea", "italy", "spain", "egypt", "cuba", "brazil",
    "venezuela", "greece", "ireland", "pakistan", "lebanon", "iraq", "afghanistan",
}
#: Party words and the side each stands for.
PARTIES = {"republican": "r", "republicans": "r", "gop": "r", "democrat": "d", "democratic": "d",
           "democrats": "d", "independent": "i", "libertarian": "l"}
#: Every word that places someone or gives their party ("wisconsin", "french", "republican").
PLACE_OR_PARTY = frozenset(STATE_WORDS | NATION_WORDS | PARTIES.keys())
_LETTER_PARTY = {"r": "republican", "d": "democrat", "i": "independent", "l": "libertarian"}

#: "(R-Wis.)", "(D-N.Y.)", "(I-Vt.)" right after a name.
_PARTY_STATE = re.compile(r"\s*\(\s*([RDIL])\s*[-–]\s*([A-Z][A-Za-z.]{0,5}(?:\s?[A-Z][A-Za-z.]{0,4})?)\s*\)")
#: ", Democrat of Indiana," / ", a Republican from Ohio," / " of Florida" right after a name.
_PARTY_OF = re.compile(r",\s+(?:an?\s+)?(Republican|Democrat|Independent)\s+(?:of|from)\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")
_OF_PLACE = re.compile(r"\s+of\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b")


def state_name(abbreviation: str) -> str | None:
    """"Wis." → "wisconsin", "N.Y." → "new york"; ``None`` for what is no state."""
    key = re.sub(r"[.\s]", "", abbreviation).lower()
    if key in STATE_ABBREVIATIONS:
        return STATE_ABBREVIATIONS[key]
    return key if key in US_STATES else None


def after_name(text: str, end: int) -> set[str]:
    """Role words for the party and place written right after a name that ends at ``end``."""
    m = _PARTY_STATE.match(text, end)
    if m:
        state = state_name(m.group(2))
        return {_LETTER_PARTY[m.group(1).lower()], *(state.split() if state else ())}
    m = _PARTY_OF.match(text, end)
    if m and m.group(2).lower() in US_STATES:
        return {m.group(1).lower(), *m.group(2).lower().split()}
    m = _OF_PLACE.match(text, end)
    if m and m.group(1).lower() in US_STATES:
        return set(m.group(1).lower().split())
    return set()


def states(words: set[str]) -> set[str]:
    """The US states among folded words ("wisconsin", "texan" → "texas")."""
    return {_DEMONYMS.get(w, w) for w in words if w in STATE_WORDS}


def nations(words: set[str]) -> set[str]:
    """The nations among folded words ("french", "korea")."""
    return {w for w in words if w in NATION_WORDS}


def sides(words: set[str]) -> set[str]:
    """The parties among folded words, as sides ("republican" → "r")."""
    return {PARTIES[w] for w in words if w in PARTIES}


def conflict(mention_words: set[str], roles: set[str]) -> bool:
    """Whether a description's place or party contradicts a candidate's: the mention names a place
    (a party) and the candidate has places (parties), none of them the mention's (both folded words)."""
    for kind in (states, nations, sides):
        said, known = kind(mention_words), kind(roles)
        if said and known and not said & known:
            return True
    return False
