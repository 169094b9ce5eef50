"""Building an HTML document's layers: each extracted line's layer, and the text laid out from them.

:func:`_label_lines` gives every line of the body the layer it goes to (``paragraph``, ``subheading``,
or a furniture layer: what :func:`reportedly.clean.furniture.furniture_kind` and the page's links,
galleries and captions say it is); :func:`_lay_out` joins the labelled chunks with blank lines into
the document's text, in Unicode normal form C, with a span per chunk and the wire dateline opening the
first paragraph.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from ..clean.furniture import furniture_kind, wire_dateline
from ..clean.vocab import CAPTION_CREDIT, CAPTION_PAREN
from .html_furniture import _FURNITURE_LAYER, _gallery_runs, _link_box_head, _link_runs
from .html_text import _nfc, _norm


def _label_lines(lines: list[str], tree: HtmlElement, anchors: set[str], headings: set[str],
                 caption_keys: set[str], lead_standfirst: bool) -> list[tuple[str, str]]:
    """``(layer, line)`` for each of the body's lines: furniture to its layer, a picture's caption the
    extractor kept to ``caption``, a short heading to ``subheading``, the rest to ``paragraph``; the
    first line to ``standfirst`` when ``lead_standfirst``."""
    parts: list[tuple[str, str]] = []
    pointer = False
    linked = _link_runs(lines, anchors, headings)
    linked.update(_gallery_runs(lines, tree))
    if lines and _link_box_head(tree, lines[-1]):
        linked[len(lines) - 1] = "pointer"
    for n, line in enumerate(lines):
        if n == 0 and lead_standfirst:
            parts.append(("standfirst", line))
            continue
        kind = furniture_kind(line) or linked.get(n)
        if kind is None and pointer and line[:2] in ("- ", "• ", "· ") and len(line.split()) <= 20:
            kind = "pointer"  # the list of links under "Related:"
        pointer = kind == "pointer"
        n_words = len(line.split())
        if kind is None and n_words <= 60 and (_norm(line) in caption_keys or CAPTION_CREDIT.search(line.lower())
                                                 or CAPTION_PAREN.search(line.lower())):
            kind = "caption"  # a picture's caption the extractor kept in the text
        if kind is None:
            layer = "subheading" if n_words <= 15 and _norm(line) in headings else "paragraph"
        else:
            layer = _FURNITURE_LAYER.get(kind, "boilerplate")
        parts.append((layer, line))
    return parts


def _lay_out(parts: list[tuple[str, str]]) -> tuple[str, list[tuple[str, int, int]]]:
    """The document's text (the chunks in Unicode normal form C, joined by blank lines) and the
    ``(layer, start, end)`` spans of its chunks; a subheading is a paragraph marked as one, and a wire
    dateline opening the first paragraph is a ``dateline``."""
    # One form for every accented letter: a page may write "ü" as "u" and a combining mark.
    parts = [(layer, _nfc(chunk)) for layer, chunk in parts]
    text_chunks: list[str] = []
    spans: list[tuple[str, int, int]] = []
    pos = 0
    dateline_done = False
    for layer, chunk in parts:
        if text_chunks:
            text_chunks.append("\n\n")
            pos += 2
        if layer == "subheading":  # a subheading is part of the body, and marked as one
            spans.append(("subheading", pos, pos + len(chunk)))
            layer = "paragraph"
        spans.append((layer, pos, pos + len(chunk)))
        if layer == "paragraph" and not dateline_done:
            dateline_done = True
            n = wire_dateline(chunk)
            if n:
                spans.append(("dateline", pos, pos + len(chunk[:n].rstrip())))
        text_chunks.append(chunk)
        pos += len(chunk)
    return "".join(text_chunks), spans
