"""Outlet sourcing profiles: how an outlet sources what it reports, overall and per month.

For every outlet (``documents.outlet``: sitename, else URL host, else
``unknown``) the profile counts attributions to named and to anonymous sources, hedged
attributions, statements relayed from another outlet (a ``via`` chain reaching a source of kind
``outlet``) and unsourced claims, with shares of the attributions (claims: share of attributions
plus claims).
"""

from __future__ import annotations

from typing import Any

from .base import StoreLike

_ATT_SQL = """
SELECT {group} AS bucket, count(a.rowid) AS attributions,
       coalesce(sum(CASE WHEN a.anonymous = 0 THEN 1 ELSE 0 END), 0) AS named,
       coalesce(sum(a.anonymous), 0) AS anonymous, coalesce(sum(a.hedged), 0) AS hedged,
       coalesce(sum(CASE WHEN a.via_outlet IS NOT NULL THEN 1 ELSE 0 END), 0) AS relayed
FROM documents d JOIN attributions a ON a.doc_rowid = d.rowid
WHERE d.outlet_key = ? GROUP BY bucket
"""
_DOC_SQL = """
SELECT {group} AS bucket, count(*) AS documents,
       coalesce(sum((SELECT count(*) FROM claims c WHERE c.doc_rowid = d.rowid)), 0) AS claims
FROM documents d WHERE d.outlet_key = ? GROUP BY bucket
"""


def _figures(att: dict[str, Any] | None, doc: dict[str, Any] | None) -> dict[str, Any]:
    att = att or {}
    doc = doc or {}
    n = int(att.get("attributions") or 0)
    claims = int(doc.get("claims") or 0)
    out: dict[str, Any] = {"documents": int(doc.get("documents") or 0), "attributions": n}
    for k in ("named", "anonymous", "hedged", "relayed"):
        out[k] = int(att.get(k) or 0)
    out["unsourced_claims"] = claims
    out["shares"] = {k: (out[k] / n if n else 0.0) for k in ("named", "anonymous", "hedged", "relayed")}
    out["shares"]["unsourced_claims"] = claims / (n + claims) if (n + claims) else 0.0
    return out


def _summed(rows: Any) -> dict[str, Any] | None:
    """The counts of some buckets added up (None for no bucket, as a query over no rows gives no row)."""
    out: dict[str, Any] = {}
    for r in rows:
        for k, v in r.items():
            if k != "bucket":
                out[k] = out.get(k, 0) + int(v or 0)
    return out or None


def outlet_profile(store: StoreLike, name: str) -> dict[str, Any] | None:
    """The sourcing profile of one outlet (case-insensitive name), or None when it has no documents."""
    key = name.strip().lower()
    conn = store.conn
    row = conn.execute("SELECT outlet FROM documents WHERE outlet_key = ? LIMIT 1", (key,)).fetchone()
    if row is None:
        return None
    # one pass over the outlet's rows per table, by month (an index holds each document's outlet and
    # month: migration 0007); the whole is the sum of the months
    months_att = {r["bucket"]: dict(r) for r in conn.execute(_ATT_SQL.format(group="d.month"), (key,))}
    months_doc = {r["bucket"]: dict(r) for r in conn.execute(_DOC_SQL.format(group="d.month"), (key,))}
    overall_att = _summed(months_att.values())
    overall_doc = _summed(months_doc.values())
    months = sorted(m for m in set(months_att) | set(months_doc) if m)
    relayed_from = [dict(r) for r in conn.execute(
        "SELECT min(a.via_outlet) AS outlet, count(*) AS statements FROM documents d JOIN attributions a"
        " ON a.doc_rowid = d.rowid WHERE d.outlet_key = ? AND a.via_outlet IS NOT NULL"
        " GROUP BY lower(a.via_outlet) ORDER BY statements DESC, outlet", (key,))]
    top_speakers = [dict(r) for r in conn.execute(
        "SELECT s.id, s.name, count(*) AS statements FROM documents d JOIN attributions a"
        " ON a.doc_rowid = d.rowid JOIN speakers s ON s.id = a.speaker_id WHERE d.outlet_key = ?"
        " GROUP BY s.id ORDER BY statements DESC, s.name LIMIT 10", (key,))]
    return {
        "outlet": row["outlet"],
        "overall": _figures(overall_att, overall_doc),
        "months": [{"month": m, **_figures(months_att.get(m), months_doc.get(m))} for m in months],
        "undated": _figures(months_att.get(None), months_doc.get(None)) if None in months_doc else None,
        "relayed_from": relayed_from,
        "top_speakers": top_speakers,
    }
