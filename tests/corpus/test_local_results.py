"""Local workers: results in the items' order, and a slow task holds up no other worker."""

from __future__ import annotations

import threading

import pytest

from reportedly.corpus.batch import local_results
from reportedly.errors import ConfigError


def test_a_free_worker_takes_the_next_item_while_another_is_busy() -> None:
    others_done = threading.Event()
    seen: list[int] = []
    lock = threading.Lock()

    def task(x: int) -> tuple[int, bool]:
        if x == 0:  # the first item waits until every other item has run on the other worker
            return x, others_done.wait(timeout=30)
        with lock:
            seen.append(x)
            if len(seen) == 11:
                others_done.set()
        return x, True

    results = list(local_results(list(range(12)), task, workers=2, scheduler="threads"))
    assert [item for item, _ in results] == list(range(12))  # the items' order
    assert all(ok for _, (_, ok) in results)  # item 0 saw the eleven others finish meanwhile


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_every_scheduler_gives_every_result_in_order(scheduler: str) -> None:
    items = list(range(11))
    assert list(local_results(items, abs, workers=2, scheduler=scheduler)) == [(x, x) for x in items]


def test_an_unknown_scheduler_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="unknown scheduler"):
        list(local_results([1], abs, scheduler="gpu"))
