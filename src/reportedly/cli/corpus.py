"""The corpus commands: ``ingest``, ``search``, ``serve``, ``export`` and ``batch`` (into a store or a dataset)."""

from __future__ import annotations

import argparse
import json
import sys

from ..settings import Settings
from .progress import progress, say


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value} is not positive")
    return n


def score_type(value: str) -> float:
    """An argparse type for a minimum score: a number from 0 to 1."""
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0.0 <= x <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return x


def add_min_score(p: argparse.ArgumentParser, what: str) -> None:
    """``--min-score P``: leave out attributions whose calibrated score is under ``P``."""
    p.add_argument("--min-score", type=score_type, default=None, metavar="P",
                   help=f"{what} only attributions whose score (the calibrated probability that source, cue and "
                   "content are right, 0–1) is at least P")


def acts_type(value: str) -> list[str]:
    """``statement,stance`` → ``["statement", "stance"]``, every name a known act."""
    from ..document import ATTRIBUTION_ACTS

    acts = [a.strip() for a in value.split(",") if a.strip()]
    unknown = [a for a in acts if a not in ATTRIBUTION_ACTS]
    if unknown or not acts:
        raise argparse.ArgumentTypeError(f"{value!r}: acts are {', '.join(ATTRIBUTION_ACTS)} (comma-separated)")
    return acts


def add_acts(p: argparse.ArgumentParser) -> None:
    """``--acts statement,stance,refusal``: which acts the analysis keeps."""
    p.add_argument("--acts", type=acts_type, default=None, metavar="ACTS",
                   help="keep only these acts, comma-separated: statement (said or written), stance (a belief, "
                   "wish, expectation or plan), refusal ('declined to comment') (default: settings "
                   "attribution.acts, all three)")


def add_model(p: argparse.ArgumentParser) -> None:
    """``--model NAME|DIR``: which attribution tagger runs."""
    p.add_argument("--model", metavar="NAME|DIR", default=None,
                   help="the attribution tagger: 'default', 'fast' (the packaged distilled tagger: about twice as "
                   "fast, somewhat less accurate) or a model directory (default: settings attribution.model)")


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="FILE", help="the corpus store (default: settings store.path, reportedly.db)")


def _db_path(args: argparse.Namespace, settings: Settings) -> str:
    return args.db or settings.store.path


def _scored_settings(args: argparse.Namespace) -> Settings:
    """The settings, with ``--min-score`` and ``--model`` (when given) as ``attribution.min_score``
    and ``attribution.model``."""
    over: dict[str, object] = {}
    if getattr(args, "min_score", None) is not None:
        over["min_score"] = args.min_score
    if getattr(args, "model", None) is not None:
        over["model"] = args.model
    if getattr(args, "acts", None) is not None:
        over["acts"] = args.acts
    return Settings.load(args.config, attribution=over) if over else Settings.load(args.config)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="analyse inputs and store them in the corpus database",
                       description="Analyse files or directories and store every document in a SQLite corpus. "
                       "Inputs whose bytes were ingested before are skipped. Exit 1 when any input failed.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories (walked) to ingest")
    _db(p)
    p.add_argument("--update", action="store_true",
                   help="analyse inputs ingested before again and replace their documents where the component "
                   "versions changed (after a model update)")
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar")
    add_min_score(p, "store")
    add_model(p)
    p.set_defaults(run=run_ingest)

    p = sub.add_parser("search", help="full-text search over the corpus, with filters",
                       description="Search article bodies and attributed statements. Plain words are matched "
                       'as words; "phrases", AND/OR/NOT and prefix* are FTS5 syntax.')
    p.add_argument("query", nargs="?", default="", metavar="QUERY",
                   help="words, \"phrases\", AND/OR/NOT, prefix*; empty lists what the filters select")
    p.add_argument("--speaker", metavar="S", help="statements by this speaker (id or name)")
    p.add_argument("--outlet", metavar="O", help="documents from this outlet")
    p.add_argument("--anonymous", action="store_true", help="statements by anonymous sources only")
    p.add_argument("--hedged", action="store_true", help="hedged statements only")
    p.add_argument("--from", dest="date_from", metavar="D", help="from this date (YYYY[-MM[-DD]])")
    p.add_argument("--to", dest="date_to", metavar="D", help="up to this date (YYYY[-MM[-DD]])")
    p.add_argument("--via", metavar="O", help="statements relayed through this outlet")
    p.add_argument("--limit", type=_positive, default=20,
                   help="at most this many rows in all: statements first, then articles (default 20)")
    p.add_argument("--format", choices=["table", "json"], default="table",
                   help="table: one line per row; json: a list of result objects (default: table)")
    add_min_score(p, "find")
    _db(p)
    p.set_defaults(run=run_search)

    p = sub.add_parser("serve", help="browse the corpus in a web browser (and a JSON API)",
                       description="Serve the corpus: article pages with highlighted attributions, search, "
                       "speakers and outlets; JSON API under /api (OpenAPI at /openapi.json).")
    _db(p)
    p.add_argument("--host", help="address to listen on (default: settings serve.host, 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: settings serve.port, 8000)")
    p.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                   help="also answer requests for this host name (repeatable; settings serve.allowed_hosts); "
                        "a loopback address answers 127.0.0.1, localhost and ::1 only")
    p.add_argument("--ingest", nargs="+", metavar="PATH", default=None,
                   help="first ingest these inputs into the store (as `reportedly ingest PATH...`)")
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar (with --ingest)")
    p.set_defaults(run=run_serve, update=False)

    p = sub.add_parser("export", help="export documents, attributions, speakers, entities or statements",
                       description="Write the corpus as JSON Lines, CSV or Parquet: full document records, or one "
                       "row per attribution, speaker, or entity of a document (its mention count and forms), or "
                       "the statements seen in several documents (JSON Lines: one per line; else one row per occurrence).")
    p.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl",
                   help="output format (default: jsonl)")
    p.add_argument("--what", choices=["documents", "attributions", "speakers", "entities", "statements"],
                   default="documents", help="what one line or row is (default: documents)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (required for parquet)")
    add_min_score(p, "export (with --what attributions or documents)")
    _db(p)
    p.set_defaults(run=run_export)

    p = sub.add_parser("batch", help="analyse many inputs in parallel with Dask into the corpus",
                       description="Analyse inputs on Dask workers (local threads/processes, a local "
                       "cluster, or a scheduler address) while this process stores the results.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files or directories (walked); with a scheduler address, paths the workers can read")
    _db(p)
    p.add_argument("--workers", type=_positive, default=2,
                   help="worker processes or threads (with local schedulers and local-cluster; default 2)")
    p.add_argument("--scheduler", default="processes", metavar="URL",
                   help="threads, processes (default), synchronous, local-cluster, or tcp://host:port")
    p.add_argument("--connect-timeout", type=float, default=5.0, metavar="SECONDS",
                   help="how long to wait for a scheduler address to answer (default 5)")
    p.add_argument("--output", metavar="DIR|URL", default=None,
                   help="write a Parquet dataset here instead of a store: every worker writes its own files "
                   "(a directory, or an fsspec URL such as s3://bucket/run); a re-run skips inputs done")
    p.add_argument("--task-size", type=_positive, default=8, metavar="N",
                   help="with --output: input files per task, one file of each table per task (default 8)")
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar")
    p.set_defaults(run=run_batch)


def run_ingest(args: argparse.Namespace) -> int:
    from ..api import Analyzer
    from ..corpus import Store, expand_inputs, ingest_paths
    from ..errors import ModelError

    settings = _scored_settings(args)
    try:
        analyzer = Analyzer(settings).load()
    except ModelError as exc:
        say(f"reportedly: {exc}")
        return 2
    total = len(expand_inputs(args.paths, settings))
    with Store(_db_path(args, settings)) as store, progress(total, disable=args.no_progress, unit="file") as bar:
        stats = ingest_paths(store, args.paths, analyzer, update=args.update,
                             on_failure=lambda f: bar.write(f"reportedly: {f}"), on_file=lambda _p: bar.update(1),
                             on_warning=lambda w: bar.write(f"reportedly: {w}"),
                             on_update=lambda u: bar.write(f"reportedly: {u}"))
        store.refresh_speakers()
    say(f"reportedly: {stats.summary()}")
    return 1 if stats.failures else 0


def run_batch(args: argparse.Namespace) -> int:
    from ..corpus import Store, expand_inputs
    from ..corpus import run_batch as batch

    settings = Settings.load(args.config)
    total = len(expand_inputs(args.paths, settings))
    if args.output is not None:
        if args.db:
            say("reportedly: batch: give --db (a store) or --output (a dataset), not both")
            return 2
        from ..corpus.archive import write_dataset

        with progress(total, disable=args.no_progress, unit="file") as bar:
            stats = write_dataset(args.paths, args.output, workers=args.workers, scheduler=args.scheduler,
                                  config=args.config, task_size=args.task_size,
                                  connect_timeout=args.connect_timeout,
                                  on_failure=lambda f: bar.write(f"reportedly: {f}"),
                                  on_file=lambda _p: bar.update(1), on_warning=lambda w: bar.write(f"reportedly: {w}"))
        say(f"reportedly: {stats.summary().replace('ingested', 'in the dataset')} (dataset {args.output})")
        return 1 if stats.failures else 0
    with Store(_db_path(args, settings)) as store, progress(total, disable=args.no_progress, unit="file") as bar:
        stats = batch(store, args.paths, workers=args.workers, scheduler=args.scheduler, config=args.config,
                      connect_timeout=args.connect_timeout, on_failure=lambda f: bar.write(f"reportedly: {f}"),
                      on_file=lambda _p: bar.update(1), on_warning=lambda w: bar.write(f"reportedly: {w}"))
        store.refresh_speakers()
    say(f"reportedly: {stats.summary()}")
    return 1 if stats.failures else 0


def run_search(args: argparse.Namespace) -> int:
    from ..corpus import Store
    from ..corpus.search import plain_snippet

    settings = Settings.load(args.config)
    with Store(_db_path(args, settings), readonly=True) as store:
        results = store.search(args.query, speaker=args.speaker, outlet=args.outlet, anonymous=args.anonymous,
                               hedged=args.hedged, date_from=args.date_from, date_to=args.date_to, via=args.via,
                               min_score=args.min_score or 0.0, limit=args.limit)
    # the store returns up to --limit statements *and* up to --limit articles (the web UI pages them
    # side by side); on the command line --limit is the number of rows
    results = results[:args.limit]
    for r in results:
        r["snippet"] = plain_snippet(r.get("snippet"))
    if args.format == "json":
        json.dump(results, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if not results:
        print("no results", file=sys.stderr)
        return 0
    for r in results:
        date = (r.get("date") or "")[:10] or "-"
        if r["type"] == "attribution":
            who = r.get("speaker") or r.get("source") or "?"
            flags = ("anonymous " if r["anonymous"] else "") + ("hedged " if r["hedges"] else "")
            via = f" via {r['via_outlet']}" if r.get("via_outlet") else ""
            print(f"{r['document_id']}  {date:10}  {r['outlet'][:20]:20}  {who} {r['cue']}{via} "
                  f"{('(' + flags.strip() + ') ') if flags else ''}— {r['snippet'][:160]}")
        else:
            print(f"{r['document_id']}  {date:10}  {r['outlet'][:20]:20}  [article] {r.get('title') or ''} "
                  f"— {r['snippet'].replace(chr(10), ' ')[:160]}")
    return 0


def _port_free(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (in use, no such address), or None when it can."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError) as exc:
        return f"cannot listen on {host}: {getattr(exc, 'strerror', None) or exc}"
    family, kind, proto, _name, addr = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            sock.bind(addr)
        except OSError as exc:
            return f"cannot listen on {host}:{port}: {(exc.strerror or str(exc)).lower()}"
    return None


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from ..corpus import Store
    from ..corpus.store import store_exists
    from ..web.app import create_app

    settings = Settings.load(args.config)
    path = _db_path(args, settings)
    host, port = args.host or settings.serve.host, args.port or settings.serve.port
    if not 1 <= int(port) <= 65535:
        say(f"reportedly: serve: port {port} is out of range (1-65535)")
        return 2
    problem = _port_free(host, int(port))
    if problem:
        say(f"reportedly: serve: {problem}")
        return 1
    if not args.ingest and not store_exists(path):
        print(f"reportedly: serve: {path}: no such corpus store; run 'reportedly ingest PATH...' first "
              "(or 'reportedly serve --ingest PATH...')", file=sys.stderr)
        return 1
    if args.ingest:
        args.paths = args.ingest
        if run_ingest(args):
            with Store(path) as store:
                if not store.document_ids():
                    return 1  # nothing could be ingested: nothing to serve
    Store(path).close()  # create or migrate once, before the read-only request threads open it
    from ..web.security import allowed_hosts_for

    app = create_app(path, allowed_hosts=allowed_hosts_for(host, [*settings.serve.allowed_hosts, *args.allowed_host]))
    shown = f"[{host}]" if ":" in host else host
    print(f"reportedly: serving {path} at http://{shown}:{port}/ (Ctrl-C to stop)", file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..corpus import Store, export

    settings = Settings.load(args.config)
    if args.output and not Path(args.output).parent.is_dir():
        print(f"reportedly: export: cannot write {args.output}: directory {Path(args.output).parent} "
              "does not exist", file=sys.stderr)
        return 2
    with Store(_db_path(args, settings), readonly=True) as store:
        try:
            n = export(store, args.what, args.format, args.output, min_score=args.min_score or 0.0)
        except BrokenPipeError:  # the reader stopped early (`| head`): not a write failure
            raise
        except OSError as exc:
            say(f"reportedly: export: cannot write {args.output}: {exc.strerror or exc}")
            return 2
    if args.output:
        say(f"reportedly: wrote {n} {args.what} to {args.output}")
    return 0
