"""Speakers across documents: one person whatever the article calls them.

"Gen. Mark Milley", "Mark Milley" and "Milley" are the same speaker: titles and honorifics are
stripped (:func:`normalise_name`); variants of one person's name — the same first and last name,
middle names, initials and suffixes aside ("Donald J. Trump", "Hillary Rodham Clinton") — are one
speaker (:func:`variant_key`); and a surname-only mention is matched to the one person in the
corpus whose full name ends with it (:func:`resolve_names`). Two people who share a surname
("Bill Clinton", "Hillary Clinton") stay two speakers, and a bare "Clinton" then stays a speaker
of its own rather than being guessed.

The name an attribution contributes is its source's entity: the name of the document's
:class:`~reportedly.document.Entity` its ``source.entity_id`` points to, else ``source.entity``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

#: Words stripped from the front of a name (lower case, without the trailing dot).
TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sr sister
    gen general lt ltgen col colonel maj major capt captain cmdr commander adm admiral sgt sergeant
    cpl corporal pvt brig brigadier marshal
    president vice vp prime minister pm chancellor premier secretary sec deputy under assistant
    sen senator rep representative congressman congresswoman gov governor lieutenant mayor
    attorney ag judge justice chief chairman chairwoman chair speaker leader minority majority
    ambassador amb envoy spokesman spokeswoman spokesperson
    councillor councilor councilman councilwoman alderman commissioner superintendent inspector detective
    constable sheriff dean provost director pres sens senators reps representatives govs governors
    king queen prince princess sheikh emir ayatollah pope rabbi imam bishop cardinal
    former then acting interim candidate nominee hopeful
    """.split()
)
#: Descriptions before a person's name ("Democrat Hillary Clinton"), stripped only where what follows is
#: a person's name, not an organisation's ("Republican National Committee").
DESCRIPTORS = frozenset("""
    democrat democrats democratic republican republicans gop independent libertarian conservative liberal
    progressive billionaire businessman businesswoman mogul tycoon presumptive presidential frontrunner
    front-runner contender
    """.split())
ORG_WORDS = frozenset("""
    committee party campaign group union association council department ministry agency office bureau
    administration government house senate congress court board commission foundation institute
    university college center centre company corporation inc corp news times post journal network
    """.split())
#: Words stripped from the end of a name.
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})

#: Words that stand for a speaker without naming one; a source written only so is no speaker.
PRONOUNS = frozenset("""
    i me my we us our you your he him his she her hers they them their it its one this that these those
    who whom someone somebody anyone everyone nobody another other others
    """.split())
_ARTICLES = frozenset({"the", "a", "an"})
#: Words a source span may start with that are no part of a name ("But Trump", "When Mr. Trump").
LEADING = frozenset("""
    a an the and but or nor so yet then when while whereas if as since though although despite before after
    now maybe perhaps also still even only just however meanwhile instead indeed because once until unlike
    like with without by from to of in on at about against among for some many most both either neither
    does did do is was were are has have had would could should
    """.split())
#: Lower-case words that may stand inside a name ("Charles de Gaulle", "Department of State").
PARTICLES = frozenset("""
    de da das do dos del della der den di du la le van von bin ibn al el y of the and for on st
    """.split())
#: A period ending one of these is no sentence end ("Mr. Trump", "Donald J. Trump", "U.S. officials").
_ABBREV = re.compile(r"^(?:[A-Za-z]|[A-Z][a-z]{0,3}|(?:[A-Za-z]\.)+[A-Za-z]?)\.$")

_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*", re.UNICODE)


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


def normalise_name(name: str | None, kind: str | None = None) -> str | None:
    """``"Gen. Mark Milley's"`` → ``"Mark Milley"``; None when nothing name-like is left.

    Titles are stripped only from people's names (``kind`` ``"person"`` or unknown), so
    ``"Chief Executives Group"`` of kind ``organisation`` keeps its first word.
    """
    if not name:
        return None
    name = re.sub(r"['’]s\b", "", name.strip())
    name = re.sub(r"\([^)]*\)", " ", name)  # "Elizabeth Warren (D-Mass.)"
    name = name.split(",")[0]  # "Mark Milley, who heads …"
    tokens = _TOKEN.findall(name)
    # a sentence end inside the span ("Federal Reserve. Trump"): keep what follows it
    for i in range(len(tokens) - 1, 0, -1):
        if tokens[i - 1].endswith(".") and not _ABBREV.match(tokens[i - 1]) \
                and tokens[i - 1].lower().rstrip(".") not in TITLES:
            tokens = tokens[i:]
            break
    while len(tokens) > 1 and tokens[0].lower() in LEADING:
        tokens.pop(0)
    if kind in (None, "person"):
        while len(tokens) > 1 and tokens[-1].lower().rstrip(".") in SUFFIXES:
            tokens.pop()
        # a title inside the span ends what came before it: "Vermont Sen. Bernie Sanders"
        for i in range(len(tokens) - 2, 0, -1):
            if tokens[i].lower().rstrip(".") in TITLES and tokens[i][:1].isupper():
                tokens = tokens[i:]
                break

        def personal(rest: list[str]) -> bool:
            return kind == "person" or (len(rest) >= 2 and not any(t.lower() in ORG_WORDS for t in rest))

        while len(tokens) > 1:
            head = tokens[0].lower().rstrip(".")
            if head in TITLES or tokens[0].lower() in LEADING or (head in DESCRIPTORS and personal(tokens[1:])):
                tokens.pop(0)
            else:
                break
    if not tokens:
        return None
    return " ".join(tokens).strip(".-'’ ") or None


def looks_like_name(name: str | None) -> bool:
    """Is a normalised source a name ("Mark Milley", "Pentagon"), not "he" or "the general"?"""
    toks = [t for t in (name or "").split() if t.lower() not in _ARTICLES]
    if not toks or len(toks) > 6 or all(t.lower() in PRONOUNS or t.lower() in LEADING for t in toks):
        return False
    # a phrase ("Clinton leads Sanders by") is no name: lower-case words only as particles
    if any(t[:1].islower() and t.lower().rstrip(".") not in PARTICLES for t in toks):
        return False
    return any(t[:1].isupper() for t in toks)


def speaker_display(entity: str | None, mention: str | None, source_text: str | None, kind: str | None,
                    anonymous: bool) -> str | None:
    """The display name of the speaker an attribution's source stands for, or None (anonymous, "he")."""
    if anonymous or (kind or "") == "anonymous":
        return None
    display = normalise_name(entity or mention or source_text or None, kind)
    if display and looks_like_name(display) and name_key(display):
        return display
    return None


def name_key(name: str) -> str:
    """The matching key of a normalised name: ascii-folded, lower case, single spaces."""
    toks = _fold(name).lower().replace(".", " ").split()
    if len(toks) > 2:  # "donald j trump" matches "donald trump"
        toks = [toks[0]] + [t for t in toks[1:-1] if len(t) > 1] + [toks[-1]]
    return " ".join(toks)


def slug(name: str) -> str:
    """A URL-safe id for a speaker: ``"Mark Milley"`` → ``"mark-milley"``."""
    s = re.sub(r"[^a-z0-9]+", "-", name_key(name)).strip("-")
    return s or "unnamed"


def surname(name: str) -> str:
    return name_key(name).split(" ")[-1]


#: Words that make a multi-word name a body's, not a person's ("Bank of America", "Friends of the Earth").
_NOT_PERSONAL = frozenset({"of", "the", "and", "for", "on", "&"})


def variant_key(key: str, kind: str | None = None) -> str | None:
    """The first-and-last form shared by the variants of one person's name, or None.

    ``key`` is a :func:`name_key`. ``"hillary rodham clinton"`` → ``"hillary clinton"``; a name of
    one word, or one that reads as a body's (kind other than person, an organisation word, "of"),
    has none. Initials are already gone from keys ("donald j trump" is "donald trump").
    """
    toks = key.split(" ")
    while len(toks) > 2 and toks[-1] in SUFFIXES:
        toks.pop()
    if len(toks) < 2 or kind not in (None, "person"):
        return None
    if kind is None and any(t in ORG_WORDS or t in _NOT_PERSONAL for t in toks):
        return None
    return f"{toks[0]} {toks[-1]}"


def resolve_names(names: Iterable[tuple[str, str | None]]) -> dict[str, tuple[str, str]]:
    """Map each normalised name to ``(speaker_id, display_name)`` for a whole corpus.

    ``names`` are ``(normalised name, source kind)`` pairs. Multi-word person names with the same
    first and last name are one speaker ("Hillary Rodham Clinton", "Hillary Clinton"): the
    first-and-last form when the corpus has it, else the shortest variant, names it. A one-word
    name whose kind is a person (or unknown) joins the one person in the corpus with that surname;
    with two ("Bill Clinton", "Hillary Clinton") it stays a speaker of its own.
    """
    names = list(names)
    by_key: dict[str, str] = {}
    kinds: dict[str, str | None] = {}
    for n, kind in names:
        k = name_key(n)
        if not k:
            continue
        # keep the longest / most capitalised spelling seen as the display form
        if k not in by_key or (sum(c.isupper() for c in n), len(n)) > (sum(c.isupper() for c in by_key[k]), len(by_key[k])):
            by_key[k] = n
        if kinds.get(k) in (None, "person"):
            kinds[k] = kind if kinds.get(k) is None else kinds[k]

    def person(k: str) -> bool:
        return kinds.get(k) in (None, "person")

    # variants of one person's name: the first-and-last form if present, else the shortest variant
    groups: dict[str, list[str]] = defaultdict(list)
    for k in by_key:
        v = variant_key(k, kinds.get(k))
        if v is not None:
            groups[v].append(k)
    canon: dict[str, str] = {k: k for k in by_key}
    for v, members in groups.items():
        head = v if v in members else min(members, key=lambda m: (m.count(" "), m))
        for k in members:
            canon[k] = head
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    for k in by_key:
        if " " in k and person(k):
            full_by_surname[k.split(" ")[-1]].add(canon[k])
    out: dict[str, tuple[str, str]] = {}
    for k in by_key:
        target = canon[k]
        if " " not in k and person(k):
            cands = full_by_surname.get(k, set())
            if len(cands) == 1:
                target = next(iter(cands))
        out[k] = (slug(target), by_key[target])
    return out
