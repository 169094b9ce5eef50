"""What a page's markup states about itself: language, timestamps, authors, headlines, site and URL,
read from its JSON-LD, meta tags, ``<title>``, ``h1`` and canonical link; and whether a date the
extractor found is only a build stamp.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from typing import Any

from lxml.html import HtmlElement

from ..clean.authors import agency
from ..clean.dates import build_stamped
from .html_text import _SPACE

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


def _build_stamp_only(html: str, day: str) -> bool:
    """Whether every place the page writes ``day`` (``YYYY-MM-DD``, also with ``/`` or ``.``) is a build
    or deployment stamp ("dt: 2019-11-14")."""
    if not _ISO_DAY.match(day):
        return False
    forms = {day, day.replace("-", "/"), day.replace("-", ".")}
    places = [m.start() for form in forms for m in re.finditer(re.escape(form), html)]
    return bool(places) and all(build_stamped(html, at) for at in places)


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d$")


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
