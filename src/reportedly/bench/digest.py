"""Record digests: do two machines give the same records?

    python -m reportedly.bench digest examples ../shared/seed ../shared/data/polnear/dev/text

Analyses every input exactly as ``reportedly analyze --format json`` does and prints, for each
input file, the SHA-256 of its records (canonical JSON, keys sorted, the input named by its file
name only), then one digest of them all, with the processor's model name and the vector
instruction sets that decide which onnxruntime kernels run (AVX2, AVX-512, VNNI). Run it on two
machines and compare the lines: equal digests mean byte-identical records.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .runs import Run, cpu

#: Instruction-set flags (from /proc/cpuinfo) that change which integer and float kernels run.
ISA_FLAGS = ("avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "avx_vnni", "amx_int8")


def processor() -> str:
    """The processor's model name and its relevant instruction sets, in one line."""
    name, flags = cpu()
    return f"{name}; " + " ".join(f for f in ISA_FLAGS if f in flags) if flags else name


def canonical(record: dict[str, Any]) -> str:
    """A record as canonical JSON: keys sorted, the input named by its file name only."""
    rec = dict(record)
    if isinstance(rec.get("input"), str):
        name, sep, rest = rec["input"].partition("#")
        rec["input"] = Path(name).name + sep + rest
    return json.dumps(rec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digests(paths: Iterable[str], workers: int | None = None) -> dict[str, str]:
    """``{file name: SHA-256 of its records}`` for every input under ``paths`` (failures included)."""
    from ..api import Analyzer
    from ..output import to_record
    from ..readers import Failure
    from ..settings import Settings

    settings = Settings.load(pipeline={"workers": workers}) if workers is not None else Settings.load()
    per_file: dict[str, list[str]] = {}
    for item in Analyzer(settings).analyze_paths(paths):
        if isinstance(item, Failure):
            key, line = Path(item.input.partition("#")[0]).name, json.dumps({"failure": item.reason})
        else:
            key, line = Path(item.input.partition("#")[0]).name, canonical(to_record(item))
        per_file.setdefault(key, []).append(line)
    return {k: hashlib.sha256("\n".join(v).encode()).hexdigest() for k, v in sorted(per_file.items())}


def combined(found: dict[str, str]) -> str:
    """One digest of all the per-file digests."""
    return hashlib.sha256("".join(f"{k} {v}\n" for k, v in sorted(found.items())).encode()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reportedly.bench digest", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", help="files or directories, as `analyze` takes them")
    ap.add_argument("--workers", type=int, default=None, help="documents analysed at once (default: settings)")
    ap.add_argument("--save-run", type=Path, metavar="FILE",
                    help="also write the digests, command and machine to FILE as JSON (bench figures reads it)")
    args = ap.parse_args(argv)

    run = Run("digest", list(sys.argv[1:] if argv is None else argv)) if args.save_run else None
    found = digests(args.paths, args.workers)
    print(f"processor: {processor()}")
    for name, digest in found.items():
        print(f"{digest[:16]}  {name}")
    print(f"{combined(found)[:16]}  all {len(found)} inputs")
    if run is not None:
        run.figures.update({"inputs": len(found), "all": combined(found), "digests": found})
        run.save(args.save_run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
