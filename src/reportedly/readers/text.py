"""Plain-text inputs: decode the bytes in whatever common encoding they use."""

from __future__ import annotations

import unicodedata

import charset_normalizer

from ..document import Document, Metadata
from ..errors import InputError
from .detect import Opened, bom_encoding

#: Share of control characters (other than tab, newline, carriage return, form feed) above which
#: decoded bytes are taken for binary data rather than text.
MAX_CONTROL_SHARE = 0.01


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(
        1 for ch in sample if ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc"
    )
    return controls / len(sample) > MAX_CONTROL_SHARE


def decode_text(data: bytes, input: str) -> tuple[str, str]:
    """Decode the bytes of a text file, detecting the encoding; returns ``(text, encoding)``.

    A byte-order mark decides first (UTF-8, UTF-16, UTF-32); then strict UTF-8; then
    charset-normalizer's best guess (Windows-1252, Windows-1251, Latin-1, ...). Raises
    :class:`InputError` for empty input or bytes no encoding fits.
    """
    if not data.strip():
        raise InputError(input, "empty input")
    codec = bom_encoding(data)
    if codec:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(input, f"invalid {codec} text after its byte-order mark (byte {exc.start})") from None
        text = text.removeprefix("\ufeff")
        if not text.strip():
            raise InputError(input, "empty input")
        return text, codec
    if b"\x00" in data[:65536]:
        raise InputError(input, "binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(input, "not text: no character encoding fits its bytes")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(input, f"not text: its bytes are not valid {best.encoding}") from None
    if _looks_binary(text):
        raise InputError(input, "binary data (control characters), not text")
    return text, best.encoding


def read_text(opened: Opened, max_bytes: int) -> Document:
    """Read a plain-text input as one document whose text is the decoded input, unchanged."""
    data = opened.read_all(max_bytes)
    text, enc = decode_text(data, opened.name)
    del data  # a big input should not be held twice
    return Document(text, input=opened.name, meta=Metadata(format="text", encoding=enc))
