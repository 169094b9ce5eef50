"""The words of a statement: what the clustering in :mod:`reportedly.corpus.trace` compares.

Contents are read as words (:func:`words`: lower-cased keys, apostrophes and acronym dots unified),
quotations as the words inside quotation marks (:func:`quoted_words`, elisions marked), a content
that names a topic rather than reports words is recognised (:func:`is_topic`), each content gets its
MinHash band keys (:func:`band_keys`), outlet names are compared loosely (:func:`same_outlet`) and
two quotations word by word (:func:`compare_quotes`). Nothing here reads or writes the store.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

#: Contents with fewer words are not clustered ("We are ready.", "Republican nominee Donald Trump").
MIN_TOKENS = 6
#: Two contents must share a run of this many words.
MIN_RUN = 5
#: Shared runs shorter than this do not count towards the coverage.
MIN_BLOCK = 2
#: Share of the shorter content that shared runs must cover.
COVER_SHORT = 0.7
#: Share of the longer content that shared runs must cover.
COVER_LONG = 0.25
#: MinHash permutations, bands and values per band (BANDS * ROWS == NUM_PERM).
NUM_PERM, BANDS, ROWS = 32, 16, 2
SHINGLE = 3
#: A quotation that stops short of at most this many words of the first one is a truncation when
#: the dropped words hold a qualifier; a longer cut is an ordinary partial quotation.
MAX_TRUNCATION = 4
#: Words whose loss changes what a quotation says.
QUALIFIERS = frozenset("""
not no never nor yet only all every some any full fully entirely completely partly partially may might could
would should if unless until except without probably possibly likely unlikely perhaps maybe almost nearly
barely hardly just still already ever before after but although though alone soon later
""".split())
#: Words too common to make two contents the same statement: the runs two contents share must hold
#: at least :data:`MIN_CONTENT_WORDS` lower-case words outside this list ("what it means to be" is
#: not enough), and more of them than capitalised ones (a name with its title is no statement).
FUNCTION_WORDS = frozenset("""
a an the and or but if of to in on at by for with from as into onto about over under than then that this these
those there here it its it's he him his she her hers they them their theirs we us our ours you your yours i me
my mine is are was were be been being am do does did done have has had having will would shall should can
could may might must not no so such very just also too what which who whom whose when where why how all any
each some more most other own same only both few up down out off again once s t said says say
""".split())
MIN_CONTENT_WORDS = 2
#: Cue words that report words or findings ("said", "according to", "a poll showed"): what follows them
#: is what was said even when it reads like a noun phrase, so :func:`is_topic` never applies.
SAYING_CUES = frozenset("""
say says said saying according tell tells told telling report reports reported reporting write writes wrote
written writing show shows showed shown showing find finds found state states stated note notes noted add adds
added claim claims claimed argue argues argued insist insists insisted explain explains explained announce
announces announced declare declares declared assert asserts asserted suggest suggests suggested warn warns
warned believe believes believed think thinks thought feel feels felt know knows knew agree agrees agreed admit
admits admitted predict predicts predicted promise promises promised vow vows vowed pledge pledges pledged
estimate estimates estimated conclude concludes concluded confirm confirms confirmed tweet tweets tweeted
indicate indicates indicated reveal reveals revealed hope hopes hoped expect expects expected
""".split())
#: Words that make a content a clause: auxiliaries, and subject pronouns.
_CLAUSE_WORDS = frozenset("""
is are was were am be been being will would shall should can could may might must has have had do does did
i we you he she they it who which that
""".split())
_DETERMINERS = frozenset("a an the his her their its our my your this these those".split())
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_INNER_APOSTROPHE = re.compile(r"(?<=\w)[‘’](?=\w)")
_OPEN = {'"': '"', "“": "”", "«": "»", "‘": "’", "„": "“"}
_OUTLET_EXTRA = frozenset({"news", "online", "com", "magazine", "network", "newspaper"})

_PERMS: Any = None
_SKETCH = threading.local()


# -- words -----------------------------------------------------------------------------------------
def words(text: str) -> list[tuple[str, str]]:
    """``(key, surface)`` for each word: the key lower-cased, apostrophes and acronym dots unified."""
    text = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), (text or "").replace("''", '"'))
    text = _INNER_APOSTROPHE.sub("'", text)
    return [(m.group(0).lower().replace("’", "'"), m.group(0)) for m in _WORD.finditer(text)]


def tokens(text: str) -> list[str]:
    return [k for k, _ in words(text)]


def cased_tokens(text: str) -> list[str]:
    """The words as written (apostrophes and acronym dots unified): what the store keeps, so that
    :func:`similar` can tell names ("Republican front-runner Donald Trump") from other words."""
    return [surface.replace("’", "'") for _, surface in words(text)]


def quoted_segments(text: str) -> list[str]:
    """The stretches of ``text`` inside quotation marks; an unclosed quotation runs to the end.

    Curly single quotes open only after a non-letter and close only before one, so apostrophes
    ("don’t") are never quotation marks.
    """
    segs: list[str] = []
    buf: list[str] | None = None
    closer = ""
    n = len(text or "")
    for i, ch in enumerate(text or ""):
        if buf is None:
            if ch in _OPEN and not (ch == "‘" and i and text[i - 1].isalnum()):
                buf, closer = [], _OPEN[ch]
            continue
        closes = ch == closer or (closer in ('"', "”") and ch in ('"', "”"))
        if closes and closer == "’" and i + 1 < n and text[i + 1].isalnum():
            closes = False
        if closes:
            segs.append("".join(buf))
            buf = None
        else:
            buf.append(ch)
    if buf:
        segs.append("".join(buf))
    return [s for s in segs if s.strip()]


_CONTRACTIONS = {"won't": "will not", "can't": "can not", "cannot": "can not", "shan't": "shall not"}
_SUFFIXES = (("n't", " not"), ("'ve", " have"), ("'re", " are"), ("'ll", " will"), ("'m", " am"), ("'d", " would"))


def _expanded(key: str) -> list[str]:
    """A contraction's words ("we've" → "we have"), so a quotation written out differs in no word."""
    if key in _CONTRACTIONS:
        return _CONTRACTIONS[key].split()
    for suffix, full in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return (key[: -len(suffix)] + full).split()
    return [key]


GAP = "\x00"
_ELISION = re.compile(r"…|\.\s?\.\s?\.|\[[^\]]*\]")


@functools.lru_cache(maxsize=8192)
def quoted_words(text: str) -> tuple[tuple[str, str], ...]:
    """The words inside quotation marks, in order (``(key, surface)`` as :func:`words`; contractions
    written out, each part keeping the surface of the whole word). Where the quotation leaves words
    out — between two quoted stretches, at an ellipsis, at an editor's ``[bracket]`` — stands a
    :data:`GAP` (``(GAP, "")``): words missing there were elided, not altered."""
    out: list[tuple[str, str]] = []
    for seg in quoted_segments((text or "").replace("''", '"')):
        if out and out[-1][0] != GAP:
            out.append((GAP, ""))
        for j, piece in enumerate(_ELISION.split(seg)):
            if j and out and out[-1][0] != GAP:
                out.append((GAP, ""))
            out += [(k, surface if i == 0 else "") for key, surface in words(piece) for i, k in enumerate(_expanded(key))]
    return tuple(out)


#: Words whose "'s" is "is" or "has", not a possessive ("it's", "that's").
_S_CONTRACTS = frozenset("it that what there here he she who where how when let".split())


def _unpossessed(key: str) -> str:
    """The word without a possessive "'s" ("ISIS's" → "isis"; "it's" stays)."""
    return key[:-2] if key.endswith("'s") and key[:-2] not in _S_CONTRACTS else key


def is_qualifier(key: str) -> bool:
    return key in QUALIFIERS or key.endswith("n't")


# -- matching --------------------------------------------------------------------------------------
def is_topic(content: str, cue: str | None) -> bool:
    """Does an attribution name a topic rather than report words? "Sanders defended [her record as
    secretary of state]", "Ryan condemned [Trump's proposal to ban Muslims …]": two articles naming
    the same topic are no statement relayed, so such contents are not clustered.

    A topic: no quotation marks; a cue that is no saying verb (:data:`SAYING_CUES`, or a colon); a
    content that opens with a determiner or a name's possessive ("her record", "Trump's proposal")
    and shows no verb: no auxiliary or contraction, no subject pronoun, no "-ed" word after anything
    but a determiner ("the country is on the wrong track" and "the city would hire …" are clauses)."""
    if any(ch in content for ch in '"“”«»') or "''" in content:
        return False
    if ":" in (cue or "") or any(k in SAYING_CUES for k in tokens(cue or "")):
        return False
    cased = cased_tokens(content)
    keys = [w.lower() for w in cased]
    if not keys or not (keys[0] in _DETERMINERS or (cased[0][:1].isupper() and keys[0].endswith("'s"))):
        return False
    for i, k in enumerate(keys):
        if k in _CLAUSE_WORDS or (k.endswith("'s") and k[:-2] in _S_CONTRACTS) \
                or ("'" in k and k.rsplit("'", 1)[1] in ("re", "ll", "d", "ve", "m", "t")):
            return False
        if k.endswith("ed") and len(k) > 4 and i and keys[i - 1] not in _DETERMINERS:
            return False
    return True



def _permutations() -> Any:
    global _PERMS
    if _PERMS is None:
        from datasketch import MinHash

        _PERMS = MinHash(num_perm=NUM_PERM, seed=7, scheme="affine32").permutations
    return _PERMS


def band_keys(toks: list[str]) -> list[int]:
    """The LSH keys of a content: one signed 64-bit key per MinHash band of its word 3-gram shingles."""
    mh = getattr(_SKETCH, "minhash", None)
    if mh is None:  # one sketch per thread, cleared for each content (building one costs more than filling it)
        from datasketch import MinHash

        mh = _SKETCH.minhash = MinHash(num_perm=NUM_PERM, seed=7, permutations=_permutations(), scheme="affine32")
    else:
        mh.clear()
    toks = [w.lower() for w in toks]
    shingles = {" ".join(toks[i:i + SHINGLE]).encode("utf-8") for i in range(max(1, len(toks) - SHINGLE + 1))}
    mh.update_batch(sorted(shingles))
    hv = mh.hashvalues
    out = []
    for band in range(BANDS):
        digest = hashlib.blake2b(bytes([band]) + hv[band * ROWS:(band + 1) * ROWS].tobytes(), digest_size=8).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out


# -- outlets ---------------------------------------------------------------------------------------
def _outlet_words(name: str | None) -> list[str]:
    ws = re.sub(r"[^0-9a-z]+", " ", (name or "").lower()).split()
    if ws and ws[0] == "the":
        ws = ws[1:]
    return [w for w in ws if w not in ("www", "com")]


def same_outlet(a: str | None, b: str | None) -> bool:
    """Do two outlet names mean one outlet? "The New York Times" / "nyt", "Washington Post" /
    "wash-post", "Breitbart News" / "breitbart", "the Daily Meridian" / "Daily Meridian"."""
    ta, tb = _outlet_words(a), _outlet_words(b)
    if not ta or not tb:
        return False
    if ta == tb or "".join(ta) == "".join(tb):
        return True
    short, long = sorted((ta, tb), key=len)
    if len(short) == 1 and len(long) >= 2 and short[0] == "".join(w[0] for w in long if w not in _OUTLET_EXTRA):
        return True
    for sh, lo in ((short, long), (long, short)) if len(short) == len(long) else ((short, long),):
        n = len(sh)
        if all(lo[i].startswith(sh[i]) for i in range(n)) and all(w in _OUTLET_EXTRA for w in lo[n:]) \
                and all(len(w) >= 3 or w == lo[i] for i, w in enumerate(sh)):
            return True
    return False


# -- quotations ------------------------------------------------------------------------------------
def compare_quotes(first: Sequence[tuple[str, str]], other: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    """How the quoted words ``other`` differ from ``first`` (``(key, surface)`` lists), as
    ``{from, to, kind}`` with kind ``changed``, ``added``, ``dropped`` or ``truncated``.

    Words left out where either quotation marks an elision (:data:`GAP`) are no change, nor is a
    possessive "'s" added or left off ("ISIS's leadership" / "ISIS leadership"). Only the
    stretch between the first and the last shared word is compared word by word; beyond
    it, a quotation may stop earlier or go on further (quoting less or more of the same words is
    no alteration) unless it stops at most :data:`MAX_TRUNCATION` words short of the first and the
    words cut hold a qualifier ("in full", "not yet"). Quotations that share too little to be
    compared (fewer than 3 words in runs of two or more, or under half the shorter) give ``[]``.
    """
    a, b = [k for k, _ in first], [k for k, _ in other]
    if not a or not b:
        return []

    sm = SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(bl.size for bl in sm.get_matching_blocks() if bl.size >= 2)
    if matched < 3 or matched < 0.5 * min(len(a), len(b)):
        return []
    ops = sm.get_opcodes()
    equal = [i for i, op in enumerate(ops) if op[0] == "equal"]
    lo, hi = equal[0], equal[-1]
    out = []
    for i, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal" or GAP in a[max(i1 - 1, 0):i2 + 1] or GAP in b[max(j1 - 1, 0):j2 + 1]:
            continue  # words left out where the quotation marks an elision
        if tag == "replace" and [_unpossessed(k) for k in a[i1:i2]] == [_unpossessed(k) for k in b[j1:j2]]:
            continue  # "ISIS's leadership" / "ISIS leadership": a possessive written out or left off
        frm = " ".join(s for _, s in first[i1:i2] if s)
        to = " ".join(s for _, s in other[j1:j2] if s)
        if lo < i < hi:
            out.append({"from": frm, "to": to, "kind": {"replace": "changed", "delete": "dropped",
                                                         "insert": "added"}[tag]})
        elif 0 < i2 - i1 <= MAX_TRUNCATION and any(is_qualifier(k) for k in a[i1:i2]):
            out.append({"from": frm, "to": "", "kind": "truncated"})
    return out



# -- occurrences ---------------------------------------------------------------------------------
def _order(day: str | None, doc_rowid: int, att_rowid: int = 0) -> tuple[bool, str, int, int]:
    """Where an occurrence stands in a statement's date order (undated last)."""
    return (day is None, day or "", doc_rowid, att_rowid)


def relay_outlet(row: Any) -> str | None:
    """The outlet an occurrence says it relays: the first outlet on its chain, or its source when that is one."""
    if row["via_outlet"]:
        return row["via_outlet"]
    if (row["source_kind"] or "") == "outlet":
        return row["entity"] or row["source_text"] or None
    return None


@functools.lru_cache(maxsize=65536)
def _same_outlet(a: str, b: str) -> bool:
    return same_outlet(a, b)

