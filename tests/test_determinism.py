"""The same records on every run: pinned digests, and 1 against 4 workers under load.

The pinned digests are those of the x86-64 machines the project is built on (AVX2 alone and
AVX-512 with VNNI alike: the packaged taggers' integer products cannot saturate, see
docs/attribution.md, "The same records on every machine"). A change that moves a record moves
these digests in the same commit: print them with ``python -m reportedly.bench digest``.
"""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

from reportedly.bench.digest import digests

#: ``python -m reportedly.bench digest examples``
EXAMPLES_DIGESTS = {
    "crawl.warc.gz": "7ad1887edad72e55",
    "dockers-relay.txt": "235e87d68cf681ab",
    "harbour-dispute.txt": "8d6ead94e6e3fdd6",
    "library-reopens.html": "989bb0e9d5f4f6fc",
}
#: ``python -m reportedly.bench digest ../shared/seed/000_645b49bcd7d0ac49.txt``
SEED_DIGEST = "e03295e3247a802e"


def _short(found: dict[str, str]) -> dict[str, str]:
    return {k: v[:16] for k, v in found.items()}


def test_example_records_match_their_pinned_digests(examples: Path) -> None:
    assert _short(digests([str(examples)], workers=1)) == EXAMPLES_DIGESTS


def test_seed_record_matches_its_pinned_digest(shared: Path) -> None:
    found = _short(digests([str(shared / "seed" / "000_645b49bcd7d0ac49.txt")], workers=1))
    assert found == {"000_645b49bcd7d0ac49.txt": SEED_DIGEST}


def _burn(stop) -> None:  # pragma: no cover - runs in a child process
    x = 0
    while not stop.is_set():
        x = (x * 31 + 7) % 1_000_003


def test_same_records_with_one_and_four_workers_under_load(examples: Path, shared: Path) -> None:
    pages = sorted((shared / "data" / "extraction-bench" / "dev").glob("*.html.gz"))[:8]
    inputs = [str(examples), str(shared / "seed" / "000_645b49bcd7d0ac49.txt"), *map(str, pages)]
    alone = digests(inputs, workers=1)
    stop = multiprocessing.Event()
    burners = [multiprocessing.Process(target=_burn, args=(stop,), daemon=True) for _ in range(2)]
    spinner_stop = threading.Event()
    spinner = threading.Thread(target=_burn, args=(spinner_stop,), daemon=True)
    for p in burners:
        p.start()
    spinner.start()
    try:
        loaded = digests(inputs, workers=4)
        again = digests(inputs, workers=4)
    finally:
        stop.set()
        spinner_stop.set()
        for p in burners:
            p.join(5)
        spinner.join(5)
    assert len(alone) == len(inputs) + 3  # the examples folder holds four inputs
    assert loaded == alone
    assert again == alone
