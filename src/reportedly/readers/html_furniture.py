"""Extracted lines that are the page around the article: breadcrumbs and lists of links to other stories,
picture galleries, the heading of a box of links closing the body; and the layer each kind of
furniture line goes to.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from .html_article import _element_of
from .html_text import _SPACE, _norm

#: The layer each kind of furniture line goes to (the rest: ``boilerplate``).
_FURNITURE_LAYER = {"slug": "slug", "pointer": "teaser", "caption": "caption", "byline": "byline",
                    "contributors": "credit"}

_CRUMB_SEP = re.compile(r"\s*[›>»/|·•→]\s*")


def _anchor_texts(tree: HtmlElement) -> set[str]:
    """The texts of the page's links (normalised)."""
    return {t for t in (_norm(a.text_content()) for a in tree.iter("a")) if t}


def _link_runs(lines: list[str], anchors: set[str], headings: set[str]) -> dict[int, str]:
    """Lines that only point elsewhere: breadcrumbs (links joined by separators: "Home › News › World")
    and lists of other stories (two or more lines that are each the whole text of a link, in a row or
    with a blurb between each), with the heading above such a list."""
    out: dict[int, str] = {}
    is_link = [len(line.split()) >= 3 and _norm(line) in anchors for line in lines]
    for n, line in enumerate(lines):
        if len(line.split()) <= 15 and not is_link[n]:
            crumbs = [c for c in _CRUMB_SEP.split(line) if c]
            if len(crumbs) >= 2 and all(_norm(c) in anchors for c in crumbs) and _CRUMB_SEP.search(line):
                out[n] = "breadcrumb"
    n = 0
    while n < len(lines):
        if not is_link[n]:
            n += 1
            continue
        run = [n]
        k = n + 1
        while k < len(lines) and (is_link[k] or (k + 1 < len(lines) and is_link[k + 1] and len(lines[k].split()) <= 60)):
            if is_link[k]:
                run.append(k)
            k += 1
        if len(run) >= 2:
            end = run[-1]
            blurbs = run[-1] - run[0] + 1 > len(run)
            if blurbs and end + 1 < len(lines) and not is_link[end + 1] and len(lines[end + 1].split()) <= 40:
                end += 1  # the blurb under the last of them
            for m in range(run[0], end + 1):
                out[m] = "pointer"
            head = run[0] - 1
            if head >= 0 and len(lines[head].split()) <= 8 and _norm(lines[head]) in headings:
                out[head] = "pointer"
        n = max(k, n + 1)
    return out


#: A gallery: at least this many lines in a row that are each the text beside a picture, which is
#: at most this many characters.
GALLERY_ITEMS = 4
_PICTURE_TEXT = 300


def _picture_texts(tree: HtmlElement) -> set[str]:
    """The texts that sit with a picture (normalised): the text of a picture's nearest ancestor that
    has any, when it is as short as a caption, and every block of text in it."""
    out: set[str] = set()
    for img in tree.iter("img"):
        box = img.getparent()
        for _ in range(3):
            if box is None or box.tag in ("body", "html", "article", "main"):
                break
            raw = box.text_content()
            if len(raw) > 2 * _PICTURE_TEXT and raw.strip():
                break  # a container of more than a caption
            text = _norm(raw)
            if text:
                if len(text) <= _PICTURE_TEXT:  # a caption, not a container of the article
                    out.add(text)
                    out.update(t for t in (_norm(x.text_content()) for x in box.iter("p", "figcaption", "span", "div",
                                                                                     "h2", "h3", "h4")) if t)
                break
            box = box.getparent()
    return out


def _gallery_runs(lines: list[str], tree: HtmlElement) -> dict[int, str]:
    """Runs of :data:`GALLERY_ITEMS` or more lines that each go with a picture (a picture gallery's
    captions, the counters between them): captions, not the article."""
    out: dict[int, str] = {}
    short = [len(line) <= _PICTURE_TEXT for line in lines]
    if not any(all(short[n : n + GALLERY_ITEMS]) for n in range(len(lines) - GALLERY_ITEMS + 1)):
        return out  # no run of caption-sized lines: no gallery (and no need to read the pictures)
    pictured = _picture_texts(tree)
    n = 0
    while n < len(lines):
        k = n
        while k < len(lines) and _norm(lines[k]) in pictured:
            k += 1
        if k - n >= GALLERY_ITEMS:
            out.update((m, "caption") for m in range(n, k))
        n = max(k, n + 1)
    return out


def _link_box_head(tree: HtmlElement, line: str) -> bool:
    """Whether ``line`` (the body's last) heads a box that holds only links (the extractor kept the
    heading, "Further reading", and dropped the links under it)."""
    if len(line.split()) > 5 or line.rstrip().endswith(_SENTENCE_ENDS):
        return False
    el = _element_of(tree, line)
    box = el.getparent() if el is not None else None
    while box is not None and _norm(box.text_content()) == _norm(line):
        box = box.getparent()  # the heading's own wrappers
    if box is None or box.tag in ("body", "html"):
        return False
    rest = len(_SPACE.sub("", box.text_content())) - len(_SPACE.sub("", line))
    linked = sum(len(_SPACE.sub("", a.text_content())) for a in box.iter("a"))
    return rest > 0 and linked >= 0.9 * rest


_SENTENCE_ENDS = tuple(".!?…:;\"”’»)")
