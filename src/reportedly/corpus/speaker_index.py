"""Speakers across the corpus: one speaker id per person or body, however its name was written.

Every attribution stores the matching key of its source's name (``speaker_name``);
:func:`refresh_speakers` gives each key one speaker (variants of one name, "Hillary Rodham
Clinton" and "Hillary Clinton", become one), and a surname alone joins the one full name with that
surname in its document, else in the whole corpus. :func:`link_speaker` does the same for the
attributions of one document as it is stored.
"""

from __future__ import annotations

import sqlite3

from .speakers import name_key, resolve_names, slug, speaker_display, variant_key

ATT_ENTITY_JOIN = ("LEFT JOIN entities e ON e.rowid = (SELECT x.rowid FROM entities x WHERE x.doc_rowid = a.doc_rowid"
                    " AND x.entity_id = a.entity_id ORDER BY x.seq LIMIT 1)")


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
    c.execute("UPDATE attributions SET speaker_id = ? WHERE speaker_name = ? AND speaker_id IS NOT ?",
              (target, sur, target))
    if target != own:
        c.execute("DELETE FROM speakers WHERE id = ? AND surname IS NULL AND NOT EXISTS "
                  "(SELECT 1 FROM attributions WHERE speaker_id = ?)", (own, own))


def refresh_speakers(c: sqlite3.Connection) -> int:
    """Recompute every speaker from the stored sources (one transaction); returns the speaker count.

    Names are normalised again with the current rules; a surname alone joins the one full name
    with that surname in the same document, else the one in the whole corpus (see
    :func:`~reportedly.corpus.speakers.resolve_names`); otherwise it stays a speaker of its own.
    """
    c.execute("BEGIN IMMEDIATE")
    try:
        # 1. the matching key of every attribution's source, with the current name rules
        rows = c.execute(
            "SELECT a.rowid, a.doc_rowid, coalesce(e.name, a.entity) AS entity, a.mention, a.source_text,"
            " coalesce(a.source_kind, e.kind) AS source_kind, (a.anonymous OR coalesce(e.anonymous, 0))"
            f" AS anonymous, a.speaker_name FROM attributions a {ATT_ENTITY_JOIN}").fetchall()
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
                best = displays.get(key)
                if best is None or _better_display(display, best[0]):
                    displays[key] = (display, r["source_kind"])
        c.executemany("UPDATE attributions SET speaker_name = ? WHERE rowid = ?", changed)
        # 2. one speaker per name across the corpus
        resolved = resolve_names(list(displays.values()))
        c.execute("DELETE FROM speakers")
        c.execute("UPDATE attributions SET speaker_id = NULL")
        kinds = {k: kind for k, (_, kind) in displays.items()}
        ids: dict[int, str] = {}
        for rowid, _doc, key, _kind in keyed:
            ids[rowid] = resolved[key][0]
        # 3. a surname alone that the corpus leaves ambiguous: the one person with that surname
        #    in its document (variants of one name count once)
        full_in_doc: dict[tuple[int, str], set[str]] = {}
        for _rowid, doc, key, _kind in keyed:
            if " " in key and kinds.get(key) in (None, "person"):
                full_in_doc.setdefault((doc, key.split(" ")[-1]), set()).add(resolved[key][0])
        for rowid, doc, key, _kind in keyed:
            if " " not in key and resolved[key][0] == slug(key):
                cands = full_in_doc.get((doc, key), set())
                if len(cands) == 1:
                    ids[rowid] = next(iter(cands))
        used = set(ids.values())
        for sid, display in resolved.values():
            if sid not in used:
                continue
            dkey = name_key(display)
            k = kinds.get(dkey)
            sur = dkey.split(" ")[-1] if " " in dkey and k in (None, "person") else None
            c.execute("INSERT OR IGNORE INTO speakers (id, name, kind, surname) VALUES (?,?,?,?)",
                      (sid, display, k, sur))
        c.executemany("UPDATE attributions SET speaker_id = ? WHERE rowid = ?",
                      [(sid, rowid) for rowid, sid in ids.items()])
        c.execute("COMMIT")
    except BaseException:
        c.execute("ROLLBACK")
        raise
    return int(c.execute("SELECT count(*) FROM speakers").fetchone()[0])
