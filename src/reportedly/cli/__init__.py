"""The ``reportedly`` command: a thin layer over :mod:`reportedly.api`.

Each subcommand lives in its own module with ``register(subparsers)``; exit status 0 means every
input succeeded, 1 that at least one failed (each failure named on stderr), 2 a usage error.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import sqlite3
import sys

from .. import __version__
from ..errors import ReportedlyError, UsageError
from .progress import say

#: Modules under reportedly.cli that add subcommands.
SUBCOMMANDS = ["analyze", "corpus", "dataset", "evaluate", "trace"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportedly",
        description="Who said what, according to whom, how sure, and when.",
    )
    parser.add_argument("--version", action="version", version=f"reportedly {__version__}")
    parser.add_argument("--config", metavar="FILE", help="a TOML file overriding the packaged defaults")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:  # bare `reportedly`: what it can do
        parser.print_help()
        return 0
    commands = [name for action in parser._subparsers._group_actions if action.choices  # type: ignore[union-attr]
                for name in action.choices]
    first, skip = None, False
    for a in argv:  # the command: the first word that is neither an option nor --config's value
        if skip or a.startswith("-"):
            skip = a == "--config"
            continue
        first = a
        break
    if first is not None and first not in commands:
        close = difflib.get_close_matches(first, commands, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f" (commands: {', '.join(commands)})"
        say(f"reportedly: unknown command '{first}'{hint}")
        return 2
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except UsageError as exc:  # asked for something that cannot be done as written
        say(f"reportedly: {exc}")
        return 2
    except ReportedlyError as exc:
        say(f"reportedly: {exc}")
        return 1
    except sqlite3.DatabaseError as exc:  # a damaged store, met by a command that reads it
        db = getattr(args, "db", None) or "the store"
        print(f"reportedly: {db} cannot be read ({exc}); check it with sqlite3 {db} 'PRAGMA integrity_check' "
              f"and save what can be read with: sqlite3 {db} .recover | sqlite3 recovered.db", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        say("reportedly: interrupted")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
