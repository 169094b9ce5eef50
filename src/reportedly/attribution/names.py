"""What reportedly knows about names before reading an article.

- **First names → gender**, from the US Census 1990 name files (public domain), packaged as
  ``data/first_names.tsv`` (rebuilt by ``training/build_first_names.py``): "Hillary" is female,
  "Donald" male; names used for both ("Leslie") are first names of either gender.
- **Well-known public figures** (``data/people.tsv``): the full name, gender, other spellings and
  the words news describes them with ("businessman", "nominee") of people news mentions by surname
  alone ("Mr. Obama" in an article that never says "Barack"). Used only for people the article
  itself mentions, and only when it gives no full name for that surname.
- **Titles** that say a person's gender ("Mrs.", "Congresswoman") or only their office ("Sen."), and
  the ``nameparser`` library's list of personal titles and its name parser (first and last name).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from nameparser import HumanName
from nameparser.config import CONSTANTS

#: Honorifics and role words that say a person's gender.
FEMALE_TITLES = {"mrs", "ms", "miss", "madam", "madame", "lady", "dame", "queen", "princess", "congresswoman",
                 "spokeswoman", "chairwoman", "businesswoman", "councilwoman", "assemblywoman", "mother",
                 "wife", "daughter", "sister", "grandmother", "woman", "actress", "widow", "first lady"}
MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "congressman", "spokesman", "chairman", "businessman",
               "councilman", "assemblyman", "father", "husband", "son", "brother", "grandfather", "man",
               "actor", "widower", "pope"}
#: Name suffixes that are not a surname ("John G. Roberts Jr.").
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"}


#: UTF-8 letters read as Windows-1252: "Ã¡" for "á", "Ã©" for "é".
_MANGLED = re.compile("[\u00c2\u00c3\u00c5][\u00a0-\u00bf\u0152-\u2122]")


def unmangle(text: str) -> str:
    """A name whose UTF-8 letters were read as Windows-1252, put back ("TomÃ¡s Regalado" → "Tomás
    Regalado"); any other text as it is. The document's text itself is never changed."""
    if not _MANGLED.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without accents or possessive: the key names are compared on (cached: the same
    few thousand words come back in every article)."""
    w = unicodedata.normalize("NFKD", unmangle(word).replace("’", "'"))
    w = "".join(c for c in w if not unicodedata.combining(c)).lower()
    return re.sub(r"'s?$", "", w).strip(".,")


#: Personal titles a name can carry ("Coach", "Sheriff", "Ambassador"), from the nameparser
#: library's list, lower case without dots.
TITLES = frozenset(t.replace(".", "") for t in CONSTANTS.titles if t.isalpha() and len(t) > 1)


@lru_cache(maxsize=8192)
def parse(name: str) -> tuple[str, str]:
    """``(first, last)`` of a personal name, folded, with the nameparser library: titles, middle
    names, initials and suffixes dropped ("John G. Roberts Jr." → ("john", "roberts"))."""
    h = HumanName(name)
    first = fold(h.first) if h.first and not re.fullmatch(r"[A-Za-z]\.?", h.first) else ""
    last = fold(h.last.split()[-1]) if h.last else ""
    return first, last


def name_words(name: str) -> list[str]:
    """The words of a personal name, folded, without suffixes and initials."""
    out = []
    for w in name.split():
        f = fold(w)
        if not f or f in SUFFIXES or re.fullmatch(r"[a-z]\.?", f):
            continue
        out.append(f)
    return out


def surname_of(name: str) -> str:
    """The folded surname of a personal name ("John G. Roberts Jr." → "roberts")."""
    words = [fold(w) for w in name.split() if fold(w) not in SUFFIXES]
    return words[-1] if words else ""


#: Family names written first in well-known names ("Ban Ki-moon", "Xi Jinping", "Kim Jong Un").
_FAMILY_FIRST = {"ban", "xi", "kim", "park", "moon", "li", "hu", "wen", "lee", "aung", "hun", "ma", "tsai", "abe"}


@dataclass
class Person:
    """One well-known public figure."""

    name: str
    gender: str | None
    spellings: list[str] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)  # folded words of how news describes them
    principal: bool = False  # news means them by the bare surname ("Trump", "Cruz")

    @property
    def surname(self) -> str:
        return surname_of(self.name)


def _read(resource: str) -> list[list[str]]:
    text = resources.files("reportedly.attribution").joinpath("data", resource).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """Folded first name → "female" | "male" | "either"."""
    return {row[0]: row[1] for row in _read("first_names.tsv") if len(row) >= 2}


@lru_cache(maxsize=1)
def people() -> dict[str, list[Person]]:
    """Folded surname → the well-known people with that surname, the most prominent first."""
    out: dict[str, list[Person]] = {}
    for row in _read("people.tsv"):
        spellings = [s for s in (row[2].split(";") if len(row) > 2 else []) if s]
        roles = {fold(w) for w in (row[3] if len(row) > 3 else "").split()}
        p = Person(row[0], row[1] or None, spellings, roles, len(row) > 4 and row[4].strip() == "principal")
        out.setdefault(p.surname, []).append(p)
        for s in spellings:  # "Sergei Lavrov" is found under its own surname too
            if surname_of(s) != p.surname:
                out.setdefault(surname_of(s), []).append(p)
        first = fold(p.name.split()[0])
        if first in _FAMILY_FIRST:  # "Mr. Ban", "Xi": the family name comes first
            out.setdefault(first, []).append(p)
    return out


def gender_of_first(word: str) -> str | None:
    g = first_names().get(fold(word))
    return g if g in ("female", "male") else None


@lru_cache(maxsize=1)
def _known_firsts() -> frozenset[str]:
    return frozenset(fold(p.name.split()[0]) for ps in people().values() for p in ps)


def is_first_name(word: str) -> bool:
    f = fold(word)
    return f in first_names() or f in _known_firsts()


def gender_of_title(words: str) -> str | None:
    """"female"/"male" when a title or role word says so ("Mrs.", "spokeswoman"), else None."""
    low = {fold(w) for w in words.split()}
    if low & FEMALE_TITLES or "first lady" in words.lower():
        return "female"
    if low & MALE_TITLES:
        return "male"
    return None


def known_person(surname: str, gender: str | None = None, first: str | None = None) -> Person | None:
    """The well-known person with this surname (and gender, first name when given), if any."""
    cands = people().get(fold(surname), [])
    if first:
        cands = [p for p in cands if name_words(p.name)[0] == fold(first)
                 or any(name_words(s)[0] == fold(first) for s in p.spellings)]
    if gender:
        cands = [p for p in cands if p.gender in (None, gender)]
    return cands[0] if cands else None
