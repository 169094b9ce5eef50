"""WARC crawls: every HTML response record becomes one document, streamed record by record."""

from __future__ import annotations

from collections.abc import Iterator

from fastwarc.warc import ArchiveIterator, WarcRecordType

from ..document import Document, Metadata
from ..errors import InputError
from .detect import Opened, sniff
from .html import read_html_bytes

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html(content_type: str | None, head: bytes) -> bool:
    if content_type:
        return content_type.split(";")[0].strip().lower() in _HTML_TYPES
    try:
        return sniff(head) == "html"
    except InputError:
        return False


def read_warc(opened: Opened, max_bytes: int) -> Iterator[Document | InputError]:
    """Yield a document per HTML response (or resource) record of a WARC, or an error for a bad one.

    Records that are not HTML (requests, metadata, images, redirects) are skipped. Each record is
    read on its own and refused above ``max_bytes``; the archive itself may be of any size.
    Truncated or corrupt compressed data ends the archive with one error after the good records.
    """
    count = 0
    types = WarcRecordType.response | WarcRecordType.resource
    try:
        for record in ArchiveIterator(opened.stream, record_types=types, parse_http=True, auto_decode="all",
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
            meta = Metadata(format="warc", record_id=record_id or None, url=url)
            date = record.headers.get("WARC-Date")
            if date:
                meta.extra["crawl_date"] = date
            try:
                yield read_html_bytes(data, input=name, charset=record.http_charset, url=url, format="warc",
                                      meta=meta)
            except InputError as exc:
                yield exc
    except (OSError, ValueError) as exc:
        yield InputError(opened.name, f"not a readable WARC after {count} HTML records ({exc})")
        return
    damage = opened.damage()
    if damage:
        yield InputError(opened.name, f"{damage} (read {count} HTML records before it)")
    elif count == 0:
        yield InputError(opened.name, "no HTML response records in the WARC")
