"""Speakers across the corpus: one speaker id per person or body, however its name was written.

Every attribution stores the matching key of its source's name (``speaker_name``);
:func:`refresh_speakers` gives each key one speaker (variants of one name, "Hillary Rodham
Clinton" and "Hillary Clinton", become one), and a surname alone joins the one full name with that
surname in its document, else in the whole corpus. :func:`link_speaker` does the same for the
attributions of one document as it is stored.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from .backend import dialect_of
from .speakers import name_key, normalise_name, resolve_names, slug, speaker_display, variant_key

#: The rowid of the entity an attribution ``a``'s source refers to (the first of that id in its document).
ATT_ENTITY_ROWID = ("(SELECT x.rowid FROM entities x WHERE x.doc_rowid = a.doc_rowid AND x.entity_id = a.entity_id"
                    " ORDER BY x.seq LIMIT 1)")
#: An attribution's row with the entity its source refers to.
ATT_ENTITY_JOIN = f"LEFT JOIN entities e ON e.rowid = {ATT_ENTITY_ROWID}"


def _better_display(a: str, b: str) -> bool:
    """Is ``a`` the better display form of one name: more capitals, then longer ("Donald J. Trump")?"""
    return (sum(ch.isupper() for ch in a), len(a)) > (sum(ch.isupper() for ch in b), len(b))


def link_speaker(c: sqlite3.Connection, key: str, display: str, kind: str | None) -> None:
    """Give attributions named ``key`` a speaker id, merging surname-only mentions (in a transaction)."""
    person = kind in (None, "person")
    if " " in key:
        sid = slug(key)
        sur = key.split(" ")[-1] if person else None
        variant = variant_key(key, kind)
        if sur and variant:  # another form of a person's name already stored ("Hillary Rodham Clinton")
            for other_id, other_name, other_kind in c.execute(
                    "SELECT id, name, kind FROM speakers WHERE surname = ? ORDER BY id", (sur,)).fetchall():
                if variant_key(name_key(other_name), other_kind) == variant:
                    sid = other_id
                    break
        c.execute("INSERT OR IGNORE INTO speakers (id, name, kind, surname) VALUES (?,?,?,?)",
                  (sid, display, kind, sur))
        c.execute("UPDATE attributions SET speaker_id = ? WHERE speaker_name = ? AND speaker_id IS NULL",
                  (sid, key))
        if sur:
            _link_surname(c, sur)
    else:
        _link_surname(c, key, display, kind)


def _relink(c: sqlite3.Connection, key: str, target: str) -> None:
    """Give the attributions named ``key`` the speaker ``target``, reading only those that have another one
    (three seeks on the ``(speaker_name, speaker_id)`` index: none, before, after; never every earlier
    attribution of a popular name)."""
    for cond in ("speaker_id IS NULL", "speaker_id < ?", "speaker_id > ?"):
        c.execute(f"UPDATE attributions SET speaker_id = ? WHERE speaker_name = ? AND {cond}",
                  (target, key) + (() if "NULL" in cond else (target,)))


def _link_surname(c: sqlite3.Connection, sur: str, display: str | None = None, kind: str | None = None) -> None:
    own = slug(sur)
    cands = [r[0] for r in c.execute("SELECT id FROM speakers WHERE surname = ?", (sur,))]
    row = c.execute("SELECT kind FROM speakers WHERE id = ?", (own,)).fetchone()
    own_kind = row[0] if row else kind
    target = cands[0] if len(cands) == 1 and own_kind in (None, "person") else own
    if target == own:
        if display is None:
            display = sur.title()
        c.execute("INSERT OR IGNORE INTO speakers (id, name, kind, surname) VALUES (?,?,?,NULL)",
                  (own, display, kind))
    _relink(c, sur, target)
    if target != own:
        c.execute("DELETE FROM speakers WHERE id = ? AND surname IS NULL AND NOT EXISTS "
                  "(SELECT 1 FROM attributions WHERE speaker_id = ?)", (own, own))


def refresh_speakers(c: sqlite3.Connection, *, transaction: bool = True, reindex: bool = True) -> int:
    """Recompute every speaker from the stored sources (one transaction); returns the speaker count.

    Names are normalised again with the current rules; a surname alone joins the one full name
    with that surname in the same document, else the one in the whole corpus (see
    :func:`~reportedly.corpus.speakers.resolve_names`); otherwise it stays a speaker of its own.
    ``transaction=False``: inside the caller's transaction. The full-text index of the statements, which
    holds each one's speaker, is rebuilt once at the end (``reindex=False``: the caller rebuilds it).
    """
    if transaction:
        c.execute("BEGIN IMMEDIATE")
    try:
        # 1. the matching key of every attribution's source, with the current name rules
        rows = c.execute(
            "SELECT a.rowid, a.doc_rowid, coalesce(e.name, a.entity) AS entity, a.mention, a.source_text,"
            " coalesce(a.source_kind, e.kind) AS source_kind, CASE WHEN a.anonymous != 0 OR coalesce(e.anonymous, 0) != 0"
            f" THEN 1 ELSE 0 END AS anonymous, a.speaker_name FROM attributions a {ATT_ENTITY_JOIN}"
            " ORDER BY a.rowid").fetchall()
        displays: dict[str, tuple[str, str | None]] = {}
        changed = []
        keyed: list[tuple[int, int, str, str | None]] = []
        for r in rows:
            display = speaker_display(r["entity"], r["mention"], r["source_text"], r["source_kind"],
                                      bool(r["anonymous"]))
            key = name_key(display) if display else None
            if key != r["speaker_name"]:
                changed.append((key, r["rowid"]))
            if key and display:  # a key comes from a display name
                keyed.append((r["rowid"], r["doc_rowid"], key, r["source_kind"]))
                better_displays(displays, key, display, r["source_kind"])
        c.executemany("UPDATE attributions SET speaker_name = ? WHERE rowid = ?", changed)
        # 2. one speaker per name across the corpus, 3. a surname alone: see assign_speakers
        c.execute("DELETE FROM speakers")
        ids, speakers = assign_speakers(keyed, displays)
        c.executemany("INSERT OR IGNORE INTO speakers (id, name, kind, surname) VALUES (?,?,?,?)", speakers)
        with dialect_of(c).speakers_relinked(c, reindex=reindex):
            c.execute("UPDATE attributions SET speaker_id = NULL")
            c.executemany("UPDATE attributions SET speaker_id = ? WHERE rowid = ?",
                          [(sid, rowid) for rowid, sid in ids.items()])
        if transaction:
            c.execute("COMMIT")
    except BaseException:
        if transaction:
            c.execute("ROLLBACK")
        raise
    return int(c.execute("SELECT count(*) FROM speakers").fetchone()[0])


def better_displays(displays: dict[str, tuple[str, str | None]], key: str, display: str, kind: str | None) -> None:
    """Keep in ``displays`` the better display form of ``key``'s name (see :func:`_better_display`)."""
    best = displays.get(key)
    if best is None or _better_display(display, best[0]):
        displays[key] = (display, kind)


def resolve(displays: dict[str, tuple[str, str | None]]) -> tuple[dict[str, tuple[str, str]], dict[str, str | None]]:
    """One speaker per name across the corpus: ``(key → (speaker id, display), key → kind)``."""
    return resolve_names(list(displays.values())), {k: kind for k, (_, kind) in displays.items()}


def speaker_of(keyed: list[tuple[Any, Any, str, str | None]], resolved: dict[str, tuple[str, str]],
               kinds: dict[str, str | None]) -> dict[Any, str]:
    """Each keyed attribution's speaker id (``keyed``: ``(row, document, key, kind)``; whole documents).

    A surname alone that the corpus leaves ambiguous is the one person with that surname in its
    document (variants of one name count once)."""
    ids = {row: resolved[key][0] for row, _doc, key, _kind in keyed}
    full_in_doc: dict[tuple[Any, str], set[str]] = {}
    for _row, doc, key, _kind in keyed:
        if " " in key and kinds.get(key) in (None, "person"):
            full_in_doc.setdefault((doc, key.split(" ")[-1]), set()).add(resolved[key][0])
    for row, doc, key, _kind in keyed:
        if " " not in key and resolved[key][0] == slug(key):
            cands = full_in_doc.get((doc, key), set())
            if len(cands) == 1:
                ids[row] = next(iter(cands))
    return ids


def speaker_rows(used: set[str], resolved: dict[str, tuple[str, str]],
                 kinds: dict[str, str | None]) -> list[tuple[str, str, str | None, str | None]]:
    """``(id, name, kind, surname)`` of each speaker some attribution is given."""
    out, seen = [], set()
    for sid, display in resolved.values():
        if sid not in used or sid in seen:
            continue  # the first display of an id names it (as INSERT OR IGNORE kept it)
        seen.add(sid)
        dkey = name_key(display)
        k = kinds.get(dkey)
        sur = dkey.split(" ")[-1] if " " in dkey and k in (None, "person") else None
        out.append((sid, display, k, sur))
    return out


def assign_speakers(keyed: list[tuple[Any, Any, str, str | None]], displays: dict[str, tuple[str, str | None]]
                    ) -> tuple[dict[Any, str], list[tuple[str, str, str | None, str | None]]]:
    """Speaker ids for ``keyed`` attributions and the speakers table, from the best display of each key."""
    resolved, kinds = resolve(displays)
    ids = speaker_of(keyed, resolved, kinds)
    return ids, speaker_rows(set(ids.values()), resolved, kinds)


def linked_speakers(c: Any, key: str) -> set[str]:
    """The speakers the attributions of a name key are linked to: one step of the index on (speaker_name,
    speaker_id) per speaker, not one per attribution (a president's name is in tens of thousands)."""
    out: set[str] = set()
    row = c.execute("SELECT min(speaker_id) FROM attributions WHERE speaker_name = ?", (key,)).fetchone()
    while row is not None and row[0] is not None:
        out.add(row[0])
        row = c.execute("SELECT min(speaker_id) FROM attributions WHERE speaker_name = ? AND speaker_id > ?",
                        (key, row[0])).fetchone()
    return out


def find_speakers(c: Any, query: str) -> list[str]:
    """Speaker ids matching an id, a name, or a name as written ("Gen. Milley", "Hillary Rodham Clinton").

    A surname alone finds every person with that surname; a full name finds the variants of it.
    """
    ids = {r[0] for r in c.execute("SELECT id FROM speakers WHERE id = ? OR lower(name) = lower(?)",
                                             (query, query))}
    n = normalise_name(query)
    if n:
        key = name_key(n)
        ids |= linked_speakers(c, key)
        sur = key.split(" ")[-1]
        variant = variant_key(key)
        for sid, name, kind in c.execute("SELECT id, name, kind FROM speakers WHERE surname = ?", (sur,)):
            if " " not in key or (variant and variant_key(name_key(name), kind) == variant):
                ids.add(sid)
    return sorted(ids)
