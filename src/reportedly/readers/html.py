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
"""

from __future__ import annotations

import html as html_lib
import json
import re
import threading
import unicodedata
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from ..budget import TimeBudgetError, within
from ..clean.authors import agency, pick_authors
from ..clean.dates import build_stamped
from ..clean.furniture import furniture_kind, wire_dateline
from ..clean.metadata import best_date, detect_language, pick_title
from ..clean.vocab import CAPTION_CREDIT, CAPTION_PAREN
from ..document import Document, Metadata
from ..errors import InputError
from ..settings import get_settings
from .detect import bom_encoding
from .text import UTF8_MULTI, decode_text, repair_utf8, replace_nuls

#: trafilatura and htmldate parse with one module-level lxml ``HTMLParser`` each, and lxml's
#: parsers must not be used by two threads at once (their error log, read by
#: :func:`_parser_limits`, is shared too). Every use of them goes through this lock, so pages read
#: from several threads (the web UI, a program's own threads) give the same records as one by one.
_LXML_LOCK = threading.RLock()

#: Version of the HTML extraction recipe (settings and text layout), stored in ``meta.extra``.
#: 1.1: furniture, slug, teaser and caption layers; subheadings marked; the article's picture
#: captions after the body. 1.2: "Contributing: …" credit lines are furniture. 1.3: trafilatura's full
#: extraction when the fast one is far thinner than the page's text or mostly menus; the lead paragraph
#: stays in the body; credit lines to ``credit``; interface text (ARIA roles), link lists, breadcrumbs,
#: galleries and fact lists left out; text in Unicode NFC; build stamps never the date; a byline naming
#: more authors than the structured data gives all of them.
EXTRACTOR_VERSION = "1.3"

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

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d")

#: Meta tags and schema.org properties that carry a publication timestamp, most specific first.
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "date",
)


def decode_html(data: bytes, input: str, charset: str | None = None) -> tuple[str, str]:
    """Decode an HTML page: byte-order mark, then the declared charset, then detection."""
    if not data.strip():
        raise InputError(input, "empty input")
    if bom_encoding(data):
        return decode_text(data, input)
    declared = [charset] if charset else []
    m = _META_CHARSET.search(data[:8192])
    if m:
        declared.append(m.group(1).decode("ascii", "ignore"))
    for enc in declared:
        try:
            return data.decode(enc), enc.lower()
        except (UnicodeDecodeError, LookupError):
            continue
    if declared and _is_utf8(declared[0]) and UTF8_MULTI.search(data):
        return _repaired(data)  # declared UTF-8, and UTF-8 it is, with stray bytes
    try:
        return decode_text(data, input)
    except InputError as exc:
        # A page is extracted, not quoted byte for byte: a few damaged bytes are replaced (and
        # reported as a warning) rather than losing the page. Binary data is still refused.
        if exc.reason.startswith("binary") or exc.reason.startswith("empty"):
            raise
        if exc.reason.startswith("invalid UTF-8") and all(_is_utf8(e) for e in declared):
            return _repaired(data)
        for enc in [*declared, "utf-8"]:
            try:
                return data.decode(enc, errors="replace"), enc.lower() + _REPLACED
            except LookupError:
                continue
        raise


#: Appended to the encoding :func:`decode_html` reports when it replaced bytes that did not decode.
_REPLACED = " (damaged bytes replaced)"
#: Appended (with ``COUNT:OFFSET``) when it read stray bytes of a UTF-8 page as Windows-1252.
_REPAIRED = " (stray bytes as cp1252) "


def _is_utf8(name: str) -> bool:
    return name.strip().lower().replace("_", "-") in ("utf-8", "utf8")


def _repaired(data: bytes) -> tuple[str, str]:
    """UTF-8 with stray Windows-1252 bytes (a page pasted together from both), read as text files are:
    each stray byte as its Windows-1252 character, one character per byte."""
    text, count, first = repair_utf8(data)
    return text, f"utf-8{_REPAIRED}{count}:{first}"


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


def _build_stamp_only(html: str, day: str) -> bool:
    """Whether every place the page writes ``day`` (``YYYY-MM-DD``, also with ``/`` or ``.``) is a build
    or deployment stamp ("dt: 2019-11-14")."""
    if not _ISO_DAY.match(day):
        return False
    forms = {day, day.replace("-", "/"), day.replace("-", ".")}
    places = [m.start() for form in forms for m in re.finditer(re.escape(form), html)]
    return bool(places) and all(build_stamped(html, at) for at in places)


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d$")


def _nfc(text: str) -> str:
    """``text`` in Unicode normal form C (composed characters), the form of every HTML document's text."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _ld_nodes(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page (top-level items and ``@graph`` members)."""
    nodes: list[dict[str, Any]] = []
    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in (script.get("type") or "") or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                graph = item.get("@graph")
                graph = graph if isinstance(graph, list) else [graph]  # a number or one object too
                nodes.extend(n for n in [item, *graph] if isinstance(n, dict))
    return nodes


_ARTICLE_TYPES = ("article", "posting", "report", "review", "webpage", "claimreview")


def _ld_type(node: dict[str, Any]) -> str:
    t = node.get("@type")
    return " ".join(str(x) for x in t) if isinstance(t, list) else str(t or "")


def _ld_names(value: Any, by_id: dict[str, dict[str, Any]], persons_only: bool = False) -> list[str]:
    """Names in a JSON-LD ``author`` (or ``publisher``) value: strings, objects, lists, ``@id`` references."""
    out: list[str] = []
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            if "name" not in v and isinstance(v.get("@id"), str):
                v = by_id.get(v["@id"], v)
            kind = _ld_type(v).lower()
            name = v.get("name")
            if isinstance(name, list):
                name = " ".join(str(x) for x in name)
            if not isinstance(name, str) or not name.strip():
                continue
            if persons_only and "organization" in kind and not agency(name):
                continue  # the outlet itself as author: not a byline
            out.append(html_lib.unescape(name))
    return out


def _meta_values(tree: HtmlElement) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = (meta.get("content") or "").strip()
        if key and value:
            out.setdefault(key, []).append(value)
    return out


#: Meta tags that name an article's authors (values that are URLs are profile links and are skipped).
_AUTHOR_META = ("author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator",
                "dcterms.creator", "citation_author", "twitter:creator:name")


def _page_facts(tree: HtmlElement) -> dict[str, Any]:
    """What the page's markup states about itself: language, timestamps, authors, headlines, site, URL."""
    facts: dict[str, Any] = {}
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for meta in tree.iterfind(".//meta[@http-equiv]"):
            if (meta.get("http-equiv") or "").lower() == "content-language" and meta.get("content"):
                lang = meta.get("content")
                break
    metas = _meta_values(tree)
    if not lang and metas.get("og:locale"):
        lang = metas["og:locale"][0]
    if lang and lang.strip():
        facts["language"] = lang.strip().split(",")[0].strip().replace("_", "-")
    nodes = _ld_nodes(tree)
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    articles = [n for n in nodes if any(t in _ld_type(n).lower() for t in _ARTICLE_TYPES)]
    articles.sort(key=lambda n: "webpage" in _ld_type(n).lower())  # the article before its page
    stamps: list[str] = []
    ld_authors: list[str] = []
    headlines: list[str] = []
    publishers: list[str] = []
    for node in articles:
        if isinstance(node.get("datePublished"), str):
            stamps.append(node["datePublished"].strip())
        if not ld_authors and node.get("author"):
            ld_authors = _ld_names(node["author"], by_id, persons_only=True)
        if isinstance(node.get("headline"), str) and node["headline"].strip():
            headlines.append(html_lib.unescape(node["headline"]).strip())
        if node.get("publisher"):
            publishers.extend(_ld_names(node["publisher"], by_id))
    for key in _DATE_META:
        stamps.extend(metas.get(key, []))
    facts["stamps"] = stamps
    facts["ld_authors"] = ld_authors
    facts["meta_authors"] = [v for k in _AUTHOR_META for v in metas.get(k, []) if not _URLISH.match(v)]
    facts["headlines"] = headlines + metas.get("og:title", []) + metas.get("twitter:title", [])
    facts["h1"] = [t for t in (_SPACE.sub(" ", h.text_content()).strip() for h in tree.iter("h1")) if t][:3]
    title_el = tree.find(".//title")
    facts["page_title"] = _SPACE.sub(" ", title_el.text_content()).strip() if title_el is not None else ""
    facts["sitenames"] = [s for s in metas.get("og:site_name", []) + publishers + metas.get("application-name", [])
                          if s and not _URLISH.match(s)]
    canonical = None
    for link in tree.iterfind(".//link[@rel]"):
        if (link.get("rel") or "").strip().lower() == "canonical" and (link.get("href") or "").startswith("http"):
            canonical = link.get("href").strip()
            break
    facts["url"] = canonical or next((u for u in metas.get("og:url", []) if u.startswith("http")), None)
    return facts


_URLISH = re.compile(r"^(?:https?://|www\.|//)", re.IGNORECASE)
#: The layer each kind of furniture line goes to (the rest: ``boilerplate``).
_FURNITURE_LAYER = {"slug": "slug", "pointer": "teaser", "caption": "caption", "byline": "byline",
                    "contributors": "credit"}
#: The headline repeated among the body's first lines is taken out with what the extractor kept above it.
_HEAD_WITHIN = 6

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
    groups = _chunk_groups(tree)
    headings, paragraph_els, figcaptions = _blocks(tree)
    _drop_interface(tree)
    anchors = _anchor_texts(tree)
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
    lines = [_SPACE.sub(" ", line).strip() for line in (body_text or "").split("\n")]
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
    if container is not None:
        # Captions of the article's pictures, which the extractor leaves out, follow the body.
        have = {_norm(chunk) for _, chunk in parts}
        for cap in _article_captions(container, figcaptions):
            if _norm(cap) not in have:
                have.add(_norm(cap))
                parts.append(("caption", cap))
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
    text = "".join(text_chunks)

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
