"""Exporting the store as JSON Lines, CSV or Parquet: documents, attributions, speakers or entities.

``documents`` as JSON Lines are full records (:meth:`Document.to_dict`, layers and entities
included); in CSV and Parquet they are flat rows (one per document, no text layers). ``statements``
as JSON Lines are whole statements (as ``/api/statements/{id}``: first seen, every occurrence);
in CSV and Parquet one row per occurrence, with its statement's id and first occurrence. Attributions,
speakers and entities (one row per entity of each document: how many mentions, which forms) are
flat rows in every format.

Lists (``authors``, ``provenance``, ``hedges``, ``forms``) are ``"; "``-joined text in CSV and
JSON Lines rows and ``list<string>`` columns in Parquet; in Parquet, dates are typed too
(``date``/``document_date`` of documents as timestamps, statement dates and a speaker's
``first``/``last`` as dates), null where the stored value is not a full date.

CSV cells that a spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) are written with a leading ``'`` so they stay text.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import ConfigError
from ..output import mention_forms
from .store import Store

FORMATS = ("jsonl", "csv", "parquet")
WHATS = ("documents", "attributions", "speakers", "entities", "statements")

DOCUMENT_COLUMNS = ["id", "input", "title", "date", "outlet", "url", "format", "authors", "sitename",
                    "headline_credit", "attributions", "unattributed_claims", "body", "provenance"]
ATTRIBUTION_COLUMNS = ["document_id", "attribution_id", "outlet", "document_date", "speaker_id", "speaker",
                       "entity_id", "confidence", "source", "source_kind", "anonymous", "description", "role", "mention", "kind", "cue",
                       "content", "hedges", "date", "via", "via_outlet", "score", "component"]
SPEAKER_COLUMNS = ["id", "name", "kind", "statements", "documents", "first", "last"]
#: ``mentions``: how many times the document refers to the entity; ``forms``: the distinct ways it does,
#: in order of first use, separated by "; " ("Joe Biden; he; the president").
ENTITY_COLUMNS = ["document_id", "entity_id", "name", "kind", "gender", "anonymous", "mentions", "forms"]
#: One row per occurrence of each statement seen in two documents or more (JSON Lines: one statement
#: per line, as ``/api/statements/{id}``); ``changes`` as ``from → to`` ("∅" for no words).
STATEMENT_COLUMNS = ["statement_id", "first_document_id", "first_outlet", "first_date", "documents", "speakers",
                     "speaker_disagreement", "document_id", "attribution_id", "outlet", "date", "speaker", "source",
                     "content", "altered", "changes", "relayed_from"]
#: Columns that hold lists (joined with "; " in CSV and JSON Lines rows).
LIST_COLUMNS = {"authors", "provenance", "hedges", "forms", "speakers", "changes"}
#: Parquet columns typed as timestamps / dates, per export.
TIMESTAMP_COLUMNS = {"documents": {"date"}, "attributions": {"document_date"}}
DATE_COLUMNS = {"attributions": {"date"}, "speakers": {"first", "last"}, "statements": {"first_date", "date"}}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _joined(row: dict[str, Any]) -> dict[str, Any]:
    return {k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()}


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell that no spreadsheet runs as a formula (``=1+1`` is written ``'=1+1``)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _timestamp(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    return stamp


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value.strip()) < 10:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _scored(rec: dict[str, Any], min_score: float) -> dict[str, Any]:
    """``rec`` without the attributions scored under ``min_score`` (a ``via`` to one of them is cleared)."""
    if min_score <= 0:
        return rec
    kept = [a for a in rec.get("attributions") or [] if (a.get("score") or 0.0) >= min_score]
    ids = {a.get("id") for a in kept}
    for a in kept:
        if a.get("via") and a["via"] not in ids:
            a["via"] = None
    return {**rec, "attributions": kept}


def _document_rows(store: Store, full: bool, min_score: float = 0.0) -> Iterator[dict[str, Any]]:
    for doc_id in store.document_ids():
        rec = store.get_record(doc_id)
        if rec is None:
            continue
        rec = _scored(rec, min_score)
        if full:
            yield rec
            continue
        row = store.conn.execute("SELECT outlet FROM documents WHERE id = ?", (doc_id,)).fetchone()
        yield {
            "id": rec["id"], "input": rec.get("input"), "title": rec.get("title"), "date": rec.get("date"),
            "outlet": row["outlet"], "url": rec.get("url"), "format": rec.get("format"),
            "authors": list(rec.get("authors") or []), "sitename": rec.get("sitename"),
            "headline_credit": (rec.get("headline_credit") or {}).get("entity"),
            "attributions": len(rec.get("attributions") or []),
            "unattributed_claims": len(rec.get("unattributed_claims") or []),
            "body": rec.get("body"),
            "provenance": [f"{p.get('component')}={p.get('version')}" for p in rec.get("provenance") or []],
        }


def _attribution_rows(store: Store, min_score: float = 0.0) -> Iterator[dict[str, Any]]:
    where = " WHERE a.score >= ?" if min_score > 0 else ""
    for r in store.conn.execute(
        "SELECT d.id AS document_id, a.att_id AS attribution_id, d.outlet, d.date AS document_date, a.speaker_id,"
        " s.name AS speaker, a.entity_id, a.confidence, a.source_text AS source, a.source_kind, a.anonymous, a.description, a.role,"
        " a.mention, a.kind, a.cue_text AS cue, a.content_text AS content, a.hedges, a.date, a.via, a.via_outlet,"
        " a.score, a.component FROM attributions a JOIN documents d ON d.rowid = a.doc_rowid"
        " LEFT JOIN speakers s ON s.id = a.speaker_id" + where + " ORDER BY a.rowid",
        (min_score,) if where else (),
    ):
        row = dict(r)
        row["anonymous"] = bool(row["anonymous"])
        row["hedges"] = list(json.loads(row["hedges"]))
        yield row


def _entity_rows(store: Store) -> Iterator[dict[str, Any]]:
    mentions = store.conn.execute("SELECT entity_rowid, text FROM entity_mentions ORDER BY entity_rowid, start, \"end\"")
    pending = mentions.fetchone()
    for r in store.conn.execute(
        "SELECT e.rowid, d.id AS document_id, e.entity_id, e.name, e.kind, e.gender, e.anonymous"
        " FROM entities e JOIN documents d ON d.rowid = e.doc_rowid ORDER BY e.rowid"
    ):
        texts = []
        while pending is not None and pending[0] <= r["rowid"]:
            if pending[0] == r["rowid"]:
                texts.append(pending[1])
            pending = mentions.fetchone()
        yield {"document_id": r["document_id"], "entity_id": r["entity_id"], "name": r["name"], "kind": r["kind"],
               "gender": r["gender"], "anonymous": bool(r["anonymous"]), "mentions": len(texts),
               "forms": [form for form, _ in mention_forms(texts)]}


def statement_objects(store: Store) -> Iterator[dict[str, Any]]:
    """Every statement seen in two documents or more, as the API gives it, in id order."""
    from .trace import statement_object

    for (sid,) in store.conn.execute("SELECT id FROM statements WHERE documents > 1 ORDER BY id").fetchall():
        obj = statement_object(store.conn, sid)
        if obj is not None:
            yield obj


def _statement_rows(store: Store) -> Iterator[dict[str, Any]]:
    for st in statement_objects(store):
        fs = st["first_seen"]
        for o in st["occurrences"]:
            yield {"statement_id": st["id"], "first_document_id": fs["document_id"], "first_outlet": fs["outlet"],
                   "first_date": fs["date"], "documents": st["documents"], "speakers": list(st["speakers"]),
                   "speaker_disagreement": st["speaker_disagreement"], "document_id": o["document_id"],
                   "attribution_id": o["attribution_id"], "outlet": o["outlet"], "date": o["date"],
                   "speaker": o["speaker"], "source": o["source"], "content": o["content"], "altered": o["altered"],
                   "changes": [f"{c['from'] or '∅'} → {c['to'] or '∅'}" for c in o["changes"]],
                   "relayed_from": o["relayed_from"]}


def rows(store: Store, what: str, *, full_documents: bool = False, min_score: float = 0.0) -> Iterator[dict[str, Any]]:
    """The rows of one export (``what`` is documents, attributions, speakers, entities or statements).

    ``min_score`` leaves out attributions scored under it (documents keep only the others).
    """
    min_score = float(min_score or 0.0)
    if not 0.0 <= min_score <= 1.0:
        raise ConfigError(f"min_score must be between 0 and 1, not {min_score:g}")
    if min_score > 0 and what not in ("documents", "attributions"):
        raise ConfigError(f"a minimum score filters attributions and documents, not {what}")
    if what == "documents":
        return _document_rows(store, full_documents, min_score)
    if what == "attributions":
        return _attribution_rows(store, min_score)
    if what == "speakers":
        return iter(store.speakers(limit=-1))
    if what == "entities":
        return _entity_rows(store)
    if what == "statements":
        return statement_objects(store) if full_documents else _statement_rows(store)
    raise ConfigError(f"cannot export {what!r}: choose one of {', '.join(WHATS)}")


def columns(what: str) -> list[str]:
    return {"documents": DOCUMENT_COLUMNS, "attributions": ATTRIBUTION_COLUMNS, "speakers": SPEAKER_COLUMNS,
            "entities": ENTITY_COLUMNS, "statements": STATEMENT_COLUMNS}[what]


def export(store: Store, what: str, fmt: str, out: str | Path | IO[str] | None, *, min_score: float = 0.0) -> int:
    """Write one export; ``out`` is a path, an open text stream (not for parquet), or None for stdout.

    ``min_score`` leaves out attributions whose score is under it (see :func:`rows`).

    Returns the number of rows written.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if what not in WHATS:
        raise ConfigError(f"cannot export {what!r}: choose one of {', '.join(WHATS)}")
    if fmt == "parquet":
        if out is None or not isinstance(out, str | Path):
            raise ConfigError("parquet export needs an output file (-o FILE)")
        return _parquet(store, what, Path(out), min_score)
    import sys

    stream: IO[str]
    close = False
    if out is None:
        stream = sys.stdout
    elif isinstance(out, str | Path):
        stream, close = open(out, "w", encoding="utf-8", newline=""), True
    else:
        stream = out
    try:
        n = 0
        if fmt == "jsonl":
            for row in rows(store, what, full_documents=True, min_score=min_score):
                row = row if what in ("documents", "statements") else _joined(row)
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
        else:
            writer = csv.DictWriter(stream, fieldnames=columns(what), extrasaction="ignore")
            writer.writeheader()
            for row in rows(store, what, min_score=min_score):
                writer.writerow({k: csv_cell(v) for k, v in _joined(row).items()})
                n += 1
        stream.flush()
        return n
    finally:
        if close:
            stream.close()


def _parquet(store: Store, what: str, path: Path, min_score: float = 0.0) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = columns(what)
    data = list(rows(store, what, min_score=min_score))
    types = {"anonymous": pa.bool_(), "altered": pa.bool_(), "speaker_disagreement": pa.bool_(),
             "statement_id": pa.int64(), "score": pa.float64(), "confidence": pa.float64(), "attributions": pa.int64(),
             "unattributed_claims": pa.int64(), "statements": pa.int64(), "documents": pa.int64(),
             "mentions": pa.int64()}
    types.update({c: pa.list_(pa.string()) for c in LIST_COLUMNS})
    stamps, dates = TIMESTAMP_COLUMNS.get(what, set()), DATE_COLUMNS.get(what, set())
    types.update({c: pa.timestamp("s") for c in stamps})
    types.update({c: pa.date32() for c in dates})

    def cell(c: str, v: Any) -> Any:
        return _timestamp(v) if c in stamps else _date(v) if c in dates else v

    schema = pa.schema([(c, types.get(c, pa.string())) for c in cols])
    table = pa.Table.from_pylist([{c: cell(c, r.get(c)) for c in cols} for r in data], schema=schema)
    pq.write_table(table, path)
    return len(data)
