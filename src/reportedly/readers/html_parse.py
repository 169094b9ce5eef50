"""Parsing an HTML page within its work budget, and what was wrong with a page that could still be read.

An element with more attributes than :data:`MAX_ATTRIBUTES` loses them before parsing; a page nested
deeper than the parser allows is flattened below :data:`MAX_NESTING` and parsed again; every limit the
parser hit, a truncated page and mismatched end tags become warnings.
"""

from __future__ import annotations

import re
from typing import Any

import trafilatura
from lxml.html import HtmlElement

_CLOSING = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)


def html_warnings(html: str, parser: Any = None) -> list[str]:
    """What was wrong with a page that could still be read: truncation, mismatched tags.

    ``parser`` is the lxml parser that just parsed ``html``; its error log lists the end tags
    that closed nothing. Every well-formed page of the extraction benchmark passes without one.
    """
    out = []
    if not _CLOSING.search(html[-8192:]):
        out.append("HTML ends before </body> or </html> (truncated?); extracted what was there")
    log = getattr(parser, "error_log", None) or ()
    mismatched = sum(1 for e in log if e.type_name == "ERR_TAG_NAME_MISMATCH")
    if mismatched:
        out.append(f"malformed HTML ({mismatched} end tag{'s' if mismatched > 1 else ''} closing nothing); "
                   "extracted what the parser recovered")
    return out


#: The work budget of one page beyond its size (``input.max_bytes``) and time (``input.time_budget``).
#: lxml's parse time grows with the square of one element's attribute count (40,000 take 7 s), so an
#: element with more attributes than this keeps none of them; libxml2 stops building the tree 256
#: elements deep, so tags nested deeper than this are dropped and their text kept.
MAX_ATTRIBUTES = 1000
MAX_NESTING = 200

_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:_-]*)[^>]*>")
_ATTR = re.compile(r"""[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")
#: A tag with fewer characters than this cannot hold enough attributes to matter.
_LONG_TAG = 4000


def _strip_attribute_bombs(html: str) -> tuple[str, list[str]]:
    """Elements with more than :data:`MAX_ATTRIBUTES` attributes lose their attributes (one warning)."""
    hits: list[tuple[int, int, str, int]] = []
    for m in _TAG.finditer(html):
        if m.end() - m.start() < _LONG_TAG:
            continue
        n = sum(1 for _ in _ATTR.finditer(html, m.end(1), m.end() - 1))
        if n > MAX_ATTRIBUTES:
            hits.append((m.start(), m.end(), m.group(1), n))
    if not hits:
        return html, []
    out, pos = [], 0
    for start, end, name, _n in hits:
        out.append(html[pos:start])
        out.append(f"<{name}>")
        pos = end
    out.append(html[pos:])
    most = max(h[3] for h in hits)
    what = f"{len(hits)} elements" if len(hits) > 1 else "an element"
    return "".join(out), [f"{what} with more than {MAX_ATTRIBUTES:,} attributes (up to {most:,}): "
                          "their attributes were dropped"]


#: Elements that never nest (void) or that the parser closes by itself when the next one opens.
_FLAT = frozenset("area base br col embed hr img input link meta param source track wbr "
                  "p li dt dd tr td th option optgroup thead tbody tfoot colgroup rp rt".split())
_CLOSE_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9:_-]*)\s*>|<([A-Za-z][A-Za-z0-9:_-]*)[^>]*?(/?)>")


def _flatten_nesting(html: str) -> tuple[str, int]:
    """Tags opened more than :data:`MAX_NESTING` elements deep (and their end tags) removed, their text
    kept; returns the page and how many tags were removed. Linear in the page's size."""
    stack: list[str] = []
    dropped: dict[str, int] = {}
    removed = 0

    def sub(m: re.Match) -> str:
        nonlocal removed
        close, name, selfclosing = m.group(1), m.group(2), m.group(3)
        if close is not None:
            key = close.lower()
            if dropped.get(key):
                dropped[key] -= 1
                removed += 1
                return " "
            if key in stack[-MAX_NESTING:]:
                while stack and stack.pop() != key:
                    pass
            return m.group()
        key = name.lower()
        if key in _FLAT or selfclosing:
            return m.group()
        if len(stack) >= MAX_NESTING:
            dropped[key] = dropped.get(key, 0) + 1
            removed += 1
            return "<br>"  # a line break keeps blocks apart (and text nodes short)
        stack.append(key)
        return m.group()

    return _CLOSE_TAG.sub(sub, html), removed


def _parser_limits(parser: Any) -> list[str]:
    """libxml2's resource-limit errors from the last parse, in words ("Excessive depth", "Buffer size limit")."""
    log = getattr(parser, "error_log", None) or ()
    out = []
    for e in log:
        if e.type_name != "ERR_RESOURCE_LIMIT":
            continue
        msg = " ".join(e.message.split())
        if "depth" in msg.lower():
            out.append("depth")
        elif "buffer size" in msg.lower() or "huge" in msg.lower():
            out.append("a run of text longer than 10 MB without markup")
        else:
            out.append(msg.split(", try")[0].split(", use")[0].rstrip("."))
    return out


def _load_tree(html: str) -> tuple[HtmlElement | None, str, list[str]]:
    """Parse a page within its work budget: ``(tree, html as parsed, warnings)``.

    An attribute bomb is defused before parsing; a page nested past the parser's depth limit is
    flattened and parsed again (its text kept, with a warning); any other limit the parser hit
    (a text run over 10 MB) is reported, since the text after it is lost."""
    html, warnings = _strip_attribute_bombs(html)
    parser = getattr(trafilatura.utils, "HTML_PARSER", None)
    tree = trafilatura.utils.load_html(html)
    limits = _parser_limits(parser)
    if "depth" in limits:
        html, removed = _flatten_nesting(html)
        warnings.append(f"HTML nested deeper than {MAX_NESTING} elements: {removed:,} tags below that depth "
                        "were dropped and their text kept")
        tree = trafilatura.utils.load_html(html)
        limits = _parser_limits(parser)
    for limit in dict.fromkeys(limits):
        what = f"elements nested deeper than {MAX_NESTING}" if limit == "depth" else limit
        warnings.append(f"the HTML parser stopped at one of its limits ({what}); the text after that point is lost")
    return tree, html, warnings
