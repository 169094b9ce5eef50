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


#: Non-ASCII punctuation that legitimately appears in Western text (quotes, dashes, ellipsis, currency).
_TYPOGRAPHY = set("\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u00a0\u20ac\u00a3\u00ab\u00bb\u00b0\u00a9\u00ae\u2122\u2022\u00b7")


def _plausibility(text: str) -> float:
    """Share of non-ASCII characters that are letters or common typography (1.0 when none)."""
    odd = [ch for ch in text[:200000] if ord(ch) > 127]
    if not odd:
        return 1.0
    good = sum(1 for ch in odd if ch in _TYPOGRAPHY or unicodedata.category(ch).startswith("L"))
    return good / len(odd)


def _mostly_latin(text: str) -> bool:
    letters = [ch for ch in text[:200000] if ord(ch) > 127 and unicodedata.category(ch).startswith("L")]
    if not letters:
        return True
    return sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, "")) / len(letters) > 0.5


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess, preferring Windows-1252 among single-byte Latin encodings.

    Short Western texts decode without errors in many code pages (cp1250, cp1257, cp775 …) and the
    detector's pick among them is close to arbitrary; Windows-1252 is by far the most common, so
    it wins whenever its decoding is at least as plausible as the detector's choice.
    """
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    enc = best.encoding
    if enc in ("cp1252", "utf_8", "ascii"):
        return enc
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return enc
    sample = data[:200000]
    try:
        guessed = sample.decode(enc, errors="replace")
    except LookupError:
        return "cp1252"
    if not _mostly_latin(guessed):
        return enc  # Cyrillic, Greek, Hebrew, Arabic, CJK …: trust the detector
    if _plausibility(western) >= _plausibility(guessed):
        return "cp1252"
    return enc


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
    enc = _guess_encoding(data)
    if enc is None:
        raise InputError(input, "not text: no character encoding fits its bytes")
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        raise InputError(input, f"not text: its bytes are not valid {enc}") from None
    if _looks_binary(text):
        raise InputError(input, "binary data (control characters), not text")
    return text, enc


def read_text(opened: Opened, max_bytes: int) -> Document:
    """Read a plain-text input as one document whose text is the decoded input, unchanged."""
    data = opened.read_all(max_bytes)
    text, enc = decode_text(data, opened.name)
    del data  # a big input should not be held twice
    return Document(text, input=opened.name, meta=Metadata(format="text", encoding=enc))
