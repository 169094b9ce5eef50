"""``python -m reportedly.bench NAME [ARGS...]``: run the benchmark module ``reportedly.bench.NAME``."""

from __future__ import annotations

import sys

from . import available, run


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    names = available()
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python -m reportedly.bench NAME [ARGS...]\n\nbenchmarks: " + ", ".join(names)
              + "\n\n'python -m reportedly.bench NAME --help' describes one. extraction, attribution, api, digest, fuzz, load, memory and scale keep "
              "a run's figures with --save-run FILE;\n'python -m reportedly.bench figures --write' renders the documents' benchmark tables from "
              "the runs in bench/results/.", file=sys.stderr if not argv else sys.stdout)
        return 2 if not argv else 0
    name, rest = argv[0], argv[1:]
    if name not in names:
        print(f"reportedly.bench: unknown benchmark {name!r}; available: {', '.join(names)}", file=sys.stderr)
        return 2
    return run(name, rest)


if __name__ == "__main__":
    sys.exit(main())
