"""JSON Lines: one article per line, with a ``text`` or ``html`` field and optional metadata.

Recognised metadata keys: ``id``, ``title``, ``description``, ``date``, ``url``, ``authors``
(a list or one string), ``sitename``, ``language``. Other keys are kept in ``meta.extra``.
A JSON array of such objects, or one object spread over several lines, is read too.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from ..clean.dates import parse_date
from ..document import Document, Metadata
from ..errors import InputError
from .detect import Opened
from .html import read_html_bytes
from .text import replace_nuls

_KNOWN = ("id", "title", "description", "date", "url", "authors", "author", "sitename", "language", "text", "html")


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2})?")


def _date(value: Any, warnings: list[str]) -> str | None:
    """A publication date as ISO 8601: kept when it is ISO already (or ``YYYY``/``YYYY-MM``), else read
    with the project's date parser; dropped, with a warning, when it is not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        warnings.append(f"'date' ignored: expected a string, got {type(value).__name__}")
        return None
    text = value.strip()
    try:
        dt.datetime.fromisoformat(text)
        return text
    except ValueError:
        pass
    if _PARTIAL_DATE.fullmatch(text):
        return text
    parsed = parse_date(text)
    if parsed is None:
        warnings.append(f"'date' ignored: {text[:40]!r} is not a date")
    return parsed


_SURROGATE = re.compile("[\ud800-\udfff]")


def repair_surrogates(value: Any) -> tuple[Any, int]:
    """``value`` with every lone surrogate (``"\\ud800"`` in JSON, which no UTF-8 writer or SQLite
    accepts) in its strings and keys replaced by U+FFFD, one character for one so that no offset
    moves; returns the repaired value and how many were replaced."""
    if isinstance(value, str):
        fixed, n = _SURROGATE.subn("\ufffd", value)
        return fixed, n
    if isinstance(value, list):
        out, total = [], 0
        for item in value:
            fixed, n = repair_surrogates(item)
            out.append(fixed)
            total += n
        return out, total
    if isinstance(value, dict):
        pairs, total = {}, 0
        for k, v in value.items():
            fk, nk = repair_surrogates(k)
            fv, nv = repair_surrogates(v)
            pairs[fk] = fv
            total += nk + nv
        return pairs, total
    return value, 0


def article_from_object(obj: Any, name: str, time_budget: float | None = None) -> Document:
    """Turn one decoded JSON object into a document; raises :class:`InputError` when it is not an article."""
    if not isinstance(obj, dict):
        raise InputError(name, f"expected a JSON object, got {type(obj).__name__}")
    obj, surrogates = repair_surrogates(obj)
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise InputError(name, "no 'text' or 'html' string field")
    warnings: list[str] = []
    if surrogates:
        warnings.append(f"{surrogates} lone surrogate{'s' if surrogates != 1 else ''} (invalid \\u escapes) "
                        "replaced with U+FFFD")
    key = "authors" if "authors" in obj else "author"
    authors = obj.get(key)
    if isinstance(authors, str):
        authors = [authors]
    elif authors is not None and not (isinstance(authors, list) and all(isinstance(a, str) for a in authors)):
        warnings.append(f"'{key}' ignored: expected a string or a list of strings, got {type(authors).__name__}"
                        + (" with other items" if isinstance(authors, list) else ""))
        authors = None
    date = _date(obj.get("date"), warnings)
    meta = Metadata(
        format="jsonl",
        encoding="utf-8",
        title=_str(obj.get("title")),
        description=_str(obj.get("description")),
        date=date,
        url=_str(obj.get("url")),
        authors=[a.strip() for a in authors or [] if a.strip()],
        sitename=_str(obj.get("sitename")),
        language=_str(obj.get("language")),
        extra={k: v for k, v in obj.items() if k not in _KNOWN},
    )
    if obj.get("id") is not None:
        meta.extra["id"] = obj["id"]
    if isinstance(text, str) and text.strip():
        text, nuls = replace_nuls(text)
        if nuls:
            warnings.append(f"{nuls} NUL character{'s' if nuls != 1 else ''} replaced with U+FFFD")
        if warnings:
            meta.extra["warnings"] = warnings
        return Document(text, input=name, meta=meta)
    if warnings:
        meta.extra["warnings"] = warnings
    if isinstance(html, str) and html.strip():
        return read_html_bytes(html.encode("utf-8"), input=name, charset="utf-8", url=meta.url,
                               format="jsonl", meta=meta, time_budget=time_budget)
    raise InputError(name, "the 'text' (or 'html') field is empty")


MAX_DEPTH = 64
"""Deepest nesting of arrays and objects a JSON line may have (deeper lines fail as ``PATH:LINE``)."""


def _depth_ok(obj: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether ``obj`` nests at most ``limit`` arrays/objects deep (iterative: never recurses)."""
    stack = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return False
            children = value.values() if isinstance(value, dict) else value
            stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return True


def _loads(data: bytes) -> Any:
    """``json.loads`` that turns too-deep nesting into a ``ValueError``-like :class:`_TooDeep`."""
    try:
        obj = json.loads(data)
    except RecursionError:
        raise _TooDeep from None
    if not _depth_ok(obj):
        raise _TooDeep
    return obj


class _TooDeep(Exception):
    reason = f"JSON nested too deeply (over {MAX_DEPTH} levels)"


def _json_error(exc: ValueError) -> str:
    if not isinstance(exc, json.JSONDecodeError):  # a number of over 4,300 digits, …: no position
        return f"invalid JSON ({str(exc).split(';')[0]})"
    msg = exc.msg.removesuffix(" at")  # "Invalid control character at" would read "at at column"
    return f"invalid JSON ({msg} at column {exc.colno})"


def _line_name(path: str, lineno: int, obj: Any) -> str:
    if isinstance(obj, dict) and isinstance(obj.get("id"), str | int) and str(obj["id"]).strip():
        return f"{path}#{repair_surrogates(str(obj['id']))[0]}"
    return f"{path}:{lineno}"


def _read_line(stream, max_bytes: int) -> tuple[bytes, bool]:
    """One line of at most ``max_bytes``; returns (line, too_long) and skips the rest of a long line."""
    line = stream.readline(max_bytes + 1)
    if len(line) <= max_bytes or line.endswith(b"\n"):
        return line, False
    while True:  # drain the overlong line without holding it
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return b"x", True


def _skip_blank_lines(stream) -> int:
    """Consume a run of blank lines in bulk (a flood of newlines would otherwise cost one Python
    loop turn each, about a minute per 100 MB); returns how many line ends were skipped. The
    leading spaces of the next non-blank line are left for it."""
    peek = getattr(stream, "peek", None)
    if peek is None:
        return 0
    skipped = 0
    while True:
        buf = peek(1 << 16)
        if not buf:
            return skipped
        n = len(buf) - len(buf.lstrip(b" \t\r\n"))
        if n < len(buf):  # the run ends in this buffer: skip up to its last line end
            cut = buf.rfind(b"\n", 0, n) + 1
            if cut:
                stream.read(cut)
                skipped += buf.count(b"\n", 0, cut)
            return skipped
        stream.read(n)
        skipped += buf.count(b"\n", 0, n)


def read_jsonl(opened: Opened, max_bytes: int, time_budget: float | None = None
               ) -> Iterator[Document | InputError]:
    """Yield a document per line (an error naming ``PATH:LINE`` for a bad one), streaming the file."""
    stream, path = opened.stream, opened.name
    lineno = 0
    first = True
    while True:
        line, too_long = _read_line(stream, max_bytes)
        if not line:
            break
        lineno += 1
        if too_long:
            yield InputError(f"{path}:{lineno}", f"line too long: over the limit of {max_bytes / 1e6:.1f} MB")
            continue
        if first:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            lineno += _skip_blank_lines(stream)
            continue
        try:
            obj = _loads(line)
        except _TooDeep as exc:
            first = False
            yield InputError(f"{path}:{lineno}", exc.reason)
            continue
        except UnicodeDecodeError:
            first = False
            yield InputError(f"{path}:{lineno}", "not UTF-8 text")
            continue
        except ValueError as exc:
            if first and _opens_multiline(line):  # perhaps one JSON document over several lines
                yield from _read_whole(line, opened, max_bytes, time_budget)
                return
            first = False
            yield InputError(f"{path}:{lineno}", _json_error(exc))
            continue
        first = False
        items = obj if isinstance(obj, list) else [obj]
        if not items:
            yield InputError(f"{path}:{lineno}", "an empty JSON array: no article")
            continue
        for i, item in enumerate(items):
            name = _line_name(path, lineno, item) if len(items) == 1 else f"{path}:{lineno}[{i}]"
            try:
                yield article_from_object(item, name, time_budget)
            except InputError as exc:
                yield exc
    damage = opened.damage()
    if damage:
        yield InputError(path, f"{damage} (read {lineno} lines before it)")
    elif lineno == 0:
        yield InputError(path, "empty input")


def _opens_multiline(line: bytes) -> bool:
    """Whether a first line that is not JSON by itself looks like the start of a JSON document spread
    over several lines: it opens an array or object that the line does not close (``[``, ``{``,
    ``[{"text": ...,``). A first line that is merely broken (``{broken``, ``{"text": "x"``\u2026 on one line
    followed by good lines) is read as a bad line, so the good lines after it are kept."""
    text = line.strip()
    if text in (b"[", b"{"):
        return True
    if not text.startswith((b"[", b"{")):
        return False
    return text.endswith((b",", b"[", b"{", b":"))


def _read_whole(start: bytes, opened: Opened, max_bytes: int, time_budget: float | None = None
                ) -> Iterator[Document | InputError]:
    rest = opened.stream.read(max_bytes + 1 - len(start))
    data = start + rest
    if len(data) > max_bytes:
        yield InputError(opened.name, f"too large: a JSON document over the limit of {max_bytes / 1e6:.1f} MB")
        return
    try:
        obj = _loads(data)
    except _TooDeep as exc:
        yield InputError(opened.name, exc.reason)
        return
    except UnicodeDecodeError:
        yield InputError(opened.name, "not UTF-8 text")
        return
    except ValueError as exc:
        where = f"{opened.name}:{exc.lineno}" if isinstance(exc, json.JSONDecodeError) else opened.name
        yield InputError(where, _json_error(exc))
        return
    items = obj if isinstance(obj, list) else [obj]
    if not items:
        yield InputError(opened.name, "an empty JSON array: no article")
        return
    for i, item in enumerate(items):
        name = opened.name if len(items) == 1 and not isinstance(obj, list) else f"{opened.name}[{i}]"
        try:
            yield article_from_object(item, name, time_budget)
        except InputError as exc:
            yield exc
