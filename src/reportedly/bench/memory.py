"""Memory benchmark: the peak resident memory of ``reportedly analyze`` handed an input too big to read.

    python -m reportedly.bench memory [--size-mb 100] [--save-run bench/results/memory.json]

A text file of ``--size-mb`` megabytes (news-like lines, written into a temporary folder, with a
gzip copy of it) is handed to the command line four ways, each in a fresh process:

- ``reportedly analyze big.txt``: the file's size is known, so it is refused before it is read;
- ``reportedly analyze big.txt examples/harbour-dispute.txt``: the same, and the full pipeline on
  the good file (the model loaded);
- ``cat big.txt | reportedly analyze -`` and ``reportedly analyze big.txt.gz``: the size is not known
  in advance, so at most the per-document limit plus one byte is read before the refusal.

For each it prints the exit status, the refusal the command wrote on stderr and the peak resident
memory of that process (``ru_maxrss`` from ``wait4``; for the pipe, of ``reportedly`` alone, not of
``cat``). ``--save-run FILE`` also writes these, the command and the machine to FILE as JSON
(``python -m reportedly.bench figures`` renders README's memory table from it). Figures only: it
never asserts.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_LINE = ("The harbour authority said on Monday that the bridge would reopen next week, "
         "according to two officials who asked not to be named.\n")


def _cli() -> list[str]:
    """How to run ``reportedly`` with this interpreter (the script beside it, or the module)."""
    script = Path(sys.executable).with_name("reportedly")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-c", "import sys; from reportedly.cli import main; sys.exit(main())"]


def _example() -> Path | None:
    path = Path(__file__).resolve().parents[3] / "examples" / "harbour-dispute.txt"
    return path if path.is_file() else None


def write_big(folder: Path, size_mb: float) -> tuple[Path, Path]:
    """``big.txt`` of ``size_mb`` megabytes (10^6 bytes) of news-like lines, and ``big.txt.gz``."""
    big = folder / "big.txt"
    target = int(size_mb * 1_000_000)
    block = (_LINE * (1_000_000 // len(_LINE) + 1)).encode("utf-8")[:1_000_000]
    with open(big, "wb") as f:
        while target > 0:
            f.write(block[:target])
            target -= len(block)
    with open(big, "rb") as src, gzip.open(folder / "big.txt.gz", "wb", compresslevel=6) as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    return big, folder / "big.txt.gz"


def _records(output: bytes) -> int:
    """How many records ``analyze`` wrote (its default output: one JSON object, or a list of them)."""
    import json

    try:
        value = json.loads(output) if output.strip() else []
    except ValueError:
        return 0
    return len(value) if isinstance(value, list) else 1


def _wait(proc: subprocess.Popen[bytes]) -> tuple[int, float]:
    """Wait for ``proc``; its exit status and its own peak resident memory in MB (KiB / 1024)."""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss / 1024  # Linux: kibibytes


def measure(argv: list[str], cwd: Path, stdin_from: Path | None = None) -> dict[str, Any]:
    """Run ``reportedly ARGV`` in ``cwd`` (its standard input piped from ``cat FILE`` when given): exit
    status, peak RSS, the records it wrote on standard output and what it wrote on stderr."""
    err, out = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    feeder = None
    t0 = time.perf_counter()
    if stdin_from is not None:
        feeder = subprocess.Popen(["cat", str(stdin_from)], stdout=subprocess.PIPE)
        proc = subprocess.Popen([*_cli(), *argv], cwd=cwd, stdin=feeder.stdout, stdout=out, stderr=err)
        assert feeder.stdout is not None
        feeder.stdout.close()  # reportedly holds the only read end: cat stops when it stops reading
    else:
        proc = subprocess.Popen([*_cli(), *argv], cwd=cwd, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=err)
    code, rss = _wait(proc)
    wall = time.perf_counter() - t0
    if feeder is not None:
        feeder.wait()
    err.seek(0)
    said = [line.strip() for line in err.read().decode("utf-8", "replace").splitlines() if line.strip()]
    err.close()
    out.seek(0)
    records = _records(out.read())
    out.close()
    return {"exit": code, "peak_rss_mb": round(rss, 1), "wall_s": round(wall, 2), "records": records,
            "stderr": said[:5]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reportedly.bench memory", description=__doc__.split("\n\n")[0])
    ap.add_argument("--size-mb", type=float, default=100.0, help="size of big.txt in MB (default 100)")
    ap.add_argument("--save-run", type=Path, metavar="FILE",
                    help="also write the figures, command and machine to FILE as JSON (bench figures reads it)")
    args = ap.parse_args(argv)
    from .runs import Run

    run = Run("memory", list(sys.argv[1:] if argv is None else argv)) if args.save_run else None
    good = _example()
    with tempfile.TemporaryDirectory(prefix="reportedly-memory-") as tmp:
        folder = Path(tmp)
        big, gz = write_big(folder, args.size_mb)
        if good is not None:
            shutil.copy(good, folder / good.name)
        cases: list[tuple[str, str, list[str], Path | None]] = [
            ("refused", "reportedly analyze big.txt", ["analyze", big.name], None)]
        if good is not None:
            cases.append(("refused and one analysed", f"reportedly analyze big.txt examples/{good.name}",
                          ["analyze", big.name, good.name], None))
        cases += [("pipe", "cat big.txt | reportedly analyze -", ["analyze", "-"], big),
                  ("gzip", "reportedly analyze big.txt.gz", ["analyze", gz.name], None)]
        print(f"reportedly memory benchmark — big.txt {big.stat().st_size / 1e6:.1f} MB, big.txt.gz "
              f"{gz.stat().st_size / 1e6:.2f} MB")
        rows = []
        for key, shown, cmd, stdin_from in cases:
            got = measure(cmd, folder, stdin_from)
            rows.append({"case": key, "command": shown, **got})
            first = got["stderr"][0] if got["stderr"] else ""
            print(f"  {shown:55} peak RSS {got['peak_rss_mb']:6.1f} MB  exit {got['exit']}  {got['records']} records  "
                  f"{got['wall_s']:.1f} s  "
                  f"{first[:120]}", flush=True)
        if run is not None and args.save_run is not None:
            run.figures.update({"big_bytes": big.stat().st_size, "gz_bytes": gz.stat().st_size,
                                "measured_with": "ru_maxrss of each reportedly process (os.wait4)", "rows": rows})
            run.save(args.save_run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
