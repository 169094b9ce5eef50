"""The dataset commands: ``query`` (SQL with DuckDB), ``load`` (into the store) and ``merge-speakers``."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import decimal
import json
import sys
from typing import Any

from ..settings import Settings
from .progress import progress, say


def _data(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", metavar="DIR|URL", required=True,
                   help="the Parquet dataset (written by 'reportedly batch PATH... --output DIR|URL')")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help="SQL over a Parquet dataset (DuckDB)",
                       description="Run one SQL statement over a dataset written by 'batch --output'. Views: "
                       "documents, attributions, entities, statements, failures, inputs, speakers.")
    p.add_argument("sql", metavar="SQL", help="one SQL statement (DuckDB's dialect)")
    _data(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="table: aligned columns; csv; json: a list of objects (default: table)")
    p.add_argument("--limit", type=int, default=10_000, metavar="N", help="at most N rows (default 10000)")
    p.set_defaults(run=run_query)

    p = sub.add_parser("load", help="fill the corpus store from a Parquet dataset, in bulk",
                       description="Store every document of a dataset written by 'batch --output' in the SQLite "
                       "store: indexes and full text built once, statements clustered task by task, speakers "
                       "resolved once. Documents already stored are skipped.")
    p.add_argument("data", metavar="DIR|URL", help="the Parquet dataset")
    p.add_argument("--db", metavar="FILE", help="the corpus store (default: settings store.path, reportedly.db)")
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar")
    p.set_defaults(run=run_load)

    p = sub.add_parser("merge-speakers", help="one speaker per person across a Parquet dataset (a Dask step)",
                       description="Resolve the speakers of every attribution across the dataset (variants of a "
                       "name, surnames alone) on Dask workers; 'query' then reads speakers and speaker ids.")
    _data(p)
    p.add_argument("--workers", type=int, default=2, help="worker processes or threads (default 2)")
    p.add_argument("--scheduler", default="processes", metavar="URL",
                   help="threads, processes (default), synchronous, local-cluster, or tcp://host:port")
    p.set_defaults(run=run_merge_speakers)


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_cell(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _cell(v) for k, v in value.items()}
    return value


def _text(value: Any) -> str:
    value = _cell(value)
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split())


def run_query(args: argparse.Namespace) -> int:
    from ..corpus.query import query

    result = query(args.sql, args.data, limit=max(args.limit, 0))
    if args.format == "json":
        json.dump([{c: _cell(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows],
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.format == "csv":
        from ..corpus.export import csv_cell

        writer = csv.writer(sys.stdout)
        writer.writerow(result.columns)
        writer.writerows([[csv_cell(_text(v)) for v in row] for row in result.rows])
    else:
        cells = [[_text(v)[:60] for v in row] for row in result.rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
        print("  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)).rstrip())
        for r in cells:
            print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    return 0


def run_load(args: argparse.Namespace) -> int:
    from ..corpus.dataset import Dataset
    from ..corpus.load import load

    settings = Settings.load(args.config)
    ds = Dataset(args.data)
    with progress(len(ds.tasks()) if ds.exists() else 0, disable=args.no_progress, unit="task") as bar:
        stats = load(ds, args.db or settings.store.path, on_task=lambda _i, _n: bar.update(1))
    say(f"reportedly: {stats.summary()}")
    return 0


def run_merge_speakers(args: argparse.Namespace) -> int:
    from ..corpus.speaker_merge import merge_speakers

    n = merge_speakers(args.data, workers=args.workers, scheduler=args.scheduler)
    say(f"reportedly: {n} speakers across {args.data}")
    return 0
