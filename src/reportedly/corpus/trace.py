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
import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from typing import Any

from .backend import dialect_of
from .base import StoreLike
from .statement_text import (
    BANDS,
    COVER_LONG,
    COVER_SHORT,
    FUNCTION_WORDS,
    GAP,
    MAX_TRUNCATION,
    MIN_BLOCK,
    MIN_CONTENT_WORDS,
    MIN_RUN,
    MIN_TOKENS,
    NUM_PERM,
    QUALIFIERS,
    ROWS,
    SAYING_CUES,
    SHINGLE,
    _order,
    _same_outlet,
    band_keys,
    cased_tokens,
    compare_quotes,
    is_qualifier,
    is_topic,
    quoted_segments,
    quoted_words,
    relay_outlet,
    same_outlet,
    tokens,
    words,
)
from .trace_query import (
    MAX_LIMIT,
    TIME_BUDGET,
    _member_rows,
    document_statements,
    outlet_statements,
    statement,
    statement_object,
    trace,
)

__all__ = [
    "BANDS", "COVER_LONG", "COVER_SHORT", "FTS_CONTENTS", "FUNCTION_WORDS", "GAP", "MAX_LIMIT", "MAX_TRUNCATION",
    "MIN_BLOCK", "MIN_CONTENT_WORDS", "MIN_RUN", "MIN_TOKENS", "NUM_PERM", "QUALIFIERS", "REPRESENTATIVES", "ROWS",
    "SAYING_CUES", "SHINGLE", "TIME_BUDGET", "band_keys", "cased_tokens", "compare_quotes", "document_statements",
    "index_document", "is_qualifier", "is_stale", "is_topic", "outlet_statements", "quoted_segments", "quoted_words",
    "rebuild", "refresh_statement", "relay_outlet", "remove_document", "same_outlet", "similar", "similar_texts",
    "statement", "statement_object", "tokens", "trace", "words",
]

#: At most this many members of a statement are compared with a new content (those sharing the most
#: band keys first), and a statement's members are indexed only until this many of them share a key
#: with a new one: a statement repeated a thousand times costs a new copy what the tenth cost.
REPRESENTATIVES = 8
#: A statement is found by the words of at most this many of its distinct contents (``statements_fts``).
FTS_CONTENTS = 16
#: Processor seconds this process has spent clustering (:func:`index_document`): the trace benchmark
#: reports it beside wall-clock time, which on a shared machine also measures the neighbours.
cpu_seconds = 0.0


# -- matching --------------------------------------------------------------------------------------
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


# -- keeping the clusters --------------------------------------------------------------------------
def _candidates(conn: sqlite3.Connection, keys: list[int], exclude: int) -> list[tuple[int, int, str, int]]:
    """Indexed members sharing a band key with ``keys``: ``(att_rowid, statement_id, tokens, shared keys)``,
    those sharing the most keys (the likeliest to match) first."""
    rows = conn.execute(
        "SELECT m.att_rowid, m.statement_id, m.tokens, count(*) AS shared FROM statement_keys k JOIN statement_members m"
        f" ON m.att_rowid = k.att_rowid WHERE k.key IN ({','.join('?' * len(keys))}) AND k.att_rowid != ?"
        " GROUP BY m.att_rowid ORDER BY shared DESC, m.att_rowid", (*keys, exclude)).fetchall()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


class MemberIndex:
    """The band keys of the indexed members, their statement and words, held in memory while a bulk
    load clusters (:func:`_add_member`'s ``index``): each member then finds its candidates without a
    query. It mirrors ``statement_keys`` and ``statement_members`` as :func:`_add_member` and
    :func:`_merge` write them, so the clusters are the same as those the queries give."""

    def __init__(self) -> None:
        self.by_key: dict[int, list[int]] = {}
        self.member: dict[int, list[Any]] = {}  # att_rowid -> [statement_id, tokens]
        self.of_statement: dict[int, list[int]] = {}

    def candidates(self, keys: list[int], exclude: int) -> list[tuple[int, int, str, int]]:
        """What :func:`_candidates` reads from the tables, in the same order."""
        shared: dict[int, int] = {}
        for k in set(keys):
            for arow in self.by_key.get(k, ()):
                if arow != exclude:
                    shared[arow] = shared.get(arow, 0) + 1
        out = [(arow, *self.member[arow], n) for arow, n in shared.items()]
        out.sort(key=lambda r: (-r[3], r[0]))
        return out

    def add(self, att_rowid: int, statement_id: int, tokens: str, keys: list[int] | None) -> None:
        self.member[att_rowid] = [statement_id, tokens]
        self.of_statement.setdefault(statement_id, []).append(att_rowid)
        for k in dict.fromkeys(keys or ()):
            self.by_key.setdefault(k, []).append(att_rowid)

    def merge(self, target: int, sid: int) -> None:
        moved = self.of_statement.pop(sid, [])
        for arow in moved:
            self.member[arow][0] = target
        self.of_statement.setdefault(target, []).extend(moved)


def _merge(conn: sqlite3.Connection, target: int, others: Iterable[int], index: MemberIndex | None = None) -> None:
    for sid in others:
        if sid == target:
            continue
        if index is not None:
            index.merge(target, sid)
        conn.execute("UPDATE statement_members SET statement_id = ? WHERE statement_id = ?", (target, sid))
        conn.execute("UPDATE statements SET ref_att = NULL WHERE id = ?", (target,))  # compare every member again
        conn.execute("DELETE FROM statements WHERE id = ?", (sid,))
        conn.execute("DELETE FROM statements_fts WHERE rowid = ?", (sid,))


def _add_member(conn: sqlite3.Connection, att_rowid: int, doc_rowid: int, toks: list[str],
                place: tuple[str | None, str | None, str | None], keys: list[int] | None = None,
                index: MemberIndex | None = None) -> tuple[int, bool]:
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
    (a Parquet dataset's ``statements`` carry them). ``index``: the members held in memory during a
    bulk load (:class:`MemberIndex`), read instead of the tables and kept in step with them."""
    keys = band_keys(toks) if keys is None else keys
    text = " ".join(toks)
    joined: set[int] = set()
    tried: dict[int, int] = {}
    near: dict[int, int] = {}
    copy = False
    twins = 0  # indexed members with these very words
    verdicts: dict[str, bool] = {}  # stored contents repeated word for word are compared once
    found = index.candidates(keys, att_rowid) if index is not None else _candidates(conn, keys, att_rowid)
    for _rowid, sid, cand, _shared in found:
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
    indexed = not copy and sum(near.get(sid, 0) for sid in joined) < REPRESENTATIVES and twins < REPRESENTATIVES
    if indexed:
        conn.executemany("INSERT OR IGNORE INTO statement_keys (key, att_rowid) VALUES (?, ?)",
                         [(k, att_rowid) for k in keys])
    if index is not None:
        index.add(att_rowid, target, text, keys if indexed else None)
    _merge(conn, target, joined, index)
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
            dialect_of(conn).fts_insert(conn, "statements_fts", sid, text)


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
                    " AND (day IS NULL OR CAST(? AS TEXT) IS NULL OR day <= ?) ORDER BY day IS NULL, day, doc_rowid LIMIT 1",
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


def rebuild(store: StoreLike) -> int:
    """Cluster every stored attribution from scratch (one transaction); returns the number of statements
    seen in two documents or more. Gives the same clusters as adding the documents one by one."""
    conn = store.conn
    with store.lock:
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


