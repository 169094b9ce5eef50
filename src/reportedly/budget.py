"""A time budget per document, enforced by a watchdog thread.

Reading a page and analysing a document each run under :class:`time_budget`: when the work is
still going at the deadline, one watchdog thread raises an exception *in the working thread*
(``PyThreadState_SetAsyncExc``), and the block turns it into a :class:`TimeBudgetError` with a
one-line message, so that document fails alone and the run goes on instead of hanging.

The exception is delivered between two Python bytecodes: work that stays inside one C call
(a regular expression, one lxml parse) is interrupted when that call returns. Such calls are
bounded by the other budgets (document size, HTML nesting depth and attribute count), so none
runs for long on its own. The watchdog repeats the exception every
:data:`REPEAT_SECONDS` until the block ends, in case some library code swallowed it.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Literal, TypeVar

from .errors import ReportedlyError

T = TypeVar("T")

#: How often the watchdog raises again in a thread that is still inside its overrun block.
REPEAT_SECONDS = 0.5


class TimeBudgetError(ReportedlyError):
    """A document took longer than its time budget (reading or analysing it); it is skipped."""


class _Overrun(BaseException):
    """Raised asynchronously in a working thread at its deadline. A ``BaseException``, so that the
    ``except Exception`` blocks of the code it interrupts do not swallow it."""


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


class _Watchdog:
    """One daemon thread for the process: a heap of deadlines, each raising in its own thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.wake = threading.Condition(self.lock)
        self.heap: list[tuple[float, int, time_budget]] = []
        self.counter = itertools.count()
        self.thread: threading.Thread | None = None

    def add(self, budget: time_budget) -> None:
        with self.lock:
            heapq.heappush(self.heap, (budget.deadline, next(self.counter), budget))
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="reportedly-watchdog", daemon=True)
                self.thread.start()
            self.wake.notify()

    def _run(self) -> None:
        with self.lock:
            while True:
                while self.heap and self.heap[0][2].done:
                    heapq.heappop(self.heap)
                if not self.heap:
                    self.wake.wait(30.0)
                    if not self.heap:
                        self.thread = None
                        return
                    continue
                deadline, _, budget = self.heap[0]
                now = time.monotonic()
                if now < deadline:
                    self.wake.wait(deadline - now)
                    continue
                heapq.heappop(self.heap)
                if budget.done:
                    continue
                budget.fired = True
                _raise_in(budget.thread_id, _Overrun)
                heapq.heappush(self.heap, (now + REPEAT_SECONDS, next(self.counter), budget))


_WATCHDOG = _Watchdog()


class time_budget:  # noqa: N801 - used as a context manager, like a function
    """``with time_budget(seconds, "analysis"):`` — the block raises :class:`TimeBudgetError` when it
    runs past ``seconds``. ``seconds`` of ``None`` or ``0`` (or less) means no budget.

    Budgets nest: an inner block lets an outer budget's overrun pass through to the outer block.
    """

    def __init__(self, seconds: float | None, what: str = "the work"):
        self.seconds = float(seconds) if seconds else 0.0
        self.what = what
        self.deadline = 0.0
        self.thread_id = 0
        self.done = False
        self.fired = False
        self.started = 0.0

    def __enter__(self) -> time_budget:
        self.started = time.monotonic()
        if self.seconds > 0:
            self.thread_id = threading.get_ident()
            self.deadline = self.started + self.seconds
            _WATCHDOG.add(self)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> Literal[False]:
        if self.seconds <= 0:
            return False
        self._finish()
        if exc_type is not None and issubclass(exc_type, _Overrun) and self.fired:
            raise self.error() from None
        return False

    def _finish(self) -> None:
        """Stop the watchdog for this block; an overrun still delivered meanwhile is absorbed."""
        while True:
            try:
                with _WATCHDOG.lock:
                    self.done = True
                    if self.fired:
                        _raise_in(self.thread_id, None)  # drop one that is set but not yet delivered
                return
            except _Overrun:
                continue

    def error(self) -> TimeBudgetError:
        return TimeBudgetError(f"{self.what} took longer than its time budget of {self.seconds:g} s; "
                               "skipped (input.time_budget)")

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started


def within(seconds: float | None, what: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` under a :class:`time_budget` of ``seconds``; raises
    :class:`TimeBudgetError` when it runs past it.

    Prefer this to a bare ``with time_budget(...)``: it also catches an overrun that arrives in the
    few bytecodes between the end of the work and the block's exit."""
    budget = time_budget(seconds, what)
    try:
        with budget:
            return fn(*args, **kwargs)
    except _Overrun:
        budget._finish()
        if budget.fired:
            raise budget.error() from None
        raise
