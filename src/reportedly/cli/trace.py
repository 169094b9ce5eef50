"""The ``trace`` command: follow a statement across the corpus (a thin layer over :mod:`reportedly.corpus.trace`)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..settings import Settings
from .progress import say


def _limit(value: str) -> int:
    from ..corpus.trace import MAX_LIMIT

    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= n <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"{value} is not between 1 and {MAX_LIMIT}")
    return n


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("trace", help="follow statements across outlets: first seen, relays, altered words",
                       description="Statements seen in at least two documents whose words match QUERY (search "
                       "syntax; empty: the most repeated): where each first appeared, every occurrence in date "
                       "order with its speaker, which article it was relayed from, and how its quoted words "
                       "changed against the first quotation.")
    p.add_argument("query", nargs="?", default="", metavar="QUERY",
                   help="words of the statement; empty lists the statements the filters select")
    p.add_argument("--db", metavar="FILE", help="the corpus store (default: settings store.path, reportedly.db)")
    p.add_argument("--speaker", metavar="S", help="statements with an occurrence by this speaker (id or name)")
    p.add_argument("--outlet", metavar="O", help="statements with an occurrence in this outlet")
    p.add_argument("--limit", type=_limit, default=20, help="at most this many statements (default 20)")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="text: a readable timeline per statement; json: a list of statements (default: text)")
    p.add_argument("--rebuild", action="store_true",
                   help="first cluster every stored statement again from scratch (same result as incremental)")
    p.set_defaults(run=run_trace)


def _line(text: str, width: int = 150) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_text(clusters: list[dict[str, Any]]) -> str:
    """Statements as the text view prints them: a header per statement, one line per occurrence."""
    out = []
    for c in clusters:
        fs = c["first_seen"]
        flags = [f"{c['altered']} altered"] if c["altered"] else []
        if c["relays"]:
            flags.append(f"{c['relays']} relayed")
        if c["speaker_disagreement"]:
            flags.append("speakers disagree")
        out.append(f"statement {c['id']}: {c['documents']} documents, {len(c['outlets'])} outlets; first seen "
                   f"{fs['date'] or 'undated'} in {fs['outlet']} ({fs['document_id']})"
                   + (f" [{', '.join(flags)}]" if flags else ""))
        out.append(f"  speakers: {', '.join(c['speakers']) or '-'}")
        by_id = {o["document_id"]: o["outlet"] for o in c["occurrences"]}
        for o in c["occurrences"]:
            who = o["speaker"] or o["source"] or "?"
            extra = ""
            if o["changes"]:
                extra += " [altered: " + "; ".join(f"{ch['from'] or '∅'} → {ch['to'] or '∅'}" for ch in o["changes"]) + "]"
            if o["relayed_from"]:
                extra += f" [relayed from {by_id.get(o['relayed_from'], '?')} {o['relayed_from']}]"
            out.append(f"  {o['date'] or '-':10}  {o['outlet'][:16]:16}  {o['document_id']}/{o['attribution_id']:4} "
                       f"{_line(who, 28)}: {_line(o['content'])}{extra}")
        out.append("")
    return "\n".join(out)


def run_trace(args: argparse.Namespace) -> int:
    from ..corpus import Store

    settings = Settings.load(args.config)
    path = args.db or settings.store.path
    if args.rebuild:
        with Store(path) as store:
            n = store.rebuild_statements()
        say(f"reportedly: trace: {n} statements seen in two documents or more")
        if not args.query and not args.speaker and not args.outlet:
            return 0
    with Store(path, readonly=True) as store:
        clusters = store.trace(args.query, speaker=args.speaker, outlet=args.outlet, limit=args.limit)
    if args.format == "json":
        json.dump(clusters, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if not clusters:
        print("no statements seen in two documents or more match", file=sys.stderr)
        return 0
    sys.stdout.write(format_text(clusters))
    return 0
