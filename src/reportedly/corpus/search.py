"""Full-text search over document bodies and attribution contents, with filters.

Plain words are searched as they are (each word quoted, so ``Milley's`` or ``U.S.`` just work);
a query that uses FTS5 syntax (``"phrases"``, ``AND``/``OR``/``NOT``, ``NEAR``, ``prefix*``) is
passed through. When that is not valid FTS5 (``"White House" Trump's``, ``trump OR``, ``said"``),
the query is read again with its bare words quoted (phrases and operators kept), and failing that
as its words alone, quoted: an ordinary query never fails for its punctuation.
Query text and filters only ever reach SQL as parameters.

Limits (each a one-line :class:`~reportedly.errors.QueryError`): a query of at most
:data:`MAX_QUERY_CHARS` characters and :data:`MAX_QUERY_TERMS` words, and at most
:data:`TIME_BUDGET` seconds of SQLite work per search (a progress handler interrupts it).

Results are dicts with ``type`` ``"attribution"`` (a statement: speaker, cue, content) or
``"document"``; both carry ``document_id``. Filters on the statement (speaker, anonymous, hedged,
via) return statements only; a query with no words lists what the filters select.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from typing import Any

from ..errors import QueryError
from .backend import dialect_of, is_syntax_error, nfc
from .base import StoreLike
from .speaker_index import find_speakers

#: Markers around matched words in ``snippet``; the web UI turns them into ``<mark>``.
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
#: A full-text query with no filter outside the index ranks at most this many of the newest matches
#: (see _ranked).
RANK_WINDOW = 2000
#: A filtered full-text query reads the rows its filters select first, unless they are more than this
#: many times as many as the matches (see _ranked).
SUBSET_RATIO = 4
#: What makes a query FTS5 syntax: quotes, a prefix star, or an operator in capitals. Anything else
#: (colons, parentheses, hyphens) is read as plain words.
_SYNTAX = re.compile(r'"|\w\*|\b(AND|OR|NOT|NEAR)\b')
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: The longest query accepted, in characters.
MAX_QUERY_CHARS = 500
#: The most words (operators included) a query may have.
MAX_QUERY_TERMS = 32
#: Seconds of SQLite work one search may take before it is interrupted.
TIME_BUDGET = 2.0
#: SQLite virtual-machine steps between two checks of the time budget.
PROGRESS_STEPS = 1000
_TOKEN = re.compile(r'"[^"]*"|[^\s"]+"?|"')
_HELP = '(use words, "quoted phrases", AND/OR/NOT, prefix*)'


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _requoted(query: str) -> str:
    """Bare words quoted, closed ``"phrases"``, operators and ``prefix*`` kept: the first fallback."""
    out = []
    for tok in _TOKEN.findall(query):
        if (len(tok) > 1 and tok.startswith('"') and tok.endswith('"')) or tok in ("AND", "OR", "NOT") \
                or re.fullmatch(r"\w+\*", tok):
            out.append(tok)
        elif tok.strip('"'):
            out.append(_quote(tok.strip('"')))
    return " ".join(out)


def _plain_terms(query: str) -> str:
    """Every word of ``query`` as a quoted term, quotes and operators dropped: the last fallback."""
    words = [w for w in query.replace('"', " ").split() if w not in ("AND", "OR", "NOT", "NEAR")]
    return " ".join(_quote(w) for w in words or query.replace('"', " ").split())


def _is_syntax_error(exc: sqlite3.OperationalError) -> bool:
    return is_syntax_error(exc)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_query(query: str) -> None:
    """Refuse a query over the length or term limits with a clear one-line message."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long: {len(query)} characters, at most {MAX_QUERY_CHARS}")
    n = len(query.replace('"', " ").split())
    if n > MAX_QUERY_TERMS:
        raise QueryError(f"query has too many words: {n}, at most {MAX_QUERY_TERMS}")


def fts_query(query: str) -> str:
    """The FTS5 expression for a user query: plain words become quoted terms, syntax passes through."""
    q = query.strip()
    if not q or _SYNTAX.search(q):
        return q
    return " ".join('"' + w.replace('"', '""') + '"' for w in q.split())


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def check_date(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    if not _DATE.match(value) or not _real_date(value):
        raise QueryError(f"'{name}' date {value!r} is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _real_date(value: str) -> bool:
    """Does ``YYYY[-MM[-DD]]`` name a day, month or year of the calendar ("2025-13" does not)?"""
    parts = [int(x) for x in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def search(
    store: StoreLike,
    query: str = "",
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    anonymous: bool = False,
    hedged: bool = False,
    date_from: str | None = None,
    date_to: str | None = None,
    via: str | None = None,
    min_score: float = 0.0,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Search the store; see the module docstring for what comes back."""
    date_from, date_to = check_date(date_from, "from"), check_date(date_to, "to")
    limit = max(1, min(int(limit), 1000))
    offset = max(0, int(offset))
    query = nfc(_CONTROL.sub(" ", query or ""))  # a NUL or other control character separates words
    check_query(query)
    match = fts_query(query)
    outlet_key = outlet.strip().lower() if outlet else None
    att_where: list[str] = []
    att_params: list[Any] = []
    speaker_ids: list[str] = []
    if speaker:
        speaker_ids = find_speakers(store.conn, speaker)
        if not speaker_ids:
            return []
    if anonymous:
        att_where.append("a.anonymous = 1")
    if hedged:
        att_where.append("a.hedged = 1")
    min_score = float(min_score or 0.0)
    if not 0.0 <= min_score <= 1.0:
        raise QueryError(f"min_score must be between 0 and 1, not {min_score:g}")
    if min_score > 0:
        att_where.append("a.score >= ?")  # no score (NULL) never passes a minimum
        att_params.append(min_score)
    if via:
        # "New York Times" finds statements relayed via "The New York Times"
        att_where.append("lower(a.via_outlet) LIKE ? ESCAPE '\\'")
        att_params.append("%" + _like_escape(via.strip().lower()) + "%")
    # a filter on who spoke or how keeps articles out; a minimum score only thins the statements
    # (an article hit has no score to compare)
    statement_only = bool(speaker or anonymous or hedged or via)
    tried = [match]
    if match:
        tried += [q for q in (_requoted(query), _plain_terms(query)) if q and q not in tried]
    for i, attempt in enumerate(tried):
        try:
            return _timed(store, lambda m=attempt: _run(store, m, statement_only, att_where, att_params, outlet_key,
                                                        speaker_ids, date_from, date_to, limit, offset))
        except sqlite3.OperationalError as exc:
            if _is_syntax_error(exc) and i + 1 < len(tried):
                continue
            if _is_syntax_error(exc):
                raise QueryError(f"cannot search for {query!r}: {str(exc).removeprefix('fts5: ')} {_HELP}") from None
            if "interrupted" in str(exc):
                raise QueryError(f"search for {query!r} took over {TIME_BUDGET:g} s and was stopped: "
                                 "use fewer or rarer words, or a filter") from None
            raise
    return []


def _timed(store: StoreLike, run: Any) -> Any:
    """``run()`` with an SQLite progress handler that interrupts it after :data:`TIME_BUDGET` seconds."""
    with dialect_of(store.conn).time_budget(store.conn, TIME_BUDGET, PROGRESS_STEPS):
        return run()


def _run(store: StoreLike, match: str, statement_only: bool, att_where: list[str], att_params: list[Any],
         outlet_key: str | None, speaker_ids: list[str], date_from: str | None, date_to: str | None, limit: int,
         offset: int) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    # statements: dated by the statement when the text says when, else by the article
    fts, doc_where, doc_params = _outlet(store, "attributions_fts", match, outlet_key, "a")
    if speaker_ids:
        scoped = dialect_of(store.conn).speaker_match("attributions_fts", fts, speaker_ids) if match else None
        if scoped is not None:
            fts = scoped
        else:
            att_where = [f"a.speaker_id IN ({','.join('?' * len(speaker_ids))})", *att_where]
            att_params = [*speaker_ids, *att_params]
    where, params = _dated("a", att_where + doc_where, att_params + doc_params, date_from, date_to)
    results += _attributions(store, match, fts, where, params, limit, offset)
    if not statement_only:
        fts, doc_where, doc_params = _outlet(store, "documents_fts", match, outlet_key, "d")
        where, params = _dated("d", doc_where, doc_params, date_from, date_to)
        results += _documents(store, match, fts, where, params, limit, offset)
    return results


def _outlet(store: StoreLike, table: str, match: str, outlet_key: str | None,
            alias: str) -> tuple[str, list[str], list[Any]]:
    """The full-text expression of a search of ``table`` and how it keeps to the outlet ``outlet_key``:
    ``(expression, where, params)``.

    The user's words apply to the text columns alone (in SQLite the tables also index each row's outlet,
    migration 0009, and each statement's speaker, 0011). With words, in SQLite, the outlet's token joins
    them in the expression and no SQL filter is left; otherwise (no words, PostgreSQL) the filter is on
    the ``outlet_key`` of the row ``alias`` (a statement keeps its document's since migration 0012)."""
    dialect = dialect_of(store.conn)
    if match and outlet_key is not None:
        scoped = dialect.outlet_match(table, match, outlet_key)
        if scoped is not None:
            return scoped, [], []
    fts = dialect.text_match(table, match) if match else match
    if outlet_key is None:
        return fts, [], []
    return fts, [f"{alias}.outlet_key = ?"], [outlet_key]


def _dated(alias: str, where: list[str], params: list[Any], date_from: str | None,
           date_to: str | None) -> tuple[list[str], list[Any]]:
    """``where``/``params`` (copied) with the day range on ``alias.day``."""
    where, params = list(where), list(params)
    if date_from:
        where.append(f"{alias}.day >= ?")
        params.append(date_from)
    if date_to:
        where.append(f"{alias}.day <= ?")
        params.append(date_to + "~")
    return where, params


def _ranked(store: StoreLike, table: str, subset: str, joins: str, match: str, where: list[str], params: list[Any],
            limit: int, offset: int) -> list[Any]:
    """``(rid, rank)`` of ``table``'s best matches of ``match`` (FTS5 syntax) that pass ``where``, best first.

    A query with no filter outside the full-text index ranks only the newest :data:`RANK_WINDOW` matches
    (or ``offset + limit``, when more), in one pass: ranking (bm25, ts_rank) costs time for every match,
    and a word in most statements would be ranked hundreds of thousands of times in a large corpus. A
    filter the index holds (an outlet's or a speaker's token, see :func:`_outlet`, :func:`_run`) is part
    of ``match``, so FTS5 reads only the matches that pass it and the window holds the newest of those:
    a search within an outlet or of a speaker's statements costs about the same at any corpus size. A
    query filtered outside the index (dates, anonymous, hedged, via, a minimum score, and every filter
    in PostgreSQL) ranks every match that passes, so no filtered result is ever lost.

    In SQLite a filtered query takes the cheaper of two ways, by counting the matches and (up to
    :data:`SUBSET_RATIO` times as many) the rows the filters select: the rowids the filters select
    first (``subset``: ``SELECT rowid FROM …`` to which ``WHERE`` and ``where`` are added; an outlet's
    or a speaker's rows come from their indexes alone), then the matches among them (the unary ``+``
    keeps that test out of the full-text index, which would run the match once per selected row);
    or, where the filters select many times more rows than there are matches, each match's row
    (``joins``: a document's head from ``documents_head``, never its row, whose outlet lies behind its
    whole text). Either way only the matches that pass are ranked, and the answer is the same.
    PostgreSQL's planner makes that choice itself: it gets the join."""
    dialect = dialect_of(store.conn)
    conn = store.conn
    q = dialect.query(match)
    rank, n = dialect.rank(table)
    if not where:
        return conn.execute(
            f"SELECT rid, rank FROM (SELECT {table}.rowid AS rid, {rank} AS rank FROM {table}"
            f" WHERE {dialect.match(table)} ORDER BY {table}.rowid DESC LIMIT ?) w"
            " ORDER BY rank, rid LIMIT ? OFFSET ?",
            (*[q] * n, q, max(RANK_WINDOW, offset + limit), limit, offset)).fetchall()
    filters = " AND ".join(where)
    if dialect.name == "sqlite":
        matches = int(conn.execute(f"SELECT count(*) FROM {table} WHERE {dialect.match(table)}", (q,)).fetchone()[0])
        if not matches:
            return []
        selected = int(conn.execute(f"SELECT count(*) FROM ({subset} WHERE {filters} LIMIT ?) x",
                                    (*params, SUBSET_RATIO * matches + 1)).fetchone()[0])
        if selected <= SUBSET_RATIO * matches:
            return conn.execute(
                f"SELECT {table}.rowid AS rid, {rank} AS rank FROM {table} WHERE {dialect.match(table)}"
                f" AND +{table}.rowid IN ({subset} WHERE {filters}) ORDER BY rank, rid LIMIT ? OFFSET ?",
                (*[q] * n, q, *params, limit, offset)).fetchall()
    return conn.execute(
        f"SELECT {table}.rowid AS rid, {rank} AS rank FROM {table}{joins} WHERE {dialect.match(table)} AND {filters}"
        " ORDER BY rank, rid LIMIT ? OFFSET ?", (*[q] * n, q, *params, limit, offset)).fetchall()


def _joined(store: StoreLike) -> tuple[str, str]:
    """How a full-text table is joined to its rows: in SQLite the full-text index read first (``CROSS
    JOIN`` keeps the order) and a document's head read from its index (its filters need no more)."""
    if dialect_of(store.conn).name == "sqlite":
        return "CROSS JOIN", " INDEXED BY documents_head"
    return "JOIN", ""


def _by_rowid(store: StoreLike, sql: str, ranked: list[Any]) -> list[dict[str, Any]]:
    """Rows of ``sql`` (with ``IN ({})`` for the rowids) for ranked ``(rid, rank)`` pairs, in rank order."""
    if not ranked:
        return []
    found = {r["rid"]: dict(r) for r in store.conn.execute(sql.format(",".join("?" * len(ranked))),
                                                           [r["rid"] for r in ranked])}
    out = []
    for r in ranked:
        row = found.get(r["rid"])
        if row is not None:
            row["rank"] = r["rank"]
            out.append(row)
    return out


def _attributions(store: StoreLike, match: str, fts: str, where: list[str], params: list[Any],
                  limit: int, offset: int) -> list[dict[str, Any]]:
    """Statements matching ``match`` (the user's words; ``fts``: the full-text expression for them, which
    holds the outlet and speaker filters itself where the index has them) that pass ``where``."""
    pattern = terms_pattern(match) if match else None
    cols = ("d.id AS document_id, d.title, d.date AS document_date, d.outlet, a.att_id, a.speaker_id,"
            " s.name AS speaker, a.source_text, a.source_kind, a.anonymous, a.description, a.cue_text,"
            " a.content_text, a.hedges, a.day, a.via_outlet")
    if match:
        # two steps: rank rowids in the index (joined only as far as the filters need), then read
        # the few winners, so the sorter never carries the columns of every match
        # (every filter is on the statement's own columns: its document is read for the winners alone)
        subset = "SELECT a.rowid FROM attributions a"
        cross, _ = _joined(store)
        joins = f" {cross} attributions a ON a.rowid = attributions_fts.rowid"
        ranked = _ranked(store, "attributions_fts", subset, joins, fts, where, params, limit, offset)
    else:
        # newest first, undated last (SQLite sorts NULL last in DESC order): the rowids first, sorted
        # with their day alone, then the few rows shown (an outlet's come from the index on the
        # statement's outlet and day, newest first: migration 0012)
        ranked = store.conn.execute(
            "SELECT a.rowid AS rid, NULL AS rank FROM attributions a"
            + (" WHERE " + " AND ".join(where) if where else "") +
            " ORDER BY a.day DESC, a.rowid LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
    rows = _by_rowid(store, f"SELECT {cols}, a.rowid AS rid FROM attributions a"
                     " JOIN documents d INDEXED BY documents_head ON d.rowid = a.doc_rowid"
                     " LEFT JOIN speakers s ON s.id = a.speaker_id WHERE a.rowid IN ({})", ranked)
    return [
        {
            "type": "attribution", "document_id": r["document_id"], "title": r["title"],
            "document_date": r["document_date"], "outlet": r["outlet"], "attribution_id": r["att_id"],
            "speaker_id": r["speaker_id"], "speaker": r["speaker"], "source": r["source_text"],
            "source_kind": r["source_kind"], "anonymous": bool(r["anonymous"]), "description": r["description"],
            "cue": r["cue_text"], "content": r["content_text"], "hedges": json.loads(r["hedges"]),
            "date": r["day"], "via_outlet": r["via_outlet"],
            "snippet": make_snippet(r["content_text"], pattern, 240), "rank": r["rank"],
        }
        for r in rows
    ]


def _documents(store: StoreLike, match: str, fts: str, where: list[str], params: list[Any],
               limit: int, offset: int) -> list[dict[str, Any]]:
    """Articles matching ``match`` that pass ``where`` (``fts``: see :func:`_attributions`)."""
    cols = "d.id AS document_id, d.title, d.date, d.outlet, d.input"
    if match:
        # rank in the index alone, then read the few winners; snippets are cut here, not by FTS5,
        # which would tokenise every long body again
        cross, head = _joined(store)
        ranked = _ranked(store, "documents_fts", "SELECT d.rowid FROM documents d",
                         f" {cross} documents d{head} ON d.rowid = documents_fts.rowid", fts, where, params,
                         limit, offset)
        rows = _by_rowid(store, f"SELECT {cols}, d.content AS body, d.rowid AS rid FROM documents d"
                         " WHERE d.rowid IN ({})", ranked)
        pattern = terms_pattern(match)
        snips = [make_snippet(r["body"], pattern) for r in rows]
    else:
        # the rowids first (an outlet's come from its index in this order), then the few rows shown
        ranked = store.conn.execute(
            "SELECT d.rowid AS rid, NULL AS rank FROM documents d" + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY d.day DESC, d.rowid LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
        rows = _by_rowid(store, f"SELECT {cols}, substr(d.content, 1, 240) AS body, d.rowid AS rid FROM documents d"
                         " WHERE d.rowid IN ({})", ranked)
        snips = [make_snippet(r["body"], None) for r in rows]
    return [
        {"type": "document", "document_id": r["document_id"], "title": r["title"], "document_date": r["date"],
         "date": r["date"], "outlet": r["outlet"], "input": r["input"], "snippet": snip, "rank": r["rank"]}
        for r, snip in zip(rows, snips, strict=True)
    ]


_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
_TERM = re.compile(r"(\w+)(\*?)")


def terms_pattern(match: str) -> re.Pattern[str] | None:
    """A regex marking the words of an FTS5 expression in plain text (prefix terms as prefixes)."""
    alts = []
    for m in _TERM.finditer(match):
        word, star = m.group(1), m.group(2)
        if word in _OPERATORS or (len(word) < 2 and not star) or word.isdigit() and len(word) < 2:
            continue
        alts.append(re.escape(word) + (r"\w*" if star else ""))
    if not alts:
        return None
    alts.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


def make_snippet(text: str | None, pattern: re.Pattern[str] | None, width: int = 200) -> str:
    """About ``width`` characters of ``text`` around the first match, matches between the markers."""
    text = text or ""
    first = pattern.search(text) if pattern is not None else None
    start = 0
    if first is not None and first.start() > width // 3:
        start = text.rfind(" ", 0, first.start() - width // 3) + 1
    end = min(len(text), start + width)
    if end < len(text):
        cut = text.rfind(" ", start + width // 2, end)
        end = cut if cut > 0 else end
    piece = " ".join(text[start:end].split())
    if pattern is not None:
        piece = pattern.sub(lambda m: MARK_OPEN + m.group(0) + MARK_CLOSE, piece)
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


def plain_snippet(snippet: str | None, open_mark: str = "[", close_mark: str = "]") -> str:
    """A snippet with the match markers replaced by printable brackets."""
    return (snippet or "").replace(MARK_OPEN, open_mark).replace(MARK_CLOSE, close_mark)
