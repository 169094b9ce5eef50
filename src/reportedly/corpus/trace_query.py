"""Reading statements: one statement as the API shows it, ``trace`` queries, and what a document or
an outlet shares with the rest of the corpus. The clusters themselves are kept by
:mod:`reportedly.corpus.trace`; nothing here writes the store.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from ..errors import QueryError
from .backend import dialect_of, nfc
from .base import StoreLike
from .search import _is_syntax_error, _plain_terms, _requoted, check_query, fts_query
from .speaker_index import find_speakers
from .statement_text import relay_outlet

#: Largest cluster list one trace query returns.
MAX_LIMIT = 200
#: Seconds of SQLite work one trace query may take.
TIME_BUDGET = 2.0


_MEMBER_COLUMNS = (
    "SELECT m.att_rowid, m.doc_rowid, m.altered, m.changes, m.relayed_from, a.att_id, a.content_text, a.via,"
    " a.via_outlet, a.source_kind, a.source_text, a.entity, a.anonymous, a.speaker_id, a.description,"
    " a.cue_text, d.id AS doc_id, d.day, d.date, d.outlet, d.outlet_key, d.title"
    " FROM statement_members m JOIN attributions a ON a.rowid = m.att_rowid"
    # a document's head from its index: the row would be read through its whole text (migration 0007)
    " JOIN documents d INDEXED BY documents_head ON d.rowid = m.doc_rowid")


def _member_rows(conn: sqlite3.Connection, sid: int) -> list[sqlite3.Row]:
    return conn.execute(_MEMBER_COLUMNS + " WHERE m.statement_id = ? ORDER BY d.day IS NULL, d.day, m.doc_rowid,"
                        " m.att_rowid", (sid,)).fetchall()


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
    # two outlets crediting the words to no one in common; each (outlet, speakers) compared once, not
    # each pair of documents (a statement seen in thousands of documents has few distinct ones)
    distinct = list(dict.fromkeys((o, frozenset(s)) for o, s in credit_sets))
    disagreement = any(oa != ob and not (sa & sb) for i, (oa, sa) in enumerate(distinct)
                       for ob, sb in distinct[i + 1:])
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


def statement(store: StoreLike, sid: int) -> dict[str, Any] | None:
    """The statement with this id; an id that a merge retired (the rowid of one of its attributions)
    finds the statement that attribution is in now."""
    obj = statement_object(store.conn, sid)
    if obj is None:
        row = store.conn.execute("SELECT statement_id FROM statement_members WHERE att_rowid = ?", (sid,)).fetchone()
        if row is not None:
            obj = statement_object(store.conn, row[0])
    return obj


def _statement_ids(conn: Any, query: str, match: str, where: list[str], params: list[Any], limit: int,
                   offset: int) -> list[int]:
    """The ids of the statements passing ``where`` whose words match ``match`` (all, without), best first."""
    dialect = dialect_of(conn)
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
                q = dialect.query(attempt)
                rank, n = dialect.rank("statements_fts")
                sids = [r[0] for r in conn.execute(
                    "SELECT s.id FROM statements_fts JOIN statements s ON s.id = statements_fts.rowid"
                    f" WHERE {dialect.match('statements_fts')} AND " + " AND ".join(where) +
                    f" ORDER BY {rank}, s.documents DESC, s.id LIMIT ? OFFSET ?",
                    (q, *params, *[q] * n, limit, offset))]
                break
            except sqlite3.OperationalError as exc:
                if _is_syntax_error(exc) and i + 1 < len(tried):
                    continue
                if _is_syntax_error(exc):
                    raise QueryError(f"cannot trace {query!r}: {str(exc).removeprefix('fts5: ')}") from None
                raise
    return sids


def trace(store: StoreLike, query: str = "", *, speaker: str | None = None, outlet: str | None = None,
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
        ids = find_speakers(store.conn, speaker)
        if not ids:
            return []
        where.append("s.id IN (SELECT m.statement_id FROM attributions a JOIN statement_members m"
                     f" ON m.att_rowid = a.rowid WHERE a.speaker_id IN ({','.join('?' * len(ids))}))")
        params.extend(ids)
    if outlet:
        # each member carries its document's outlet (migration 0005): no document is read
        where.append("EXISTS (SELECT 1 FROM statement_members m WHERE m.statement_id = s.id AND m.outlet_key = ?)")
        params.append(outlet.strip().lower())
    query = nfc(query)
    match = fts_query(query or "")
    conn = store.conn
    dialect = dialect_of(conn)
    try:
        with dialect.time_budget(conn, TIME_BUDGET):
            sids = _statement_ids(conn, query, match, where, params, limit, offset)
            out = [obj for sid in sids if (obj := statement_object(conn, sid)) is not None]
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise QueryError(f"trace {query!r} took over {TIME_BUDGET:g} s and was stopped: use rarer words "
                             "or a filter") from None
        raise
    return out


def document_statements(store: StoreLike, doc_id: str, min_documents: int = 2) -> dict[str, dict[str, int]]:
    """For one document: attribution id → ``{id, documents}`` of its statement, when seen in
    ``min_documents`` documents or more."""
    return {r[0]: {"id": r[1], "documents": r[2]} for r in store.conn.execute(
        "SELECT a.att_id, s.id, s.documents FROM documents d JOIN statement_members m ON m.doc_rowid = d.rowid"
        " JOIN attributions a ON a.rowid = m.att_rowid JOIN statements s ON s.id = m.statement_id"
        " WHERE d.id = ? AND s.documents >= ?", (doc_id, min_documents))}


def outlet_statements(store: StoreLike, outlet_key: str) -> dict[str, Any]:
    """What an outlet's statements share with the corpus: statements it carries that other documents
    carry too, how often it was first, whom it relays (with how many of those relays alter the
    quoted words), who relays it, and how often its occurrences alter the words of the first."""
    conn = store.conn
    row = conn.execute(
        "SELECT count(*) AS shared, coalesce(sum(CASE WHEN s.first_att = m.att_rowid THEN 1 ELSE 0 END), 0) AS first,"
        " coalesce(sum(m.altered), 0) AS altered FROM statement_members m JOIN documents d ON d.rowid = m.doc_rowid"
        " JOIN statements s ON s.id = m.statement_id WHERE d.outlet_key = ? AND s.documents > 1",
        (outlet_key,)).fetchone()
    relays = [dict(r) for r in conn.execute(
        "SELECT min(src.outlet) AS outlet, count(*) AS statements, coalesce(sum(m.altered), 0) AS altered"
        " FROM statement_members m JOIN documents d ON d.rowid = m.doc_rowid JOIN documents src"
        " ON src.rowid = m.relayed_from WHERE d.outlet_key = ? GROUP BY src.outlet_key"
        " ORDER BY statements DESC, outlet", (outlet_key,))]
    relayed_by = [dict(r) for r in conn.execute(
        "SELECT min(d.outlet) AS outlet, count(*) AS statements, coalesce(sum(m.altered), 0) AS altered"
        " FROM statement_members m JOIN documents d ON d.rowid = m.doc_rowid JOIN documents src"
        " ON src.rowid = m.relayed_from WHERE src.outlet_key = ? GROUP BY d.outlet_key"
        " ORDER BY statements DESC, outlet", (outlet_key,))]
    n_relays = sum(r["statements"] for r in relays)
    n_altered = sum(r["altered"] for r in relays)
    shared = int(row["shared"] or 0)
    return {"shared": shared, "first": int(row["first"] or 0), "altered": int(row["altered"] or 0),
            "altered_share": (int(row["altered"] or 0) / shared) if shared else 0.0,
            "relays": relays, "relayed_by": relayed_by,
            "relays_altered_share": (n_altered / n_relays) if n_relays else 0.0}
