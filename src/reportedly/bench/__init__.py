"""Benchmarks: ``python -m reportedly.bench NAME [ARGS...]``.

Each benchmark is a module ``reportedly.bench.NAME`` with a ``main(argv) -> int`` function
(``extraction``, ``attribution``, ``load``, …). Benchmarks print figures; they never assert timings.
"""

from __future__ import annotations

import importlib
import pkgutil


def available() -> list[str]:
    """Names of the benchmark modules in this package."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def run(name: str, argv: list[str]) -> int:
    """Import ``reportedly.bench.<name>`` and call its ``main(argv)``."""
    module = importlib.import_module(f"{__name__}.{name}")
    return int(module.main(argv) or 0)
