"""The corpus as a partitioned Parquet dataset, written by many workers at once (``batch --output``).

A dataset is a directory (local, or any fsspec URL: ``s3://bucket/run``, ``gs://…``, ``memory://…``)
with one folder per table and one file per task in each::

    DIR/documents/part-TASK.parquet       one row per document (typed as ``export`` writes them,
                                          plus the record and its layers as JSON)
    DIR/attributions/part-TASK.parquet    one row per attribution (export's columns, plus what the
                                          store derives: speaker key, relay chain, …)
    DIR/entities/part-TASK.parquet        one row per entity of each document, with its mentions
    DIR/statements/part-TASK.parquet      one row per attribution that statements are made of: its
                                          words and MinHash band keys (see corpus.trace)
    DIR/failures/part-TASK.parquet        inputs that could not be read or analysed
    DIR/_done/TASK.json                   the inputs the task stored completely (hash, path, documents)

A task is a group of input files analysed by one worker, which writes its five files itself (no
process sees every record). Each file is written under a temporary name and renamed into place
(on object storage an object appears whole or not at all), and the task's ``_done`` record is
written last: readers (``query``, ``load``) read only the files of tasks that have one, so a task
killed half-way leaves nothing that counts, and a re-run skips every input a ``_done`` record names.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..document import Document
from ..errors import ConfigError
from ..readers import Failure
from .export import _date, _timestamp
from .rows import attribution_facts, record_without_layers, speaker_source
from .speakers import slug
from .store import _day, _month, derive_outlet, text_hash

TABLES = ("documents", "attributions", "entities", "statements", "failures")
DONE = "_done"
#: input files per task unless told otherwise (``batch --task-size``)
TASK_SIZE = 8


def schemas() -> dict[str, Any]:
    """The Arrow schema of each table."""
    import pyarrow as pa

    s, i, b, f = pa.string(), pa.int64(), pa.bool_(), pa.float64()
    strings = pa.list_(s)
    return {
        "documents": pa.schema([
            ("id", s), ("input", s), ("title", s), ("date", pa.timestamp("s")), ("outlet", s), ("url", s),
            ("format", s), ("authors", strings), ("sitename", s), ("headline_credit", s), ("attributions", i),
            ("unattributed_claims", i), ("body", s), ("provenance", strings),
            ("date_raw", s), ("day", pa.date32()), ("month", s), ("outlet_key", s), ("text_hash", s),
            ("record", s), ("layers", s), ("claims", s)]),
        "attributions": pa.schema([
            ("document_id", s), ("attribution_id", s), ("outlet", s), ("document_date", pa.timestamp("s")),
            ("speaker_id", s), ("speaker", s), ("entity_id", s), ("confidence", f), ("source", s),
            ("source_kind", s), ("anonymous", b), ("description", s), ("role", s), ("mention", s), ("kind", s),
            ("cue", s), ("content", s), ("hedges", strings), ("date", pa.date32()), ("via", s), ("via_outlet", s),
            ("score", f), ("component", s),
            ("speaker_key", s), ("speaker_kind", s), ("entity", s), ("via_chain", strings), ("date_raw", s),
            ("day", pa.date32())]),
        "entities": pa.schema([
            ("document_id", s), ("entity_id", s), ("name", s), ("kind", s), ("gender", s), ("anonymous", b),
            ("mentions", i), ("forms", strings), ("seq", i), ("starts", pa.list_(i)), ("ends", pa.list_(i)),
            ("texts", strings)]),
        "statements": pa.schema([
            ("document_id", s), ("attribution_id", s), ("outlet", s), ("day", pa.date32()), ("tokens", s),
            ("keys", pa.list_(i))]),
        "failures": pa.schema([("input", s), ("reason", s)]),
    }


def document_rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """The rows one analysed document gives each table (``failures`` aside)."""
    from ..output import mention_forms
    from .trace import MIN_TOKENS, band_keys, cased_tokens, is_topic

    m = doc.meta
    outlet = derive_outlet(m)
    text = doc.text
    record = record_without_layers(doc)
    doc_day = _day(m.date)
    layers = [[name, s.start, s.end, s.label, s.data or None] for name in doc.layer_names for s in doc.layer(name)]
    out: dict[str, list[dict[str, Any]]] = {"documents": [{
        "id": doc.id, "input": doc.input, "title": m.title, "date": _timestamp(m.date), "outlet": outlet,
        "url": m.url, "format": m.format, "authors": list(m.authors), "sitename": m.sitename,
        "headline_credit": (m.headline_credit or {}).get("entity") if isinstance(m.headline_credit, dict) else None,
        "attributions": len(doc.attributions), "unattributed_claims": len(doc.claims), "body": doc.body,
        "provenance": [f"{p.get('component')}={p.get('version')}" for p in doc.provenance],
        "date_raw": m.date, "day": _date(doc_day), "month": _month(m.date), "outlet_key": outlet.lower(),
        "text_hash": text_hash(text), "record": json.dumps(record, ensure_ascii=False),
        "layers": json.dumps(layers, ensure_ascii=False),
        "claims": json.dumps([[" … ".join(text[s:e] for s, e in cl.spans), cl.reason, [list(p) for p in cl.spans],
                               cl.component] for cl in doc.claims], ensure_ascii=False)}],
        "attributions": [], "entities": [], "statements": []}
    ents: dict[str, Any] = {}
    for seq, ent in enumerate(doc.entities):
        ents.setdefault(ent.id, ent)
        texts = [text[s:e] for s, e in ent.mentions]
        out["entities"].append({
            "document_id": doc.id, "entity_id": ent.id, "name": ent.name, "kind": ent.kind, "gender": ent.gender,
            "anonymous": bool(ent.anonymous), "mentions": len(texts), "forms": [f for f, _ in mention_forms(texts)],
            "seq": seq, "starts": [s for s, _ in ent.mentions], "ends": [e for _, e in ent.mentions], "texts": texts})
    for a, facts in zip(doc.attributions, attribution_facts(doc), strict=True):
        src = a.source
        day = _day(a.date) or doc_day
        _, kind, _ = speaker_source(src, ents.get(src.entity_id or ""))
        out["attributions"].append({
            "document_id": doc.id, "attribution_id": a.id, "outlet": outlet, "document_date": _timestamp(m.date),
            "speaker_id": slug(facts.speaker_key) if facts.speaker_key else None, "speaker": facts.display,
            "entity_id": src.entity_id, "confidence": src.confidence, "source": facts.source_text,
            "source_kind": src.kind, "anonymous": bool(src.anonymous), "description": src.description,
            "role": src.role, "mention": src.mention, "kind": a.kind, "cue": facts.cue_text,
            "content": facts.content_text, "hedges": list(a.hedges), "date": _date(a.date), "via": a.via,
            "via_outlet": facts.via_outlet, "score": a.score, "component": a.component,
            "speaker_key": facts.speaker_key, "speaker_kind": kind, "entity": src.entity,
            "via_chain": facts.via_chain, "date_raw": a.date, "day": _date(day)})
        toks = cased_tokens(facts.content_text)
        if len(toks) >= MIN_TOKENS and not is_topic(facts.content_text, facts.cue_text):
            out["statements"].append({"document_id": doc.id, "attribution_id": a.id, "outlet": outlet,
                                      "day": _date(day), "tokens": " ".join(toks), "keys": band_keys(toks)})
    return out


def tables(docs: Iterable[Document], failures: Iterable[Failure] = ()) -> dict[str, Any]:
    """The five Arrow tables of a task's documents and failures."""
    import pyarrow as pa

    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for doc in docs:
        for table, got in document_rows(doc).items():
            rows[table].extend(got)
    rows["failures"] = [{"input": f.input, "reason": f.reason} for f in failures]
    sch = schemas()
    return {t: pa.Table.from_pylist(rows[t], schema=sch[t]) for t in TABLES}


def task_id(inputs: Iterable[tuple[str, str | None]]) -> str:
    """A task's name: a hash of its inputs' content hashes (of the path where the bytes are unknown)."""
    h = hashlib.sha256()
    for path, digest in sorted(inputs, key=lambda pd: pd[1] or pd[0]):
        h.update((digest or "path:" + path).encode("utf-8", "surrogatepass") + b"\n")
    return h.hexdigest()[:24]


class Dataset:
    """A Parquet dataset at a local path or an fsspec URL."""

    def __init__(self, url: str | os.PathLike[str]):
        import fsspec

        self.url = str(url)
        try:
            self.fs, self.root = fsspec.core.url_to_fs(self.url)
        except (ImportError, ValueError) as exc:
            raise ConfigError(f"{self.url}: cannot open this dataset location ({exc})") from None
        self.root = self.root.rstrip("/")
        self.local = "file" in _protocols(self.fs)
        self._done: dict[str, dict[str, Any]] | None = None

    def path(self, *parts: str) -> str:
        return "/".join([self.root, *parts])

    def exists(self) -> bool:
        return bool(self.fs.exists(self.path(DONE)))

    def done(self, *, again: bool = False) -> dict[str, dict[str, Any]]:
        """Every finished task's record (``task`` → ``{"task", "inputs": [{hash, path, documents}], …}``),
        read once per :class:`Dataset` (``again``: read them again). The records are fetched in one call,
        which object stores answer concurrently."""
        if self._done is not None and not again:
            return self._done
        out: dict[str, dict[str, Any]] = {}
        if self.fs.exists(self.path(DONE)):
            names = [n for n in sorted(self.fs.ls(self.path(DONE), detail=False))
                     if n.rsplit("/", 1)[-1].endswith(".json") and not n.rsplit("/", 1)[-1].startswith(".")]
            got = self.fs.cat(names) if names else {}
            for name in names:
                raw = got.get(name)
                if raw is None:  # a file system that names the files otherwise in its answer
                    with self.fs.open(name, "rb") as f:
                        raw = f.read()
                rec = json.loads(raw.decode("utf-8"))
                out[rec["task"]] = rec
        self._done = out
        return out

    def done_inputs(self) -> set[str]:
        """Content hashes of every input some finished task stored completely."""
        return {i["hash"] for rec in self.done().values() for i in rec.get("inputs", []) if i.get("hash")}

    def tasks(self) -> list[str]:
        """Finished tasks, in the order their inputs sort (what ``load`` stores first)."""
        done = self.done()
        return sorted(done, key=lambda t: (done[t].get("first") or "", t))

    def files(self, table: str, tasks: list[str] | None = None) -> list[str]:
        """The files of ``table`` that finished tasks wrote (as URLs fsspec and DuckDB can open)."""
        return [self.uri(self.path(table, f"part-{t}.parquet")) for t in (self.tasks() if tasks is None else tasks)]

    def uri(self, path: str) -> str:
        if self.local:
            return path
        proto = _protocols(self.fs)[0]
        return f"{proto}://{path}" if "://" not in path else path

    def _put(self, dest: str, write: Callable[[Any], None]) -> None:
        """Write ``dest`` so that it appears whole or not at all: a temporary name renamed into place
        (an object store publishes an object only once its upload is complete)."""
        self.fs.makedirs(dest.rsplit("/", 1)[0], exist_ok=True)
        if not self.local:
            with self.fs.open(dest, "wb") as f:
                write(f)
            return
        folder, base = dest.rsplit("/", 1)
        tmp = f"{folder}/.{base}.{uuid.uuid4().hex}.tmp"
        try:
            with open(tmp, "wb") as f:
                write(f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, dest)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def write_task(self, task: str, data: dict[str, Any], inputs: list[dict[str, Any]]) -> None:
        """Write one task's tables, then its ``_done`` record (``inputs``: hash, path, documents each)."""
        import pyarrow.parquet as pq

        def writer(table: Any) -> Callable[[Any], None]:
            return lambda f: pq.write_table(table, f, compression="zstd")

        for table in TABLES:
            self._put(self.path(table, f"part-{task}.parquet"), writer(data[table]))
        rec = {"task": task, "inputs": inputs, "documents": data["documents"].num_rows,
               "first": min((i["path"] for i in inputs), default=None),
               "written_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
        self._put(self.path(DONE, f"{task}.json"), lambda f: f.write(json.dumps(rec, ensure_ascii=False).encode()))
        self._done = None

    def read(self, table: str, tasks: list[str] | None = None, columns: list[str] | None = None) -> Iterator[Any]:
        """The Arrow tables of ``table``, one per finished task, in :meth:`tasks` order."""
        import pyarrow.parquet as pq

        for path in (self.tasks() if tasks is None else tasks):
            with self.fs.open(self.path(table, f"part-{path}.parquet"), "rb") as f:
                yield pq.read_table(f, columns=columns)


def _protocols(fs: Any) -> tuple[str, ...]:
    proto = fs.protocol
    return (proto,) if isinstance(proto, str) else tuple(proto)


# -- the worker's side ------------------------------------------------------------------------------
@dataclass
class TaskResult:
    """What a worker tells the caller about one task: counts and one-line messages, never the records."""

    task: str
    documents: int = 0
    files: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def analyze_task(items: list[tuple[str, str, str | None]], output: str, config: str | None = None) -> TaskResult:
    """Run on a worker: analyse a task's input files (``(path to read, name to record, content hash)``
    each) and write its tables to the dataset at ``output``."""
    from .batch import _analyzer

    task = task_id([(given, digest) for _, given, digest in items])
    result = TaskResult(task)
    docs: list[Document] = []
    failures: list[Failure] = []
    inputs = []
    seen: set[str] = set()
    for sent, given, digest in items:
        failed, n = False, 0
        try:
            for item in _analyzer(config).analyze_paths([sent]):
                if isinstance(item, Failure):
                    failed = True
                    failures.append(Failure(_renamed(item.input, sent, given), item.reason))
                    continue
                item.input = _renamed(item.input, sent, given)
                n += 1
                warnings = item.meta.extra.get("warnings")
                if warnings:
                    result.warnings.append(f"{item.input}: warning: {'; '.join(map(str, warnings))}")
                if item.id not in seen:  # the same text twice in one task is stored once
                    seen.add(item.id)
                    docs.append(item)
        except Exception as exc:  # a worker must answer for every file
            failed = True
            failures.append(Failure(given, f"internal error during analysis: {type(exc).__name__}: {exc}"))
        result.files.append(given)
        if digest and not failed:
            inputs.append({"hash": digest, "path": given, "documents": n})
    Dataset(output).write_task(task, tables(docs, failures), inputs)
    result.documents = len(docs)
    result.failures = [(f.input, f.reason) for f in failures]
    return result


def _renamed(name: str, sent: str, given: str) -> str:
    return given + name[len(sent):] if sent != given and name.startswith(sent) else name
