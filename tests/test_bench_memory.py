"""The memory benchmark's pieces: the big input it writes and how it counts what a command wrote.
Running the four commands is the benchmark's (``python -m reportedly.bench memory``); nothing is timed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from reportedly.bench.memory import _records, write_big


def test_the_big_input_has_the_size_asked_for_and_a_gzip_copy(tmp_path: Path) -> None:
    big, gz = write_big(tmp_path, 2.5)
    assert big.stat().st_size == 2_500_000
    assert gzip.decompress(gz.read_bytes()) == big.read_bytes()
    assert big.read_bytes()[:40].decode("utf-8").startswith("The harbour authority said")


def test_records_counts_analyze_s_default_json_output() -> None:
    assert _records(b"") == 0
    assert _records(json.dumps({"text": "x"}).encode()) == 1
    assert _records(json.dumps([{"a": 1}, {"b": 2}]).encode()) == 2
    assert _records(b"not json") == 0
