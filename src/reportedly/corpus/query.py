"""SQL over a Parquet dataset with DuckDB (``reportedly query "SQL" --data DIR``).

Views are named like the store's tables: ``documents``, ``attributions``, ``entities``,
``statements`` (the attributions that statements are made of: words and MinHash band keys),
``failures``, ``inputs`` (from the tasks' ``_done`` records) and, once :func:`merge_speakers
<reportedly.corpus.speaker_merge.merge_speakers>` has run, ``speakers``; ``attributions.speaker_id``
and ``speaker`` are then the corpus-wide speaker (before it, the one its own document gives).
Only the files of finished tasks are read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError, QueryError
from .dataset import TABLES, Dataset, schemas
from .speaker_merge import SPEAKER_IDS, SPEAKERS, speaker_schemas

#: the most rows ``query`` returns unless told otherwise
MAX_ROWS = 10_000


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def connect(data: str | os.PathLike[str] | Dataset) -> Any:
    """A DuckDB connection (in memory) with the dataset's tables as views."""
    import duckdb

    ds = data if isinstance(data, Dataset) else Dataset(data)
    if not ds.exists():
        raise ConfigError(f"{ds.url}: no dataset here (write one with 'reportedly batch PATH... --output {ds.url}')")
    con = duckdb.connect(":memory:")
    if not ds.local:
        con.register_filesystem(ds.fs)
    tasks = ds.tasks()
    sch = {**schemas(), **speaker_schemas()}

    def view(name: str, files: list[str]) -> None:
        if files:
            listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet([{listed}], union_by_name = true)")
        else:  # no finished task yet: an empty table of the right shape
            con.register(f"_{name}_empty", sch[name].empty_table())
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM _{name}_empty")

    for table in TABLES:
        view("_raw_attributions" if table == "attributions" else table, ds.files(table, tasks))
    merged = ds.fs.exists(ds.path(SPEAKERS, "speakers.parquet"))
    view(SPEAKERS, [ds.uri(ds.path(SPEAKERS, "speakers.parquet"))] if merged else [])
    ids = [ds.uri(ds.path(SPEAKER_IDS, f"part-{t}.parquet")) for t in tasks
           if merged and ds.fs.exists(ds.path(SPEAKER_IDS, f"part-{t}.parquet"))]
    view(SPEAKER_IDS, ids)
    con.execute(
        "CREATE VIEW attributions AS SELECT a.* REPLACE (coalesce(i.speaker_id, a.speaker_id) AS speaker_id,"
        " coalesce(s.name, a.speaker) AS speaker) FROM _raw_attributions a"
        f" LEFT JOIN {SPEAKER_IDS} i ON i.document_id = a.document_id AND i.attribution_id = a.attribution_id"
        f" LEFT JOIN {SPEAKERS} s ON s.id = i.speaker_id")
    import pyarrow as pa

    inputs = [{"hash": i.get("hash"), "path": i.get("path"), "documents": i.get("documents"), "task": t}
              for t, rec in ds.done().items() for i in rec.get("inputs", [])]
    con.register("_inputs", pa.Table.from_pylist(inputs, schema=pa.schema(
        [("hash", pa.string()), ("path", pa.string()), ("documents", pa.int64()), ("task", pa.string())])))
    con.execute("CREATE VIEW inputs AS SELECT * FROM _inputs")
    return con


def query(sql: str, data: str | os.PathLike[str] | Dataset, *, limit: int | None = MAX_ROWS) -> QueryResult:
    """Run one SQL statement over the dataset; at most ``limit`` rows (None: all)."""
    import duckdb

    con = connect(data)
    try:
        try:
            cur = con.execute(sql)
        except duckdb.Error as exc:
            raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from None
        if cur.description is None:
            return QueryResult([], [])
        columns = [d[0] for d in cur.description]
        rows = cur.fetchall() if limit is None else cur.fetchmany(limit)
        return QueryResult(columns, rows)
    finally:
        con.close()
