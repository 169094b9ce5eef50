"""The document model: one :class:`Document` owns the text; everything else is spans into it.

A span is a ``[start, end)`` pair of Python string indices (code points) into ``Document.text``.
Structure (boilerplate, title, standfirst, dateline, bylines, captions, body paragraphs,
sentences, entities) lives in named *layers* of :class:`Span`; attributions and unsourced
claims are records whose roles are lists of spans. Every span is checked against the text when
it is attached, so a document never holds an offset that does not fit its text.

The JSON form (:meth:`Document.to_dict`) is versioned by :data:`SCHEMA_VERSION` and documented in
``docs/schema.md``, field by field (the README's "Output fields" table is its summary).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, TypeVar, get_args

from .errors import SchemaError, SpanError

SCHEMA_VERSION = "1.2"

#: Layers the cleaners write. Other layers may be added; these names are reserved.
STRUCTURE_LAYERS = (
    "boilerplate",  # navigation, icons, share/subscribe/cookie blocks, related lists, footers
    "title",  # the headline (first occurrence)
    "standfirst",  # the summary under the headline
    "dateline",  # the line that carries the publication time
    "byline",  # author lines
    "caption",  # image captions and repeated headlines
    "paragraph",  # body paragraphs, in reading order
)

SpanPair = tuple[int, int]

#: How an attribution relays what was said (``docs/schema.md``): a quotation (``direct``), a
#: paraphrase (``indirect``), both (``mixed``), "according to X" (``according_to``), a belief, fear
#: or wish (``cognitive``), or a quotation whose speaker an earlier attribution names (``floating``).
AttributionKind = Literal["direct", "indirect", "mixed", "according_to", "cognitive", "floating"]
#: What an attribution's source or an entity is.
SourceKind = Literal["person", "organisation", "government", "outlet", "document", "anonymous", "group"]
ATTRIBUTION_KINDS: tuple[AttributionKind, ...] = get_args(AttributionKind)
SOURCE_KINDS: tuple[SourceKind, ...] = get_args(SourceKind)
#: What an attribution reports: words said or written, a belief or plan, or a refusal to speak.
AttributionAct = Literal["statement", "stance", "refusal"]
ATTRIBUTION_ACTS: tuple[AttributionAct, ...] = get_args(AttributionAct)


def attribution_kind(value: object) -> AttributionKind | None:
    """``value`` when it is one of :data:`ATTRIBUTION_KINDS`, else ``None``."""
    return value if value in ATTRIBUTION_KINDS else None


def attribution_act(value: object) -> AttributionAct | None:
    """``value`` when it is one of :data:`ATTRIBUTION_ACTS`, else ``None``."""
    return value if value in ATTRIBUTION_ACTS else None


def source_kind(value: object) -> SourceKind | None:
    """``value`` when it is one of :data:`SOURCE_KINDS`, else ``None`` (a pronoun not resolved, …)."""
    return value if value in SOURCE_KINDS else None


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled ``[start, end)`` slice of a document's text."""

    start: int
    end: int
    label: str = ""
    data: dict[str, Any] | None = field(default=None, compare=False)

    def __len__(self) -> int:
        return self.end - self.start

    @property
    def pair(self) -> SpanPair:
        return (self.start, self.end)


def check_pair(text_len: int, start: int, end: int, what: str = "span") -> SpanPair:
    """Validate one ``[start, end)`` pair against a text length and return it as a tuple."""
    if not (isinstance(start, int) and isinstance(end, int)):
        raise SpanError(f"{what} [{start!r}, {end!r}) must be a pair of integers")
    if not 0 <= start < end <= text_len:
        raise SpanError(f"{what} [{start}, {end}) does not fit a text of length {text_len}")
    return (start, end)


def _pairs(text_len: int, spans: Iterable[Sequence[int]], what: str) -> list[SpanPair]:
    out = [check_pair(text_len, int(s[0]), int(s[1]), what) for s in spans]
    out.sort()
    return out


@dataclass
class Source:
    """Who an attribution is to: the mention in the text and the entity it stands for."""

    spans: list[SpanPair] = field(default_factory=list)
    entity: str | None = None  # canonical name ("Mark Milley"; for "he" the person it refers to)
    kind: SourceKind | None = None
    anonymous: bool = False
    description: str | None = None  # what is said of an unnamed source ("a person familiar with …")
    role: str | None = None  # title or appositive stripped from the name ("heads the US Joint Chiefs")
    mention: str | None = None  # the surface text the entity was resolved from ("he", "Milley")
    entity_id: str | None = None  # id of the document's :class:`Entity` this source refers to
    confidence: float | None = None  # how sure the speaker resolution is, 0–1 (low: weak evidence)


@dataclass
class Entity:
    """One person, body, outlet, document or unnamed source, with every place the text refers to it.

    ``mentions`` are ``[start, end)`` spans: full names, surnames, "Mr. X", pronouns, descriptions
    ("the Republican nominee"), relative "who", outlet anaphors ("the newspaper").
    """

    id: str
    name: str
    kind: SourceKind
    mentions: list[SpanPair] = field(default_factory=list)
    gender: str | None = None  # "female" | "male" for persons when the text or a first name says so
    anonymous: bool = False


@dataclass
class Attribution:
    """One relayed statement or belief: source, cue and content as spans, plus what qualifies it."""

    id: str
    source: Source
    cue: list[SpanPair]
    content: list[SpanPair]
    kind: AttributionKind = "indirect"
    hedges: list[str] = field(default_factory=list)
    date: str | None = None  # ISO date the statement was made, when the text says it
    via: str | None = None  # id of the attribution this one was relayed through
    score: float | None = None
    component: str | None = None
    #: An outlet the statement was given to that has no attribution of its own in the text
    #: ("told Agence France-Presse", "said in an email to The Associated Press"):
    #: ``{"outlet": name, "spans": [(start, end)]}``; else ``None``.
    relay: dict[str, Any] | None = None
    #: ``statement`` (said or written), ``stance`` (a belief, wish, expectation or plan) or
    #: ``refusal`` ("declined to comment", "did not disclose"): :mod:`reportedly.attribution.acts`.
    act: AttributionAct = "statement"

    @property
    def start(self) -> int:
        """Where the attribution stands in the text: its cue's start, else its content's (0 if neither)."""
        return self.cue[0][0] if self.cue else (self.content[0][0] if self.content else 0)


@dataclass
class Claim:
    """A claim the outlet makes in its own voice where a reader would expect a source."""

    spans: list[SpanPair]
    reason: str
    component: str | None = None


@dataclass
class Metadata:
    """Document-level facts that are not spans: what the page says about itself."""

    title: str | None = None
    description: str | None = None
    date: str | None = None  # ISO 8601, as precise as the page gives it
    authors: list[str] = field(default_factory=list)
    headline_credit: dict[str, Any] | None = None  # {"entity": "The New York Times", "text": "NYT", "spans": …}
    sitename: str | None = None
    url: str | None = None
    language: str | None = None
    format: str = "text"  # text | html | warc | jsonl
    encoding: str | None = None
    record_id: str | None = None  # WARC-Record-ID for WARC inputs
    extra: dict[str, Any] = field(default_factory=dict)


class Document:
    """A decoded text and every layer of spans attached to it."""

    def __init__(self, text: str, *, input: str = "<text>", meta: Metadata | None = None):
        if not isinstance(text, str):
            raise TypeError("Document text must be str")
        self._text = text
        self.input = input
        self.meta = meta or Metadata()
        self._layers: dict[str, list[Span]] = {}
        self.attributions: list[Attribution] = []
        self.claims: list[Claim] = []
        self.entities: list[Entity] = []
        self.provenance: list[dict[str, str]] = []

    # -- text ---------------------------------------------------------------------------------
    @property
    def text(self) -> str:
        """The text every span indexes into. It never changes after creation."""
        return self._text

    @property
    def id(self) -> str:
        """Content-hash id (16 hex digits of the text's SHA-256): the same text gets the same id whatever
        its input, metadata or analysis, so storing it twice adds nothing."""
        h = hashlib.sha256()
        h.update(self._text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()[:16]

    def slice(self, span: Span | SpanPair) -> str:
        s, e = (span.start, span.end) if isinstance(span, Span) else span
        return self._text[s:e]

    # -- layers -------------------------------------------------------------------------------
    def add_span(self, layer: str, start: int, end: int, label: str = "", **data: Any) -> Span:
        """Attach one span to ``layer`` after checking it fits the text."""
        check_pair(len(self._text), start, end, f"{layer} span")
        span = Span(start, end, label or layer, data or None)
        self._layers.setdefault(layer, []).append(span)
        return span

    def set_layer(self, layer: str, spans: Iterable[Span]) -> list[Span]:
        """Replace ``layer`` with ``spans`` (checked, sorted by position)."""
        n = len(self._text)
        checked = []
        for sp in spans:
            check_pair(n, sp.start, sp.end, f"{layer} span")
            checked.append(sp)
        checked.sort(key=lambda s: (s.start, s.end))
        self._layers[layer] = checked
        return checked

    def layer(self, name: str) -> list[Span]:
        """Spans of one layer in text order (empty when the layer is absent)."""
        return sorted(self._layers.get(name, ()), key=lambda s: (s.start, s.end))

    def has_layer(self, name: str) -> bool:
        return bool(self._layers.get(name))

    @property
    def layer_names(self) -> list[str]:
        return sorted(self._layers)

    def layer_texts(self, name: str) -> Iterator[str]:
        for sp in self.layer(name):
            yield self._text[sp.start : sp.end]

    @property
    def body(self) -> str:
        """The article body: body paragraphs joined by blank lines."""
        return "\n\n".join(t.strip() for t in self.layer_texts("paragraph") if t.strip())

    # -- attributions -------------------------------------------------------------------------
    def add_attribution(self, att: Attribution) -> Attribution:
        n = len(self._text)
        att.source.spans = _pairs(n, att.source.spans, "source span")
        att.cue = _pairs(n, att.cue, "cue span")
        att.content = _pairs(n, att.content, "content span")
        if not att.cue and not att.content:
            raise SpanError(f"attribution {att.id} has neither cue nor content")
        self.attributions.append(att)
        return att

    def add_claim(self, claim: Claim) -> Claim:
        claim.spans = _pairs(len(self._text), claim.spans, "claim span")
        if not claim.spans:
            raise SpanError("a claim needs at least one span")
        self.claims.append(claim)
        return claim

    def add_entity(self, entity: Entity) -> Entity:
        """Attach one entity after checking its mention spans fit the text."""
        entity.mentions = sorted(set(_pairs(len(self._text), entity.mentions, "entity mention")))
        self.entities.append(entity)
        return entity

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def attribution(self, att_id: str) -> Attribution | None:
        return next((a for a in self.attributions if a.id == att_id), None)

    # -- the words of an attribution (its roles are spans; these give the text they cover) ---------
    def source_text(self, att: Attribution) -> str:
        """The words of ``att``'s source mention ("Port director Tomas Quill"); ``""`` when implicit.
        Several spans are joined with " … "."""
        return _joined(self._text, att.source.spans)

    def cue_text(self, att: Attribution) -> str:
        """The words of ``att``'s cue ("said in a statement")."""
        return _joined(self._text, att.cue)

    def content_text(self, att: Attribution) -> str:
        """The words of what ``att`` says was said (its content spans, joined with " … ")."""
        return _joined(self._text, att.content)

    def record(self, component: str, version: str) -> None:
        """Note that ``component`` at ``version`` has processed this document."""
        self.provenance.append({"component": component, "version": version})

    # -- serialisation ------------------------------------------------------------------------
    def to_dict(self, *, include_layers: bool = True) -> dict[str, Any]:
        """The JSON form: contract fields first, then the richer layers (schema ``1.1``)."""
        m = self.meta
        out: dict[str, Any] = {
            "schema": f"reportedly.document/{SCHEMA_VERSION}",
            "id": self.id,
            "input": self.input,
            "text": self._text,
            "body": self.body,
            "title": m.title,
            "description": m.description,
            "date": m.date,
            "authors": list(m.authors),
            "headline_credit": m.headline_credit,
            "sitename": m.sitename,
            "url": m.url,
            "language": m.language,
            "format": m.format,
            "encoding": m.encoding,
            "record_id": m.record_id,
            "attributions": [_att_to_dict(a, self._text) for a in self.attributions],
            "unattributed_claims": [
                {"spans": [list(p) for p in c.spans], "text": _joined(self._text, c.spans),
                 "reason": c.reason, "component": c.component}
                for c in self.claims
            ],
            "entities": [
                {"id": e.id, "name": e.name, "kind": e.kind, "gender": e.gender, "anonymous": e.anonymous,
                 "mentions": [list(p) for p in e.mentions],
                 "forms": sorted({" ".join(self._text[s:t].split()) for s, t in e.mentions})}
                for e in self.entities
            ],
            "provenance": list(self.provenance),
        }
        if m.extra:
            out["extra"] = m.extra
        if include_layers:
            out["layers"] = {
                name: [
                    {"start": s.start, "end": s.end, "label": s.label, **({"data": s.data} if s.data else {})}
                    for s in self.layer(name)
                ]
                for name in self.layer_names
            }
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        """Rebuild a document from :meth:`to_dict` output; every span is checked again."""
        try:
            schema = d.get("schema", "")
            if schema and not schema.startswith("reportedly.document/1."):
                raise SchemaError(f"unsupported document schema {schema!r}")
            meta = Metadata(
                title=d.get("title"),
                description=d.get("description"),
                date=d.get("date"),
                authors=list(d.get("authors") or []),
                headline_credit=d.get("headline_credit"),
                sitename=d.get("sitename"),
                url=d.get("url"),
                language=d.get("language"),
                format=d.get("format") or "text",
                encoding=d.get("encoding"),
                record_id=d.get("record_id"),
                extra=dict(d.get("extra") or {}),
            )
            doc = cls(d["text"], input=d.get("input") or "<text>", meta=meta)
            for name, spans in (d.get("layers") or {}).items():
                doc.set_layer(name, [Span(s["start"], s["end"], s.get("label", name), s.get("data")) for s in spans])
            for a in d.get("attributions") or []:
                src = a.get("source") or {}
                doc.add_attribution(
                    Attribution(
                        id=a["id"],
                        source=Source(
                            spans=[tuple(p) for p in src.get("spans") or []],
                            entity=src.get("entity"),
                            kind=_optional_kind(src.get("kind"), "source kind"),
                            anonymous=bool(src.get("anonymous")),
                            description=src.get("description"),
                            role=src.get("role"),
                            mention=src.get("mention"),
                            entity_id=src.get("entity_id"),
                            confidence=src.get("confidence"),
                        ),
                        cue=[tuple(p) for p in (a.get("cue") or {}).get("spans") or []],
                        content=[tuple(p) for p in (a.get("content") or {}).get("spans") or []],
                        kind=_choice(a.get("kind") or "indirect", attribution_kind, "attribution kind"),
                        act=_choice(a.get("act") or "statement", attribution_act, "attribution act"),
                        hedges=list(a.get("hedges") or []),
                        date=a.get("date"),
                        via=a.get("via"),
                        score=a.get("score"),
                        component=a.get("component"),
                        relay=_relay(a.get("relay"), len(d["text"])),
                    )
                )
            for c in d.get("unattributed_claims") or []:
                doc.add_claim(Claim([tuple(p) for p in c["spans"]], c.get("reason") or "", c.get("component")))
            for e in d.get("entities") or []:
                doc.add_entity(Entity(id=e["id"], name=e["name"],
                                      kind=_choice(e.get("kind") or "person", source_kind, "entity kind"),
                                      mentions=[tuple(p) for p in e.get("mentions") or []],
                                      gender=e.get("gender"), anonymous=bool(e.get("anonymous"))))
            doc.provenance = list(d.get("provenance") or [])
            return doc
        except (KeyError, TypeError, IndexError) as exc:
            raise SchemaError(f"not a reportedly document: {exc!r}") from exc


_K = TypeVar("_K", bound=str)


def _choice(value: object, known: Callable[[object], _K | None], what: str) -> _K:
    """A stored kind read back: it must be one of the documented values."""
    found = known(value)
    if found is None:
        raise SchemaError(f"unknown {what} {value!r}")
    return found


def _optional_kind(value: object, what: str) -> SourceKind | None:
    if value is None:
        return None
    kind: SourceKind = _choice(value, source_kind, what)
    return kind


def _joined(text: str, pairs: list[SpanPair]) -> str:
    return " … ".join(text[s:e] for s, e in pairs)


def _relay(value: Any, n: int) -> dict[str, Any] | None:
    """A stored ``relay`` read back (spans checked against the text length)."""
    if not isinstance(value, dict) or not value.get("outlet"):
        return None
    return {"outlet": str(value["outlet"]), "spans": _pairs(n, [tuple(p) for p in value.get("spans") or []], "relay span")}


def _att_to_dict(a: Attribution, text: str) -> dict[str, Any]:
    src = asdict(a.source)
    src["spans"] = [list(p) for p in a.source.spans]
    src["text"] = _joined(text, a.source.spans)
    return {
        "id": a.id,
        "kind": a.kind,
        "act": a.act,
        "source": src,
        "cue": {"spans": [list(p) for p in a.cue], "text": _joined(text, a.cue)},
        "content": {"spans": [list(p) for p in a.content], "text": _joined(text, a.content)},
        "hedges": list(a.hedges),
        "date": a.date,
        "via": a.via,
        "relay": ({"outlet": a.relay.get("outlet"), "spans": [list(p) for p in a.relay.get("spans") or []],
                   "text": _joined(text, a.relay.get("spans") or [])} if a.relay else None),
        "score": a.score,
        "component": a.component,
    }
