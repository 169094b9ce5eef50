"""Plain-text inputs: decode the bytes in whatever common encoding they use."""

from __future__ import annotations

import codecs
import re
import threading
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


#: A well-formed UTF-8 multi-byte character (RFC 3629).
UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)

#: Below this share of letters and common typography among its non-ASCII characters, a single-byte
#: decoding is taken for a wrong guess (box drawing, symbols, control characters).
MIN_PLAUSIBILITY = 0.8


def _utf8_damage(data: bytes, error: UnicodeDecodeError) -> str | None:
    """A reason when ``data`` is UTF-8 with damaged bytes rather than another encoding, else None.

    Text in a single-byte code page almost never contains well-formed UTF-8 multi-byte sequences,
    while damaged UTF-8 is mostly such sequences with a few stray bytes among them.
    """
    sample = data[:1 << 20]
    good = len(UTF8_MULTI.findall(sample))
    if not good:
        return None
    bad = sample.decode("utf-8", errors="replace").count("\ufffd") - sample.count("\xef\xbf\xbd".encode("latin-1"))
    if good >= bad:
        return (f"invalid UTF-8: byte 0x{data[error.start]:02X} at offset {error.start} is not part of a "
                f"character, in a file that is otherwise UTF-8")
    return None


def _odd_runs(text: str) -> float:
    """Share of non-ASCII characters that stand in runs of three or more.

    In mostly-ASCII text a few stray high bytes decoded in some code page come out as such runs
    ("Hello ÿþýü world"); real accented Western text has its accents inside ASCII words.
    """
    odd = total = run = 0
    for ch in text[:200000]:
        if ord(ch) > 127 and not ch.isspace():
            run += 1
            total += 1
        else:
            if run >= 3:
                odd += run
            run = 0
    if run >= 3:
        odd += run
    return odd / total if total else 0.0


def _ascii_share(text: str) -> float:
    sample = text[:200000]
    return sum(1 for ch in sample if ord(ch) < 128) / len(sample) if sample else 1.0


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode-error handler: each byte of an invalid UTF-8 sequence read on its own as Windows-1252
    (the five bytes Windows-1252 leaves undefined as the Latin-1 control characters they are)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    log = getattr(_REPAIRS, "log", None)
    if log is not None:
        log.append((exc.start, exc.end))
    bad = exc.object[exc.start:exc.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), exc.end


_REPAIRS = threading.local()
codecs.register_error("reportedly-cp1252", _cp1252_fallback)


def repair_utf8(data: bytes) -> tuple[str, int, int]:
    """``data`` decoded as UTF-8, each byte of an invalid sequence read as Windows-1252.

    Returns ``(text, bytes repaired, offset of the first)``. The text is what every span indexes
    into; a repaired byte becomes one character, so no other offset moves.
    """
    log: list[tuple[int, int]] = []  # (start, end) of each invalid sequence
    _REPAIRS.log = log
    try:
        text = data.decode("utf-8", errors="reportedly-cp1252")
    finally:
        _REPAIRS.log = None
    return text, sum(end - start for start, end in log), (log[0][0] if log else -1)


def replace_nuls(text: str) -> tuple[str, int]:
    """NUL characters (past the head that sniffing refuses) replaced one for one with U+FFFD."""
    n = text.count("\x00")
    return (text.replace("\x00", "\ufffd"), n) if n else (text, 0)


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
    except UnicodeDecodeError as exc:
        damage = _utf8_damage(data, exc)
        if damage:
            raise InputError(input, damage) from None
    enc = _guess_encoding(data)
    if enc is None:
        raise InputError(input, "not text: no character encoding fits its bytes")
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        raise InputError(input, f"not text: its bytes are not valid {enc}") from None
    if _looks_binary(text):
        raise InputError(input, "binary data (control characters), not text")
    if _mostly_latin(text) and _plausibility(text) < MIN_PLAUSIBILITY or _odd_runs(text) > 0.5 and _ascii_share(text) > 0.6:
        raise InputError(input, f"not valid UTF-8, and no common encoding reads it as text (best guess {enc})")
    return text, enc


def read_text(opened: Opened, max_bytes: int) -> Document:
    """Read a plain-text input as one document whose text is the decoded input.

    The text is the input unchanged, except that bytes of invalid UTF-8 in an otherwise UTF-8 file
    are read as Windows-1252 and NUL characters (past the head, where they mean binary data and the
    file is refused) become U+FFFD, each one character for one, with one warning line."""
    data = opened.read_all(max_bytes)
    warnings = []
    try:
        text, enc = decode_text(data, opened.name)
    except InputError as exc:
        if not exc.reason.startswith("invalid UTF-8"):
            raise
        # mostly UTF-8 with stray bytes (a file pasted together from UTF-8 and Windows-1252 parts):
        # keep the text, each stray byte read as Windows-1252, and say so
        text, count, first = repair_utf8(data)
        enc = "utf-8"
        warnings.append(f"invalid UTF-8: {count} byte{'s' if count != 1 else ''} read as Windows-1252 "
                        f"(the first at offset {first})")
    del data  # a big input should not be held twice
    text, nuls = replace_nuls(text)
    if nuls:
        warnings.append(f"{nuls} NUL character{'s' if nuls != 1 else ''} replaced with U+FFFD")
    meta = Metadata(format="text", encoding=enc)
    if warnings:
        meta.extra["warnings"] = warnings
    return Document(text, input=opened.name, meta=meta)
