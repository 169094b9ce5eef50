"""A progress bar on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager

from tqdm import tqdm

from ..readers import shown_name

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(message: str) -> str:
    """A one-line message as it may reach a terminal: control characters (a newline that would
    forge a line, an ANSI or OSC escape that recolours or retitles the terminal), bidi overrides and
    undecodable bytes of file names written as escapes ("\\n", "\\x1b", "\\u202e")."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), shown_name(message))


def say(message: str) -> None:
    """Print a one-line message on stderr, made :func:`printable`."""
    print(printable(message), file=sys.stderr)


@contextmanager
def progress(total: int | None = None, *, disable: bool = False, unit: str = "doc"):
    """Yield a tqdm bar; its ``write`` prints messages above it (or plainly when disabled)."""
    off = disable or not sys.stderr.isatty()
    bar = tqdm(total=total, unit=unit, file=sys.stderr, disable=off, leave=False, dynamic_ncols=True)
    if off:
        bar.write = lambda msg, *a, **k: say(msg)
    else:
        write = bar.write
        bar.write = lambda msg, *a, **k: write(printable(msg), *a, **k)
    try:
        yield bar
    finally:
        bar.close()


class FileCounter:
    """Which of a list of input files (in reading order) a document or failure came from, so that a
    bar over files can advance as documents come: ``dir/a.jsonl:3``, ``dir/a.jsonl#id``,
    ``crawl.warc#<urn:…>`` and ``x.json[2]`` all belong to their file."""

    def __init__(self, files: list[str]):
        self.files = files
        self.done = 0  # files finished before the current one

    def seen(self, name: str) -> int:
        """Note an item named ``name``; returns how many files are finished."""
        for j in range(self.done, len(self.files)):
            f = self.files[j]
            if name == f or (name.startswith(f) and name[len(f)] in ":#["):
                self.done = j
                break
        return self.done
