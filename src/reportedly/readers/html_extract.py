"""trafilatura's part: its settings, the lock around the lxml parsers it and htmldate share, the
interface and the cards set inside sentences removed before it runs, and its full extraction (fallback
extractors too) when the fast one lost the article.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

#: trafilatura and htmldate parse with one module-level lxml ``HTMLParser`` each, and lxml's
#: parsers must not be used by two threads at once (their error log, read by
#: :func:`.html_parse._parser_limits`, is shared too). Every use of them goes through this lock, so
#: pages read from several threads (the web UI, a program's own threads) give the same records as one
#: by one.
_LXML_LOCK = threading.RLock()

#: trafilatura settings: its own extraction without the fallback extractors, leaning to recall.
#: On the extraction benchmark's dev pages this beats trafilatura's defaults (see ``bench``).
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "fast": True,
    "favor_recall": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "deduplicate": False,
}

#: A line of prose: this many words or more, or this many characters (Chinese and Japanese have no
#: spaces between words).
_PROSE_WORDS = 10
_PROSE_LEN = 80


def _page_prose(tree: HtmlElement) -> int:
    """Characters of the page's runs of prose (scripts and styles aside): how much running text the
    page has, whatever its markup."""
    total = 0
    for el in tree.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        for t in ((el.text if tag not in _NOT_TEXT else None), el.tail):
            if t and len(t) >= 50 and (t.count(" ") >= _PROSE_WORDS or len(t.strip()) >= _PROSE_LEN):
                total += len(t.strip())
    return total


_NOT_TEXT = frozenset(("script", "style", "noscript", "template", "head"))


def _visible_text(tree: HtmlElement) -> int:
    """Characters of the page's text outside scripts and styles (menus and all)."""
    return len(tree.text_content()) - sum(len(el.text_content()) for el in tree.iter(*_NOT_TEXT))


def _prose_chars(text: str) -> int:
    """Characters of ``text`` in lines of prose (menus have none)."""
    return sum(len(line) for line in text.split("\n") if line.count(" ") >= _PROSE_WORDS - 1 or len(line) >= _PROSE_LEN)


#: The fast extraction is checked again with trafilatura's full one (its fallback extractors too)
#: when it is shorter than this share of the page's running text (a copyright notice and an app
#: promotion taken for a long article), or when less than this share of it is prose (the site's
#: menus); the full extraction is taken when it holds this many times more prose.
_THIN = 0.12
_MENU = 0.3
_FULLER = 1.5


def _fuller_extraction(tree: HtmlElement, url: str | None, body: str) -> Any:
    """trafilatura's full extraction when the fast one lost the article and the full one finds much
    more prose; else ``None``."""
    prose = _prose_chars(body)
    if prose >= _MENU * len(body) and (len(body) >= _THIN * _visible_text(tree)  # cheap, and at least the prose
                                       or len(body) >= _THIN * _page_prose(tree)):
        return None
    options = {**TRAFILATURA_OPTIONS, "fast": False, "favor_recall": False}
    found = trafilatura.bare_extraction(tree, url=url, with_metadata=True, **options)
    if found is None or isinstance(found, dict) or not (found.text or "").strip():
        return None
    return found if _prose_chars(found.text or "") >= _FULLER * max(prose, 1) else None


#: ARIA roles of a page's interface, never of its article: a video player's dialogs, menus, toolbars.
_INTERFACE_ROLES = frozenset("dialog alertdialog menu menubar toolbar navigation search tablist".split())


def _drop_interface(tree: HtmlElement) -> None:
    """Remove what the page marks as interface rather than content: elements with an interface role
    (a player's "This is a modal window" dialog, menus, toolbars) or ``aria-modal``, and elements hidden
    from screen readers (``aria-hidden``) that hold no paragraph of prose."""
    doomed = []
    for el in tree.xpath("//*[@role or @aria-modal or @aria-hidden]"):
        role = (el.get("role") or "").strip().lower()
        if role in _INTERFACE_ROLES or (el.get("aria-modal") or "").lower() == "true":
            doomed.append(el)
        elif (el.get("aria-hidden") or "").lower() == "true" and el.tag not in ("html", "body") and not any(
                len(p.text_content()) >= 120 for p in el.iter("p")):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


#: A card set inside a sentence holds a picture and at least this many links after it; the paragraph
#: around it keeps at least this many words of its own.
_CARD_LINKS = 2
_CARD_SENTENCE = 3
_WORD = re.compile(r"\w")


def _is_card(el: HtmlElement, img: HtmlElement) -> bool:
    """Whether ``el`` opens with the picture ``img`` and holds nothing after it but two or more links
    (with punctuation between them)."""
    seen = False
    links = 0
    in_link = 0
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node is img:
                seen = True
            if node.tag == "a":
                in_link += 1
                links += seen
            texts = [node.text] if isinstance(node.tag, str) else []
        else:
            in_link -= node.tag == "a"
            texts = [node.tail] if node is not el else []
        for t in texts:
            if t and _WORD.search(t) and (not seen or not in_link):
                return False  # words before the picture, or words after it that are no link's
    return seen and links >= _CARD_LINKS


def _drop_cards(tree: HtmlElement) -> None:
    """Remove the cards a page sets inside its sentences: a "hover card" after a person's name (a
    portrait, then links to the person's page and recent stories) is read by the extractor as words of
    the sentence. A card is the largest element inside a paragraph (``p``) that opens with a picture
    and holds nothing after it but two or more links, when the paragraph has words of its own."""
    doomed = []
    for img in tree.iter("img"):
        para = next(img.iterancestors("p"), None)
        if para is None:
            continue
        card = None
        el = img.getparent()
        while el is not None and el is not para:
            if _is_card(el, img):
                card = el
            el = el.getparent()
        if card is not None and card not in doomed:
            rest = len(para.text_content().split()) - len(card.text_content().split())
            if rest >= _CARD_SENTENCE:
                doomed.append(card)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _extract_body(tree: HtmlElement, html: str, url: str | None) -> tuple[Any, str, str]:
    """trafilatura's extraction: ``(its result, or None; the body's text; the method)``.

    The fast extraction, or the full one where :func:`_fuller_extraction` finds the fast one lost the
    article; when neither holds any text, all the page's text, so that the document is not lost.
    """
    found = trafilatura.bare_extraction(tree, url=url, with_metadata=True, **TRAFILATURA_OPTIONS)
    extracted = None if isinstance(found, dict) else found  # a dict only with as_dict=True
    method = "trafilatura"
    body_text = extracted.text if extracted is not None else ""
    fuller = _fuller_extraction(tree, url, body_text or "")
    if fuller is not None:
        extracted, body_text, method = fuller, fuller.text, "trafilatura-full"
    if not (body_text or "").strip():
        # No article found: fall back to all the page's text so the document is not lost.
        body_text = trafilatura.html2txt(html) or ""
        method = "all-text"
    return extracted, body_text or "", method
