"""The article as the page holds it, matched against what was extracted: an article split over several
containers rejoined, the element that holds its paragraphs, the captions of its pictures, the posts it
embeds, and whether a first line is a standfirst set apart from its paragraphs.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from ..clean.furniture import furniture_kind
from .html_text import _SPACE, _norm


def _chunk_groups(tree: HtmlElement) -> list[list[list[str]]]:
    """Article bodies split into several containers of one kind (ads between them): for each
    ``(tag, class)`` shared by two or more paragraph containers, the paragraphs of each, in order."""
    groups: dict[tuple[str, str], dict[int, list[str]]] = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        cls = parent.get("class") if parent is not None else None
        if not cls:
            continue
        text = _SPACE.sub(" ", p.text_content()).strip()
        if text:
            groups.setdefault((parent.tag, cls), {}).setdefault(id(parent), []).append(text)
    return [list(g.values()) for g in groups.values() if len(g) >= 2]


def _rejoin_chunks(lines: list[str], groups: list[list[list[str]]]) -> list[str]:
    """Add the containers of a split article body that the extractor left out, in page order."""
    if not groups:
        return lines
    norms = [_norm(x) for x in lines]
    joined = "\n".join(norms)

    def where(texts: list[str]) -> list[int]:
        keys = [_norm(t)[:60] for t in texts if len(t) >= 40]
        return [i for i, n in enumerate(norms) for k in keys[:1] + keys[-1:] if k and k in n]

    for group in groups:
        present = [any(_norm(t)[:60] in joined for t in texts if len(t) >= 40) for texts in group]
        if not any(present) or all(present):
            continue
        out = list(lines)
        added = 0
        for n, texts in enumerate(group):
            words = sum(len(t.split()) for t in texts)
            if present[n] or len(texts) < 2 or words < 40:
                continue
            before = [i for m in range(n - 1, -1, -1) if present[m] for i in where(group[m])][:1]
            after = [i for m in range(n + 1, len(group)) if present[m] for i in where(group[m])][:1]
            if before:
                last = max(i for m in range(n) if present[m] for i in where(group[m]))
                at = last + 1 + added
            elif after:
                at = min(after) + added
            else:
                continue
            new = [t for t in texts if furniture_kind(t) is None]
            out[at:at] = new
            added += len(new)
        lines = out
        norms = [_norm(x) for x in lines]
        joined = "\n".join(norms)
    return lines


#: Longest heading (in characters) that counts as a subheading of the article.
_MAX_HEADING = 200


def _blocks(tree: HtmlElement) -> tuple[set[str], dict[str, HtmlElement], list[tuple[HtmlElement, str]]]:
    """Subheading texts (``h2``–``h6``), paragraph elements by text, and every picture caption
    (``figcaption``) with its text, in page order: what the extracted lines are matched against."""
    headings = set()
    for h in tree.iter("h2", "h3", "h4", "h5", "h6"):
        text = h.text_content()
        if len(text) <= _MAX_HEADING * 2:
            headings.add(_norm(text))
    paragraphs: dict[str, HtmlElement] = {}
    for el in tree.iter("p"):
        paragraphs.setdefault(_norm(el.text_content())[:80], el)
    captions = [(f, _SPACE.sub(" ", f.text_content()).strip()) for f in tree.iter("figcaption")]
    return headings, paragraphs, [(f, t) for f, t in captions if t]


def _article_container(lines: list[str], paragraphs: dict[str, HtmlElement]) -> HtmlElement | None:
    """The element that holds both the first and the last of the article's paragraphs (``None`` when
    that is the page's ``body``, which holds other stories too)."""
    keys = [_norm(x)[:80] for x in lines]
    first = next((paragraphs[k] for k in keys if k in paragraphs), None)
    last = next((paragraphs[k] for k in reversed(keys) if k in paragraphs), None)
    if first is None or last is None:
        return None
    above = set(first.iterancestors())
    container = first if first is last else next((a for a in last.iterancestors() if a in above), None)
    return None if container is None or container.tag in ("body", "html") else container


def _article_captions(container: HtmlElement | None, captions: list[tuple[HtmlElement, str]]) -> list[str]:
    """The captions (``figcaption``) of pictures inside the article's container."""
    if container is None:
        return []
    return [text for fig, text in captions if container in set(fig.iterancestors())]


#: Classes of an embedded social-media post ("twitter-tweet", "instagram-media", "tiktok-embed").
_EMBED_CLASS = re.compile(r"\b(?:twitter-tweet|instagram-media|tiktok-embed)\b")


def _embedded_posts(lines: list[str], container: HtmlElement | None) -> list[str]:
    """Add the posts embedded in the article (a tweet it quotes) that the extractor left out, each after
    the paragraph above it: their words are statements the article reports."""
    if container is None:
        return lines
    where = {_norm(x)[:80]: n for n, x in enumerate(lines)}
    inserts: list[tuple[int, list[str]]] = []
    after = None
    for el in container.iter("p", "blockquote"):
        if el.tag == "p":
            after = where.get(_norm(el.text_content())[:80], after)
            continue
        if after is None or not _EMBED_CLASS.search(el.get("class") or ""):
            continue
        paras = [_SPACE.sub(" ", p.text_content()).strip() for p in el.iter("p")]
        paras = [x for x in paras if x]
        rest = _SPACE.sub(" ", el.text_content()).strip()
        for x in paras:
            rest = rest.replace(x, "", 1).strip()
        post = [*paras, rest] if rest else paras
        if post and not any(_norm(x)[:80] in where for x in post):
            inserts.append((after, post))
    for at, post in reversed(inserts):
        lines[at + 1 : at + 1] = post
    return lines


def _element_of(tree: HtmlElement, line: str) -> HtmlElement | None:
    """The innermost element whose whole text is ``line``."""
    want = _norm(line)
    found = None
    for el in tree.iter("p", "h2", "h3", "h4", "div", "span", "section", "header"):
        text = el.text_content()
        if len(text) < len(line) * 3 and _norm(text) == want:
            found = el  # later matches are deeper (document order visits parents first)
    return found


def _is_dek(tree: HtmlElement, first: str, rest: list[str], paragraphs: dict[str, HtmlElement]) -> bool:
    """Whether ``first`` is a standfirst set apart from the article's paragraphs (not its lede).

    The lede is a paragraph (``p``), or anything inside the element that holds the article's other
    paragraphs; a standfirst sits in the page's ``header``, or is no paragraph at all (a heading, a
    ``div`` under the headline) outside the article's paragraphs.
    """
    a = _element_of(tree, first)
    if a is None:
        return True
    above = list(a.iterancestors())
    if any(x.tag == "header" for x in (a, *above)):
        return True
    if a.tag == "p":
        return False
    container = _article_container(rest, paragraphs)
    return container is None or container not in above
