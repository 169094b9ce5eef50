"""What one analysed document gives the store and the Parquet dataset: the facts of each attribution.

:meth:`Store._insert` and the dataset writer (:mod:`reportedly.corpus.dataset`) both derive an
attribution's row here, so the store filled by ``ingest`` and the one filled by ``load`` hold the
same values. Only one fact depends on the rest of the corpus: whether a name on an attribution's
relay chain is an outlet the corpus holds documents from; it is asked of ``known``.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..document import Document, Entity, Metadata, Source
from .backend import nfc
from .speakers import name_key, speaker_display


@dataclass
class AttributionFacts:
    """One attribution as the store keeps it."""

    att_id: str
    speaker_key: str | None  # matching key of the speaker's name (None: anonymous, unresolved)
    display: str | None  # the speaker's name as shown
    speaker_kind: str | None
    source_text: str
    cue_text: str
    content_text: str
    via_outlet: str | None
    #: the names on the relay chain, in order, up to the first outlet (what ``known`` was asked about)
    via_chain: list[str]


def speaker_source(src: Source, ent: Entity | None) -> tuple[str | None, str | None, bool]:
    """``(name, kind, anonymous)`` an attribution's source gives its speaker: the name of the entity
    the source refers to when the document has one, else the source's own entity name."""
    if ent is None:
        return src.entity, src.kind, bool(src.anonymous)
    return ent.name or src.entity, src.kind or ent.kind, bool(src.anonymous or ent.anonymous)


def outlet_key(name: str | None) -> str:
    """A name as compared with the store's outlets: lower-cased, without a leading "the "."""
    key = (name or "").strip().lower()
    return key[4:] if key.startswith("the ") else key


def credited_outlet(name: str | None, meta: Metadata) -> bool:
    """Is ``name`` the outlet the page's headline credits ("… – NYT")?"""
    bare = outlet_key(name)
    credit = (meta.headline_credit or {}).get("entity") if isinstance(meta.headline_credit, dict) else None
    return bool(bare and bare != "unknown" and credit and bare == outlet_key(str(credit)))


def attribution_facts(doc: Document, known: Callable[[str], bool] = lambda _name: False) -> list[AttributionFacts]:
    """Every attribution of ``doc``: its speaker's key and name, its texts and the outlet it was relayed
    through (the first name on its ``via`` chain that is an outlet: typed so, the headline's credit, or
    ``known`` to the corpus; else the outlet its relay names)."""
    text, meta = doc.text, doc.meta
    ents: dict[str, Entity] = {}
    for ent in doc.entities:
        ents.setdefault(ent.id, ent)
    by_id = {a.id: a for a in doc.attributions}
    out = []
    for a in doc.attributions:
        src = a.source
        source_text = nfc(" … ".join(text[s:e] for s, e in src.spans))
        ent_name, kind, anonymous = speaker_source(src, ents.get(src.entity_id or ""))
        display = speaker_display(ent_name, src.mention, source_text, kind, anonymous)
        key = name_key(display) if display else None
        via_outlet, seen, cur, chain = None, {a.id}, a, []
        while cur.via and cur.via not in seen and cur.via in by_id:
            seen.add(cur.via)
            cur = by_id[cur.via]
            name = cur.source.entity or " ".join(text[s:e] for s, e in cur.source.spans)
            chain.append(name)
            if (cur.source.kind or "") == "outlet" or credited_outlet(name, meta) or \
                    (outlet_key(name) not in ("", "unknown") and known(name)):
                via_outlet = name
                break
        if via_outlet is None and a.relay:  # "told Agence France-Presse": an outlet with no attribution
            via_outlet = a.relay.get("outlet")
        out.append(AttributionFacts(
            att_id=a.id, speaker_key=key if key and display else None, display=display if key else None,
            speaker_kind=kind, source_text=source_text, cue_text=nfc(" … ".join(text[s:e] for s, e in a.cue)),
            content_text=nfc(" … ".join(text[s:e] for s, e in a.content)), via_outlet=via_outlet, via_chain=chain))
    return out


def relay_with(chain: list[str], via_outlet: str | None, known: Callable[[str], bool]) -> str | None:
    """The outlet an attribution was relayed through once the corpus's outlets are known: the first name
    on its chain that ``known`` names an outlet, else what the document alone said (``via_outlet``)."""
    for name in chain:
        if name == via_outlet:
            return name
        if outlet_key(name) not in ("", "unknown") and known(name):
            return name
    return via_outlet


def record_without_layers(doc: Document) -> dict[str, Any]:
    """The record the store keeps in ``documents.record``: no layers, no entities (kept in their tables),
    no body (the paragraphs of the text) and none of the texts of spans (an attribution's source, cue,
    content and relay, a claim's words), which :func:`restore_record` puts back from the text."""
    record = doc.to_dict(include_layers=False)
    record.pop("entities", None)
    record.pop("body", None)
    for a in record.get("attributions") or []:
        for part in (a.get("source"), a.get("cue"), a.get("content"), a.get("relay")):
            if isinstance(part, dict):
                part.pop("text", None)
    for claim in record.get("unattributed_claims") or []:
        claim.pop("text", None)
    return record


#: zlib's level for the records SQLite keeps (:func:`pack_record`), zlib's default. On 1,000 records of the
#: benchmark's store: level 1 gives 4,073 bytes per record (0.21 ms each), 6 3,666 (0.34 ms), 9 3,646 (0.41 ms).
RECORD_ZLIB_LEVEL = 6


def pack_record(text: str) -> bytes:
    """``documents.record`` as SQLite keeps it (migration 0010): the record's JSON text in UTF-8, compressed
    by zlib (a BLOB a quarter of the text's size). PostgreSQL keeps the text, which TOAST compresses."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), RECORD_ZLIB_LEVEL)


def record_text(stored: bytes | str) -> str:
    """The JSON text of a stored ``documents.record``: a zlib BLOB (:func:`pack_record`) unpacked, a text (a
    row written before migration 0010, or PostgreSQL's) as it is."""
    if isinstance(stored, str):
        return stored
    return zlib.decompress(stored).decode("utf-8", "surrogatepass")


def stored_record(stored: bytes | str) -> dict[str, Any]:
    """A stored ``documents.record`` as the dict :func:`record_without_layers` gave."""
    return json.loads(record_text(stored))


def _joined(text: str, spans: Any) -> str:
    return " … ".join(text[s:e] for s, e in spans or [])


def restore_record(record: dict[str, Any], paragraphs: list[tuple[int, int]]) -> dict[str, Any]:
    """A stored record as :meth:`Document.to_dict` gives it (layers and entities aside): its body (the
    paragraphs, in order, joined by blank lines) after its text, and the text of every span list.
    What a record stored with them already has is kept as it is."""
    text = record.get("text") or ""
    out: dict[str, Any] = {}
    for k, v in record.items():
        out[k] = v
        if k == "text" and "body" not in record:
            out["body"] = "\n\n".join(t for t in (text[s:e].strip() for s, e in paragraphs) if t)
    for a in out.get("attributions") or []:
        for part in (a.get("source"), a.get("cue"), a.get("content"), a.get("relay")):
            if isinstance(part, dict) and "text" not in part:
                part["text"] = _joined(text, part.get("spans"))
    if "unattributed_claims" in out:
        claims = []
        for claim in out["unattributed_claims"] or []:
            if "text" in claim:
                claims.append(claim)
                continue
            again: dict[str, Any] = {}
            for key, value in claim.items():
                again[key] = value
                if key == "spans":  # where to_dict puts it
                    again["text"] = _joined(text, value)
            claims.append(again)
        out["unattributed_claims"] = claims
    return out
