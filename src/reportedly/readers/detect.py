"""Opening an input and telling what it holds by its bytes, not its name.

:func:`open_input` opens a path (or ``-`` for stdin), undoes gzip compression when the magic bytes
say so, reads a small head of the decompressed bytes and sniffs the kind of content: ``warc``,
``jsonl``, ``html`` or ``text``. The returned stream still yields the head first, so nothing is
read twice and nothing larger than the head is held in memory by this step.
"""

from __future__ import annotations

import io
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import InputError

#: How many decompressed bytes are read up front to decide what an input is.
HEAD_BYTES = 64 * 1024

GZIP_MAGIC = b"\x1f\x8b"

#: Magic bytes of formats that are certainly not articles, with a name for the error message.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"BZh", "bzip2-compressed data (only gzip is read)"),
    (b"\xfd7zXZ\x00", "xz-compressed data (only gzip is read)"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data (only gzip is read)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|script|style|div|article|main|section|header"
    r"|nav|p|h[1-6]|table|span|a|img|ul|ol|form|iframe|noscript)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(r"<(?:html|body|head)\b[^>]*>|</(?:p|div|html|body)>", re.IGNORECASE)
#: JSON objects and arrays of objects; a text line such as "[Opinion] Headline" is not JSON.
_JSON_START = re.compile(r'\{\s*(?:"|\}|$)|\[\s*(?:\{|\]|$)')
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx")


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of ``data``, if any."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec
    return None


def sniff(head: bytes, name: str = "") -> str:
    """Tell ``warc``, ``jsonl``, ``html`` or ``text`` from the first bytes of an input.

    Raises :class:`InputError` for empty or binary inputs; ``name`` only breaks ties (an
    ``.html`` file whose first tag is unusual is still read as HTML).
    """
    label = name or "<input>"
    if not head.strip():
        raise InputError(label, "empty input")
    for magic, what in BINARY_MAGIC:
        if head.startswith(magic):
            raise InputError(label, f"binary data ({what}), not text, HTML, WARC or JSONL")
    codec = bom_encoding(head)
    if codec:
        sample = head[:8192].decode(codec, errors="ignore")
    else:
        if b"\x00" in head[:8192]:
            raise InputError(label, "binary data (NUL bytes), not text, HTML, WARC or JSONL")
        sample = head[:8192].decode("latin-1")
    stripped = sample.lstrip("\ufeff \t\r\n")
    if stripped.startswith("WARC/"):
        return "warc"
    if _JSON_START.match(stripped):
        return "jsonl"
    if _PAGE_START.match(stripped):
        return "html"
    lowered = name.lower().removesuffix(".gz")
    if lowered.endswith(_HTML_SUFFIXES) and "<" in stripped:
        return "html"
    # Markup that is not a page's opening: a page (a fragment, a page with junk before it) when markup
    # is much of the text, and a text that quotes some ("close it with </div>") when it is not.
    if (_HTML_START.match(stripped) or len(_HTML_ANYWHERE.findall(sample[:4096])) >= 2) \
            and markup_share(stripped) >= MIN_MARKUP_SHARE:
        return "html"
    return "text"


#: Share of an input's head that must be markup (tags, scripts, styles, comments) for it to be read as
#: a page when it does not open as one.
MIN_MARKUP_SHARE = 0.25
_PAGE_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b",
                         re.IGNORECASE | re.DOTALL)
_MARKUP = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)|<!--.*?(?:-->|$)|<[A-Za-z!/?][^<>]{0,2000}>",
                     re.IGNORECASE | re.DOTALL)


def markup_share(text: str) -> float:
    """Share of ``text``'s characters (spaces aside) that are markup: tags, scripts, styles, comments."""
    size = len(text) - text.count(" ") - text.count("\n")
    if size <= 0:
        return 0.0
    markup = sum(len(m.group()) - m.group().count(" ") - m.group().count("\n") for m in _MARKUP.finditer(text))
    return markup / size


class _Chain(io.RawIOBase):
    """A raw stream that yields ``prefix`` first and then the rest of ``inner``."""

    def __init__(self, prefix: bytes, inner: BinaryIO):
        self._prefix = memoryview(prefix)
        self._inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._inner.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n


class _Gunzip(io.RawIOBase):
    """Decompresses gzip (all members) and notes, instead of raising, when the data stops early.

    Everything that could be decompressed before the damage is returned first, so the records of
    a truncated archive that precede the cut are still read.
    """

    CHUNK = 1 << 16

    def __init__(self, inner: BinaryIO):
        self._inner = inner
        self._z = zlib.decompressobj(wbits=31)
        self._out = b""
        self._done = False
        self._started = False  # inside a gzip member
        self.truncated = False
        self.corrupt: str | None = None

    def readable(self) -> bool:
        return True

    def _fill(self) -> None:
        while not self._out and not self._done:
            data = self._z.unconsumed_tail or self._inner.read(self.CHUNK)
            if not data:
                self._done = True
                if self._started and not self._z.eof:
                    self.truncated = True  # the stream ended inside a gzip member
                return
            self._started = True
            try:
                self._out = self._z.decompress(data, self.CHUNK)
            except zlib.error as exc:
                self.corrupt = str(exc) or "zlib error"
                self._done = True
                return
            if self._z.eof:  # end of one member: another may follow
                rest = self._z.unused_data
                self._z = zlib.decompressobj(wbits=31)
                self._started = False
                if rest.strip(b"\x00"):  # trailing NUL padding after the last member is allowed
                    self._inner = _Chain(rest, self._inner)  # type: ignore[assignment]

    def readinto(self, buffer) -> int:
        self._fill()
        n = min(len(buffer), len(self._out))
        buffer[:n] = self._out[:n]
        self._out = self._out[n:]
        return n


@dataclass
class Opened:
    """An opened input: its kind, a stream of its decompressed bytes, and what is known of it."""

    name: str
    kind: str
    stream: BinaryIO
    compressed: bool
    size: int | None  # bytes on disk, when the input is a regular file
    _gunzip: _Gunzip | None = None

    @property
    def truncated(self) -> bool:
        """True when gzip data ended before its end-of-stream marker (known once read to the end)."""
        return bool(self._gunzip and self._gunzip.truncated)

    @property
    def corrupt(self) -> str | None:
        """Why gzip data could not be decompressed, when it could not."""
        return self._gunzip.corrupt if self._gunzip else None

    def damage(self) -> str | None:
        """A one-line reason when the compressed data was damaged, else None."""
        if self.truncated:
            return "truncated gzip data: the file ends before its end-of-stream marker"
        if self.corrupt:
            return f"corrupt gzip data ({self.corrupt})"
        return None

    def read_all(self, max_bytes: int) -> bytes:
        """The whole decompressed input, refusing more than ``max_bytes``."""
        if not self.compressed and self.size is not None and self.size > max_bytes:
            raise too_large(self.name, self.size, max_bytes)
        data = self.stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise too_large(self.name, None, max_bytes)
        damage = self.damage()
        if damage:
            raise InputError(self.name, damage)
        return data


def too_large(name: str, size: int | None, max_bytes: int) -> InputError:
    """The error for an input over ``settings.input.max_bytes`` (``size`` None: known only to exceed it)."""
    got = f"{size / 1e6:.1f} MB" if size is not None else f"more than {max_bytes / 1e6:.1f} MB decompressed"
    return InputError(
        name,
        f"too large: {got}, over the limit of {max_bytes / 1e6:.1f} MB per document "
        f"(setting input.max_bytes, env REPORTEDLY_INPUT_MAX_BYTES)",
    )


@contextmanager
def open_input(name: str, *, stdin: BinaryIO | None = None) -> Iterator[Opened]:
    """Open ``name`` (``-`` is stdin), undo gzip when present, and sniff what it holds.

    Raises :class:`InputError` for a missing, unreadable, empty or binary input.
    """
    size: int | None = None
    if name == "-":
        raw: BinaryIO = stdin or sys.stdin.buffer
        close = False
    else:
        try:
            st = os.stat(name)
        except FileNotFoundError:
            raise InputError(name, "no such file or directory") from None
        except OSError as exc:
            raise InputError(name, exc.strerror or str(exc)) from None
        if stat.S_ISDIR(st.st_mode):
            raise InputError(name, "is a directory")
        # a pipe or device (``<(cmd)``, /dev/stdin) is read as a stream of unknown size
        size = st.st_size if stat.S_ISREG(st.st_mode) else None
        try:
            raw = open(name, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise InputError(name, exc.strerror or str(exc)) from None
        close = True
    try:
        magic = raw.read(2)
        stream: BinaryIO = io.BufferedReader(_Chain(magic, raw), 1 << 16)
        gunzip = None
        if magic == GZIP_MAGIC:
            gunzip = _Gunzip(stream)
            stream = io.BufferedReader(gunzip, 1 << 16)
        head = stream.read(HEAD_BYTES)
        if gunzip is not None and not head:
            if gunzip.truncated:
                raise InputError(name, "truncated gzip data: nothing could be decompressed")
            if gunzip.corrupt:
                raise InputError(name, f"corrupt gzip data ({gunzip.corrupt})")
            raise InputError(name, "empty input (gzip data decompresses to nothing)")
        kind = sniff(head, name)
        stream = io.BufferedReader(_Chain(head, stream), 1 << 16)
        yield Opened(name, kind, stream, gunzip is not None, size, gunzip)
    finally:
        if close:
            raw.close()
