"""Filling the store: sequential ingest, and batches analysed in parallel with Dask.

Both read input *files* (directories are walked), skip a file whose bytes were ingested before
(``inputs`` table), analyse it through :class:`reportedly.api.Analyzer`, store each document in
its own transaction, and mark the file done once all its documents are stored. A killed run
therefore resumes where it stopped, and a bad input is reported while the rest goes on. Only the
calling process writes to the store; workers (local processes or threads, or a Dask cluster's)
only analyse.
"""

from __future__ import annotations

import functools
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from ..api import Analyzer
from ..document import Document
from ..readers import Failure
from ..settings import Settings, get_settings
from .store import Store, file_hash


@dataclass
class IngestStats:
    """What one ingest or batch run did."""

    files: int = 0
    skipped_files: int = 0  # bytes already ingested
    added: int = 0  # documents stored
    existing: int = 0  # documents that were already in the store
    updated: int = 0  # documents replaced because a newer pipeline analysed them (--update)
    failures: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        updated = f"{self.updated} updated, " if self.updated else ""
        return (f"{self.files} files ({self.skipped_files} already ingested), {self.added} documents added, "
                f"{updated}{self.existing} already present, {len(self.failures)} failed")


def _check_local(scheduler: str) -> None:
    """A scheduler that is not an address must be one of the local ones."""
    if scheduler not in ("threads", "processes", "synchronous"):
        from ..errors import ConfigError

        raise ConfigError(f"unknown scheduler {scheduler!r}: use threads, processes, synchronous, "
                          "local-cluster or a scheduler address (tcp://host:port)")


def expand_inputs(paths: Iterable[str], settings: Settings | None = None,
                  skipped: list[Failure] | None = None) -> list[str]:
    """Files to read: files as given, directories walked (sorted) for the configured suffixes.

    An entry of a directory that is not a regular file (a named pipe would block the walk forever)
    is left out, and added to ``skipped`` as a :class:`Failure` when that list is given."""
    from ..readers import _walk

    settings = settings or get_settings()
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            for f, reason in _walk(str(path), settings.input.directory_suffixes):
                if reason is None:
                    out.append(f)
                elif skipped is not None:
                    skipped.append(Failure(f, reason))
        else:
            out.append(p)
    return out


def _report_skipped(skipped: list[Failure], stats: IngestStats,
                    on_failure: Callable[[Failure], None] | None) -> None:
    for failure in skipped:
        stats.failures.append(failure)
        if on_failure:
            on_failure(failure)


def _hash_or_none(path: str) -> str | None:
    if path == "-":
        return None
    try:
        return file_hash(path)
    except OSError:
        return None  # the reader reports why it cannot be read


def replaced_line(doc: Document, stored: list[tuple[str, str]], new: list[tuple[str, str]]) -> str:
    """One line saying which stored document ``--update`` replaced, and which versions changed."""
    before, after = dict(stored), dict(new)
    changes = [f"{c} {before.get(c) or '-'} → {after.get(c) or '-'}" for c in dict.fromkeys([*before, *after])
               if before.get(c) != after.get(c)]
    return f"{doc.input}: replaced document {doc.id} ({'; '.join(changes) or 'same versions'})"


def _store_results(store: Store, path: str, digest: str | None, items: Iterable[Any], stats: IngestStats,
                   on_failure: Callable[[Failure], None] | None, update: bool = False,
                   on_warning: Callable[[str], None] | None = None,
                   on_update: Callable[[str], None] | None = None) -> None:
    n, failed = 0, False
    for item in items:
        if isinstance(item, Failure):
            failed = True
            stats.failures.append(item)
            if on_failure:
                on_failure(item)
            continue
        doc = Document.from_dict(item) if isinstance(item, dict) else item
        warnings = doc.meta.extra.get("warnings")
        if warnings and on_warning:  # read, but not cleanly (as `analyze` says): one line
            on_warning(f"{doc.input}: warning: {'; '.join(map(str, warnings))}")
        replaced: list = []
        outcome = store.put(doc, update=update, replaced=replaced)
        n += 1
        if outcome == "added":
            stats.added += 1
        elif outcome == "updated":
            stats.updated += 1
            if on_update and replaced:
                on_update(replaced_line(doc, *replaced[0]))
        else:
            stats.existing += 1
    if digest and not failed:
        store.mark_input(digest, path, n)


def ingest_paths(
    store: Store,
    paths: Iterable[str],
    analyzer: Analyzer | None = None,
    *,
    on_failure: Callable[[Failure], None] | None = None,
    on_file: Callable[[str], None] | None = None,
    update: bool = False,
    on_warning: Callable[[str], None] | None = None,
    on_update: Callable[[str], None] | None = None,
) -> IngestStats:
    """Analyse and store every input file in this process; returns what was done.

    With ``update``, inputs ingested before are analysed again and their documents replaced where
    the component versions differ (a newer model), each replacement told to ``on_update`` in one
    line (:func:`replaced_line`); otherwise they are skipped unread.
    """
    analyzer = analyzer or Analyzer()
    stats = IngestStats()
    skipped: list[Failure] = []
    files = expand_inputs(paths, analyzer.settings, skipped)
    _report_skipped(skipped, stats, on_failure)
    for path in files:
        stats.files += 1
        digest = _hash_or_none(path)
        if digest and not update and store.has_input(digest):
            stats.skipped_files += 1
        else:
            _store_results(store, path, digest, analyzer.analyze_paths([path]), stats, on_failure, update,
                           on_warning, on_update)
        if on_file:
            on_file(path)
    return stats


# -- Dask -------------------------------------------------------------------------------------------
_WORKER_ANALYZER: dict[str | None, Analyzer] = {}


def _analyzer(config: str | None) -> Analyzer:
    """The worker's analyser for ``config``, loaded once per process."""
    analyzer = _WORKER_ANALYZER.get(config)
    if analyzer is None:
        analyzer = _WORKER_ANALYZER[config] = Analyzer(Settings.load(config))
    return analyzer


def analyze_file(path: str, config: str | None = None) -> list[tuple]:
    """Run on a worker: analyse one input file into ``("document", record)`` / ``("failure", input, reason)``."""
    try:
        out: list[tuple] = []
        for item in _analyzer(config).analyze_paths([path]):
            if isinstance(item, Failure):
                out.append(("failure", item.input, item.reason))
            else:
                out.append(("document", item.to_dict()))
        return out
    except Exception as exc:  # a worker must answer for every file
        return [("failure", path, f"internal error during analysis: {type(exc).__name__}: {exc}")]


def _decode(results: list[tuple], sent: str | None = None, given: str | None = None) -> Iterator[Any]:
    """Documents (records) and failures from a worker's answer; names that start with the path ``sent``
    to the worker are given back the path as the user ``given`` it."""

    def name(n: str) -> str:
        return given + n[len(sent):] if sent and given is not None and n.startswith(sent) else n

    for r in results:
        if r[0] == "document":
            if sent:
                r[1]["input"] = name(r[1]["input"])
            yield r[1]
        else:
            yield Failure(name(r[1]), r[2])


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def run_batch(
    store: Store,
    paths: Iterable[str],
    *,
    workers: int = 2,
    scheduler: str = "processes",
    config: str | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    on_file: Callable[[str], None] | None = None,
    connect_timeout: float = 5.0,
    on_warning: Callable[[str], None] | None = None,
) -> IngestStats:
    """Analyse input files with Dask and store the results from this process.

    ``connect_timeout``: seconds to wait for a scheduler address to answer before giving up with a
    one-line :class:`~reportedly.errors.ConfigError`. ``on_warning`` gets one line for each document
    read with a warning (as in ``ingest``).

    ``scheduler`` is ``"threads"``, ``"processes"`` or ``"synchronous"`` (on this machine, through
    :func:`local_results`: results stored as they come, in the files' order), ``"local-cluster"`` (a
    ``distributed.LocalCluster`` of ``workers`` processes), or a scheduler address such as
    ``tcp://10.0.0.5:8786``.
    """
    settings = Settings.load(config) if config else get_settings()
    stats = IngestStats()
    todo: list[tuple[str, str | None]] = []
    skipped: list[Failure] = []
    files = expand_inputs(paths, settings, skipped)
    _report_skipped(skipped, stats, on_failure)
    for path in files:
        stats.files += 1
        digest = _hash_or_none(path)
        if digest and store.has_input(digest):
            stats.skipped_files += 1
            if on_file:
                on_file(path)
        else:
            todo.append((path, digest))
    if not todo:
        return stats
    workers = max(1, int(workers))
    task = functools.partial(analyze_file, config=config)
    if "://" in scheduler or scheduler == "local-cluster":
        _run_distributed(store, todo, task, workers, scheduler, stats, on_failure, on_file, connect_timeout,
                         on_warning)
        return stats
    by_path = dict(todo)
    for path, res in local_results([p for p, _ in todo], task, workers=workers, scheduler=scheduler):
        _store_results(store, path, by_path[path], _decode(res), stats, on_failure, on_warning=on_warning)
        if on_file:
            on_file(path)
    return stats


def die_with_parent(parent: int) -> None:
    """In a worker process: be killed when ``parent`` dies, however it dies (``kill -9`` included),
    instead of living on alone (Linux's ``PR_SET_PDEATHSIG``; elsewhere nothing is done)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _run_distributed(store: Store, todo: list[tuple[str, str | None]], task: Callable, workers: int,
                     scheduler: str, stats: IngestStats, on_failure: Callable[[Failure], None] | None,
                     on_file: Callable[[str], None] | None, connect_timeout: float = 5.0,
                     on_warning: Callable[[str], None] | None = None) -> None:
    from distributed import Client, LocalCluster, as_completed

    from ..errors import ConfigError, ReportedlyError

    cluster = None
    if scheduler == "local-cluster":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout=connect_timeout)
        except (OSError, TimeoutError) as exc:  # the address is fine; the scheduler is not there (exit 1)
            raise ReportedlyError(f"cannot reach the Dask scheduler at {scheduler} within {connect_timeout:g} s "
                              f"({type(exc).__name__}); is it running?") from None
        except ValueError as exc:
            raise ConfigError(f"bad scheduler address {scheduler!r}: {exc}") from None
    # a worker elsewhere has its own working directory: it is sent absolute paths (which it must be
    # able to read), and the documents keep the names the user gave
    remote = cluster is None
    try:
        futures = {client.submit(task, os.path.abspath(p) if remote else p, pure=False): (p, d) for p, d in todo}
        for fut, res in as_completed(futures, with_results=True):
            path, digest = futures[fut]
            sent = os.path.abspath(path) if remote else None
            _store_results(store, path, digest, _decode(res, sent, path), stats, on_failure, on_warning=on_warning)
            if on_file:
                on_file(path)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- writing a Parquet dataset ----------------------------------------------------------------------
def dispatch(items: list[Any], task: Callable[[Any], Any], *, workers: int = 2, scheduler: str = "processes",
             connect_timeout: float = 5.0) -> Iterator[tuple[Any, Any]]:
    """Run ``task`` on every item with Dask (the schedulers of :func:`run_batch`); yields ``(item, result)``
    as results come (in the items' order on the local schedulers, as each finishes on a cluster)."""
    from ..errors import ConfigError, ReportedlyError

    workers = max(1, int(workers))
    if "://" in scheduler or scheduler == "local-cluster":
        from distributed import Client, LocalCluster, as_completed

        cluster = None
        if scheduler == "local-cluster":
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, host="127.0.0.1")
            client = Client(cluster)
        else:
            try:
                client = Client(scheduler, timeout=connect_timeout)
            except (OSError, TimeoutError) as exc:
                raise ReportedlyError(f"cannot reach the Dask scheduler at {scheduler} within {connect_timeout:g} s "
                                      f"({type(exc).__name__}); is it running?") from None
            except ValueError as exc:
                raise ConfigError(f"bad scheduler address {scheduler!r}: {exc}") from None
        try:
            futures = {client.submit(task, item, pure=False): i for i, item in enumerate(items)}
            for fut, res in as_completed(futures, with_results=True):
                yield items[futures[fut]], res
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
        return
    yield from local_results(items, task, workers=workers, scheduler=scheduler)


def local_results(items: list[Any], task: Callable[[Any], Any], *, workers: int = 2,
                  scheduler: str = "processes") -> Iterator[tuple[Any, Any]]:
    """Run ``task`` on every item in local worker processes (``processes``), threads (``threads``) or
    inline (``synchronous``), yielding ``(item, result)`` in the items' order as each is ready.

    At most ``8 × workers`` tasks are in flight and a worker that finishes takes the next one at once,
    so no worker waits for a slow task of a group (a group of tasks ending together cost a third of
    two workers' time) and results do not pile up. Worker processes die with this one.
    """
    _check_local(scheduler)
    workers = max(1, int(workers))
    if scheduler == "synchronous":
        for item in items:
            yield item, task(item)
        return
    pool: ProcessPoolExecutor | ThreadPoolExecutor = (
        ProcessPoolExecutor(workers, initializer=die_with_parent, initargs=(os.getpid(),))
        if scheduler == "processes" else ThreadPoolExecutor(workers))
    rest = iter(items)
    try:
        pending: deque[tuple[Any, Future]] = deque((item, pool.submit(task, item))
                                                   for item in islice(rest, 8 * workers))
        while pending:
            item, fut = pending.popleft()
            res = fut.result()
            pending.extend((nxt, pool.submit(task, nxt)) for nxt in islice(rest, 1))
            yield item, res
    finally:
        pool.shutdown(cancel_futures=True)
