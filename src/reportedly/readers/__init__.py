"""Readers turn inputs (paths, directories, ``-`` for stdin) into :class:`Document` objects.

:func:`read_inputs` yields a :class:`Document` per article, or a :class:`Failure` naming the input
and the reason when one cannot be read; it never raises for a bad input, so a batch goes on.
What an input holds is told by its bytes (:mod:`.detect`), gzip is undone transparently, and
containers (WARC, JSONL) are streamed record by record so memory stays bounded.

========  ===================================================================  ============
kind      one document per                                                       module
========  ===================================================================  ============
text      file; text is the decoded file (encoding detected)                     :mod:`.text`
html      page; text is the extracted article with title/standfirst/paragraphs   :mod:`.html`
warc      HTML response record; input is ``PATH#<WARC-Record-ID>``              :mod:`.warc`
jsonl     line with a ``text`` or ``html`` field; a bad line fails as PATH:LINE  :mod:`.jsonl`
========  ===================================================================  ============
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..document import Document
from ..errors import InputError
from ..settings import Settings, get_settings
from .detect import open_input, sniff
from .html import read_html_bytes
from .jsonl import read_jsonl
from .text import decode_text, read_text
from .warc import read_warc

__all__ = ["Failure", "decode_text", "iter_directory", "list_files", "read_input", "read_inputs", "sniff"]


@dataclass(frozen=True)
class Failure:
    """An input that could not be turned into a document, with a one-line reason."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


def _failure(exc: InputError) -> Failure:
    return Failure(exc.input, " ".join(str(exc.reason).split()))


def _not_regular(path: str) -> str | None:
    """Why ``path`` is not a regular file (a named pipe, a socket, a device…), or None when it is one.

    Reading a named pipe found in a directory would block the walk forever, so such entries are
    skipped; ``stat`` itself never opens the file, so it cannot block."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return exc.strerror or str(exc)
    if stat.S_ISREG(mode):
        return None
    kind = ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
    return f"not a regular file ({kind}), skipped"


def _walk(path: str, suffixes: Iterable[str]) -> list[tuple[str, str | None]]:
    """``(file, None)`` for each regular file under ``path`` (recursively, sorted) whose name ends with one
    of ``suffixes`` (``.gz`` allowed), ``(entry, reason)`` for a matching entry that is not one."""
    wanted = tuple(s.lower() for s in suffixes)
    found = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in files:
            name = f.lower().removesuffix(".gz")
            if not f.startswith(".") and name.endswith(wanted):
                full = os.path.join(root, f)
                found.append((full, _not_regular(full)))
    return sorted(found)


def iter_directory(path: str, suffixes: Iterable[str]) -> Iterator[str]:
    """Regular files under ``path`` (recursively, sorted) whose names end with one of ``suffixes``
    (``.gz`` allowed); named pipes, sockets and devices are left out."""
    return iter([f for f, reason in _walk(path, suffixes) if reason is None])


def list_files(inputs: Iterable[str], settings: Settings | None = None) -> list[str]:
    """The files :func:`read_inputs` will read, in order: inputs as given, directories walked (entries
    that are not regular files left out)."""
    settings = settings or get_settings()
    out: list[str] = []
    for item in map(str, inputs):
        if item != "-" and Path(item).is_dir():
            out.extend(f for f, reason in _walk(item, settings.input.directory_suffixes) if reason is None)
        else:
            out.append(item)
    return out


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogate(m: re.Match[str]) -> str:
    code = ord(m.group())
    # an undecodable byte of a file name, as Python's surrogateescape holds it; any other lone surrogate
    return f"\\x{code - 0xdc00:02x}" if 0xdc80 <= code <= 0xdcff else f"\\u{code:04x}"


def shown_name(name: str) -> str:
    """A file name as text that any UTF-8 writer takes: the bytes of a name that is not UTF-8 (which
    Python holds as lone surrogates) written as ``\\xNN`` ("bad\\xff\\xfename.txt"); other names as given."""
    return _LONE_SURROGATE.sub(_escape_surrogate, name)


def read_input(name: str, settings: Settings | None = None, *, stdin: BinaryIO | None = None
               ) -> Iterator[Document | Failure]:
    """Read one file (or ``-``): one or more documents, or failures. Never raises for bad input.

    A file name that is not UTF-8 is recorded as :func:`shown_name` gives it."""
    shown = shown_name(name)
    if shown == name:
        yield from _read_input(name, settings, stdin=stdin)
        return
    for item in _read_input(name, settings, stdin=stdin):
        if isinstance(item, Failure):
            yield Failure(shown_name(item.input), item.reason)
        else:
            item.input = shown_name(item.input)
            yield item


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _read_input(name: str, settings: Settings | None = None, *, stdin: BinaryIO | None = None
                ) -> Iterator[Document | Failure]:
    settings = settings or get_settings()
    if _URL.match(name) and not os.path.exists(name):
        yield Failure(name, "a URL: reportedly reads files, folders, WARC crawls and stdin, and fetches nothing "
                            "(save the page first, e.g. curl -o page.html URL)")
        return
    max_bytes = int(settings.input.max_bytes)
    budget = float(settings.input.time_budget)
    try:
        with open_input(name, stdin=stdin) as opened:
            if opened.kind == "text":
                yield read_text(opened, max_bytes)
            elif opened.kind == "html":
                yield read_html_bytes(opened.read_all(max_bytes), input=name, time_budget=budget)
            else:
                reader = read_warc if opened.kind == "warc" else read_jsonl
                for item in reader(opened, max_bytes, time_budget=budget):
                    yield _failure(item) if isinstance(item, InputError) else item
    except InputError as exc:
        yield _failure(exc)
    except MemoryError:
        yield Failure(name, "out of memory while reading; lower input.max_bytes")
    except OSError as exc:
        yield Failure(name, exc.strerror or str(exc))


def read_inputs(inputs: Iterable[str], settings: Settings | None = None, *, stdin: BinaryIO | None = None
                ) -> Iterator[Document | Failure]:
    """Read every input in order; directories are walked (sorted, by ``input.directory_suffixes``)."""
    settings = settings or get_settings()
    for item in inputs:
        item = str(item)
        if item != "-" and Path(item).is_dir():
            entries = _walk(item, settings.input.directory_suffixes)
            if not entries:
                suffixes = ", ".join(settings.input.directory_suffixes)
                yield Failure(item, f"directory has no readable files (looked for {suffixes}, optionally .gz)")
                continue
            for f, reason in entries:
                if reason is not None:
                    yield Failure(shown_name(f), reason)
                else:
                    yield from read_input(f, settings)
            continue
        yield from read_input(item, settings, stdin=stdin)
