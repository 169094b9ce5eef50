"""WARC crawls: every HTML response record becomes one document, streamed record by record."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecordType

from ..document import Document, Metadata
from ..errors import InputError
from .detect import Opened, sniff
from .html import read_html_bytes

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class _Counted(io.RawIOBase):
    """A forward-only stream that knows its position: FastWARC asks a Python stream for ``tell()``.

    The decompressed input stream cannot seek; this wrapper answers ``tell()`` and a seek to the
    current position from a running count, and refuses any other seek.
    """

    def __init__(self, inner: BinaryIO):
        self._inner = inner
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer) -> int:
        data = self._inner.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._pos += n
        return n

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        target = offset if whence == io.SEEK_SET else self._pos + offset if whence == io.SEEK_CUR else None
        if target != self._pos:
            raise io.UnsupportedOperation("the WARC stream can only be read forwards")
        return self._pos


def _cut_short(record, got: int) -> bool:
    """True when a record's payload ends before its declared length (the archive was cut inside it).

    Payloads with a transfer or content encoding are decoded by FastWARC, so their decoded length
    says nothing about the declared one; they are not checked.
    """
    declared = record.content_length
    if not declared or got >= declared:
        return False
    http = record.http_headers if record.is_http else None
    if http is not None and (http.get("Transfer-Encoding") or http.get("Content-Encoding")):
        return False
    return True


def _is_panic(exc: BaseException) -> bool:
    """A Rust panic inside FastWARC surfaces as pyo3's PanicException, a BaseException."""
    return type(exc).__name__ == "PanicException"


def _is_html(content_type: str | None, head: bytes) -> bool:
    if content_type:
        return content_type.split(";")[0].strip().lower() in _HTML_TYPES
    try:
        return sniff(head) == "html"
    except InputError:
        return False


def read_warc(opened: Opened, max_bytes: int, time_budget: float | None = None
              ) -> Iterator[Document | InputError]:
    """Yield a document per HTML response (or resource) record of a WARC, or an error for a bad one.

    Records that are not HTML (requests, metadata, images, redirects) are skipped. Each record is
    read on its own and refused above ``max_bytes``; the archive itself may be of any size.
    Truncated or corrupt compressed data ends the archive with one error after the good records.
    """
    count = 0
    cut: InputError | None = None
    types = WarcRecordType.response | WarcRecordType.resource
    try:
        for record in ArchiveIterator(_Counted(opened.stream), record_types=types, parse_http=True, auto_decode="all",
                                      stream_detect=False):
            record_id = record.record_id or ""
            url = record.headers.get("WARC-Target-URI") or None
            name = f"{opened.name}#{record_id or url or count}"
            if record.is_http:
                status = record.http_headers.status_code
                if status is not None and not 200 <= status < 300:
                    continue
                content_type = record.http_content_type
            else:
                content_type = record.headers.get("Content-Type")
            data = record.reader.read(max_bytes + 1)
            if not _is_html(content_type, data[:4096]):
                continue
            count += 1
            if len(data) > max_bytes:
                yield InputError(name, f"record too large: over the limit of {max_bytes / 1e6:.1f} MB "
                                       "(setting input.max_bytes)")
                continue
            if _cut_short(record, len(data)):
                cut = InputError(name, f"truncated record: {len(data)} of {record.content_length} bytes")
                continue
            meta = Metadata(format="warc", record_id=record_id or None, url=url)
            date = record.headers.get("WARC-Date")
            if date:
                meta.extra["crawl_date"] = date
            try:
                yield read_html_bytes(data, input=name, charset=record.http_charset, url=url, format="warc",
                                      meta=meta, time_budget=time_budget)
            except InputError as exc:
                yield exc
    except (OSError, ValueError) as exc:
        damage = opened.damage()
        reason = damage or f"not a readable WARC ({' '.join(str(exc).split()) or type(exc).__name__})"
        yield InputError(opened.name, f"{reason} (read {count} HTML records before it)")
        return
    except BaseException as exc:
        if not _is_panic(exc):
            raise
        yield InputError(opened.name, f"not a readable WARC: the WARC parser failed after {count} HTML records")
        return
    damage = opened.damage()
    if damage:  # one line for the archive, naming the record that was cut if there is one
        good = count - (cut is not None)
        where = f"; record {cut.input.rpartition('#')[2]} cut short" if cut is not None else ""
        yield InputError(opened.name, f"{damage} (read {good} HTML records before it{where})")
    elif cut is not None:
        yield cut
    elif count == 0:
        yield InputError(opened.name, "no HTML response records in the WARC")
