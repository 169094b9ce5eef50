"""Statements across the corpus: where a statement first appeared, who relayed whom, what changed.

Attributions in different documents that report the same words form one *statement* (a cluster).
Two attributions are the same statement when their contents (lower-cased words) share a run of at
least :data:`MIN_RUN` words and the stretches they share (runs of :data:`MIN_BLOCK` words or more)
cover :data:`COVER_SHORT` of the shorter content and :data:`COVER_LONG` of the longer one: a quote
relayed with a word changed, cut short, or inside a longer indirect sentence still matches; two
statements that only share a few common words ("the economy is …") do not. Contents of fewer than
:data:`MIN_TOKENS` words are not clustered, nor contents that name a topic rather than report words
(:func:`is_topic`: "Sanders defended [her record as secretary of state]"). A statement is a
connected group of such pairs, so the clusters do not depend on the order documents arrive in
(within the bound below).

Candidates are never all pairs: each content gets a MinHash signature (``datasketch``) over its
word 3-gram shingles, cut into :data:`BANDS` bands of :data:`ROWS` values; each band is one key in
``statement_keys``, and only attributions sharing a key are compared word by word (a pair sharing
30 % of its shingles is a candidate with probability 0.79, 50 %: 0.99). The index lives in the
store, so each new document is matched against every stored statement without loading anything.
The cost of a new content does not grow with the statements it meets: at most
:data:`REPRESENTATIVES` members of each candidate statement are compared, copies word for word and
members that already have that many indexed neighbours in their statement are not indexed
(:func:`_add_member`), and a document that joins a statement after its first occurrence only adds
to it (:func:`_extend_statement`) from the members' own small rows (day, outlet, relay; migration
0005), never reading its other articles. Only in a statement with more than
:data:`REPRESENTATIVES` indexed members that share a key with a new content can the order of arrival
matter.

:func:`index_document` runs inside :meth:`Store.put`'s transaction (``ingest`` and ``batch`` both
store through it), :func:`remove_document` when ``--update`` replaces a document (the other members
of its statements are clustered again, in the order they were stored), :func:`rebuild` recomputes
everything from scratch with the same result.

For each statement, derived again whenever its members change:

- ``first_seen``: the occurrence in the earliest document by publication date (undated last);
- ``altered`` / ``changes``: the words inside quotation marks compared, word by word, with the
  first occurrence that quotes (:func:`compare_quotes`): words changed, added or dropped between
  the first and last shared word, and a quotation cut short where the cut drops a qualifier
  ("in full", "not yet", "only");
- ``relayed_from``: when the occurrence's relay chain names an outlet ("the Daily Meridian
  reported", ``via_outlet``, or an outlet as the source itself) and that outlet's article carrying
  the statement is in the corpus, that article (dated on or before, the earliest);
- speaker disagreements are read when a statement is shown: different outlets crediting the same
  words to different named speakers.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from ..errors import QueryError
from .search import _is_syntax_error, _plain_terms, _requoted, check_query, fts_query

if TYPE_CHECKING:
    from .store import Store

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
#: At most this many members of a statement are compared with a new content (those sharing the most
#: band keys first), and a statement's members are indexed only until this many of them share a key
#: with a new one: a statement repeated a thousand times costs a new copy what the tenth cost.
REPRESENTATIVES = 8
#: A statement is found by the words of at most this many of its distinct contents (``statements_fts``).
FTS_CONTENTS = 16
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
#: Largest cluster list one trace query returns.
MAX_LIMIT = 200
#: Seconds of SQLite work one trace query may take.
TIME_BUDGET = 2.0

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_INNER_APOSTROPHE = re.compile(r"(?<=\w)[‘’](?=\w)")
_OPEN = {'"': '"', "“": "”", "«": "»", "‘": "’", "„": "“"}
_OUTLET_EXTRA = frozenset({"news", "online", "com", "magazine", "network", "newspaper"})

_PERMS: Any = None
#: Processor seconds this process has spent clustering (:func:`index_document`): the trace benchmark
#: reports it beside wall-clock time, which on a shared machine also measures the neighbours.
cpu_seconds = 0.0
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


def similar(a: list[str], b: list[str]) -> bool:
    """Do two contents (words as :func:`cased_tokens` gives them) report the same statement?

    The shared runs must hold :data:`MIN_CONTENT_WORDS` lower-case words that are not function words,
    and more of them than capitalised ones: a name with its title ("Democratic presidential
    candidate Hillary Clinton") is not a statement. Symmetric: the pair is put in one order first."""
    if len(a) < MIN_TOKENS or len(b) < MIN_TOKENS:
        return False
    (short_c, short), (_, long) = sorted(((a, [w.lower() for w in a]), (b, [w.lower() for w in b])),
                                         key=lambda t: (len(t[1]), t[1], t[0]))
    if len(set(short) & set(long)) < min(MIN_RUN, COVER_SHORT * len(short)):
        return False
    blocks = [bl for bl in SequenceMatcher(None, short, long, autojunk=False).get_matching_blocks()
              if bl.size >= MIN_BLOCK]
    if not blocks or max(bl.size for bl in blocks) < MIN_RUN:
        return False
    shared = sum(bl.size for bl in blocks)
    run = [w for bl in blocks for w in short_c[bl.a:bl.a + bl.size] if w.lower() not in FUNCTION_WORDS]
    content = sum(w.islower() for w in run)
    return shared >= COVER_SHORT * len(short) and shared >= COVER_LONG * len(long) and content >= MIN_CONTENT_WORDS \
        and content > len(run) - content


@functools.lru_cache(maxsize=1 << 16)
def similar_texts(a: str, b: str) -> bool:
    """:func:`similar` of two contents given as their space-joined words, remembered: a wire story
    republished word for word meets the same pairs of contents again and again."""
    return similar(a.split(" "), b.split(" "))


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


# -- keeping the clusters --------------------------------------------------------------------------
def _candidates(conn: sqlite3.Connection, keys: list[int], exclude: int) -> list[tuple[int, int, str, int]]:
    """Indexed members sharing a band key with ``keys``: ``(att_rowid, statement_id, tokens, shared keys)``,
    those sharing the most keys (the likeliest to match) first."""
    rows = conn.execute(
        "SELECT k.att_rowid, m.statement_id, m.tokens, count(*) AS shared FROM statement_keys k JOIN statement_members m"
        f" ON m.att_rowid = k.att_rowid WHERE k.key IN ({','.join('?' * len(keys))}) AND k.att_rowid != ?"
        " GROUP BY k.att_rowid ORDER BY shared DESC, k.att_rowid", (*keys, exclude)).fetchall()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def _merge(conn: sqlite3.Connection, target: int, others: Iterable[int]) -> None:
    for sid in others:
        if sid == target:
            continue
        conn.execute("UPDATE statement_members SET statement_id = ? WHERE statement_id = ?", (target, sid))
        conn.execute("UPDATE statements SET ref_att = NULL WHERE id = ?", (target,))  # compare every member again
        conn.execute("DELETE FROM statements WHERE id = ?", (sid,))
        conn.execute("DELETE FROM statements_fts WHERE rowid = ?", (sid,))


def _add_member(conn: sqlite3.Connection, att_rowid: int, doc_rowid: int, toks: list[str],
                place: tuple[str | None, str | None, str | None], keys: list[int] | None = None) -> tuple[int, bool]:
    """Put one attribution into the clusters (inside the caller's transaction); returns its statement id
    and whether the statement is new or made of several merged ones (its members must all be derived again).
    ``place``: its document's day and outlet key and the outlet it relays (kept with the member).

    At most :data:`REPRESENTATIVES` members of each candidate statement are compared, those sharing the
    most band keys first. The attribution's own keys are stored only when it is no word-for-word copy of
    the member it matched and fewer than :data:`REPRESENTATIVES` indexed members of its statement share
    a key with it, and fewer than :data:`REPRESENTATIVES` indexed members have its very words (words that
    join nothing, not even their own copy — mostly names — would otherwise be indexed once per copy, and
    each new copy would read them all). So a statement repeated a thousand times keeps a few indexed
    members, and a new copy costs what the tenth cost. ``keys``: the content's :func:`band_keys` when they were computed before
    (a Parquet dataset's ``statements`` carry them)."""
    keys = band_keys(toks) if keys is None else keys
    text = " ".join(toks)
    joined: set[int] = set()
    tried: dict[int, int] = {}
    near: dict[int, int] = {}
    copy = False
    twins = 0  # indexed members with these very words
    verdicts: dict[str, bool] = {}  # stored contents repeated word for word are compared once
    for _rowid, sid, cand, _shared in _candidates(conn, keys, att_rowid):
        near[sid] = near.get(sid, 0) + 1
        twins += cand == text
        if sid in joined or tried.get(sid, 0) >= REPRESENTATIVES:
            continue  # one matching member per cluster is enough to join it
        tried[sid] = tried.get(sid, 0) + 1
        if cand not in verdicts:
            verdicts[cand] = similar_texts(text, cand)
        if verdicts[cand]:
            joined.add(sid)
            copy = copy or cand == text  # a copy finds whatever its twin finds
    target = min(joined | {att_rowid})
    if target == att_rowid:
        conn.execute("INSERT INTO statements (id) VALUES (?)", (att_rowid,))
    conn.execute("INSERT INTO statement_members (att_rowid, statement_id, doc_rowid, tokens, day, outlet_key, relay)"
                 " VALUES (?,?,?,?,?,?,?)", (att_rowid, target, doc_rowid, text, *place))
    if not copy and sum(near.get(sid, 0) for sid in joined) < REPRESENTATIVES and twins < REPRESENTATIVES:
        conn.executemany("INSERT OR IGNORE INTO statement_keys (key, att_rowid) VALUES (?, ?)",
                         [(k, att_rowid) for k in keys])
    _merge(conn, target, joined)
    return target, target == att_rowid or len(joined) > 1


def _index(conn: sqlite3.Connection, doc_rowid: int) -> dict[int, bool]:
    """Cluster one document's attributions; returns each statement it joined, True where the statement
    is new or merged (all its members are derived again), False where members were only added."""
    touched: dict[int, bool] = {}
    doc = conn.execute("SELECT day, outlet_key FROM documents WHERE rowid = ?", (doc_rowid,)).fetchone()
    for r in conn.execute("SELECT rowid, content_text, cue_text, via_outlet, source_kind, entity, source_text"
                          " FROM attributions WHERE doc_rowid = ? ORDER BY rowid", (doc_rowid,)).fetchall():
        toks = cased_tokens(r["content_text"])
        if len(toks) >= MIN_TOKENS and not is_topic(r["content_text"], r["cue_text"]):
            sid, whole = _add_member(conn, r["rowid"], doc_rowid, toks, (doc["day"], doc["outlet_key"], relay_outlet(r)))
            touched[sid] = touched.get(sid, False) or whole
    # a merge may have folded a cluster touched earlier into another one (which is then marked whole)
    return {sid: whole for sid, whole in touched.items()
            if conn.execute("SELECT 1 FROM statements WHERE id = ?", (sid,)).fetchone()}


def index_document(conn: sqlite3.Connection, doc_rowid: int) -> float:
    """Cluster the attributions of a stored document (inside the caller's transaction); returns seconds spent
    (wall clock; :data:`cpu_seconds` adds up the processor time)."""
    global cpu_seconds
    t0, c0 = time.perf_counter(), time.process_time()
    for sid, whole in sorted(_index(conn, doc_rowid).items()):
        if whole or not _extend_statement(conn, sid, doc_rowid):
            refresh_statement(conn, sid)
    cpu_seconds += time.process_time() - c0
    return time.perf_counter() - t0


def remove_document(conn: sqlite3.Connection, doc_rowid: int) -> None:
    """Take a document's attributions out of their clusters (inside the caller's transaction) and cluster
    the other members of each statement it was part of again, in the order they were stored, as a
    rebuild would."""
    gone = conn.execute("SELECT att_rowid, statement_id, tokens FROM statement_members WHERE doc_rowid = ?",
                        (doc_rowid,)).fetchall()
    if not gone:
        return
    sids = sorted({r[1] for r in gone})
    rest = conn.execute(
        "SELECT att_rowid, doc_rowid, tokens, day, outlet_key, relay FROM statement_members"
        f" WHERE statement_id IN ({','.join('?' * len(sids))}) AND doc_rowid != ? ORDER BY att_rowid",
        (*sids, doc_rowid)).fetchall()
    for arow, toks in [(r[0], r[2]) for r in gone] + [(r[0], r[2]) for r in rest]:
        conn.executemany("DELETE FROM statement_keys WHERE key = ? AND att_rowid = ?",
                         [(k, arow) for k in band_keys(toks.split(" "))])
        conn.execute("DELETE FROM statement_members WHERE att_rowid = ?", (arow,))
    for sid in sids:
        conn.execute("DELETE FROM statements WHERE id = ?", (sid,))
        conn.execute("DELETE FROM statements_fts WHERE rowid = ?", (sid,))
    touched = {_add_member(conn, r[0], r[1], r[2].split(" "), (r[3], r[4], r[5]))[0] for r in rest}
    for sid in sorted(touched):
        if conn.execute("SELECT 1 FROM statements WHERE id = ?", (sid,)).fetchone():
            refresh_statement(conn, sid)


_MEMBER_COLUMNS = (
    "SELECT m.att_rowid, m.doc_rowid, m.altered, m.changes, m.relayed_from, a.att_id, a.content_text, a.via,"
    " a.via_outlet, a.source_kind, a.source_text, a.entity, a.anonymous, a.speaker_id, a.description,"
    " a.cue_text, d.id AS doc_id, d.day, d.date, d.outlet, d.outlet_key, d.title"
    " FROM statement_members m JOIN attributions a ON a.rowid = m.att_rowid JOIN documents d ON d.rowid = m.doc_rowid")


def _member_rows(conn: sqlite3.Connection, sid: int) -> list[sqlite3.Row]:
    return conn.execute(_MEMBER_COLUMNS + " WHERE m.statement_id = ? ORDER BY d.day IS NULL, d.day, m.doc_rowid,"
                        " m.att_rowid", (sid,)).fetchall()


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


def _fts_text(contents: Iterable[str]) -> str:
    """The words a statement is found by: its distinct contents, at most :data:`FTS_CONTENTS` of them."""
    return "\n".join(list(dict.fromkeys(" ".join(c.split()) for c in contents))[:FTS_CONTENTS])


def _relay_sources(rows: list[Any]) -> dict[str, list[tuple[str | None, int]]]:
    """Per outlet of a statement (its name as a document gives it), ``(day, doc_rowid)`` of its documents in
    date order."""
    out: dict[str, list[tuple[str | None, int]]] = {}
    seen: set[int] = set()
    for r in rows:
        if r["doc_rowid"] not in seen:
            seen.add(r["doc_rowid"])
            out.setdefault(r["outlet"] or "", []).append((r["day"], r["doc_rowid"]))
    return out


def _relayed_from(relay: str | None, outlet: str | None, doc_rowid: int, day: str | None,
                  sources: dict[str, list[tuple[str | None, int]]]) -> int | None:
    """The earliest document of the outlet ``relay`` names that carries the statement, dated on or before
    ``day`` (undated documents are never ruled out), when the occurrence is not in that outlet itself."""
    if not relay or _same_outlet(relay, outlet or ""):
        return None
    best: tuple[bool, str, int, int] | None = None
    for name, docs in sources.items():
        if not _same_outlet(relay, name):
            continue
        for d_day, d_row in docs:
            if d_row != doc_rowid and (d_day is None or day is None or d_day <= day):
                if best is None or _order(d_day, d_row) < best:
                    best = _order(d_day, d_row)
                break
    return best[2] if best else None


def refresh_statement(conn: sqlite3.Connection, sid: int) -> None:
    """Derive a cluster's first occurrence, alterations, relays and counts again from all its members.

    Members are compared with the first quotation again only when that quotation changed (an
    earlier document arrived, clusters merged or split); otherwise only new members are compared.
    A document that only adds occurrences after the first quotation goes through
    :func:`_extend_statement` instead, which reads none of the other members."""
    rows = _member_rows(conn, sid)
    if not rows:
        conn.execute("DELETE FROM statements WHERE id = ?", (sid,))
        conn.execute("DELETE FROM statements_fts WHERE rowid = ?", (sid,))
        return
    docs = {r["doc_rowid"] for r in rows}
    stored = conn.execute("SELECT ref_att FROM statements WHERE id = ?", (sid,)).fetchone()
    stored_ref = stored[0] if stored is not None else None
    quotes: dict[int, Sequence[tuple[str, str]]] = {}
    ref = None
    if len(docs) > 1:
        for i, r in enumerate(rows):
            if stored_ref is not None and r["att_rowid"] != stored_ref and r["changes"] is not None:
                continue  # compared before, and before the first quotation then: it quotes too little
            quotes[i] = quoted_words(r["content_text"])
            if len(quotes[i]) >= 3:
                ref = i
                break
    ref_att = rows[ref]["att_rowid"] if ref is not None else None
    again = stored_ref != ref_att
    sources = _relay_sources(rows)
    updates = []
    altered = relays = 0
    for i, r in enumerate(rows):
        if again or r["changes"] is None:
            if ref is not None and i != ref:
                q = quotes[i] if i in quotes else quoted_words(r["content_text"])
                payload = json.dumps(compare_quotes(quotes[ref], q), ensure_ascii=False)
            else:
                payload = "[]"
        else:
            payload = r["changes"]
        changed = payload != "[]"
        relayed_from = _relayed_from(relay_outlet(r), r["outlet"], r["doc_rowid"], r["day"], sources)
        altered += changed
        relays += relayed_from is not None
        if (changed, payload, relayed_from) != (bool(r["altered"]), r["changes"], r["relayed_from"]):
            updates.append((int(changed), payload, relayed_from, r["att_rowid"]))
    if updates:
        conn.executemany("UPDATE statement_members SET altered = ?, changes = ?, relayed_from = ? WHERE att_rowid = ?",
                         updates)
    days = [r["day"] for r in rows if r["day"]]
    conn.execute("UPDATE statements SET occurrences = ?, documents = ?, outlets = ?, first_att = ?, ref_att = ?,"
                 " first_day = ?, last_day = ?, altered = ?, relays = ? WHERE id = ?",
                 (len(rows), len(docs), len({r["outlet_key"] for r in rows}), rows[0]["att_rowid"], ref_att,
                  min(days) if days else None, max(days) if days else None, altered, relays, sid))
    _write_fts(conn, sid, _fts_text(r["content_text"] for r in rows) if len(docs) > 1 else None)


def _write_fts(conn: sqlite3.Connection, sid: int, text: str | None) -> None:
    have = conn.execute("SELECT content FROM statements_fts WHERE rowid = ?", (sid,)).fetchone()
    if (have[0] if have else None) != text:
        conn.execute("DELETE FROM statements_fts WHERE rowid = ?", (sid,))
        if text is not None:
            conn.execute("INSERT INTO statements_fts (rowid, content) VALUES (?, ?)", (sid, text))


def _extend_statement(conn: sqlite3.Connection, sid: int, doc_rowid: int) -> bool:
    """Add a new document's occurrences to a statement seen in two documents or more, reading only what the
    new document changes: each occurrence is compared with the first quotation and linked to the article
    it relays, the occurrences that relay the new document's outlet are linked to it where it is the
    earlier source, and the counts move by what the document adds. Everything else it reads from the
    statement's small ``statement_members`` rows (day, outlet, relay), never its other articles.
    Returns False, having changed nothing, when the document comes before the first occurrence or
    brings an earlier first quotation (then :func:`refresh_statement` derives the statement again)."""
    st = conn.execute("SELECT s.documents, s.first_att, s.ref_att, s.last_day, f.day, f.doc_rowid FROM statements s"
                      " JOIN statement_members f ON f.att_rowid = s.first_att WHERE s.id = ?", (sid,)).fetchone()
    if st is None or st["documents"] < 2:
        return False
    new = conn.execute("SELECT m.att_rowid, m.day, m.outlet_key, m.relay, a.content_text FROM statement_members m"
                       " JOIN attributions a ON a.rowid = m.att_rowid WHERE m.doc_rowid = ? AND m.statement_id = ?"
                       " ORDER BY m.att_rowid", (doc_rowid, sid)).fetchall()
    if not new:
        return True
    first_at = _order(st["day"], st["doc_rowid"], st["first_att"])
    ref_at, ref_quote = None, None
    if st["ref_att"] is not None:
        ref = conn.execute("SELECT a.content_text, m.day, m.doc_rowid FROM statement_members m JOIN attributions a"
                           " ON a.rowid = m.att_rowid WHERE m.att_rowid = ?", (st["ref_att"],)).fetchone()
        ref_at, ref_quote = _order(ref["day"], ref["doc_rowid"], st["ref_att"]), quoted_words(ref["content_text"])
    for r in new:
        at = _order(r["day"], doc_rowid, r["att_rowid"])
        if at < first_at or ((ref_at is None or at < ref_at) and len(quoted_words(r["content_text"])) >= 3):
            return False  # an earlier first occurrence or first quotation: every member is derived again
    day, outlet = new[0]["day"], new[0]["outlet_key"] or ""
    outlets: list[str] | None = None  # the statement's outlets, read only when an occurrence relays one
    updates = []
    altered = relays = 0
    for r in new:
        payload = "[]" if ref_quote is None else \
            json.dumps(compare_quotes(ref_quote, quoted_words(r["content_text"])), ensure_ascii=False)
        relay, relayed_from = r["relay"], None
        if relay and not _same_outlet(relay, outlet):
            if outlets is None:
                outlets = [r[0] or "" for r in conn.execute(
                    "SELECT DISTINCT outlet_key FROM statement_members WHERE statement_id = ?", (sid,))]
            keys = [k for k in outlets if _same_outlet(relay, k)]
            if keys:
                got = conn.execute(
                    "SELECT doc_rowid FROM statement_members WHERE statement_id = ?"
                    f" AND outlet_key IN ({','.join('?' * len(keys))}) AND doc_rowid != ?"
                    " AND (day IS NULL OR ? IS NULL OR day <= ?) ORDER BY day IS NULL, day, doc_rowid LIMIT 1",
                    (sid, *keys, doc_rowid, day, day)).fetchone()
                relayed_from = got[0] if got else None
        altered += payload != "[]"
        relays += relayed_from is not None
        updates.append((int(payload != "[]"), payload, relayed_from, r["att_rowid"]))
    # earlier occurrences that relay this document's outlet: the new document may be their source
    here = _order(day, doc_rowid)
    for r in conn.execute("SELECT att_rowid, doc_rowid, relayed_from, relay, day, outlet_key FROM statement_members"
                          " WHERE statement_id = ? AND relay IS NOT NULL AND doc_rowid != ?", (sid, doc_rowid)).fetchall():
        relay = r["relay"]
        if not _same_outlet(relay, outlet) or _same_outlet(relay, r["outlet_key"] or ""):
            continue
        if day is not None and r["day"] is not None and day > r["day"]:
            continue
        if r["relayed_from"] is not None:
            src = conn.execute("SELECT day FROM statement_members WHERE doc_rowid = ? LIMIT 1",
                               (r["relayed_from"],)).fetchone()
            if src is not None and here > _order(src[0], r["relayed_from"]):
                continue
        relays += r["relayed_from"] is None
        conn.execute("UPDATE statement_members SET relayed_from = ? WHERE att_rowid = ?", (doc_rowid, r["att_rowid"]))
    conn.executemany("UPDATE statement_members SET altered = ?, changes = ?, relayed_from = ? WHERE att_rowid = ?",
                     updates)
    known = conn.execute("SELECT 1 FROM statement_members WHERE statement_id = ? AND outlet_key = ? AND doc_rowid != ?"
                         " LIMIT 1", (sid, new[0]["outlet_key"], doc_rowid)).fetchone() is not None
    days = [r["day"] for r in new if r["day"]] + ([st["last_day"]] if st["last_day"] else [])
    conn.execute("UPDATE statements SET occurrences = occurrences + ?, documents = documents + 1, outlets = outlets + ?,"
                 " last_day = ?, altered = altered + ?, relays = relays + ? WHERE id = ?",
                 (len(new), 0 if known else 1, max(days) if days else None, altered, relays, sid))
    have = conn.execute("SELECT content FROM statements_fts WHERE rowid = ?", (sid,)).fetchone()
    texts = have[0].split("\n") if have else []
    if len(texts) < FTS_CONTENTS:
        _write_fts(conn, sid, _fts_text(texts + [r["content_text"] for r in new]))
    return True


def is_stale(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT value FROM statement_state WHERE key = 'stale'").fetchone()
    except sqlite3.OperationalError:
        return False
    return row is not None and row[0] == "1"


def rebuild(store: Store) -> int:
    """Cluster every stored attribution from scratch (one transaction); returns the number of statements
    seen in two documents or more. Gives the same clusters as adding the documents one by one."""
    conn = store.conn
    with store._lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table in ("statements", "statement_members", "statement_keys", "statements_fts"):
                conn.execute(f"DELETE FROM {table}")
            touched: set[int] = set()
            for (drow,) in conn.execute("SELECT rowid FROM documents ORDER BY rowid").fetchall():
                touched |= set(_index(conn, drow))
            for sid in sorted(touched):
                if conn.execute("SELECT 1 FROM statements WHERE id = ?", (sid,)).fetchone():
                    refresh_statement(conn, sid)
            conn.execute("DELETE FROM statement_state WHERE key = 'stale'")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return int(conn.execute("SELECT count(*) FROM statements WHERE documents > 1").fetchone()[0])


# -- reading ---------------------------------------------------------------------------------------
def _speakers(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, str]:
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    return {r[0]: r[1] for r in conn.execute(f"SELECT id, name FROM speakers WHERE id IN ({','.join('?' * len(ids))})",
                                             ids)}


def _credited(rows: list[Any]) -> dict[int, list[Any]]:
    """Per document, the occurrences that credit the words: not the relaying ones when the document
    also names who spoke ("The Times reported that Milley said '…'": Milley, not the Times)."""
    out: dict[int, list[Any]] = {}
    for r in rows:
        out.setdefault(r["doc_rowid"], []).append(r)
    for drow, occ in out.items():
        vias = {o["via"] for o in occ if o["via"]}
        keep = [o for o in occ if o["att_id"] not in vias and (o["source_kind"] or "") != "outlet"]
        out[drow] = keep or occ
    return out


def statement_object(conn: sqlite3.Connection, sid: int) -> dict[str, Any] | None:
    """One statement as the API gives it (see ``docs/schema.md``)."""
    srow = conn.execute("SELECT * FROM statements WHERE id = ?", (sid,)).fetchone()
    if srow is None:
        return None
    rows = _member_rows(conn, sid)
    names = _speakers(conn, (r["speaker_id"] for r in rows))
    doc_ids = {r["doc_rowid"]: r["doc_id"] for r in rows}
    missing = {r["relayed_from"] for r in rows if r["relayed_from"] and r["relayed_from"] not in doc_ids}
    for drow in missing:
        got = conn.execute("SELECT id FROM documents WHERE rowid = ?", (drow,)).fetchone()
        doc_ids[drow] = got[0] if got else None
    credited = _credited(rows)
    speakers: list[str] = []
    credit_sets: list[tuple[str, set[str]]] = []
    for occ in credited.values():
        named = {o["speaker_id"] for o in occ if o["speaker_id"] and not o["anonymous"]}
        if named:
            credit_sets.append((occ[0]["outlet_key"], named))
    for r in rows:
        for occ in credited.get(r["doc_rowid"], []):
            if occ["att_rowid"] == r["att_rowid"] and r["speaker_id"] and not r["anonymous"]:
                name = names.get(r["speaker_id"], r["speaker_id"])
                if name not in speakers:
                    speakers.append(name)
    disagreement = any(oa != ob and not (sa & sb) for i, (oa, sa) in enumerate(credit_sets)
                       for ob, sb in credit_sets[i + 1:])
    first = rows[0]
    occurrences = []
    for r in rows:
        occurrences.append({
            "document_id": r["doc_id"], "attribution_id": r["att_id"], "outlet": r["outlet"], "date": r["day"],
            "title": r["title"], "speaker": names.get(r["speaker_id"]) if r["speaker_id"] else None,
            "speaker_id": r["speaker_id"], "anonymous": bool(r["anonymous"]), "source": r["source_text"],
            "cue": r["cue_text"], "content": r["content_text"], "altered": bool(r["altered"]),
            "changes": json.loads(r["changes"] or "[]"), "relayed_from": doc_ids.get(r["relayed_from"]),
            "relay_outlet": relay_outlet(r), "first": r["att_rowid"] == first["att_rowid"],
        })
    return {
        "id": sid, "content": first["content_text"],
        "documents": srow["documents"], "outlets": list(dict.fromkeys(r["outlet"] for r in rows)),
        "speakers": speakers, "speaker_disagreement": disagreement,
        "first_seen": {"document_id": first["doc_id"], "attribution_id": first["att_id"], "outlet": first["outlet"],
                       "date": first["day"]},
        "last_seen": srow["last_day"], "altered": srow["altered"], "relays": srow["relays"],
        "occurrences": occurrences,
    }


def statement(store: Store, sid: int) -> dict[str, Any] | None:
    """The statement with this id; an id that a merge retired (the rowid of one of its attributions)
    finds the statement that attribution is in now."""
    obj = statement_object(store.conn, sid)
    if obj is None:
        row = store.conn.execute("SELECT statement_id FROM statement_members WHERE att_rowid = ?", (sid,)).fetchone()
        if row is not None:
            obj = statement_object(store.conn, row[0])
    return obj


def trace(store: Store, query: str = "", *, speaker: str | None = None, outlet: str | None = None,
          limit: int = 20, offset: int = 0, min_documents: int = 2) -> list[dict[str, Any]]:
    """Statements seen in at least ``min_documents`` documents whose words match ``query`` (search
    syntax as :func:`~reportedly.corpus.search.search`; empty: all), optionally with an occurrence by
    ``speaker`` (id or any form of the name) or in ``outlet``. Best match first (most documents first
    without a query)."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    check_query(query or "")
    where: list[str] = ["s.documents >= ?"]
    params: list[Any] = [max(1, int(min_documents))]
    if speaker:
        ids = store.find_speakers(speaker)
        if not ids:
            return []
        where.append("s.id IN (SELECT m.statement_id FROM attributions a JOIN statement_members m"
                     f" ON m.att_rowid = a.rowid WHERE a.speaker_id IN ({','.join('?' * len(ids))}))")
        params.extend(ids)
    if outlet:
        where.append("EXISTS (SELECT 1 FROM statement_members m JOIN documents d ON d.rowid = m.doc_rowid"
                     " WHERE m.statement_id = s.id AND d.outlet_key = ?)")
        params.append(outlet.strip().lower())
    match = fts_query(query or "")
    conn = store.conn
    deadline = time.monotonic() + TIME_BUDGET
    conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 1000)
    try:
        if not match:
            sids = [r[0] for r in conn.execute(
                "SELECT s.id FROM statements s WHERE " + " AND ".join(where) +
                " ORDER BY s.documents DESC, s.outlets DESC, s.first_day IS NULL, s.first_day, s.id LIMIT ? OFFSET ?",
                (*params, limit, offset))]
        else:
            tried = [match] + [q for q in (_requoted(query), _plain_terms(query)) if q and q != match]
            sids = []
            for i, attempt in enumerate(tried):
                try:
                    sids = [r[0] for r in conn.execute(
                        "SELECT s.id FROM statements_fts f JOIN statements s ON s.id = f.rowid"
                        " WHERE statements_fts MATCH ? AND " + " AND ".join(where) +
                        " ORDER BY bm25(statements_fts), s.documents DESC, s.id LIMIT ? OFFSET ?",
                        (attempt, *params, limit, offset))]
                    break
                except sqlite3.OperationalError as exc:
                    if _is_syntax_error(exc) and i + 1 < len(tried):
                        continue
                    if _is_syntax_error(exc):
                        raise QueryError(f"cannot trace {query!r}: {str(exc).removeprefix('fts5: ')}") from None
                    raise
        out = [obj for sid in sids if (obj := statement_object(conn, sid)) is not None]
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise QueryError(f"trace {query!r} took over {TIME_BUDGET:g} s and was stopped: use rarer words "
                             "or a filter") from None
        raise
    finally:
        conn.set_progress_handler(None, 0)
    return out


def document_statements(store: Store, doc_id: str, min_documents: int = 2) -> dict[str, dict[str, int]]:
    """For one document: attribution id → ``{id, documents}`` of its statement, when seen in
    ``min_documents`` documents or more."""
    return {r[0]: {"id": r[1], "documents": r[2]} for r in store.conn.execute(
        "SELECT a.att_id, s.id, s.documents FROM documents d JOIN statement_members m ON m.doc_rowid = d.rowid"
        " JOIN attributions a ON a.rowid = m.att_rowid JOIN statements s ON s.id = m.statement_id"
        " WHERE d.id = ? AND s.documents >= ?", (doc_id, min_documents))}


def outlet_statements(store: Store, outlet_key: str) -> dict[str, Any]:
    """What an outlet's statements share with the corpus: statements it carries that other documents
    carry too, how often it was first, whom it relays (with how many of those relays alter the
    quoted words), who relays it, and how often its occurrences alter the words of the first."""
    conn = store.conn
    row = conn.execute(
        "SELECT count(*) AS shared, coalesce(sum(s.first_att = m.att_rowid), 0) AS first,"
        " coalesce(sum(m.altered), 0) AS altered FROM statement_members m JOIN documents d ON d.rowid = m.doc_rowid"
        " JOIN statements s ON s.id = m.statement_id WHERE d.outlet_key = ? AND s.documents > 1",
        (outlet_key,)).fetchone()
    relays = [dict(r) for r in conn.execute(
        "SELECT src.outlet AS outlet, count(*) AS statements, coalesce(sum(m.altered), 0) AS altered"
        " FROM statement_members m JOIN documents d ON d.rowid = m.doc_rowid JOIN documents src"
        " ON src.rowid = m.relayed_from WHERE d.outlet_key = ? GROUP BY src.outlet_key"
        " ORDER BY statements DESC, src.outlet", (outlet_key,))]
    relayed_by = [dict(r) for r in conn.execute(
        "SELECT d.outlet AS outlet, count(*) AS statements, coalesce(sum(m.altered), 0) AS altered"
        " FROM statement_members m JOIN documents d ON d.rowid = m.doc_rowid JOIN documents src"
        " ON src.rowid = m.relayed_from WHERE src.outlet_key = ? GROUP BY d.outlet_key"
        " ORDER BY statements DESC, d.outlet", (outlet_key,))]
    n_relays = sum(r["statements"] for r in relays)
    n_altered = sum(r["altered"] for r in relays)
    shared = int(row["shared"] or 0)
    return {"shared": shared, "first": int(row["first"] or 0), "altered": int(row["altered"] or 0),
            "altered_share": (int(row["altered"] or 0) / shared) if shared else 0.0,
            "relays": relays, "relayed_by": relayed_by,
            "relays_altered_share": (n_altered / n_relays) if n_relays else 0.0}
