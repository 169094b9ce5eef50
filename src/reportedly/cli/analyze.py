"""``reportedly analyze PATH... [--format json|jsonl|text] [-o FILE]``."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

from ..api import Analyzer
from ..errors import ModelError
from ..output import JsonWriter, render_text
from ..readers import Failure, list_files
from .corpus import _scored_settings, add_acts, add_min_score, add_model
from .progress import FileCounter, progress, say


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "analyze",
        help="clean and analyse articles, print structured records",
        description="Read text dumps, HTML pages, WARC crawls or JSONL (gzip or not; '-' is stdin; "
        "directories are walked), print one record per article. Each input that cannot be read gets "
        "one line on stderr and the others go on. Exit 0 when every input succeeded, 1 when any failed, "
        "2 for a usage error.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories or '-' for stdin")
    p.add_argument("--format", choices=["json", "jsonl", "text"], default="json",
                   help="json: one object, or a list when there are several inputs or documents; jsonl: one object per line; "
                   "text: a readable view (default: json)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar")
    add_min_score(p, "output")
    add_acts(p)
    add_model(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = _scored_settings(args)
    try:
        analyzer = Analyzer(settings).load()
    except ModelError as exc:
        say(f"reportedly: {exc}")
        return 2
    out: TextIO
    if args.output:
        try:
            out = open(args.output, "w", encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as exc:
            say(f"reportedly: {args.output}: cannot write output ({exc.strerror or exc})")
            return 2
    else:
        out = sys.stdout
    failures = 0
    several = len(args.paths) > 1 or (args.paths[0] != "-" and os.path.isdir(args.paths[0]))
    writer = None if args.format == "text" else JsonWriter(out, lines=args.format == "jsonl", always_list=several)
    # the bar counts files (so a directory shows its total and an ETA); documents advance it
    files = FileCounter(list_files(args.paths, settings))
    try:
        with progress(len(files.files), disable=args.no_progress, unit="file") as bar:
            for item in analyzer.analyze_paths(args.paths):
                bar.update(files.seen(item.input) - bar.n)
                if isinstance(item, Failure):
                    failures += 1
                    bar.write(f"reportedly: {item}")
                    continue
                warnings = item.meta.extra.get("warnings")
                if warnings:  # read, but not cleanly: one line, the record is still written
                    bar.write(f"reportedly: {item.input}: warning: {'; '.join(warnings)}")
                if writer is None:
                    out.write(render_text(item) + "\n")
                else:
                    writer.write(item)
            bar.update(bar.total - bar.n)
        if writer is not None:
            writer.close()
    finally:
        if args.output:
            out.close()
    return 1 if failures else 0
