"""HTML pages: trafilatura finds the article body and the page's metadata, htmldate its date.

The document's text is built from what was extracted: the headline, the standfirst (when the
page has one that the body does not repeat), then the body paragraphs, separated by blank lines,
then the captions of the article's pictures. An article split over several containers is rejoined
and posts it embeds (a quoted tweet) put back in place when the extractor left them out. Lines
that are page furniture (:mod:`reportedly.clean.furniture`) stay in the text but leave the body:
wire slugs to ``slug``, pointers to other stories to ``teaser``, picture captions to ``caption``,
"Posted by" lines to ``byline``, the rest to ``boilerplate``; a wire dateline opening the first
paragraph is tagged ``dateline`` and subheadings (``h2``–``h6``) are marked ``subheading`` while
staying in the body. The ``title``, ``standfirst`` and ``paragraph`` layers and these are spans into
that text, so the structure component leaves an HTML document as the reader made it.

:func:`extract_html` runs the steps in order; their parts live beside it: ``html_decode`` (bytes to
text), ``html_parse`` (parsing within the work budget, warnings), ``html_facts`` (what the markup says
about the page), ``html_extract`` (trafilatura, its lock and fallbacks), ``html_article`` (the article's
containers, captions and embedded posts), ``html_furniture`` (link lists, galleries), ``html_layers``
(each line's layer, the text laid out) and ``html_text`` (the forms lines are compared in).
"""

from __future__ import annotations

import trafilatura
from lxml import etree

from ..budget import TimeBudgetError, within
from ..clean.authors import pick_authors
from ..clean.metadata import best_date, detect_language, pick_title
from ..document import Document, Metadata
from ..errors import InputError
from ..settings import get_settings
from .html_article import (
    _article_captions,
    _article_container,
    _blocks,
    _chunk_groups,
    _embedded_posts,
    _is_dek,
    _rejoin_chunks,
)
from .html_decode import _REPAIRED, _REPLACED, decode_html
from .html_extract import _LXML_LOCK, TRAFILATURA_OPTIONS, _drop_cards, _drop_interface, _extract_body
from .html_facts import _URLISH, _build_stamp_only, _page_facts
from .html_furniture import GALLERY_ITEMS, _anchor_texts
from .html_layers import _label_lines, _lay_out
from .html_parse import MAX_ATTRIBUTES, MAX_NESTING, _load_tree, html_warnings
from .html_text import _SPACE, _nfc, _norm
from .text import replace_nuls

__all__ = ["EXTRACTOR_VERSION", "GALLERY_ITEMS", "MAX_ATTRIBUTES", "MAX_NESTING", "TRAFILATURA_OPTIONS",
           "decode_html", "extract_html", "html_warnings", "read_html_bytes"]

#: Version of the HTML extraction recipe (settings and text layout), stored in ``meta.extra``.
#: 1.1: furniture, slug, teaser and caption layers; subheadings marked; the article's picture
#: captions after the body. 1.2: "Contributing: …" credit lines are furniture. 1.3: trafilatura's full
#: extraction when the fast one is far thinner than the page's text or mostly menus; the lead paragraph
#: stays in the body; credit lines to ``credit``; interface text (ARIA roles), link lists, breadcrumbs,
#: galleries and fact lists left out; text in Unicode NFC; build stamps never the date; a byline naming
#: more authors than the structured data gives all of them. 1.4: cards set inside a sentence (a hover
#: card after a person's name: a portrait and links to other stories) left out.
EXTRACTOR_VERSION = "1.4"
#: The headline repeated among the body's first lines is taken out with what the extractor kept above it.
_HEAD_WITHIN = 6


def extract_html(html: str, *, input: str, url: str | None = None, encoding: str | None = None,
                 format: str = "html", meta: Metadata | None = None) -> Document:
    """Extract the article from one HTML page into a document with structure layers.

    ``meta`` fields already set (by a JSONL line or a WARC record) win over what the page says.
    Raises :class:`InputError` when the page has no readable text at all.
    """
    tree, html, guarded = _load_tree(html)
    if tree is None:
        lost = [w for w in guarded if w.startswith("the HTML parser stopped")]
        raise InputError(input, "not parseable as HTML" + (f" ({lost[0]})" if lost else ""))
    warnings = html_warnings(html, getattr(trafilatura.utils, "HTML_PARSER", None)) + guarded
    facts = _page_facts(tree)
    _drop_cards(tree)
    groups = _chunk_groups(tree)
    headings, paragraph_els, figcaptions = _blocks(tree)
    _drop_interface(tree)
    anchors = _anchor_texts(tree)
    extracted, body_text, method = _extract_body(tree, html, url)
    lines = [_SPACE.sub(" ", line).strip() for line in body_text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        lost = [w for w in guarded if w.startswith("the HTML parser stopped")]
        raise InputError(input, lost[0].replace("; the text after that point is lost", ", and no text was read "
                                                "before it") if lost else "no readable text in the HTML page")
    container = None
    if method.startswith("trafilatura"):
        lines = _rejoin_chunks(lines, groups)
        container = _article_container(lines, paragraph_els)
        lines = _embedded_posts(lines, container)

    raw_title = ((extracted.title if extracted is not None else None) or "").strip() or None
    description = ((extracted.description if extracted is not None else None) or "").strip() or None
    page_url = (meta.url if meta else None) or facts.get("url") or url or (extracted.url if extracted is not None else None)
    site_names = [x for x in [meta.sitename if meta else None, *facts["sitenames"],
                              extracted.sitename if extracted is not None else None] if x]
    title = pick_title(facts["h1"], [*facts["headlines"], facts["page_title"], raw_title], site_names, page_url)
    heads = {_norm(t) for t in (title, raw_title, *facts["h1"][:1]) if t}
    above: list[str] = []
    at = max((n for n, line in enumerate(lines[:_HEAD_WITHIN]) if _norm(line) in heads), default=None)
    if at is not None and len(lines) > at + 1:
        # The headline repeated near the top of the body: it and what the extractor took from above it
        # (a kicker, a category, a teaser for another story) are not the article, when they are short.
        words = [len(line.split()) for line in lines]
        if sum(words[:at]) <= 0.2 * sum(words):
            above, lines = lines[:at], lines[at + 1 :]
    # A standfirst the extractor kept as the first paragraph (the page's description word for word)
    # goes to its own layer when an article follows it.
    lead_standfirst = bool(description and len(lines) >= 3 and _norm(lines[0]) == _norm(description)
                           and len(_norm(description).split()) >= 8 and _is_dek(tree, lines[0], lines[1:], paragraph_els))
    body_start = _norm(" ".join(lines[:3]))[:2000]
    standfirst = description
    if standfirst and (lead_standfirst or _norm(standfirst) in body_start
                       or (title and _norm(standfirst) == _norm(title))):
        standfirst = None

    parts: list[tuple[str, str]] = []
    if title:
        parts.append(("title", title))
    if standfirst:
        parts.append(("standfirst", standfirst))
    parts.extend(("boilerplate", line) for line in above)
    caption_keys = {_norm(t) for _, t in figcaptions} | heads  # a repeated headline is a caption too
    parts.extend(_label_lines(lines, tree, anchors, headings, caption_keys, lead_standfirst))
    if container is not None:
        # Captions of the article's pictures, which the extractor leaves out, follow the body.
        have = {_norm(chunk) for _, chunk in parts}
        for cap in _article_captions(container, figcaptions):
            if _norm(cap) not in have:
                have.add(_norm(cap))
                parts.append(("caption", cap))
    text, spans = _lay_out(parts)

    m = meta or Metadata()
    m.format = format if m.format in (None, "", "text") else m.format
    m.encoding = m.encoding or encoding
    m.url = m.url or page_url
    m.sitename = m.sitename or next((x for x in site_names if not _URLISH.match(x)), None)
    m.title = m.title or (_nfc(title) if title else title)
    m.description = m.description or (_nfc(description) if description else description)
    if not m.date:
        guessed = extracted.date if extracted is not None else None
        if guessed and not any(str(x).startswith(guessed[:10]) for x in facts["stamps"]) \
                and _build_stamp_only(html, guessed[:10]):
            guessed = None  # the day the site's software was built, not the article's
        m.date = best_date(facts["stamps"], guessed)
    if not m.authors:
        m.authors = [_nfc(a) for a in pick_authors([facts["ld_authors"], facts["meta_authors"],
                                                    [extracted.author] if extracted is not None and extracted.author else []],
                                                   not_names=site_names)]
    m.language = m.language or facts.get("language") or (extracted.language if extracted is not None else None)
    if not m.language:
        m.language = detect_language("\n".join(lines))
        if m.language:
            m.extra["language_detected"] = True
    m.extra.setdefault("extraction", {"method": method, "version": EXTRACTOR_VERSION})
    if warnings:
        m.extra.setdefault("warnings", []).extend(warnings)

    doc = Document(text, input=input, meta=m)
    for layer, start, end in spans:
        doc.add_span(layer, start, end)
    return doc


def read_html_bytes(data: bytes, *, input: str, charset: str | None = None, url: str | None = None,
                    format: str = "html", meta: Metadata | None = None, time_budget: float | None = None
                    ) -> Document:
    """Decode and extract one HTML page given as bytes, within ``time_budget`` seconds (default: the
    setting ``input.time_budget``); a page past it raises :class:`InputError`."""
    if time_budget is None:
        time_budget = float(get_settings().input.time_budget)
    try:
        return within(time_budget, "reading the HTML page", _read_html_bytes, data, input, charset, url,
                      format, meta)
    except TimeBudgetError as exc:
        raise InputError(input, str(exc)) from None


def _read_html_bytes(data: bytes, input: str, charset: str | None, url: str | None, format: str,
                     meta: Metadata | None) -> Document:
    html, enc = decode_html(data, input, charset)
    del data
    html, nuls = replace_nuls(html)  # as in text inputs: one U+FFFD for each NUL past the sniffed head
    replaced = enc.endswith(_REPLACED)
    enc = enc.removesuffix(_REPLACED)
    repaired = ""
    if _REPAIRED in enc:
        enc, _, counts = enc.partition(_REPAIRED)
        count, _, first = counts.partition(":")
        repaired = (f"invalid UTF-8: {count} byte{'s' if count != '1' else ''} read as Windows-1252 "
                    f"(the first at offset {first})")
    try:
        with _LXML_LOCK:
            doc = extract_html(html, input=input, url=url, encoding=enc, format=format, meta=meta)
    except (etree.LxmlError, ValueError) as exc:
        raise InputError(input, f"not parseable as HTML ({exc})") from None
    if repaired:
        doc.meta.extra.setdefault("warnings", []).insert(0, repaired)
    if replaced:
        what = "UTF-8" if enc.replace("_", "-") in ("utf-8", "utf8") else enc
        doc.meta.extra.setdefault("warnings", []).insert(0, f"invalid {what} bytes replaced with U+FFFD")
    if nuls:
        doc.meta.extra.setdefault("warnings", []).append(
            f"{nuls} NUL character{'s' if nuls != 1 else ''} replaced with U+FFFD")
    return doc
