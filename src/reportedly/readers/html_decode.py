"""Decoding an HTML page's bytes: byte-order mark, then the declared charset, then detection.

A page is extracted, not quoted byte for byte, so a few damaged bytes are replaced and stray
Windows-1252 bytes in a UTF-8 page are read as such; what was done is reported in the encoding
:func:`decode_html` returns, which the reader turns into warnings.
"""

from __future__ import annotations

import re

from ..errors import InputError
from .detect import bom_encoding
from .text import UTF8_MULTI, decode_text, repair_utf8

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes, input: str, charset: str | None = None) -> tuple[str, str]:
    """Decode an HTML page: byte-order mark, then the declared charset, then detection."""
    if not data.strip():
        raise InputError(input, "empty input")
    if bom_encoding(data):
        return decode_text(data, input)
    declared = [charset] if charset else []
    m = _META_CHARSET.search(data[:8192])
    if m:
        declared.append(m.group(1).decode("ascii", "ignore"))
    for enc in declared:
        try:
            return data.decode(enc), enc.lower()
        except (UnicodeDecodeError, LookupError):
            continue
    if declared and _is_utf8(declared[0]) and UTF8_MULTI.search(data):
        return _repaired(data)  # declared UTF-8, and UTF-8 it is, with stray bytes
    try:
        return decode_text(data, input)
    except InputError as exc:
        # A page is extracted, not quoted byte for byte: a few damaged bytes are replaced (and
        # reported as a warning) rather than losing the page. Binary data is still refused.
        if exc.reason.startswith("binary") or exc.reason.startswith("empty"):
            raise
        if exc.reason.startswith("invalid UTF-8") and all(_is_utf8(e) for e in declared):
            return _repaired(data)
        for enc in [*declared, "utf-8"]:
            try:
                return data.decode(enc, errors="replace"), enc.lower() + _REPLACED
            except LookupError:
                continue
        raise


#: Appended to the encoding :func:`decode_html` reports when it replaced bytes that did not decode.
_REPLACED = " (damaged bytes replaced)"
#: Appended (with ``COUNT:OFFSET``) when it read stray bytes of a UTF-8 page as Windows-1252.
_REPAIRED = " (stray bytes as cp1252) "


def _is_utf8(name: str) -> bool:
    return name.strip().lower().replace("_", "-") in ("utf-8", "utf8")


def _repaired(data: bytes) -> tuple[str, str]:
    """UTF-8 with stray Windows-1252 bytes (a page pasted together from both), read as text files are:
    each stray byte as its Windows-1252 character, one character per byte."""
    text, count, first = repair_utf8(data)
    return text, f"utf-8{_REPAIRED}{count}:{first}"
