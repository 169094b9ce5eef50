"""A progress bar on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
from contextlib import contextmanager

from tqdm import tqdm


@contextmanager
def progress(total: int | None = None, *, disable: bool = False, unit: str = "doc"):
    """Yield a tqdm bar; its ``write`` prints messages above it (or plainly when disabled)."""
    off = disable or not sys.stderr.isatty()
    bar = tqdm(total=total, unit=unit, file=sys.stderr, disable=off, leave=False, dynamic_ncols=True)
    if off:
        bar.write = lambda msg, *a, **k: print(msg, file=sys.stderr)  # type: ignore[method-assign]
    try:
        yield bar
    finally:
        bar.close()
