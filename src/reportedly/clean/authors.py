"""Authors: who wrote an article, as a researcher would cite it.

A page states its authors in several places (JSON-LD ``author``, ``<meta name="author">`` and its
cousins, a visible byline) and in many shapes: "By TOM KRISHER, AP Auto Writer", "Analysis by
Chris Cillizza, CNN Editor-at-large", "Phil Helsel is a reporter for NBC News", "ERIC TUCKER
Associated Press", "Rachael Link, MS, RD", "Amy Kuperinsky | NJ Advance Media for NJ.com".
:func:`clean_byline` reduces any of them to person names; labels ("Analysis by"), roles ("Staff
writer", "CNN Business"), credentials, bios and affiliations are split off. A byline that names
only a news agency ("Reuters", "The Associated Press") gives the agency's name, since the agency is
then the author a citation names; other organisations (the outlet itself, "Editorial", "HNN Staff")
give nothing. :func:`pick_authors` takes the first source that yields a name, most reliable first.

``nameparser`` strips honorifics ("Dr.") and restores the case of names written in capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nameparser import HumanName
from nameparser.config import CONSTANTS

#: Honorifics the name parser knows ("dr", "mr", "gen", "sen" …): a name opening with one is parsed.
_TITLES = frozenset(t.lower() for t in CONSTANTS.titles)

#: News agencies, keyed by the ways bylines name them (compared case-insensitively).
AGENCIES: dict[str, str] = {}
_AGENCY_TABLE = """
Associated Press: AP, The Associated Press, Associated Press
Reuters: Reuters, Thomson Reuters
Agence France-Presse: AFP, Agence France-Presse, Agence France Presse
Press Trust of India: PTI, Press Trust of India
United Press International: UPI, United Press International
Bloomberg: Bloomberg, Bloomberg News
Deutsche Presse-Agentur: dpa, Deutsche Presse-Agentur
EFE: EFE, Agencia EFE
ANSA: ANSA
Kyodo News: Kyodo, Kyodo News
Yonhap: Yonhap, Yonhap News Agency
Xinhua: Xinhua, Xinhua News Agency
TASS: TASS
Interfax: Interfax
Asian News International: ANI, Asian News International
Indo-Asian News Service: IANS, Indo-Asian News Service
Press Association: PA, Press Association, PA Media
The Canadian Press: CP, The Canadian Press, Canadian Press
Australian Associated Press: AAP, Australian Associated Press
Anadolu Agency: Anadolu Agency, Anadolu
Europa Press: Europa Press
"""
for _row in _AGENCY_TABLE.strip().splitlines():
    _canon, _, _keys = _row.partition(":")
    for _k in _keys.split(","):
        AGENCIES[_k.strip().lower()] = _canon.strip()
_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True))
_TRAILING_AGENCY = re.compile(rf"\s+(?:{_AGENCY_ALT})$", re.IGNORECASE)

_LABEL = re.compile(
    r"^(?:(?:news\s+)?analysis|opinion|commentary|column|review|interview|story|text|texte|words|photos?|"
    r"videos?|graphics|reporting|written|posted|published|compiled|edited|updated|produced|created)?\s*"
    r"(?:by|von|par|por|di|door|oleh|av|af)\b\s*[:\-–—]?\s*|"
    r"^(?:author|autor(?:in)?|auteur|автор|текст|text|byline|written|posted)\s*[:\-–—]\s*|"
    r"^(?:текст|автор)\s+",
    re.IGNORECASE,
)
#: "… is a reporter for …", "… covers politics": the bio that follows a name.
_BIO = re.compile(
    r"\s+(?:is|was|has been|had been|are|were|covers|writes|reports|joined|serves|lives|is the|,\s*who)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
_SPLIT = re.compile(r"\s*(?:,|;|\||•|·|/|\s[-–—]\s|\b(?i:and|with)\b|&|(?-i:\bund\b|\bet\b|\by\b|\bи\b)|\n)\s*")
_FOR = re.compile(r"\s+(?:for|at|in|from|of)\s+.*$", re.IGNORECASE)
#: Words that make a byline part a role, a desk or an organisation rather than a person.
_ROLE = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|editors|editorial|columnist|contributor|contributing|staff|"
    r"journalist|bureau|desk|team|newsroom|news|media|press|service|services|business|sport|sports|"
    r"politics|opinion|analysis|chief|senior|national|international|political|security|affairs|"
    r"producer|anchor|host|photographer|critic|blogger|author|admin|administrator|guest|intern|"
    r"network|agency|digital|online|magazine|newspaper|times|post|daily|weekly|herald|tribune|journal|"
    r"inc|ltd|llc|gmbh|group|company|associates|foundation|institute|university|department|"
    r"redaktion|redakteur|korrespondent|journaliste|rédaction|periodista|redacción|jornalista|redação|"
    r"giornalista|redazione|редакция|корреспондент)\b|editor-at-large|\.com\b|\.org\b|@|https?:|www\.",
    re.IGNORECASE,
)
_CREDENTIAL = re.compile(
    r"^(?:[A-Z]{2,5}|Ph\.?D\.?|M\.?D\.?|M\.?S\.?|R\.?D\.?|R\.?N\.?|M\.?A\.?|M\.?B\.?A\.?|MPH|CPT|CSCS|Esq\.?)$"
)
_GENERATIONAL = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?$")
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’.\-]*|(?:de|da|do|dos|das|van|von|der|den|del|della|la|le|di|du|bin|ibn|al|el|"
    r"ter|ten|zu|y)|[A-Z]\.(?:[A-Z]\.)*|[A-Z])$"
)
_CALENDAR = frozenset(
    "january february march april june july august september october november december jan feb mar apr jun jul "
    "aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today yesterday updated".split()
)
_SPACE = re.compile(r"\s+")
_URL = re.compile(r"^(?:https?://|www\.)|^\S+\.(?:com|org|net)\S*$", re.IGNORECASE)


def agency(text: str) -> str | None:
    """The canonical name of a news agency named by ``text`` ("The Associated Press" → "Associated Press")."""
    return AGENCIES.get(_SPACE.sub(" ", text).strip(" .,:;-–—|()").lower())


def _person(part: str) -> str | None:
    """``part`` as a person's name, or ``None`` when it is a role, an organisation or a handle."""
    part = part.strip(" .,:;-–—|*()[]\"'“”")
    if not part or any(ch.isdigit() for ch in part) or _ROLE.search(part):
        return None
    words = part.split()
    if not 2 <= len(words) <= 5 or words[0].lower() in ("the", "der", "die", "das", "le", "la", "el"):
        return None
    if not all(_NAME_WORD.match(w) for w in words) or not words[0][0].isupper() or not words[-1][0].isupper():
        return None
    if words[-1].lower().rstrip(".") in _CALENDAR or words[0].lower().rstrip(".,") in _CALENDAR:
        return None  # "Regan September 15": a date glued to the name
    letters = [c for c in part if c.isalpha()]
    shouting = bool(letters) and all(c.isupper() for c in letters)
    if not shouting and words[0].lower().rstrip(".") not in _TITLES:
        return part  # no honorific to strip, no case to restore: the parser would change nothing
    name = HumanName(part)
    if name.title:
        part = " ".join(w for w in words if w.rstrip(".").lower() not in {t.rstrip(".").lower() for t in name.title.split()})
        if len(part.split()) < 2:
            return None
        name = HumanName(part)
    if shouting:  # "JANIE HAR" -> "Janie Har"
        name.capitalize(force=True)
        part = " ".join(x for x in (name.first, name.middle, name.last) if x)
        if name.suffix and _GENERATIONAL.match(name.suffix):
            part += " " + name.suffix
    return part


#: A role that only a person holds, closing a byline ("… Staff Writer", "… CNN Editor-at-large").
_PERSON_ROLE = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|columnist|contributor|journalist|producer|anchor|host|"
    r"photographer|critic|blogger|author|intern)s?(?:-at-large)?\W*$", re.IGNORECASE)
_OUTLET_WORD = re.compile(
    r"(?:news|media|press|times|post|daily|weekly|herald|tribune|journal|magazine|newspaper)\b", re.IGNORECASE)


def _before_role(part: str) -> str:
    """The words before a role or desk that follows a name without a comma ("Meg James Staff Writer",
    "Chris Cillizza CNN Editor-at-large"), less an outlet's initials; ``""`` when no role follows."""
    m = _ROLE.search(part)
    if not m or m.start() == 0 or not _PERSON_ROLE.search(part) or _OUTLET_WORD.match(part, m.start()):
        return ""  # "Practical Horseman Editorial Staff", "Tampa Bay Times Staff Writer": an outlet's name
    words = part[: m.start()].split()
    if part.isupper():
        return " ".join(words)
    while words and _CREDENTIAL.match(words[-1]):
        words.pop()  # "CNN" before "Editor-at-large"
    if words and _CREDENTIAL.match(words[0]):
        return ""  # "AP Auto Writer", "NJ Advance Media": a desk, no name
    return " ".join(words)


def clean_byline(raw: str) -> tuple[list[str], list[str]]:
    """Person names and news agencies named in one byline string, in order.

    >>> clean_byline("By TOM KRISHER, AP Auto Writer")
    (['Tom Krisher'], [])
    >>> clean_byline("ERIC TUCKER Associated Press")
    (['Eric Tucker'], ['Associated Press'])
    >>> clean_byline("The Associated Press")
    ([], ['Associated Press'])
    """
    text = _SPACE.sub(" ", raw or "").strip()
    if not text or _URL.match(text) or len(text) > 300:
        return [], []
    text = _BIO.sub("", text)
    people: list[str] = []
    agencies: list[str] = []
    prev_person = False
    for n, part in enumerate(_SPLIT.split(text)):
        part = _LABEL.sub("", part.strip(), count=1).strip() if n == 0 or _LABEL.match(part.strip()) else part.strip()
        if not part:
            continue
        found = agency(part)
        if found:
            agencies.append(found)
            prev_person = False
            continue
        if prev_person and _GENERATIONAL.match(part):
            people[-1] += " " + part.rstrip(".") + "."
            continue
        if _CREDENTIAL.match(part):
            continue
        m = _TRAILING_AGENCY.search(part)
        if m and len(part) > m.end() - m.start() + 3:
            found = agency(m.group())
            if found:
                agencies.append(found)
            part = part[: m.start()]
        name = _person(part) or _person(_FOR.sub("", part)) or _person(_before_role(part))
        prev_person = name is not None
        if name:
            people.append(name)
    return people, agencies


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def _plain_person(name: str, sites: set[str]) -> bool:
    """A name that is no site or publisher and does not open with an agency ("AP Auto" from "AP Auto Writer")."""
    return _key(name) not in sites and agency(name.split()[0]) is None


def authors_from(raws: Iterable[str]) -> list[str]:
    """The persons named across ``raws`` (one source's bylines); the agencies when no person is named."""
    people: list[str] = []
    agencies: list[str] = []
    for raw in raws:
        p, a = clean_byline(raw)
        people.extend(p)
        agencies.extend(a)
    out: list[str] = []
    seen: set[str] = set()
    for name in people or agencies:
        k = _key(name)
        if k and k not in seen:
            seen.add(k)
            out.append(name)
    return out


def pick_authors(sources: Iterable[Iterable[str]], not_names: Iterable[str] = ()) -> list[str]:
    """Authors from the first source that names a person, or from a later one that names all of
    them and more people (none of them the site or publisher, ``not_names``, or an agency's desk);
    else the first that names an agency.

    ``sources`` go most reliable first: structured data (JSON-LD), meta tags, then a visible byline.
    """
    fallback: list[str] = []
    chosen: list[str] = []
    sites = {_key(n) for n in not_names}
    rivals: set[str] = set()  # names of later sources that name none of the chosen authors
    for raws in sources:
        raws = [r for r in raws if r]
        if not raws:
            continue
        people = [n for r in raws for n in clean_byline(r)[0]]
        if people and not chosen:
            chosen = authors_from(raws)
        elif people:
            # a later source that names every chosen author and more (structured data naming the
            # first of a byline's three authors): the byline's list is the whole one, unless what it
            # adds is what another source gave instead of the authors (a publisher as meta author)
            more = authors_from(raws)
            have = {_key(n) for n in more}
            chosen_keys = {_key(n) for n in chosen}
            extra = [n for n in more if _key(n) not in chosen_keys]
            if not chosen_keys & have:
                rivals.update(have)
            elif extra and chosen_keys <= have and all(_plain_person(n, sites) and _key(n) not in rivals
                                                       for n in extra):
                chosen = more
        elif not fallback:
            fallback = authors_from(raws)
    return chosen or fallback
