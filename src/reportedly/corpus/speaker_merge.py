"""Speakers across a Parquet dataset, merged as a Dask step (``reportedly speakers --data DIR``).

The same rules as the store's :func:`~reportedly.corpus.speaker_index.refresh_speakers`: variants of one
person's name ("Hillary Rodham Clinton" / "Hillary Clinton") are one speaker, and a surname alone
joins the one person with that surname in its document, else in the whole corpus. The work is spread
over the dataset's tasks: each worker reads one task's attributions and answers the best written form
of each name it holds (map), the caller resolves the names (small: one row per distinct name), and each
worker then writes its task's speaker ids (``speaker_ids/part-TASK.parquet``: document id, attribution
id, speaker id). ``speakers/speakers.parquet`` holds the speakers (id, name, kind, surname).
"""

from __future__ import annotations

import functools
import os
from typing import Any

from .dataset import Dataset
from .speaker_index import better_displays, resolve, speaker_of, speaker_rows

SPEAKERS = "speakers"
SPEAKER_IDS = "speaker_ids"
_COLUMNS = ["document_id", "attribution_id", "speaker_key", "speaker", "speaker_kind"]


def speaker_schemas() -> dict[str, Any]:
    import pyarrow as pa

    s = pa.string()
    return {SPEAKERS: pa.schema([("id", s), ("name", s), ("kind", s), ("surname", s)]),
            SPEAKER_IDS: pa.schema([("document_id", s), ("attribution_id", s), ("speaker_id", s)])}


def _keyed(data: str, task: str) -> list[tuple[tuple[str, str], str, str, str | None, str]]:
    """One task's named attributions: ``((document, attribution), document, key, kind, display)``."""
    (table,) = Dataset(data).read("attributions", [task], columns=_COLUMNS)
    return [((r["document_id"], r["attribution_id"]), r["document_id"], r["speaker_key"], r["speaker_kind"],
             r["speaker"]) for r in table.to_pylist() if r["speaker_key"] and r["speaker"]]


def names_of(task: str, data: str) -> dict[str, tuple[str, str | None]]:
    """Map: the best written form (and kind) of each name key one task holds."""
    displays: dict[str, tuple[str, str | None]] = {}
    for _row, _doc, key, kind, display in _keyed(data, task):
        better_displays(displays, key, display, kind)
    return displays


def write_ids(task: str, data: str, resolved: dict[str, tuple[str, str]], kinds: dict[str, str | None]) -> set[str]:
    """Map: write one task's speaker ids; returns the speaker ids it used."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    keyed = [(row, doc, key, kind) for row, doc, key, kind, _ in _keyed(data, task)]
    ids = speaker_of(keyed, resolved, kinds)
    rows = [{"document_id": d, "attribution_id": a, "speaker_id": sid} for (d, a), sid in ids.items()]
    ds = Dataset(data)
    table = pa.Table.from_pylist(rows, schema=speaker_schemas()[SPEAKER_IDS])
    ds._put(ds.path(SPEAKER_IDS, f"part-{task}.parquet"), lambda f: pq.write_table(table, f, compression="zstd"))
    return set(ids.values())


def merge_speakers(data: str | os.PathLike[str], *, workers: int = 2, scheduler: str = "processes",
                   connect_timeout: float = 5.0) -> int:
    """Merge the speakers of every finished task of the dataset at ``data``; returns the speaker count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..errors import ConfigError
    from .batch import dispatch

    ds = Dataset(data)
    if not ds.exists():
        raise ConfigError(f"{ds.url}: no dataset here (write one with 'reportedly batch PATH... --output {ds.url}')")
    url = ds.url if not ds.local else os.path.abspath(ds.root)
    tasks = ds.tasks()
    run = functools.partial(dispatch, workers=workers, scheduler=scheduler, connect_timeout=connect_timeout)
    displays: dict[str, tuple[str, str | None]] = {}
    for _task, got in run(tasks, functools.partial(names_of, data=url)):  # reduce: the best form of each name
        for key, (display, kind) in got.items():
            better_displays(displays, key, display, kind)
    resolved, kinds = resolve(displays)
    used: set[str] = set()
    for _task, got in run(tasks, functools.partial(write_ids, data=url, resolved=resolved, kinds=kinds)):
        used |= got
    rows = speaker_rows(used, resolved, kinds)
    table = pa.Table.from_pylist([dict(zip(("id", "name", "kind", "surname"), r, strict=True)) for r in rows],
                                 schema=speaker_schemas()[SPEAKERS])
    ds._put(ds.path(SPEAKERS, "speakers.parquet"), lambda f: pq.write_table(table, f))
    return len(rows)
