"""``batch --output``: Dask workers analyse input files and each writes its results into a Parquet dataset
(:mod:`reportedly.corpus.dataset`); no process but the workers sees the records.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable

from ..readers import Failure
from ..settings import Settings, get_settings
from .batch import IngestStats, _chunks, _hash_or_none, _report_skipped, dispatch, expand_inputs
from .dataset import Dataset, analyze_task


def write_dataset(
    paths: Iterable[str],
    output: str,
    *,
    workers: int = 2,
    scheduler: str = "processes",
    config: str | None = None,
    task_size: int = 8,
    on_failure: Callable[[Failure], None] | None = None,
    on_file: Callable[[str], None] | None = None,
    connect_timeout: float = 5.0,
    on_warning: Callable[[str], None] | None = None,
) -> IngestStats:
    """Analyse input files with Dask, each worker writing its results into the Parquet dataset at
    ``output`` (a directory or an fsspec URL; see :mod:`reportedly.corpus.dataset`).

    Inputs are grouped into tasks of ``task_size`` files; inputs a finished task of the dataset
    stored before are skipped unread, so a killed run resumes. No process but the workers sees the
    records: the caller gets counts and one-line failures and warnings.
    """
    settings = Settings.load(config) if config else get_settings()
    data = Dataset(output)
    if data.local:
        try:
            os.makedirs(data.root, exist_ok=True)
        except OSError as exc:
            from ..errors import ConfigError

            raise ConfigError(f"cannot write the dataset {output}: {exc.strerror or exc}") from None
    done = data.done_inputs()
    stats = IngestStats()
    skipped: list[Failure] = []
    files = expand_inputs(paths, settings, skipped)
    _report_skipped(skipped, stats, on_failure)
    remote = "://" in scheduler
    todo: list[tuple[str, str, str | None]] = []
    for path in files:
        stats.files += 1
        digest = _hash_or_none(path)
        if digest and digest in done:
            stats.skipped_files += 1
            if on_file:
                on_file(path)
        else:
            todo.append((os.path.abspath(path) if remote else path, path, digest))
    tasks = list(_chunks(todo, max(1, int(task_size))))
    work = functools.partial(analyze_task, output=data.url if not data.local else os.path.abspath(data.root),
                             config=config)
    for _items, res in dispatch(tasks, work, workers=workers, scheduler=scheduler, connect_timeout=connect_timeout):
        stats.added += res.documents
        for inp, reason in res.failures:
            failure = Failure(inp, reason)
            stats.failures.append(failure)
            if on_failure:
                on_failure(failure)
        for line in res.warnings:
            if on_warning:
                on_warning(line)
        for path in res.files:
            if on_file:
                on_file(path)
    return stats
